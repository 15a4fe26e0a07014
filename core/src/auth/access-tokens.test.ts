import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { describe, it } from "node:test";
import { SignJWT } from "jose";
import { loadConfig } from "../config.ts";
import { Code } from "../errors.ts";
import { AccessTokenIssuer, AccessTokenVerifier } from "./access-tokens.ts";

const pair = generateKeyPairSync("ed25519");
const jwt = loadConfig({
  overrides: {
    auth: {
      jwt: {
        privateKey: pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
        hmacSecret: "h".repeat(40),
      },
    },
  },
}).auth.jwt;
const principal = {
  id: "3b1f6c1e-0000-4000-8000-000000000001",
  tenant: "acme",
  role: "developer",
  method: "jwt",
} as const;

async function rejects(token: string, pattern: RegExp) {
  await assert.rejects(new AccessTokenVerifier(jwt).verify(token), (e: { code?: Code; message: string }) => {
    assert.equal(e.code, Code.Unauthenticated);
    assert.match(e.message, pattern);
    return true;
  });
}

describe("access tokens", () => {
  it("verifies what it issued, back to the same principal", async () => {
    const { token, expireTime } = await new AccessTokenIssuer(jwt).issue(principal);
    assert.deepEqual(await new AccessTokenVerifier(jwt).verify(token), principal);
    assert.ok(Math.abs(expireTime.getTime() - Date.now() - jwt.accessTokenTtlSec * 1000) < 5000);
  });

  it("refuses an HMAC token signed with the public key (key confusion) and one past its expiry", async () => {
    const publicPem = pair.publicKey.export({ type: "spki", format: "pem" }).toString();
    const claims = { tenant: "acme", role: "admin" };
    const confused = await new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("x")
      .setIssuer(jwt.issuer)
      .setAudience(jwt.audience)
      .setExpirationTime("5m")
      .sign(new TextEncoder().encode(publicPem));
    await rejects(confused, /signature verification failed/);
    const expired = await new SignJWT(claims)
      .setProtectedHeader({ alg: "EdDSA" })
      .setSubject("x")
      .setIssuer(jwt.issuer)
      .setAudience(jwt.audience)
      .setExpirationTime(Math.floor(Date.now() / 1000) - jwt.clockSkewSec - 60)
      .sign(pair.privateKey);
    await rejects(expired, /"exp" claim timestamp check failed/);
  });

  it("refuses a role or tenant claim it does not know, naming the claim", async () => {
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: "EdDSA" })
        .setSubject("x")
        .setIssuer(jwt.issuer)
        .setAudience(jwt.audience)
        .setExpirationTime("5m")
        .sign(pair.privateKey);
    await rejects(await sign({ tenant: "acme", role: "root" }), /claim role/);
    await rejects(await sign({ tenant: "Acme/../x", role: "admin" }), /claim tenant/);
  });

  it("says login needs a private key when none is configured", async () => {
    const bare = loadConfig({}).auth.jwt;
    await assert.rejects(new AccessTokenIssuer(bare).issue(principal), (e: { code?: Code; message: string }) => {
      assert.equal(e.code, Code.FailedPrecondition);
      assert.match(e.message, /auth\.jwt\.privateKey/);
      return true;
    });
  });
});
