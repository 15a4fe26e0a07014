/** Counts calls in flight so that shutdown can wait for them to finish. */
import type { Interceptor } from "@connectrpc/connect";

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
      let res: Awaited<ReturnType<typeof next>>;
      try {
        res = await next(req);
      } catch (err) {
        done();
        throw err;
      }
      if (!res.stream) {
        done();
        return res;
      }
      const output = res.message;
      async function* tracked() {
        try {
          yield* output;
        } finally {
          done();
        }
      }
      return { ...res, message: tracked() };
    },
  };
}
