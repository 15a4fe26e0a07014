/**
 * A real PostgreSQL server for integration tests: a fresh cluster (initdb, trust authentication
 * on loopback, UTF8) in a temp directory, served on a free 127.0.0.1 port with fsync on, a
 * database created for the tests, restartable on the same data directory, and killed when the
 * test process exits. When the tests run as root (PostgreSQL refuses root), the server runs as an
 * unprivileged account.
 */
import { chown, mkdir } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { FailedPreconditionError, InternalError, InvalidArgumentError } from "@arbiter/core";
import pg from "pg";
import { cleanEnv, type Env, findOnPath, run } from "./exec.ts";
import { freePort, LOOPBACK_HOST } from "./free-port.ts";
import { ensurePostgres } from "./postgres-binary.ts";
import { isTerminating, ServerExitedError, ServerProcess } from "./server-process.ts";
import { resolveServiceUser, type ServiceUser } from "./service-user.ts";
import { TempDir } from "./temp-dir.ts";

/** Options of {@link startPostgres}. */
export interface StartPostgresOptions {
  /** Directory holding `postgres` and `initdb`. Default: {@link ensurePostgres}. */
  binDir?: string;
  /** Port on 127.0.0.1. Default: a free port (retried with another if taken meanwhile). */
  port?: number;
  /** Database superuser (created by initdb; trust authentication). Default `"postgres"`. */
  user?: string;
  /** Database created for the tests and named in {@link PostgresServer.url}. Default `"arbiter"`. */
  database?: string;
  /** Operating-system account the server runs as when the test process is root. Default `"nobody"`. */
  osUser?: string;
  /**
   * Extra server settings (`-c name=value`), applied over the defaults: fsync on,
   * shared_buffers 16MB, max_connections 100, timezone UTC.
   */
  settings?: Readonly<Record<string, string | number | boolean>>;
  /** Environment used to find binaries and run them. Default `process.env`. */
  env?: Env;
  /** How long to wait for the server to accept connections, in ms. Default 60000. */
  startTimeoutMs?: number;
}

/** Connection parameters for `new pg.Client(...)` / `new pg.Pool(...)`. */
export interface PostgresConnectionOptions {
  host: string;
  port: number;
  user: string;
  database: string;
}

/** A running (or stopped, restartable) PostgreSQL server. */
export interface PostgresServer {
  /** `postgres://<user>@127.0.0.1:<port>/<database>`. */
  readonly url: string;
  /** TCP port on 127.0.0.1; stays the same across restarts. */
  readonly port: number;
  /** Superuser name. */
  readonly user: string;
  /** The test database. */
  readonly database: string;
  /** PGDATA; survives {@link restart}, deleted by {@link stop}. */
  readonly dataDir: string;
  /** Directory of the Unix-domain socket. */
  readonly socketDir: string;
  /** The server's output (initdb's too), appended across restarts. */
  readonly logFile: string;
  /** `postgres --version` of the binary in use. */
  readonly version: string;
  /** Pid of the current postmaster; changes on restart. */
  readonly pid: number | undefined;
  /** True while the postmaster is alive. */
  readonly running: boolean;
  /** Parameters for the `pg` client, for `database` (default: the test database). */
  connectionOptions(database?: string): PostgresConnectionOptions;
  /** Creates another database (for isolation between tests) and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /**
   * Sends `signal` (default SIGKILL). SIGKILL goes to the postmaster and every backend at once,
   * like a machine crash; other signals go to the postmaster only (SIGTERM: smart shutdown,
   * SIGINT: fast, SIGQUIT: immediate). For signals that end it, resolves once it has exited. The
   * data directory is kept so {@link restart} can bring it back (running crash recovery if needed).
   */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Fast-shuts down the server if it is running, starts it on the same port and data directory, waits until ready. */
  restart(): Promise<void>;
  /** Fast-shuts down the server and deletes its temp directory. Idempotent. */
  stop(): Promise<void>;
}

const DEFAULT_SETTINGS: Readonly<Record<string, string>> = {
  // Durability is under test (kill -9 then restart must keep committed rows).
  fsync: "on",
  synchronous_commit: "on",
  shared_buffers: "16MB",
  max_connections: "100",
  huge_pages: "off",
  timezone: "UTC",
};

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function canQuery(options: PostgresConnectionOptions): Promise<boolean> {
  const client = new pg.Client({ ...options, connectionTimeoutMillis: 2000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

class Postgres implements PostgresServer {
  readonly url: string;
  readonly port: number;
  readonly user: string;
  readonly database: string;
  readonly dataDir: string;
  readonly socketDir: string;
  readonly logFile: string;
  readonly version: string;
  readonly #dir: TempDir;
  readonly #process: ServerProcess;
  readonly #startTimeoutMs: number;
  #stopped = false;

  constructor(
    dir: TempDir,
    init: { port: number; user: string; database: string; version: string; startTimeoutMs: number },
    spawnSpec: { postgres: string; env: Record<string, string>; settings: Record<string, string> },
    osUser: ServiceUser | undefined,
    setpriv: string | undefined,
  ) {
    this.#dir = dir;
    this.port = init.port;
    this.user = init.user;
    this.database = init.database;
    this.version = init.version;
    this.#startTimeoutMs = init.startTimeoutMs;
    this.url = `postgres://${encodeURIComponent(init.user)}@${LOOPBACK_HOST}:${init.port}/${encodeURIComponent(init.database)}`;
    this.dataDir = dir.join("data");
    this.socketDir = dir.path;
    this.logFile = dir.join("postgres.log");
    const settings: Record<string, string> = {
      ...spawnSpec.settings,
      listen_addresses: LOOPBACK_HOST,
      unix_socket_directories: this.socketDir,
    };
    const args = ["-D", this.dataDir, "-p", String(init.port)];
    for (const [name, value] of Object.entries(settings)) args.push("-c", `${name}=${value}`);
    this.#process = new ServerProcess({
      label: "postgres",
      command: spawnSpec.postgres,
      args,
      env: spawnSpec.env,
      cwd: dir.path,
      logFile: this.logFile,
      user: osUser,
      setpriv,
    });
  }

  get pid(): number | undefined {
    return this.#process.pid;
  }

  get running(): boolean {
    return this.#process.running;
  }

  connectionOptions(database: string = this.database): PostgresConnectionOptions {
    return { host: LOOPBACK_HOST, port: this.port, user: this.user, database };
  }

  async #query(sql: string): Promise<void> {
    const client = new pg.Client(this.connectionOptions("postgres"));
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  async createDatabase(name: string): Promise<string> {
    if (name === "" || name.length > 63) {
      throw new InvalidArgumentError("name", "a database name of 1 to 63 characters", JSON.stringify(name));
    }
    await this.#query(`CREATE DATABASE ${quoteIdent(name)}`);
    return `postgres://${encodeURIComponent(this.user)}@${LOOPBACK_HOST}:${this.port}/${encodeURIComponent(name)}`;
  }

  /** Starts the postmaster and waits until it answers a query. */
  async start(): Promise<void> {
    if (this.#stopped) throw new Error("this PostgreSQL server was stopped; start a new one");
    // After a crash, orphaned backends may hold the old shared memory for a moment; postgres
    // then refuses to start ("pre-existing shared memory block (key …, ID …) is still in use").
    // Retry briefly.
    for (let attempt = 1; ; attempt++) {
      this.#process.start();
      try {
        await this.#process.waitUntilReady(() => canQuery(this.connectionOptions("postgres")), this.#startTimeoutMs);
        return;
      } catch (error) {
        const busy =
          error instanceof ServerExitedError &&
          /shared memory block .*is still in use|lock file .* already exists/i.test(error.log);
        if (!busy || attempt >= 20) throw error;
        await sleep(250);
      }
    }
  }

  async kill(signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
    if (!this.#process.running) return;
    if (signal === "SIGKILL") this.#process.signalGroup("SIGKILL");
    else this.#process.signal(signal);
    if (isTerminating(signal)) await this.#process.exited();
  }

  async restart(): Promise<void> {
    await this.#process.stop("SIGINT", 15_000);
    await this.start();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#process.stop("SIGINT", 15_000);
    await this.#dir.remove();
  }

  async createTestDatabase(): Promise<void> {
    await this.#query(`CREATE DATABASE ${quoteIdent(this.database)}`);
  }
}

const PORT_ATTEMPTS = 5;

/**
 * Creates a fresh PostgreSQL cluster in a temp directory, starts it on 127.0.0.1 and resolves once
 * it accepts queries and the test database exists. Call `stop()` when done; the server is killed
 * anyway when the test process exits.
 *
 * @throws FailedPreconditionError when no PostgreSQL binaries are found (names the Debian package
 *   `postgresql`) or when the binaries cannot run as the unprivileged account.
 */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresServer> {
  const env = options.env ?? process.env;
  if (options.port !== undefined && !(Number.isInteger(options.port) && options.port > 0 && options.port < 65536)) {
    throw new InvalidArgumentError("port", "an integer TCP port in 1..65535", String(options.port));
  }
  const binaries = await ensurePostgres({ env, ...(options.binDir === undefined ? {} : { binDir: options.binDir }) });
  const osUser = await resolveServiceUser(options.osUser ?? "nobody", env);
  const setpriv = await findOnPath("setpriv", env);
  const childEnv = cleanEnv(env, (name) => !["PATH", "TZ"].includes(name));
  childEnv.LC_ALL = "C";
  const ids = osUser ? { uid: osUser.uid, gid: osUser.gid } : {};
  const user = options.user ?? "postgres";
  const database = options.database ?? "arbiter";
  const settings: Record<string, string> = { ...DEFAULT_SETTINGS };
  for (const [name, value] of Object.entries(options.settings ?? {})) {
    settings[name] = typeof value === "boolean" ? (value ? "on" : "off") : String(value);
  }

  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    const dir = await TempDir.create({ prefix: "arbiter-pg-", ...(osUser ? { owner: osUser } : {}) });
    const server = new Postgres(
      dir,
      { port, user, database, version: binaries.version, startTimeoutMs: options.startTimeoutMs ?? 60_000 },
      { postgres: binaries.postgres, env: childEnv, settings },
      osUser,
      setpriv,
    );
    try {
      await mkdir(server.dataDir, { mode: 0o700 });
      if (osUser) await chown(server.dataDir, osUser.uid, osUser.gid);
      const initdb = await run(
        binaries.initdb,
        ["-D", server.dataDir, "-U", user, "-A", "trust", "-E", "UTF8", "--no-locale"],
        { env: childEnv, cwd: dir.path, timeoutMs: 120_000, ...ids },
      ).catch((error: unknown) => {
        throw new FailedPreconditionError(
          `cannot run ${binaries.initdb}${osUser ? ` as user ${osUser.name}` : ""}: ${String(error)}`,
          { binary: binaries.initdb },
          { cause: error },
        );
      });
      if (initdb.code !== 0) {
        throw new InternalError(`initdb failed (exit ${initdb.code}) in ${server.dataDir}: ${initdb.stderr.trim()}`, {
          dataDir: server.dataDir,
        });
      }
      await server.start();
      if (database !== "postgres") await server.createTestDatabase();
      return server;
    } catch (error) {
      await server.stop();
      const retry = error instanceof ServerExitedError && error.portInUse && options.port === undefined;
      if (!retry || attempt >= PORT_ATTEMPTS) throw error;
    }
  }
}
