/**
 * Streams of independent requests (ModelStreamInfer, InferStream): each incoming request runs as
 * soon as it arrives, and its answer — a response or that request's error — is sent as soon as it
 * is ready, so one slow or failing request holds up neither the others nor the stream.
 */
import { ArbiterError, InternalError } from "@arbiter/core";

/**
 * Runs `handle` for every request of `requests` concurrently and yields `answer(result)` or
 * `failed(error)` in completion order; ends after the last request is answered.
 */
export async function* concurrentResponses<I, R, O>(
  requests: AsyncIterable<I>,
  handle: (request: I) => Promise<R>,
  answer: (result: R, request: I) => O,
  failed: (error: ArbiterError, request: I) => O,
): AsyncGenerator<O> {
  const ready: O[] = [];
  let wake: (() => void) | undefined;
  let pending = 0;
  let inputDone = false;
  let inputError: unknown;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const reader = (async () => {
    try {
      for await (const request of requests) {
        pending++;
        handle(request)
          .then(
            (result) => ready.push(answer(result, request)),
            (err: unknown) => ready.push(failed(err instanceof ArbiterError ? err : new InternalError(), request)),
          )
          .finally(() => {
            pending--;
            notify();
          });
      }
    } catch (err) {
      inputError = err;
    } finally {
      inputDone = true;
      notify();
    }
  })();
  for (;;) {
    while (ready.length > 0) yield ready.shift() as O;
    if (inputError !== undefined) throw inputError;
    if (inputDone && pending === 0) break;
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
  }
  await reader;
}
