/**
 * Per-tenant admission at the gateway: each call of a tenant takes a token from the tenant's
 * bucket (`limits.tenantRequestsPerSecond`, `limits.tenantBurst`) and a slot of its concurrency
 * quota (`limits.tenantConcurrency`) until it ends. Over either, the call fails
 * RESOURCE_EXHAUSTED naming the limit, the tenant and the value, and how long to wait. The state
 * is this gateway's own: with several gateways behind a load balancer, each admits its share.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { ResourceExhaustedError, type TenantLimits, type TenantLimitTable } from "@arbiter/core";
import { retryAfterSeconds } from "./retry-after.ts";
import { TokenBucket } from "./token-bucket.ts";

/** Ends an admitted call's hold on its tenant's concurrency slot; calling it again does nothing. */
export type Release = () => void;

/** What a refused call is told to wait when a concurrency slot, not a token, is missing. */
const CONCURRENCY_RETRY_MS = 1000;

/** Idle tenants' state is dropped once this many tenants have some (it is made again on their next call). */
const SWEEP_ABOVE = 1024;

/** Refusals of one tenant held at once (each holds a timer and its open call); more are answered at once. */
const MAX_HELD_REFUSALS = 1024;

/** A held refusal is answered this long before the call's deadline, so the client still gets it. */
const DEADLINE_MARGIN_MS = 50;

/** Options of {@link TenantLimiter}. */
export interface TenantLimiterOptions {
  /** Monotonic milliseconds (tests pass their own clock). */
  now?: () => number;
  /** `limits.tenantRefusalDelayMs`: how long a refusal is held before it is answered; 0: at once. */
  refusalDelayMs?: number;
}

interface TenantState {
  readonly limits: TenantLimits;
  /** Undefined when the tenant has no rate limit. */
  readonly bucket: TokenBucket | undefined;
  inFlight: number;
  /** Refusals being held (see holdRefusal). */
  held: number;
}

const NOTHING_TO_RELEASE: Release = () => {};

/**
 * The error of a refused call, without a stack trace: a tenant flooding the gateway is refused
 * thousands of times a second, and capturing a stack is most of what a refusal would cost (the
 * trace would only ever point here).
 */
function refusal(limit: string, message: string, retryAfterMs: number): ResourceExhaustedError {
  const depth = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new ResourceExhaustedError(limit, message, retryAfterMs);
  } finally {
    Error.stackTraceLimit = depth;
  }
}

/** Admits or refuses calls by their tenant's limits. */
export class TenantLimiter {
  private readonly tenants = new Map<string, TenantState>();
  private readonly now: () => number;
  private readonly refusalDelayMs: number;

  /** @param table every tenant's limits (`tenantLimitTable(config.limits)`) */
  constructor(
    private readonly table: TenantLimitTable,
    options: TenantLimiterOptions = {},
  ) {
    this.now = options.now ?? (() => performance.now());
    this.refusalDelayMs = options.refusalDelayMs ?? 0;
  }

  /** The limits that apply to `tenant`. */
  limitsOf(tenant: string): TenantLimits {
    return this.table.overrides.get(tenant) ?? this.table.defaults;
  }

  /** Calls of `tenant` in flight now. */
  inFlight(tenant: string): number {
    return this.tenants.get(tenant)?.inFlight ?? 0;
  }

  /**
   * Admits one call of `tenant`, or throws ResourceExhaustedError (with `retryAfterMs`). The
   * returned function must be called when the call ends, however it ends.
   */
  admit(tenant: string): Release {
    const limits = this.limitsOf(tenant);
    if (limits.requestsPerSecond === 0 && limits.concurrency === 0) return NOTHING_TO_RELEASE;
    const state = this.stateOf(tenant, limits);
    // Both limits are checked before either is charged: a refused call costs the tenant nothing.
    if (limits.concurrency > 0 && state.inFlight >= limits.concurrency) {
      throw refusal(
        "limits.tenantConcurrency",
        `tenant ${JSON.stringify(tenant)}: concurrency limit ${limits.concurrency} calls in flight exceeded`,
        CONCURRENCY_RETRY_MS,
      );
    }
    const wait = state.bucket?.take(this.now()) ?? 0;
    if (wait > 0) {
      throw refusal(
        "limits.tenantRequestsPerSecond",
        `tenant ${JSON.stringify(tenant)}: rate limit ${limits.requestsPerSecond} requests/s exceeded`,
        wait,
      );
    }
    state.inFlight++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      state.inFlight--;
    };
  }

  /**
   * Waits before a refusal of `tenant` (what {@link admit} threw) is answered:
   * `limits.tenantRefusalDelayMs`, never past the refusal's retry-after header nor `deadline` (epoch
   * milliseconds), and not at all when the delay is 0 or the tenant already has
   * {@link MAX_HELD_REFUSALS} refusals held. A refusal answered at once costs the gateway about as
   * much as a small call, and a client that retries at once would call again straight away: held,
   * each of its callers calls at most once per delay. Ends early when `signal` aborts.
   */
  async holdRefusal(tenant: string, refusal: unknown, deadline: number, signal?: AbortSignal): Promise<void> {
    if (this.refusalDelayMs === 0 || !(refusal instanceof ResourceExhaustedError)) return;
    const state = this.tenants.get(tenant);
    if (state === undefined || state.held >= MAX_HELD_REFUSALS) return;
    // The client is told to retry after whole seconds (at least 1): holding it up to that is no
    // longer than it was asked to wait anyway.
    const delay = Math.min(
      this.refusalDelayMs,
      (retryAfterSeconds(refusal) ?? 0) * 1000,
      deadline - Date.now() - DEADLINE_MARGIN_MS,
    );
    if (delay <= 0) return;
    state.held++;
    try {
      await sleep(delay, undefined, signal ? { signal } : {});
    } catch {
      // the call ended (cancelled, or its deadline): nobody waits for the answer any more
    } finally {
      state.held--;
    }
  }

  private stateOf(tenant: string, limits: TenantLimits): TenantState {
    let state = this.tenants.get(tenant);
    if (state === undefined) {
      if (this.tenants.size >= SWEEP_ABOVE) this.sweep();
      const bucket =
        limits.requestsPerSecond > 0 ? new TokenBucket(limits.requestsPerSecond, limits.burst, this.now()) : undefined;
      state = { limits, bucket, inFlight: 0, held: 0 };
      this.tenants.set(tenant, state);
    }
    return state;
  }

  /** Drops the state of tenants with nothing in flight and a full bucket: it holds nothing they are owed. */
  private sweep(): void {
    const now = this.now();
    for (const [tenant, state] of this.tenants) {
      if (state.inFlight === 0 && state.held === 0 && (state.bucket === undefined || state.bucket.full(now)))
        this.tenants.delete(tenant);
    }
  }
}
