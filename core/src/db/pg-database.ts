/** The PostgreSQL implementation of {@link Database}, over a `pg` connection pool. */
import pg from "pg";
import type { Database, Queryable, QueryResult } from "./database.ts";

export interface PostgresOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  /** Pool size. */
  maxConnections: number;
  /** Name shown in pg_stat_activity. */
  applicationName: string;
}

const INT8_OID = 20;

/** Type parsers of this pool: int8 as a JS number, everything else as `pg` parses it. */
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format ?? "text");
  },
};

/** Opens a pool; the first query fails with a clear error if PostgreSQL is unreachable. */
export function createPostgresDatabase(options: PostgresOptions): Database {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections,
    application_name: options.applicationName,
    types: types as pg.CustomTypesConfig,
    // Fail a request rather than hang when PostgreSQL is unreachable.
    connectionTimeoutMillis: 5000,
  });
  // An idle client losing its connection (PostgreSQL restart) must not crash the process.
  pool.on("error", () => {});
  return new PostgresDatabase(pool);
}

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<R>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
      const res = await client.query(sql, params as unknown[] | undefined);
      return { rows: res.rows as R[], rowCount: res.rowCount ?? 0 };
    },
    async exec(sql: string): Promise<void> {
      await client.query(sql);
    },
  };
}

class PostgresDatabase implements Database {
  readonly kind = "postgres";
  private readonly q: Queryable;

  constructor(private readonly pool: pg.Pool) {
    this.q = wrap(pool);
  }

  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
    return this.q.query<R>(sql, params);
  }

  exec(sql: string): Promise<void> {
    return this.q.exec(sql);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query("BEGIN");
      const result = await fn(wrap(client));
      await client.query("COMMIT");
      return result;
    } catch (err) {
      await client.query("ROLLBACK").catch(() => {
        broken = true;
      });
      throw err;
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
