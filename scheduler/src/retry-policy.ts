/**
 * How durable work (task items, stream events) treats a failure: which failures a retry may cure,
 * how long to wait before the next attempt, and how the error is recorded for the dead letter.
 */
import { ArbiterError, Code, codeName } from "@arbiter/core";

/** Longest wait before a retry, whatever the attempt. */
const MAX_BACKOFF_MS = 60_000;

/** Codes that no retry changes: the work is dead-lettered at its first failure. */
const PERMANENT = new Set([
  Code.InvalidArgument,
  Code.NotFound,
  Code.FailedPrecondition,
  Code.OutOfRange,
  Code.Unimplemented,
  Code.PermissionDenied,
]);

/** True when work that failed with `err` would fail the same way again. */
export function isPermanent(err: unknown): boolean {
  return err instanceof ArbiterError && PERMANENT.has(err.code);
}

/** The error of failed work as it is recorded: its gRPC code name and message. */
export function describeFailure(err: unknown): string {
  if (err instanceof ArbiterError) return `${codeName(err.code)}: ${err.message}`;
  return `INTERNAL: ${err instanceof Error ? err.message : String(err)}`;
}

/** The delay before attempt `attempts + 1`: `baseMs` doubled per attempt made, at most 60 s. */
export function retryDelayMs(baseMs: number, attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attempts - 1));
}
