/**
 * Tenants, principals, API keys and refresh tokens in PostgreSQL. Every query of a tenant's
 * objects names the tenant, so an id of another tenant's object finds nothing (NOT_FOUND), never
 * something else.
 */
import { createHash } from "node:crypto";
import {
  AlreadyExistsError,
  type Database,
  decodePageToken,
  encodePageToken,
  FailedPreconditionError,
  NotFoundError,
  type RoleName,
  SYSTEM_TENANT,
  sqlState,
  UNIQUE_VIOLATION,
} from "@arbiter/core";

/** A principal's row. */
export interface PrincipalRow {
  id: string;
  tenant_id: string;
  kind: "user" | "service_account";
  name: string;
  role: RoleName;
  create_time: Date;
}

/** An API key's row (never its secret). */
export interface ApiKeyRow {
  id: string;
  tenant_id: string;
  principal_id: string;
  prefix: string;
  create_time: Date;
  expire_time: Date | null;
  last_used_time: Date | null;
  revoked: boolean;
}

/** A tenant's row. */
export interface TenantRow {
  id: string;
  display_name: string;
  create_time: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for the textual form of a UUID (anything else cannot be an id here, and must not reach a uuid column). */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}

/** SHA-256 (hex) of a refresh token: what is stored of it. */
export function refreshTokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

const PRINCIPAL_COLUMNS = "id, tenant_id, kind, name, role, create_time";
const KEY_COLUMNS = "id, tenant_id, principal_id, prefix, create_time, expire_time, last_used_time, revoked";

/** Data access for tenants and their principals and credentials. */
export class PrincipalStore {
  constructor(private readonly db: Database) {}

  async createTenant(id: string, displayName: string): Promise<TenantRow> {
    try {
      const { rows } = await this.db.query<TenantRow>(
        "INSERT INTO tenants (id, display_name) VALUES ($1, $2) RETURNING id, display_name, create_time",
        [id, displayName],
      );
      return rows[0] as TenantRow;
    } catch (err) {
      if (sqlState(err) === UNIQUE_VIOLATION) throw new AlreadyExistsError("tenant", id);
      throw err;
    }
  }

  async getTenant(id: string): Promise<TenantRow> {
    const { rows } = await this.db
      .forTenant(id)
      .query<TenantRow>("SELECT id, display_name, create_time FROM tenants WHERE id = $1", [id]);
    if (!rows[0]) throw new NotFoundError("tenant", id);
    return rows[0];
  }

  async listTenants(pageSize: number, pageToken: string): Promise<{ rows: TenantRow[]; next: string }> {
    const after = pageToken ? decodePageToken<[string]>(pageToken, ["string"], "ListTenants")[0] : "";
    const { rows } = await this.db.query<TenantRow>(
      "SELECT id, display_name, create_time FROM tenants WHERE id > $1 ORDER BY id LIMIT $2",
      [after, pageSize + 1],
    );
    const more = rows.length > pageSize;
    const page = rows.slice(0, pageSize);
    return { rows: page, next: more ? encodePageToken([page[page.length - 1]?.id ?? ""]) : "" };
  }

  /** Deletes a tenant and, by cascade, everything it owns. The system tenant stays. */
  async deleteTenant(id: string): Promise<void> {
    if (id === SYSTEM_TENANT)
      throw new FailedPreconditionError(
        `tenant "${SYSTEM_TENANT}" holds the installation's admins and cannot be deleted`,
      );
    const { rowCount } = await this.db.query("DELETE FROM tenants WHERE id = $1", [id]);
    if (rowCount === 0) throw new NotFoundError("tenant", id);
  }

  async createPrincipal(
    tenant: string,
    id: string,
    kind: PrincipalRow["kind"],
    name: string,
    role: RoleName,
    passwordHash: string | null,
  ): Promise<PrincipalRow> {
    await this.getTenant(tenant);
    try {
      const { rows } = await this.db.forTenant(tenant).query<PrincipalRow>(
        `INSERT INTO principals (id, tenant_id, kind, name, role, password_hash) VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING ${PRINCIPAL_COLUMNS}`,
        [id, tenant, kind, name, role, passwordHash],
      );
      return rows[0] as PrincipalRow;
    } catch (err) {
      if (sqlState(err) === UNIQUE_VIOLATION) throw new AlreadyExistsError("principal", name);
      throw err;
    }
  }

  async getPrincipal(tenant: string, id: string): Promise<PrincipalRow> {
    if (!isUuid(id)) throw new NotFoundError("principal", id);
    const { rows } = await this.db
      .forTenant(tenant)
      .query<PrincipalRow>(`SELECT ${PRINCIPAL_COLUMNS} FROM principals WHERE tenant_id = $1 AND id = $2`, [
        tenant,
        id,
      ]);
    if (!rows[0]) throw new NotFoundError("principal", id);
    return rows[0];
  }

  /** A user of the tenant by name, with its password hash; undefined when there is none. */
  async findUser(tenant: string, name: string): Promise<(PrincipalRow & { password_hash: string | null }) | undefined> {
    const { rows } = await this.db
      .forTenant(tenant)
      .query<PrincipalRow & { password_hash: string | null }>(
        `SELECT ${PRINCIPAL_COLUMNS}, password_hash FROM principals WHERE tenant_id = $1 AND name = $2 AND kind = 'user'`,
        [tenant, name],
      );
    return rows[0];
  }

  async listPrincipals(
    tenant: string,
    pageSize: number,
    pageToken: string,
  ): Promise<{ rows: PrincipalRow[]; next: string }> {
    const after = pageToken ? decodePageToken<[string]>(pageToken, ["string"], "ListPrincipals")[0] : "";
    const { rows } = await this.db
      .forTenant(tenant)
      .query<PrincipalRow>(
        `SELECT ${PRINCIPAL_COLUMNS} FROM principals WHERE tenant_id = $1 AND name > $2 ORDER BY name LIMIT $3`,
        [tenant, after, pageSize + 1],
      );
    const more = rows.length > pageSize;
    const page = rows.slice(0, pageSize);
    return { rows: page, next: more ? encodePageToken([page[page.length - 1]?.name ?? ""]) : "" };
  }

  async deletePrincipal(tenant: string, id: string): Promise<void> {
    if (!isUuid(id)) throw new NotFoundError("principal", id);
    const { rowCount } = await this.db
      .forTenant(tenant)
      .query("DELETE FROM principals WHERE tenant_id = $1 AND id = $2", [tenant, id]);
    if (rowCount === 0) throw new NotFoundError("principal", id);
  }

  async setRole(tenant: string, id: string, role: RoleName): Promise<PrincipalRow> {
    if (!isUuid(id)) throw new NotFoundError("principal", id);
    const { rows } = await this.db
      .forTenant(tenant)
      .query<PrincipalRow>(
        `UPDATE principals SET role = $3 WHERE tenant_id = $1 AND id = $2 RETURNING ${PRINCIPAL_COLUMNS}`,
        [tenant, id, role],
      );
    if (!rows[0]) throw new NotFoundError("principal", id);
    return rows[0];
  }

  async createApiKey(
    tenant: string,
    principalId: string,
    id: string,
    prefix: string,
    secretHash: string,
    expireTime: Date | null,
  ): Promise<ApiKeyRow> {
    await this.getPrincipal(tenant, principalId);
    const { rows } = await this.db.forTenant(tenant).query<ApiKeyRow>(
      `INSERT INTO api_keys (id, tenant_id, principal_id, prefix, secret_hash, expire_time)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${KEY_COLUMNS}`,
      [id, tenant, principalId, prefix, secretHash, expireTime],
    );
    return rows[0] as ApiKeyRow;
  }

  async listApiKeys(tenant: string, principalId: string): Promise<ApiKeyRow[]> {
    if (principalId !== "" && !isUuid(principalId)) throw new NotFoundError("principal", principalId);
    const { rows } = await this.db.forTenant(tenant).query<ApiKeyRow>(
      `SELECT ${KEY_COLUMNS} FROM api_keys WHERE tenant_id = $1 AND ($2 = '' OR principal_id::text = $2)
       ORDER BY create_time, id`,
      [tenant, principalId],
    );
    return rows;
  }

  async revokeApiKey(tenant: string, id: string): Promise<void> {
    if (!isUuid(id)) throw new NotFoundError("api key", id);
    const { rowCount } = await this.db
      .forTenant(tenant)
      .query("UPDATE api_keys SET revoked = true WHERE tenant_id = $1 AND id = $2", [tenant, id]);
    if (rowCount === 0) throw new NotFoundError("api key", id);
  }

  /** The key stored under `prefix`, with its hash and its principal's role; undefined when none. */
  async findKey(prefix: string): Promise<(ApiKeyRow & { secret_hash: string; role: RoleName }) | undefined> {
    const { rows } = await this.db.query<ApiKeyRow & { secret_hash: string; role: RoleName }>(
      `SELECT k.id, k.tenant_id, k.principal_id, k.prefix, k.create_time, k.expire_time, k.last_used_time,
              k.revoked, k.secret_hash, p.role
         FROM api_keys k JOIN principals p ON p.id = k.principal_id AND p.tenant_id = k.tenant_id
        WHERE k.prefix = $1`,
      [prefix],
    );
    return rows[0];
  }

  /** Records a use of the key (at most once a minute per key, so verifying stays read-mostly). */
  async touchKey(id: string): Promise<void> {
    await this.db.query(
      `UPDATE api_keys SET last_used_time = now()
        WHERE id = $1 AND (last_used_time IS NULL OR last_used_time < now() - interval '1 minute')`,
      [id],
    );
  }

  async storeRefreshToken(tenant: string, principalId: string, tokenHash: string, expireTime: Date): Promise<void> {
    await this.db
      .forTenant(tenant)
      .query("INSERT INTO refresh_tokens (token_hash, tenant_id, principal_id, expire_time) VALUES ($1, $2, $3, $4)", [
        tokenHash,
        tenant,
        principalId,
        expireTime,
      ]);
    // Expired tokens go as new ones come, so the table stays the size of the live sessions.
    await this.db.forTenant(tenant).query("DELETE FROM refresh_tokens WHERE expire_time < now() - interval '1 day'");
  }

  /** Uses up a refresh token: its principal, or undefined when it is unknown, used or expired. */
  async consumeRefreshToken(tokenHash: string): Promise<PrincipalRow | undefined> {
    const { rows } = await this.db.query<{ tenant_id: string; principal_id: string }>(
      "DELETE FROM refresh_tokens WHERE token_hash = $1 AND expire_time > now() RETURNING tenant_id, principal_id",
      [tokenHash],
    );
    const row = rows[0];
    if (!row) return undefined;
    return this.getPrincipal(row.tenant_id, row.principal_id).catch(() => undefined);
  }

  /** True when the tenant has at least one admin (the bootstrap admin is made only when not). */
  async hasAdmin(tenant: string): Promise<boolean> {
    const { rows } = await this.db
      .forTenant(tenant)
      .query("SELECT 1 FROM principals WHERE tenant_id = $1 AND role = 'admin' LIMIT 1", [tenant]);
    return rows.length > 0;
  }
}
