/**
 * The PostgreSQL implementation of {@link Database}, over a `pg` connection pool. While tracing,
 * each statement run on behalf of a traced request is a client span (db.system=postgresql), a
 * child of the request's active span; statements outside any request (heartbeats, housekeeping)
 * start no trace of their own.
 */
import pg from "pg";
import {
  ATTR_DB_NAMESPACE,
  ATTR_DB_OPERATION_NAME,
  ATTR_DB_QUERY_TEXT,
  ATTR_DB_SYSTEM,
  ATTR_DB_SYSTEM_NAME,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
} from "../tracing/semconv.ts";
import { endSpan, insideSpan, SpanKind, startSpan, withSpan } from "../tracing/spans.ts";
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
import { type PostgresSslSettings, postgresSslOptions } from "./pg-ssl.ts";

export interface PostgresOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  /** Pool size. */
  maxConnections: number;
  /** Name shown in pg_stat_activity. */
  applicationName: string;
  /** TLS (the `database` settings can be passed as they are); absent: plain unless the URL asks. */
  ssl?: PostgresSslSettings;
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
  const ssl = options.ssl ? postgresSslOptions(options.ssl) : undefined;
  const pool = new pg.Pool({
    ...(ssl ? { ssl } : {}),
    connectionString: options.url,
    max: options.maxConnections,
    application_name: options.applicationName,
    types: types as pg.CustomTypesConfig,
    // Fail a request rather than hang when PostgreSQL is unreachable.
    connectionTimeoutMillis: 5000,
  });
  // An idle client losing its connection (PostgreSQL restart) must not crash the process.
  pool.on("error", () => {});
  return new PostgresDatabase(pool, serverAttributes(options.url));
}

/** Where the pool connects, as span attributes (the database name, host and port; never the password). */
function serverAttributes(url: string): Record<string, string | number> {
  try {
    const parsed = new URL(url);
    const attributes: Record<string, string | number> = {
      [ATTR_DB_SYSTEM]: "postgresql",
      [ATTR_DB_SYSTEM_NAME]: "postgresql",
      [ATTR_DB_NAMESPACE]: decodeURIComponent(parsed.pathname.slice(1)),
      [ATTR_SERVER_ADDRESS]: parsed.hostname,
    };
    if (parsed.port !== "") attributes[ATTR_SERVER_PORT] = Number(parsed.port);
    return attributes;
  } catch {
    return { [ATTR_DB_SYSTEM]: "postgresql", [ATTR_DB_SYSTEM_NAME]: "postgresql" };
  }
}

/** The statement's first keyword (SELECT, INSERT, WITH, ...), which names its span. */
function operationOf(sql: string): string {
  const match = /^\s*([A-Za-z]+)/.exec(sql);
  return match ? (match[1] as string).toUpperCase() : "SQL";
}

/** Runs one statement in a client span, when a traced request is active. */
async function traced<T>(server: Record<string, string | number>, sql: string, run: () => Promise<T>): Promise<T> {
  if (!insideSpan()) return run();
  const operation = operationOf(sql);
  const span = startSpan(`${operation} ${server[ATTR_DB_NAMESPACE] ?? "postgresql"}`, SpanKind.CLIENT, {
    ...server,
    [ATTR_DB_OPERATION_NAME]: operation,
    [ATTR_DB_QUERY_TEXT]: sql,
  });
  try {
    const result = await withSpan(span, run);
    endSpan(span);
    return result;
  } catch (err) {
    endSpan(span, err);
    throw err;
  }
}

function wrap(client: pg.PoolClient, server: Record<string, string | number>): Queryable {
  return {
    async query<R>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
      try {
        const res = await traced(server, sql, () => client.query(sql, params as unknown[] | undefined));
        return { rows: res.rows as R[], rowCount: res.rowCount ?? 0 };
      } catch (err) {
        throw clientErrorOf(err);
      }
    },
    async exec(sql: string): Promise<void> {
      await traced(server, sql, () => client.query(sql));
    },
  };
}

/** What a pooled connection's session is set to, kept on the connection. */
const SESSION = Symbol("arbiter.session");
type SessionClient = pg.PoolClient & { [SESSION]?: { scope: string; role: string | undefined } };

class PostgresDatabase implements Database {
  readonly kind = "postgres";
  /** Set once, after the migrations: every connection runs as this role from then on. */
  private role: string | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly server: Record<string, string | number>,
  ) {}

  /**
   * A connection whose session has `scope` (and the service role). A connection keeps its settings
   * between uses, so a pool serving one tenant at a time pays for them once, not per statement.
   */
  private async connect(scope: string): Promise<SessionClient> {
    const client: SessionClient = await this.pool.connect();
    const session = client[SESSION];
    if (session?.scope === scope && session.role === this.role) return client;
    try {
      const settings = sessionSettings(scope, this.role);
      await client.query(settings.sql, settings.params);
    } catch (err) {
      client.release(true);
      throw clientErrorOf(err);
    }
    client[SESSION] = { scope, role: this.role };
    return client;
  }

  /** Runs `fn` on a connection in `scope`, returned to the pool after. */
  private async withClient<T>(scope: string, fn: (q: Queryable) => Promise<T>): Promise<T> {
    const client = await this.connect(scope);
    try {
      return await fn(wrap(client, this.server));
    } finally {
      client.release();
    }
  }

  private queryIn<R>(scope: string, sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
    return this.withClient(scope, (q) => q.query<R>(sql, params));
  }

  private execIn(scope: string, sql: string): Promise<void> {
    return this.withClient(scope, (q) => q.exec(sql));
  }

  private async transactionIn<T>(scope: string, fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.connect(scope);
    let broken = false;
    try {
      await client.query("BEGIN");
      const result = await fn(wrap(client, this.server));
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

  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
    return this.queryIn<R>(ALL_TENANTS_SCOPE, sql, params);
  }

  exec(sql: string): Promise<void> {
    return this.execIn(ALL_TENANTS_SCOPE, sql);
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.transactionIn(ALL_TENANTS_SCOPE, fn);
  }

  forTenant(tenant: string): Scope {
    const scope = tenantScope(tenant);
    return {
      query: <R>(sql: string, params?: readonly unknown[]) => this.queryIn<R>(scope, sql, params),
      exec: (sql: string) => this.execIn(scope, sql),
      transaction: <T>(fn: (tx: Queryable) => Promise<T>) => this.transactionIn(scope, fn),
    };
  }

  async useServiceRole(role: string): Promise<void> {
    this.role = role;
    // Fails here, at start-up, when the login may not take the role, rather than on a request.
    await this.query("SELECT 1");
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
