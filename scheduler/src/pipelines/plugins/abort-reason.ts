/** Tells a node's deadline from a cancellation when its AbortSignal fires. */
import { Code } from "@arbiter/core";

/**
 * True when the node ran out of time rather than being cancelled: its deadline (epoch ms) has
 * passed, or the signal was aborted with a timeout reason (AbortSignal.timeout's TimeoutError, or
 * an ArbiterError with DEADLINE_EXCEEDED) — executors may fire a hair before the clock agrees.
 */
export function isDeadlineAbort(signal: AbortSignal, deadline: number): boolean {
  if (Date.now() >= deadline) return true;
  if (!signal.aborted) return false;
  const reason = signal.reason as { name?: unknown; code?: unknown } | undefined;
  return reason?.name === "TimeoutError" || reason?.code === Code.DeadlineExceeded;
}
