/**
 * TenantService on the scheduler: tenants (platform admins), and the principals, roles and API
 * keys of the caller's tenant. The gateway has checked the permission; here every object is looked
 * up within `ctx.tenant`, so another tenant's ids are NOT_FOUND. Changes that can invalidate
 * credentials are announced to every gateway (their key caches).
 */
import { randomUUID } from "node:crypto";
import {
  type Bus,
  FailedPreconditionError,
  generateApiKey,
  hashSecret,
  InvalidArgumentError,
  isPlatformAdmin,
  NotFoundError,
  publishAuthChange,
  type RequestContext,
} from "@arbiter/core";
import { PrincipalKind, TenantService } from "@arbiter/proto";
import { type HandlerTable, handle } from "../rpc-router.ts";
import { isUuid, type PrincipalStore } from "./principal-store.ts";
import { apiKeyProto, principalProto, roleName, tenantProto } from "./proto-mapping.ts";

/** Shortest password accepted for a user. */
export const MIN_PASSWORD_LENGTH = 12;

const pageSizeOf = (n: number) => (n > 0 ? n : 100);

/** The caller's own principal id, when it is a stored principal (not the anonymous one). */
function ownPrincipalId(ctx: RequestContext): string {
  if (!isUuid(ctx.principal.id))
    throw new FailedPreconditionError(
      `principal_id: the caller (${ctx.principal.id}) is not a stored principal; name one`,
    );
  return ctx.principal.id;
}

/** Registers TenantService's handlers in `table`. */
export function registerTenantHandlers(table: HandlerTable, store: PrincipalStore, bus: Bus): void {
  const m = TenantService.method;
  handle(table, m.createTenant, async (req) => ({
    tenant: tenantProto(await store.createTenant(req.id, req.displayName)),
  }));
  handle(table, m.getTenant, async (req, ctx) => {
    // A tenant sees itself only; platform admins see every tenant.
    if (req.id !== ctx.tenant && !isPlatformAdmin(ctx.principal)) throw new NotFoundError("tenant", req.id);
    return { tenant: tenantProto(await store.getTenant(req.id)) };
  });
  handle(table, m.listTenants, async (req) => {
    const { rows, next } = await store.listTenants(pageSizeOf(req.pageSize), req.pageToken);
    return { tenants: rows.map(tenantProto), nextPageToken: next };
  });
  handle(table, m.deleteTenant, async (req) => {
    await store.deleteTenant(req.id);
    publishAuthChange(bus, { kind: "tenant", id: req.id, deleted: true });
    return {};
  });

  handle(table, m.createPrincipal, async (req, ctx) => {
    const user = req.kind === PrincipalKind.USER;
    if (user && req.password.length < MIN_PASSWORD_LENGTH)
      throw new InvalidArgumentError(
        "password",
        `at least ${MIN_PASSWORD_LENGTH} characters for a user`,
        `${req.password.length} characters`,
      );
    if (!user && req.password !== "")
      throw new InvalidArgumentError(
        "password",
        "empty for a service account (it signs in with API keys)",
        "a password",
      );
    const row = await store.createPrincipal(
      ctx.tenant,
      randomUUID(),
      user ? "user" : "service_account",
      req.name,
      roleName(req.role),
      user ? await hashSecret(req.password) : null,
    );
    return { principal: principalProto(row) };
  });
  handle(table, m.listPrincipals, async (req, ctx) => {
    const { rows, next } = await store.listPrincipals(ctx.tenant, pageSizeOf(req.pageSize), req.pageToken);
    return { principals: rows.map(principalProto), nextPageToken: next };
  });
  handle(table, m.deletePrincipal, async (req, ctx) => {
    await store.deletePrincipal(ctx.tenant, req.id);
    publishAuthChange(bus, { kind: "principal", id: req.id, deleted: true });
    return {};
  });
  handle(table, m.setRole, async (req, ctx) => {
    const row = await store.setRole(ctx.tenant, req.principalId, roleName(req.role));
    publishAuthChange(bus, { kind: "principal", id: row.id, deleted: false });
    return { principal: principalProto(row) };
  });

  handle(table, m.createApiKey, async (req, ctx) => {
    const principalId = req.principalId || ownPrincipalId(ctx);
    const { key, prefix } = generateApiKey();
    const expireTime = req.ttlSeconds > 0 ? new Date(Date.now() + req.ttlSeconds * 1000) : null;
    const row = await store.createApiKey(
      ctx.tenant,
      principalId,
      randomUUID(),
      prefix,
      await hashSecret(key),
      expireTime,
    );
    return { key: apiKeyProto(row), secret: key };
  });
  handle(table, m.listApiKeys, async (req, ctx) => ({
    keys: (await store.listApiKeys(ctx.tenant, req.principalId)).map(apiKeyProto),
  }));
  handle(table, m.revokeApiKey, async (req, ctx) => {
    await store.revokeApiKey(ctx.tenant, req.id);
    publishAuthChange(bus, { kind: "key", id: req.id, deleted: true });
    return {};
  });
}
