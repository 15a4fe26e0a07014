/**
 * Per-tenant limits of the gateway (`limits.tenant*` settings): the sustained request rate, the
 * burst a tenant may send after an idle period, and the calls it may have in flight at once, with
 * per-tenant overrides written `rps=100,burst=200,concurrency=16`.
 */
import { InvalidArgumentError } from "./errors.ts";

/** The limits of one tenant at one gateway. */
export interface TenantLimits {
  /** Sustained requests per second; 0: no rate limit. */
  readonly requestsPerSecond: number;
  /** Requests accepted at once after an idle period (the bucket's size); at least 1. */
  readonly burst: number;
  /** Calls in flight at once (a stream counts while it is open); 0: no limit. */
  readonly concurrency: number;
}

/** The `limits` settings the tenant limits are made of. */
export interface TenantLimitSettings {
  readonly tenantRequestsPerSecond: number;
  readonly tenantBurst: number;
  readonly tenantConcurrency: number;
  readonly tenantOverrides: Readonly<Record<string, string>>;
}

/** Every tenant's limits: the defaults and the tenants that have their own. */
export interface TenantLimitTable {
  readonly defaults: TenantLimits;
  readonly overrides: ReadonlyMap<string, TenantLimits>;
}

/** Largest value of any field (a billion requests per second is as good as unlimited). */
const MAX_VALUE = 1_000_000_000;

const OVERRIDE_FIELDS = {
  rps: "requestsPerSecond",
  burst: "burst",
  concurrency: "concurrency",
} as const satisfies Record<string, keyof TenantLimits>;

const OVERRIDE_SYNTAX = `comma-separated rps=<int>, burst=<int>, concurrency=<int> (each from 0 to ${MAX_VALUE})`;

/**
 * Parses one tenant's override (`rps=100,burst=200,concurrency=16`; any subset of the fields).
 * Throws InvalidArgumentError naming `config limits.tenantOverrides.<tenant>`.
 */
export function parseTenantLimitOverride(tenant: string, text: string): Partial<Record<keyof TenantLimits, number>> {
  const fail = (expected: string) =>
    new InvalidArgumentError(`config limits.tenantOverrides.${tenant}`, expected, JSON.stringify(text));
  const out: Partial<Record<keyof TenantLimits, number>> = {};
  const parts = text
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  if (parts.length === 0) throw fail(OVERRIDE_SYNTAX);
  for (const part of parts) {
    const match = /^([a-z]+)\s*=\s*(\d{1,10})$/.exec(part);
    const key = match?.[1] as keyof typeof OVERRIDE_FIELDS | undefined;
    if (!match || key === undefined || !Object.hasOwn(OVERRIDE_FIELDS, key)) throw fail(OVERRIDE_SYNTAX);
    const value = Number(match[2]);
    if (value > MAX_VALUE) throw fail(`${key} from 0 to ${MAX_VALUE}`);
    const field = OVERRIDE_FIELDS[key];
    if (out[field] !== undefined) throw fail(`${key} given once`);
    out[field] = value;
  }
  return out;
}

/** A tenant's effective limits: a burst of 0 means one second's worth of the rate (at least 1). */
function resolve(requestsPerSecond: number, burst: number, concurrency: number): TenantLimits {
  return Object.freeze({
    requestsPerSecond,
    burst: burst > 0 ? burst : Math.max(1, Math.ceil(requestsPerSecond)),
    concurrency,
  });
}

/**
 * The limits of every tenant from the `limits` settings; each override field left out takes the
 * default's. Throws InvalidArgumentError for a malformed override.
 */
export function tenantLimitTable(settings: TenantLimitSettings): TenantLimitTable {
  const defaults = resolve(settings.tenantRequestsPerSecond, settings.tenantBurst, settings.tenantConcurrency);
  const overrides = new Map<string, TenantLimits>();
  for (const [tenant, text] of Object.entries(settings.tenantOverrides)) {
    const o = parseTenantLimitOverride(tenant, text);
    const rps = o.requestsPerSecond ?? settings.tenantRequestsPerSecond;
    // A tenant given its own rate but no burst gets one second of its own rate, not the default burst.
    const burst = o.burst ?? (o.requestsPerSecond === undefined ? settings.tenantBurst : 0);
    overrides.set(tenant, resolve(rps, burst, o.concurrency ?? settings.tenantConcurrency));
  }
  return { defaults, overrides };
}
