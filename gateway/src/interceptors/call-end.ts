/**
 * When a call ends, as an interceptor sees it: a unary call when its handler returns or throws, a
 * streaming one when its last response message has been sent, it fails, or its consumer stops.
 */
import type { Interceptor } from "@connectrpc/connect";

type Next = Parameters<Interceptor>[0];
type Request = Parameters<Next>[0];
type Response = Awaited<ReturnType<Next>>;

/** Runs the call through `next` and calls `ended` once when it is over. */
export async function onCallEnd(next: Next, req: Request, ended: () => void): Promise<Response> {
  let res: Response;
  try {
    res = await next(req);
  } catch (err) {
    ended();
    throw err;
  }
  if (!res.stream) {
    ended();
    return res;
  }
  const output = res.message;
  async function* followed() {
    try {
      yield* output;
    } finally {
      ended();
    }
  }
  return { ...res, message: followed() };
}
