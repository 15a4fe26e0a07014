/**
 * Tenants and credentials on the scheduler: TenantService, AuthService, the gateways' API-key
 * check, and the bootstrap admin.
 */
import { AccessTokenIssuer, type ArbiterConfig, type Bus, type Database } from "@arbiter/core";
import type { HandlerTable } from "../rpc-router.ts";
import { registerAuthHandlers } from "./auth-handlers.ts";
import { ensureBootstrapAdmin } from "./bootstrap-admin.ts";
import { PrincipalStore } from "./principal-store.ts";
import { registerTenantHandlers } from "./tenant-handlers.ts";

export { BOOTSTRAP_ADMIN_NAME } from "./bootstrap-admin.ts";

/**
 * Registers the handlers and makes sure the bootstrap admin exists; resolves with the admin key
 * created by this start, if one was (to be shown once).
 */
export async function startTenants(options: {
  config: ArbiterConfig;
  bus: Bus;
  db: Database;
  table: HandlerTable;
}): Promise<{ createdAdminKey: string | undefined }> {
  const { config, bus, db, table } = options;
  const store = new PrincipalStore(db);
  registerTenantHandlers(table, store, bus);
  registerAuthHandlers(table, store, new AccessTokenIssuer(config.auth.jwt), config.auth.jwt.refreshTokenTtlSec);
  const createdAdminKey = config.auth.enabled
    ? await ensureBootstrapAdmin(db, config.auth.bootstrapAdminKey)
    : undefined;
  return { createdAdminKey };
}
