/**
 * How gateways and schedulers talk about credentials over the bus. Gateways hold no database:
 * they ask a scheduler to check an API key, cache the answer for `auth.keyCacheTtlMs`, and drop
 * it the moment a scheduler announces a change that could make it wrong.
 */
import type { Bus } from "../bus/bus.ts";
import type { Principal } from "../context.ts";

/**
 * Request (JSON `{"key": ...}`) → JSON {@link VerifiedKey}, or UNAUTHENTICATED. Served by the
 * scheduler queue group under the `arbiter.rpc.>` router.
 */
export const VERIFY_KEY_SUBJECT = "arbiter.rpc.internal.auth.verify-key";

/** What a verified key stands for. */
export interface VerifiedKey {
  principal: Principal;
  keyId: string;
  /** Epoch milliseconds; the gateway never trusts the key past it. 0: does not expire. */
  expireTime: number;
}

/**
 * Broadcast (JSON {@link AuthChange}) when a key is revoked or a principal, a role or a tenant
 * changes or goes away: every gateway clears its key cache and refuses tokens of deleted
 * principals and tenants.
 */
export const AUTH_CHANGES_SUBJECT = "arbiter.control.auth-changed";

/** One change that can invalidate credentials. */
export interface AuthChange {
  kind: "key" | "principal" | "tenant";
  /** The key, principal or tenant id. */
  id: string;
  /** True when the principal or tenant was deleted (not just changed). */
  deleted: boolean;
}

/** Announces a change to every gateway. */
export function publishAuthChange(bus: Bus, change: AuthChange): void {
  bus.publish(AUTH_CHANGES_SUBJECT, new TextEncoder().encode(JSON.stringify(change)));
}
