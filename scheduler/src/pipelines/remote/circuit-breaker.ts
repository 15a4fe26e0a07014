/**
 * A circuit breaker per remote endpoint (URL and model). After `threshold` consecutive failed
 * attempts the circuit opens: calls fail fast without touching the remote. Once `resetMs` has
 * passed, one trial call is let through (half-open); its success closes the circuit, its failure
 * opens it for another `resetMs`. Thresholds come from each call, so nodes sharing an endpoint may
 * configure them differently; the failure count is shared.
 */

/** The state a breaker reports. */
export type BreakerState = "closed" | "open" | "half-open";

/** What {@link CircuitBreaker.acquire} decided. */
export type BreakerPermit =
  | { readonly ok: true; readonly trial: boolean }
  | { readonly ok: false; readonly retryInMs: number; readonly failures: number };

/** One endpoint's breaker. `now` is in milliseconds (any monotonic-enough clock). */
export class CircuitBreaker {
  #failures = 0;
  #openedAt: number | undefined;
  #trialInFlight = false;

  /** Consecutive failed attempts so far. */
  get failures(): number {
    return this.#failures;
  }

  state(now: number, resetMs: number): BreakerState {
    if (this.#openedAt === undefined) return "closed";
    return now - this.#openedAt >= resetMs ? "half-open" : "open";
  }

  /** Whether an attempt may go out now; a granted trial must be ended with success, failure or release. */
  acquire(now: number, resetMs: number): BreakerPermit {
    if (this.#openedAt === undefined) return { ok: true, trial: false };
    const waited = now - this.#openedAt;
    if (waited < resetMs) return { ok: false, retryInMs: resetMs - waited, failures: this.#failures };
    if (this.#trialInFlight) return { ok: false, retryInMs: 0, failures: this.#failures };
    this.#trialInFlight = true;
    return { ok: true, trial: true };
  }

  /** The attempt reached a healthy remote: the circuit closes. */
  success(): void {
    this.#failures = 0;
    this.#openedAt = undefined;
    this.#trialInFlight = false;
  }

  /** The attempt failed: the circuit opens at `threshold` consecutive failures, or again after a failed trial. */
  failure(now: number, threshold: number, trial: boolean): void {
    this.#failures++;
    if (trial) this.#trialInFlight = false;
    if (trial || this.#failures >= threshold) this.#openedAt = now;
  }

  /** The attempt ended without telling anything about the remote (cancelled): a trial slot is freed. */
  release(trial: boolean): void {
    if (trial) this.#trialInFlight = false;
  }
}

/** Breakers keyed by endpoint, created on first use. */
export class CircuitBreakers {
  readonly #byKey = new Map<string, CircuitBreaker>();

  /** The breaker of `url` + `model`. */
  get(url: string, model: string): CircuitBreaker {
    const key = `${url}\u0000${model}`;
    let breaker = this.#byKey.get(key);
    if (breaker === undefined) {
      breaker = new CircuitBreaker();
      this.#byKey.set(key, breaker);
    }
    return breaker;
  }
}
