/**
 * The PGlite implementation of {@link Database}: a real Postgres in WASM, in-process, persisted
 * under a data directory. It has one connection; PGlite queues concurrent statements and
 * transactions itself.
 */
import { PGlite, type Transaction, types } from "@electric-sql/pglite";
import { clientErrorOf } from "./data-errors.ts";
import type { Database, Queryable, QueryResult } from "./database.ts";

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

class PgliteDatabase implements Database {
  readonly kind = "pglite";
  private readonly q: Queryable;

  constructor(private readonly db: PGlite) {
    this.q = wrap(db);
  }

  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
    return this.q.query<R>(sql, params);
  }

  exec(sql: string): Promise<void> {
    return this.q.exec(sql);
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => fn(wrap(tx)));
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
