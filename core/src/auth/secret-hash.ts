/**
 * Slow hashes of secrets (API keys, passwords): scrypt with a random salt, in the self-describing
 * form `scrypt$<N>$<r>$<p>$<salt>$<hash>` (base64url), so the cost can be raised later without
 * breaking stored hashes. scrypt runs on libuv's thread pool: hashing never blocks the event loop.
 */
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

const N = 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function derive(secret: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret, salt, KEY_LENGTH, { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** Hashes a secret for storage. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(secret, salt, N, R, P);
  return ["scrypt", N, R, P, salt.toString("base64url"), hash.toString("base64url")].join("$");
}

/** True when `secret` matches `stored` (compared in constant time); false for a malformed hash. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [n, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![n, r, p].every((v) => Number.isSafeInteger(v) && v > 0) || n > 1 << 20) return false;
  const expected = Buffer.from(parts[5] as string, "base64url");
  const actual = await derive(secret, Buffer.from(parts[4] as string, "base64url"), n, r, p);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** A hash to verify against when there is no row, so a miss takes as long as a wrong secret. */
export const DUMMY_SECRET_HASH = `scrypt$${N}$${R}$${P}$${Buffer.alloc(16).toString("base64url")}$${Buffer.alloc(KEY_LENGTH).toString("base64url")}`;
