/**
 * The database: one interface over PostgreSQL (`pg`, distributed mode) and PGlite (embedded mode,
 * a real Postgres compiled to WASM). One set of SQL migrations serves both (`migrate.ts`).
 *
 * Value mapping is the same in both: `bigint`/`int8` columns come back as JS numbers (Arbiter keeps
 * them below 2^53), `bytea` as Uint8Array, `jsonb` parsed, timestamps as Date.
 */

/** Rows and how many rows the statement touched. */
export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}

/** Something that runs SQL: the database itself or an open transaction. */
export interface Queryable {
  /** One statement with `$1`-style parameters. */
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /** A script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** Statements that run under one row-level-security scope, alone or in transactions. */
export interface Scope extends Queryable {
  /**
   * Runs `fn` in a transaction: committed when it resolves, rolled back when it throws (the error
   * is rethrown).
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
}

/**
 * The database. Its own `query` and `transaction` run in the platform scope, which sees every
 * tenant's rows: the service's background work (claiming tasks, sweeping, placing models) and the
 * few requests that are about tenants themselves. A request on behalf of a tenant goes through
 * {@link Database.forTenant}: PostgreSQL row-level security (migration 0006) then shows and accepts
 * only that tenant's rows, whatever the statement's own WHERE says, so a store that forgot its
 * tenant filter still cannot reach another tenant.
 */
export interface Database extends Scope {
  /** "postgres" or "pglite". */
  readonly kind: string;
  /** The statements of one tenant. */
  forTenant(tenant: string): Scope;
  /**
   * Runs every later statement as `role` (SET ROLE): a role that owns no table and cannot bypass
   * row-level security, whatever the login role is. Called once, after the migrations.
   */
  useServiceRole(role: string): Promise<void>;
  close(): Promise<void>;
}

/** The value of `arbiter.tenant` that row-level security reads as "every tenant". */
export const ALL_TENANTS_SCOPE = "*";

/** The role the service's statements run as (created by migration 0006). */
export const SERVICE_ROLE = "arbiter_service";

/** The scope of a tenant's statements; refuses a value that would widen it. */
export function tenantScope(tenant: string): string {
  if (tenant === "" || tenant === ALL_TENANTS_SCOPE) {
    throw new Error(`a tenant scope needs a tenant id, got ${JSON.stringify(tenant)}`);
  }
  return tenant;
}

/** Sets the session's role (when given) and row-level-security scope in one statement. */
export function sessionSettings(scope: string, role: string | undefined): { sql: string; params: string[] } {
  return role === undefined
    ? { sql: "SELECT set_config('arbiter.tenant', $1, false)", params: [scope] }
    : { sql: "SELECT set_config('role', $2, false), set_config('arbiter.tenant', $1, false)", params: [scope, role] };
}

/** The SQLSTATE of a PostgreSQL error, if `err` is one. */
export function sqlState(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** SQLSTATE 23505: a unique constraint was violated. */
export const UNIQUE_VIOLATION = "23505";
