/**
 * A token bucket: `burst` tokens at most, refilled continuously at `ratePerSecond`; each request
 * takes one. Time is passed in (milliseconds, any monotonic origin) so the arithmetic is testable
 * without waiting.
 */
/** Rounding slack: refills in small steps add up to a whole token a hair short of 1. */
const EPSILON = 1e-9;

export class TokenBucket {
  private tokens: number;
  private last: number;

  /** A full bucket at `now`. */
  constructor(
    readonly ratePerSecond: number,
    readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  /** Tokens in the bucket at `now` (after refilling). */
  available(now: number): number {
    this.refill(now);
    return this.tokens;
  }

  /** True when the bucket is full at `now` (an idle tenant's state can be dropped and made again). */
  full(now: number): boolean {
    return this.available(now) >= this.burst;
  }

  /**
   * Takes one token when there is one and returns 0; otherwise takes nothing and returns how many
   * milliseconds until one is there.
   */
  take(now: number): number {
    this.refill(now);
    if (this.tokens >= 1 - EPSILON) {
      this.tokens = Math.max(0, this.tokens - 1);
      return 0;
    }
    return ((1 - this.tokens) * 1000) / this.ratePerSecond;
  }

  private refill(now: number): void {
    // A clock that steps back (it should not: callers pass a monotonic one) refills nothing.
    const elapsed = Math.max(0, now - this.last);
    this.last = Math.max(this.last, now);
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.ratePerSecond) / 1000);
  }
}
