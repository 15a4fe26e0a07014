/**
 * Waiting for runs without a thread wake-up on the fast path.
 *
 * A run executes on the session's worker thread. While runs are in flight, the JS thread checks
 * them once per event-loop turn (setImmediate: I/O keeps flowing in between), so a small model's
 * result is picked up within a microsecond or two instead of after a cross-thread wake-up. A run
 * still going after {@link POLL_BUDGET_MICROS} asks the addon to call back when it ends, and the
 * loop goes back to sleeping.
 */
import { type NativeOutput, native } from "./native.ts";

/** How long the JS thread polls a run before switching to a callback, in microseconds. */
export const POLL_BUDGET_MICROS = 1000;

interface Waiter {
  id: number;
  startedAt: number;
  resolve: (outputs: NativeOutput[]) => void;
  reject: (err: unknown) => void;
}

const polling = new Set<Waiter>();
const notified = new Map<number, Waiter>();
let scheduled = false;
let keepAlive: NodeJS.Timeout | undefined;

native.setCompletionCallback((id: number) => {
  const waiter = notified.get(id);
  if (waiter === undefined) return;
  notified.delete(id);
  updateKeepAlive();
  if (!settle(waiter)) {
    polling.add(waiter);
    schedule();
  }
});

/** The addon's callback does not keep the process alive; this timer does while runs wait on it. */
function updateKeepAlive(): void {
  if (notified.size > 0 && keepAlive === undefined) keepAlive = setInterval(() => {}, 1 << 30);
  else if (notified.size === 0 && keepAlive !== undefined) {
    clearInterval(keepAlive);
    keepAlive = undefined;
  }
}

/** Polls once; true when the waiter is settled. */
function settle(w: Waiter): boolean {
  let outputs: NativeOutput[] | null;
  try {
    outputs = native.pollRun(w.id);
  } catch (err) {
    w.reject(err);
    return true;
  }
  if (outputs === null) return false;
  w.resolve(outputs);
  return true;
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setImmediate(tick);
}

function tick(): void {
  scheduled = false;
  const now = performance.now();
  for (const w of polling) {
    if (settle(w)) {
      polling.delete(w);
    } else if ((now - w.startedAt) * 1000 > POLL_BUDGET_MICROS) {
      polling.delete(w);
      if (native.notifyWhenDone(w.id)) {
        notified.set(w.id, w);
        updateKeepAlive();
      } else if (!settle(w)) {
        // No callback registered (cannot happen once loaded) — keep polling.
        w.startedAt = Number.POSITIVE_INFINITY;
        polling.add(w);
      }
    }
  }
  if (polling.size > 0) schedule();
}

/** Resolves with the run's outputs (or rejects with the addon's raw error). */
export function awaitRun(id: number): Promise<NativeOutput[]> {
  return new Promise((resolve, reject) => {
    polling.add({ id, startedAt: performance.now(), resolve, reject });
    schedule();
  });
}
