/**
 * Access tokens: JWTs that login issues (signed with `auth.jwt.privateKey`) and that gateways
 * verify (with the matching public key, an identity provider's JWKS, or an HMAC secret).
 *
 * Verification is strict: the algorithm must be on `auth.jwt.algorithms` (`none` never is), and
 * a token is checked only against key material of its algorithm's kind — an HS256 token against
 * `auth.jwt.hmacSecret`, never against a public key (the key-confusion attack) — with `iss`,
 * `aud`, `exp` (required) and `nbf` checked within `auth.jwt.clockSkewSec`.
 */
import { createPrivateKey, createPublicKey, type KeyObject, randomUUID } from "node:crypto";
import { createRemoteJWKSet, type JWTPayload, type JWTVerifyGetKey, jwtVerify, SignJWT } from "jose";
import type { ArbiterConfig } from "../config.ts";
import type { Principal, RoleName } from "../context.ts";
import { FailedPreconditionError, UnauthenticatedError } from "../errors.ts";
import { MAX_CREDENTIAL_LENGTH } from "./api-key.ts";
import { isRoleName } from "./roles.ts";

/** The `auth.jwt` settings. */
export type JwtSettings = ArbiterConfig["auth"]["jwt"];

const TENANT_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

function signingAlgorithm(key: KeyObject): string {
  switch (key.asymmetricKeyType) {
    case "rsa":
      return "RS256";
    case "ec":
      return "ES256";
    case "ed25519":
      return "EdDSA";
    default:
      throw new FailedPreconditionError(
        `auth.jwt.privateKey: expected an RSA, EC P-256 or Ed25519 key, got ${key.asymmetricKeyType ?? "a secret key"}`,
      );
  }
}

/** Signs the access tokens of login and refresh. */
export class AccessTokenIssuer {
  readonly #key: KeyObject | undefined;
  readonly #alg: string;
  readonly #settings: JwtSettings;

  constructor(settings: JwtSettings) {
    this.#settings = settings;
    this.#key = settings.privateKey ? createPrivateKey(settings.privateKey) : undefined;
    this.#alg = this.#key ? signingAlgorithm(this.#key) : "";
  }

  /** A token for `principal`, valid for `auth.jwt.accessTokenTtlSec`. */
  async issue(principal: Principal): Promise<{ token: string; expireTime: Date }> {
    if (!this.#key)
      throw new FailedPreconditionError(
        "login needs auth.jwt.privateKey (ARBITER_AUTH_JWT_PRIVATE_KEY), which is not set",
      );
    const now = Math.floor(Date.now() / 1000);
    const exp = now + this.#settings.accessTokenTtlSec;
    const token = await new SignJWT({
      [this.#settings.tenantClaim]: principal.tenant,
      [this.#settings.roleClaim]: principal.role,
    })
      .setProtectedHeader({ alg: this.#alg, typ: "JWT" })
      .setSubject(principal.id)
      .setIssuer(this.#settings.issuer)
      .setAudience(this.#settings.audience)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(exp)
      .setJti(randomUUID())
      .sign(this.#key);
    return { token, expireTime: new Date(exp * 1000) };
  }
}

/** Verifies access tokens and turns their claims into a principal. */
export class AccessTokenVerifier {
  readonly #settings: JwtSettings;
  readonly #getKey: JWTVerifyGetKey;

  constructor(settings: JwtSettings) {
    this.#settings = settings;
    const publicKey = settings.publicKey
      ? createPublicKey(settings.publicKey)
      : settings.privateKey
        ? createPublicKey(createPrivateKey(settings.privateKey))
        : undefined;
    const hmac = settings.hmacSecret ? new TextEncoder().encode(settings.hmacSecret) : undefined;
    const jwks = settings.jwksUrl
      ? createRemoteJWKSet(new URL(settings.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 600_000 })
      : undefined;
    this.#getKey = async (header, token) => {
      if (header.alg.startsWith("HS")) {
        if (!hmac) throw new UnauthenticatedError(`HMAC-signed tokens (${header.alg}) are not accepted here`);
        return hmac;
      }
      if (jwks && (header.kid !== undefined || !publicKey)) return jwks(header, token);
      if (!publicKey) throw new UnauthenticatedError("no key is configured to verify signed tokens");
      return publicKey;
    };
  }

  /** The principal a valid token names; UnauthenticatedError (saying why, never echoing it) otherwise. */
  async verify(token: string): Promise<Principal> {
    if (token.length > MAX_CREDENTIAL_LENGTH)
      throw new UnauthenticatedError(
        `token: expected at most ${MAX_CREDENTIAL_LENGTH} characters, got ${token.length}`,
      );
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.#getKey, {
        algorithms: this.#settings.algorithms.filter((alg) => alg.toLowerCase() !== "none"),
        issuer: this.#settings.issuer,
        audience: this.#settings.audience,
        clockTolerance: this.#settings.clockSkewSec,
        requiredClaims: ["exp", "sub"],
      }));
    } catch (err) {
      if (err instanceof UnauthenticatedError) throw err;
      const code = (err as { code?: string }).code ?? "ERR_JWT_INVALID";
      throw new UnauthenticatedError(`token rejected (${code}): ${(err as Error).message}`);
    }
    const tenant = payload[this.#settings.tenantClaim];
    const role = payload[this.#settings.roleClaim];
    if (typeof tenant !== "string" || !TENANT_PATTERN.test(tenant))
      throw new UnauthenticatedError(`token claim ${this.#settings.tenantClaim}: expected a tenant id`);
    if (!isRoleName(role))
      throw new UnauthenticatedError(
        `token claim ${this.#settings.roleClaim}: expected viewer, developer, operator or admin`,
      );
    return { id: payload.sub as string, tenant, role: role as RoleName, method: "jwt" };
  }
}
