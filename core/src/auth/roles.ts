/**
 * Roles and the permissions they grant. Each RPC declares the permission it needs next to its
 * definition (the `arbiter.v1.permission` method option); this table is the only other half, so
 * the role × RPC matrix is derived, never kept by hand.
 *
 * Roles are cumulative: viewer ⊂ developer ⊂ operator ⊂ admin, within the principal's tenant.
 * Three permissions reach beyond one tenant — `tenants.admin` (create, list, delete tenants),
 * `cluster.admin` (process-wide log levels) and `plugins.write` (plugin modules run inside every
 * scheduler, for every tenant) — and belong only to admins of the system tenant.
 */
import { DEFAULT_TENANT, type Principal, type RoleName } from "../context.ts";

/** Needs no credentials at all (login and refresh). */
export const PUBLIC_PERMISSION = "public";

/** The tenant whose admins administer the installation (tenants, cluster-wide settings). */
export const SYSTEM_TENANT = DEFAULT_TENANT;

const VIEWER = [
  "self.read",
  "tenants.read",
  "models.read",
  "pipelines.read",
  "decisions.read",
  "tasks.read",
  "streams.read",
  "vectors.read",
  "cluster.read",
];
const DEVELOPER = [...VIEWER, "models.infer", "decisions.decide", "tasks.write"];
const OPERATOR = [
  ...DEVELOPER,
  "models.write",
  "models.operate",
  "pipelines.write",
  "vectors.write",
  "streams.write",
  "decisions.replay",
];
const ADMIN = [...OPERATOR, "principals.read", "principals.write", "keys.read", "keys.write", "audit.read"];
const PLATFORM = new Set(["tenants.admin", "cluster.admin", "plugins.write"]);

const GRANTS: Readonly<Record<RoleName, ReadonlySet<string>>> = {
  viewer: new Set(VIEWER),
  developer: new Set(DEVELOPER),
  operator: new Set(OPERATOR),
  admin: new Set(ADMIN),
};

/** Every role, weakest first. */
export const ROLE_NAMES: readonly RoleName[] = ["viewer", "developer", "operator", "admin"];

/** True when `role` in `tenant` holds `permission`. */
export function roleGrants(role: RoleName, tenant: string, permission: string): boolean {
  if (permission === PUBLIC_PERMISSION) return true;
  if (PLATFORM.has(permission)) return role === "admin" && tenant === SYSTEM_TENANT;
  return GRANTS[role].has(permission);
}

/** True when the principal administers the installation (may act in any tenant). */
export function isPlatformAdmin(principal: Principal): boolean {
  return principal.role === "admin" && principal.tenant === SYSTEM_TENANT;
}

/** True for a known role name. */
export function isRoleName(value: unknown): value is RoleName {
  return typeof value === "string" && (ROLE_NAMES as readonly string[]).includes(value);
}
