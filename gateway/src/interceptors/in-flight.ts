/** Counts calls in flight so that shutdown can wait for them to finish. */
import type { Interceptor } from "@connectrpc/connect";
import { onCallEnd } from "./call-end.ts";

export interface InFlightTracker {
  readonly count: number;
  /** Resolves when no call is in flight. */
  idle(): Promise<void>;
  /** Counts `work` while it runs (for calls served outside Connect). */
  track<T>(work: Promise<T>): Promise<T>;
  interceptor: Interceptor;
}

export function createInFlightTracker(): InFlightTracker {
  let count = 0;
  let waiters: Array<() => void> = [];
  const done = () => {
    count--;
    if (count === 0) {
      for (const w of waiters) w();
      waiters = [];
    }
  };
  return {
    get count() {
      return count;
    },
    idle: () => (count === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    track: (work) => {
      count++;
      return work.finally(done);
    },
    interceptor: (next) => async (req) => {
      count++;
      return onCallEnd(next, req, done);
    },
  };
}
