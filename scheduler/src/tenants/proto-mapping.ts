/** Between the rows of principal-store.ts and their arbiter.v1 messages. */
import type { RoleName } from "@arbiter/core";
import type { ApiKeySchema, PrincipalSchema, TenantSchema } from "@arbiter/proto";
import { PrincipalKind, Role } from "@arbiter/proto";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { ApiKeyRow, PrincipalRow, TenantRow } from "./principal-store.ts";

const ROLE_TO_PROTO: Record<RoleName, Role> = {
  viewer: Role.VIEWER,
  developer: Role.DEVELOPER,
  operator: Role.OPERATOR,
  admin: Role.ADMIN,
};

/** The role name of a (validated, defined) arbiter.v1.Role. */
export function roleName(role: Role): RoleName {
  const name = (Object.keys(ROLE_TO_PROTO) as RoleName[]).find((n) => ROLE_TO_PROTO[n] === role);
  return name ?? "viewer";
}

/** The arbiter.v1.Role of a role name. */
export function roleProto(role: RoleName): Role {
  return ROLE_TO_PROTO[role];
}

export function tenantProto(row: TenantRow): MessageInitShape<typeof TenantSchema> {
  return { id: row.id, displayName: row.display_name, createTime: timestampFromDate(row.create_time) };
}

export function principalProto(row: PrincipalRow): MessageInitShape<typeof PrincipalSchema> {
  return {
    id: row.id,
    tenant: row.tenant_id,
    kind: row.kind === "user" ? PrincipalKind.USER : PrincipalKind.SERVICE_ACCOUNT,
    name: row.name,
    role: ROLE_TO_PROTO[row.role],
    createTime: timestampFromDate(row.create_time),
  };
}

export function apiKeyProto(row: ApiKeyRow): MessageInitShape<typeof ApiKeySchema> {
  return {
    id: row.id,
    prefix: row.prefix,
    principalId: row.principal_id,
    createTime: timestampFromDate(row.create_time),
    ...(row.expire_time ? { expireTime: timestampFromDate(row.expire_time) } : {}),
    ...(row.last_used_time ? { lastUsedTime: timestampFromDate(row.last_used_time) } : {}),
    revoked: row.revoked,
  };
}
