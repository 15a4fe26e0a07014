import { MethodOptions_IdempotencyLevel } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";

/** How calls that are safe to repeat are retried. */
export interface RetryPolicy {
  /** Attempts in all, the first included; 1 turns retries off. */
  maxAttempts: number;
  /** Backoff before the second attempt; each later one doubles it, with jitter, up to `maxBackoffMs`. */
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** Status codes worth another attempt: the server was unreachable or shedding load. */
  retryableCodes: readonly Code[];
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  initialBackoffMs: 100,
  maxBackoffMs: 2_000,
  retryableCodes: [Code.Unavailable],
};

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });

/**
 * Retries unary calls the contract marks free of side effects (`idempotency_level =
 * NO_SIDE_EFFECTS` or `IDEMPOTENT`: reads, searches, inference) when they fail with a retryable
 * code — what gRPC's service-config retry policy does in the other languages' clients. Calls that
 * change state (register, decide, delete) are never repeated: a lost answer must not become a
 * second effect. The call's deadline still bounds every attempt together.
 */
export function retryIdempotent(policy: RetryPolicy = DEFAULT_RETRY_POLICY): Interceptor {
  return (next) => async (req) => {
    const safe =
      req.method.methodKind === "unary" &&
      (req.method.idempotency === MethodOptions_IdempotencyLevel.NO_SIDE_EFFECTS ||
        req.method.idempotency === MethodOptions_IdempotencyLevel.IDEMPOTENT);
    if (!safe || policy.maxAttempts <= 1) return next(req);
    let backoff = policy.initialBackoffMs;
    for (let attempt = 1; ; attempt++) {
      try {
        return await next(req);
      } catch (error) {
        const code = ConnectError.from(error).code;
        if (attempt >= policy.maxAttempts || !policy.retryableCodes.includes(code)) throw error;
      }
      await sleep(backoff * (0.5 + Math.random() / 2), req.signal);
      backoff = Math.min(backoff * 2, policy.maxBackoffMs);
    }
  };
}
