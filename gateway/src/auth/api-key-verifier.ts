/**
 * API keys at the gateway. The gateway has no database: it asks a scheduler to check a key (a
 * slow hash there) and keeps the answer for `auth.keyCacheTtlMs`, keyed by the SHA-256 of the key
 * (the key itself is never kept). Concurrent first calls with one key share one check. Any
 * credential change announced on the bus clears the cache, so a revoked key stops at once.
 */
import { createHash } from "node:crypto";
import {
  type Bus,
  callRpc,
  createRequestContext,
  DEFAULT_TENANT,
  type Principal,
  VERIFY_KEY_SUBJECT,
  type VerifiedKey,
} from "@arbiter/core";

/** Who asks the schedulers to check a key: the gateway itself, holding no rights. */
const GATEWAY_PRINCIPAL: Principal = Object.freeze({
  id: "gateway",
  tenant: DEFAULT_TENANT,
  role: "viewer",
  method: "anonymous",
});

const CHECK_TIMEOUT_MS = 10_000;
const MAX_CACHED_KEYS = 10_000;

interface Cached {
  principal: Principal;
  until: number;
}

/** Checks API keys through the schedulers, with a cache. */
export class ApiKeyVerifier {
  readonly #cache = new Map<string, Cached>();
  readonly #pending = new Map<string, Promise<Principal>>();
  #generation = 0;

  constructor(
    private readonly bus: Bus,
    private readonly ttlMs: number,
  ) {}

  /** The principal the key stands for; UnauthenticatedError when it is unknown, revoked or expired. */
  async verify(key: string): Promise<Principal> {
    const digest = createHash("sha256").update(key).digest("base64url");
    const hit = this.#cache.get(digest);
    if (hit && hit.until > Date.now()) return hit.principal;
    if (hit) this.#cache.delete(digest);
    let pending = this.#pending.get(digest);
    if (!pending) {
      pending = this.#check(digest, key).finally(() => this.#pending.delete(digest));
      this.#pending.set(digest, pending);
    }
    return pending;
  }

  /** Forgets every verified key (a credential changed somewhere). */
  clear(): void {
    this.#generation++;
    this.#cache.clear();
  }

  async #check(digest: string, key: string): Promise<Principal> {
    const generation = this.#generation;
    const ctx = createRequestContext(GATEWAY_PRINCIPAL, Date.now() + CHECK_TIMEOUT_MS);
    const reply = await callRpc(this.bus, VERIFY_KEY_SUBJECT, new TextEncoder().encode(JSON.stringify({ key })), ctx);
    const verified = JSON.parse(new TextDecoder().decode(reply)) as VerifiedKey;
    const until = Math.min(
      Date.now() + this.ttlMs,
      verified.expireTime > 0 ? verified.expireTime : Number.POSITIVE_INFINITY,
    );
    // An answer that raced a change announcement is used once, not kept.
    if (this.ttlMs > 0 && generation === this.#generation) {
      if (this.#cache.size >= MAX_CACHED_KEYS) this.#cache.clear();
      this.#cache.set(digest, { principal: verified.principal, until });
    }
    return verified.principal;
  }
}
