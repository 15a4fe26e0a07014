/**
 * Credentials on the scheduler: AuthService (the OAuth2 password grant as Login, Refresh, WhoAmI)
 * and the gateways' API-key check. Every failure to sign in says the same thing, whatever was
 * wrong, and takes as long (a missing user or key is checked against a dummy hash).
 */
import { randomBytes } from "node:crypto";
import {
  type AccessTokenIssuer,
  apiKeyPrefix,
  DUMMY_SECRET_HASH,
  MAX_CREDENTIAL_LENGTH,
  type Principal,
  type RequestContext,
  type RpcHandler,
  UnauthenticatedError,
  VERIFY_KEY_SUBJECT,
  type VerifiedKey,
  verifySecret,
} from "@arbiter/core";
import { AuthService } from "@arbiter/proto";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { type HandlerTable, handle } from "../rpc-router.ts";
import { isUuid, type PrincipalRow, type PrincipalStore, refreshTokenHash } from "./principal-store.ts";
import { principalProto, roleProto } from "./proto-mapping.ts";

const SIGN_IN_FAILED = "invalid tenant, username or password";

/** Registers AuthService's handlers and the API-key check in `table`. */
export function registerAuthHandlers(
  table: HandlerTable,
  store: PrincipalStore,
  issuer: AccessTokenIssuer,
  refreshTokenTtlSec: number,
): void {
  const tokensFor = async (row: PrincipalRow) => {
    const principal: Principal = { id: row.id, tenant: row.tenant_id, role: row.role, method: "jwt" };
    const access = await issuer.issue(principal);
    const refresh = randomBytes(32).toString("base64url");
    await store.storeRefreshToken(
      row.tenant_id,
      row.id,
      refreshTokenHash(refresh),
      new Date(Date.now() + refreshTokenTtlSec * 1000),
    );
    return { accessToken: access.token, refreshToken: refresh, expireTime: timestampFromDate(access.expireTime) };
  };

  handle(table, AuthService.method.login, async (req) => {
    const user = await store.findUser(req.tenant, req.username).catch(() => undefined);
    const ok = await verifySecret(req.password, user?.password_hash ?? DUMMY_SECRET_HASH);
    if (!user?.password_hash || !ok) throw new UnauthenticatedError(SIGN_IN_FAILED);
    return tokensFor(user);
  });
  handle(table, AuthService.method.refresh, async (req) => {
    const row = await store.consumeRefreshToken(refreshTokenHash(req.refreshToken));
    if (!row) throw new UnauthenticatedError("refresh_token: unknown, already used or expired");
    return tokensFor(row);
  });
  handle(table, AuthService.method.whoAmI, async (_req, ctx: RequestContext) => {
    const { principal } = ctx;
    const row = isUuid(principal.id)
      ? await store.getPrincipal(ctx.tenant, principal.id).catch(() => undefined)
      : undefined;
    return {
      principal: row
        ? principalProto(row)
        : { id: principal.id, tenant: ctx.tenant, name: principal.id, role: roleProto(principal.role) },
      method: principal.method,
    };
  });
  table.set(VERIFY_KEY_SUBJECT, verifyKeyHandler(store));
}

/** The gateways' API-key check: JSON `{"key"}` → JSON VerifiedKey, or UNAUTHENTICATED. */
function verifyKeyHandler(store: PrincipalStore): RpcHandler {
  return async (data) => {
    let key: unknown;
    try {
      key = (JSON.parse(new TextDecoder().decode(data)) as { key?: unknown }).key;
    } catch {
      key = undefined;
    }
    if (typeof key !== "string" || key.length === 0 || key.length > MAX_CREDENTIAL_LENGTH)
      throw new UnauthenticatedError("API key: malformed");
    const row = await store.findKey(apiKeyPrefix(key));
    const matches = await verifySecret(key, row?.secret_hash ?? DUMMY_SECRET_HASH);
    if (!row || !matches) throw new UnauthenticatedError("API key: unknown");
    if (row.revoked) throw new UnauthenticatedError(`API key ${row.prefix}: revoked`);
    if (row.expire_time && row.expire_time.getTime() <= Date.now())
      throw new UnauthenticatedError(`API key ${row.prefix}: expired at ${row.expire_time.toISOString()}`);
    void store.touchKey(row.id).catch(() => undefined);
    const verified: VerifiedKey = {
      principal: { id: row.principal_id, tenant: row.tenant_id, role: row.role, method: "api_key" },
      keyId: row.id,
      expireTime: row.expire_time?.getTime() ?? 0,
    };
    return new TextEncoder().encode(JSON.stringify(verified));
  };
}
