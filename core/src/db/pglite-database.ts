/**
 * The PGlite implementation of {@link Database}: a real Postgres in WASM, in-process, persisted
 * under a data directory, with one session.
 */
import { PGlite, type Transaction, types } from "@electric-sql/pglite";
import { clientErrorOf } from "./data-errors.ts";
import {
  ALL_TENANTS_SCOPE,
  type Database,
  type Queryable,
  type QueryResult,
  type Scope,
  sessionSettings,
  tenantScope,
} from "./database.ts";

export interface PgliteOptions {
  /** Directory holding the database; undefined keeps it in memory. */
  dataDir?: string;
}

/** Opens (creating if needed) an embedded database. */
export async function createPgliteDatabase(options: PgliteOptions): Promise<Database> {
  const db = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    parsers: { [types.INT8]: (value: string) => Number(value) },
  });
  return new PgliteDatabase(db);
}

function wrap(target: PGlite | Transaction): Queryable {
  return {
    async query<R>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
      try {
        const res = await target.query<R>(sql, params as unknown[] | undefined);
        return { rows: res.rows, rowCount: res.affectedRows ?? res.rows.length };
      } catch (err) {
        throw clientErrorOf(err);
      }
    },
    async exec(sql: string): Promise<void> {
      await target.exec(sql);
    },
  };
}

/**
 * PGlite has one session, so the scope is a session setting changed between statements. Every use
 * of the database goes through one queue here, which sets the scope a statement needs just before
 * it and lets nothing in between; PGlite runs statements one at a time anyway, so the queue costs
 * no concurrency.
 */
class PgliteDatabase implements Database {
  readonly kind = "pglite";
  private readonly q: Queryable;
  /** The end of the queue. */
  private tail: Promise<unknown> = Promise.resolve();
  /** The scope the session has now. */
  private scope: string | undefined;

  constructor(private readonly db: PGlite) {
    this.q = wrap(db);
  }

  /** Runs `fn` when all earlier uses are done, with the session in `scope`. */
  private inScope<T>(scope: string, fn: () => Promise<T>): Promise<T> {
    const run = async () => {
      if (this.scope !== scope) {
        const settings = sessionSettings(scope, undefined);
        await this.q.query(settings.sql, settings.params);
        this.scope = scope;
      }
      return fn();
    };
    const result = this.tail.then(run, run);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
    return this.inScope(ALL_TENANTS_SCOPE, () => this.q.query<R>(sql, params));
  }

  exec(sql: string): Promise<void> {
    return this.inScope(ALL_TENANTS_SCOPE, () => this.q.exec(sql));
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.inScope(ALL_TENANTS_SCOPE, () => this.db.transaction((tx) => fn(wrap(tx))));
  }

  forTenant(tenant: string): Scope {
    const scope = tenantScope(tenant);
    return {
      query: <R>(sql: string, params?: readonly unknown[]) => this.inScope(scope, () => this.q.query<R>(sql, params)),
      exec: (sql: string) => this.inScope(scope, () => this.q.exec(sql)),
      transaction: <T>(fn: (tx: Queryable) => Promise<T>) =>
        this.inScope(scope, () => this.db.transaction((tx) => fn(wrap(tx)))),
    };
  }

  async useServiceRole(role: string): Promise<void> {
    await this.inScope(ALL_TENANTS_SCOPE, () => this.q.query("SELECT set_config('role', $1, false)", [role]));
  }

  async close(): Promise<void> {
    await this.tail;
    await this.db.close();
  }
}
