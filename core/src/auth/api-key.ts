/**
 * API keys: `arb_<12 hex: the visible prefix>_<43 base64url characters: 256 random bits>`. The
 * prefix finds the key's row; only a slow hash of the whole key is stored (secret-hash.ts). A key
 * supplied by configuration (the bootstrap admin's, any string of 32 characters or more) gets a
 * prefix derived from its SHA-256, so every key is found the same way.
 */
import { createHash, randomBytes } from "node:crypto";

const OWN_FORMAT = /^arb_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/;

/** The longest credential looked at; anything longer is rejected before any work. */
export const MAX_CREDENTIAL_LENGTH = 4096;

/** A new API key and its visible prefix. */
export function generateApiKey(): { key: string; prefix: string } {
  const prefix = `arb_${randomBytes(6).toString("hex")}`;
  return { key: `${prefix}_${randomBytes(32).toString("base64url")}`, prefix };
}

/** The prefix under which `key` is stored: its visible part, or one derived from its hash. */
export function apiKeyPrefix(key: string): string {
  const own = OWN_FORMAT.exec(key);
  if (own) return `arb_${own[1]}`;
  return `arb_${createHash("sha256").update(key).digest("hex").slice(0, 12)}`;
}

/** True when `token` has the shape of an Arbiter API key (not of a JWT). */
export function isOwnApiKeyFormat(token: string): boolean {
  return OWN_FORMAT.test(token);
}
