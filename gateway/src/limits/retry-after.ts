/**
 * The `retry-after` header of a call refused for a limit: whole seconds, at least 1 (both HTTP's
 * Retry-After and what gRPC clients parse), from the wait the limit computed.
 */
import { ResourceExhaustedError } from "@arbiter/core";

/** Header name, lower case as HTTP/2 and gRPC metadata need it. */
export const RETRY_AFTER_HEADER = "retry-after";

/** Seconds a client should wait before retrying `err`, or undefined when it is not a limit that knows. */
export function retryAfterSeconds(err: unknown): number | undefined {
  if (!(err instanceof ResourceExhaustedError) || err.retryAfterMs === undefined) return undefined;
  return Math.max(1, Math.ceil(err.retryAfterMs / 1000));
}
