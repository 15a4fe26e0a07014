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

export interface Database extends Queryable {
  /** "postgres" or "pglite". */
  readonly kind: string;
  /**
   * Runs `fn` in a transaction: committed when it resolves, rolled back when it throws (the error
   * is rethrown).
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The SQLSTATE of a PostgreSQL error, if `err` is one. */
export function sqlState(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** SQLSTATE 23505: a unique constraint was violated. */
export const UNIQUE_VIOLATION = "23505";
