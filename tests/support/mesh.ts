/**
 * Meshes for integration tests, in both deployment modes:
 * - embedded: gateway + scheduler in this process, in-process bus, PGlite (in memory);
 * - distributed: real nats-server and PostgreSQL (via @arbiter/testkit), and the gateway and
 *   schedulers as separate `arbiter` processes, exactly as an operator runs them.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import {
  type Bus,
  createMemoryBus,
  createPgliteDatabase,
  createPostgresDatabase,
  createRootLogger,
  type Database,
  loadConfig,
  migrate,
  SERVICE_ROLE,
  withProcessSigningKeys,
} from "@arbiter/core";
import { type Gateway, startGateway } from "@arbiter/gateway";
import { type SchedulerNode, startScheduler } from "@arbiter/scheduler";
import { type NatsServer, type PostgresServer, startNats, startNatsCluster, startPostgres } from "@arbiter/testkit";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const CLI = join(REPO, "cli/src/main.ts");

/** What every test needs from a mesh, whatever its mode. */
export interface Mesh {
  readonly mode: "embedded" | "distributed";
  /** http://127.0.0.1:<port> of the gateway. */
  readonly gatewayUrl: string;
  /** A connection to the mesh's database, for checking rows. */
  readonly db: Database;
  stop(): Promise<void>;
}

/**
 * Settings for the mesh under test, as environment variables (ARBITER_*). Meshes of tests about
 * other features run with authentication off (`ARBITER_AUTH_ENABLED=false`) unless the settings
 * turn it on; the attack suite (tests/attacks) and the auth tests turn it on.
 */
export type MeshSettings = Record<string, string>;

const quietLogger = () => createRootLogger({ level: "silent" });

/** Gateway and scheduler in this process. */
export async function startEmbeddedMesh(
  settings: MeshSettings = {},
): Promise<Mesh & { gateway: Gateway; scheduler: SchedulerNode; bus: Bus }> {
  const config = withProcessSigningKeys(
    loadConfig({ env: { ARBITER_GATEWAY_PORT: "0", ARBITER_AUTH_ENABLED: "false", ...settings } }),
  );
  const logger = quietLogger();
  const bus = createMemoryBus();
  const db = await createPgliteDatabase({});
  await migrate(db);
  await db.useServiceRole(SERVICE_ROLE);
  const scheduler = await startScheduler({ config, bus, db, logger, role: "embedded" });
  const gateway = await startGateway({ config, bus, logger });
  return {
    mode: "embedded",
    gatewayUrl: `http://127.0.0.1:${gateway.port}`,
    db,
    gateway,
    scheduler,
    bus,
    async stop() {
      await gateway.stop();
      await scheduler.stop();
      await bus.close();
      await db.close();
    },
  };
}

/** An `arbiter` role running as a child process. */
export interface RoleProcess {
  readonly child: ChildProcess;
  readonly role: Role;
  /** The scheduler's node id, or the gateway's (or embedded mesh's) port as a string. */
  readonly id: string;
  readonly logFile: string;
  /** Resolves with the exit code or signal. */
  readonly exited: Promise<number | string>;
}

/** The `arbiter` commands that run a process. */
export type Role = "gateway" | "scheduler" | "start";

/** Starts `arbiter <role>` and resolves once it logged that it is ready. */
export async function spawnRole(role: Role, env: Record<string, string>, logDir: string): Promise<RoleProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", CLI, role], {
    cwd: REPO,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      ARBITER_LOG_LEVEL: "debug",
      // Schedulers of one test (and of tests running side by side) must not share a health port.
      ARBITER_SCHEDULER_HEALTH_PORT: "0",
      // Likewise their /metrics ports (a test that scrapes one picks the port itself).
      ARBITER_METRICS_PORT: "0",
      ARBITER_AUTH_ENABLED: "false",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logFile = join(logDir, `${role}-${child.pid}.log`);
  const log = createWriteStream(logFile);
  child.stderr?.pipe(log);
  const exited = new Promise<number | string>((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown")),
  );
  const ready = new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on("line", (line) => {
      log.write(`${line}\n`);
      try {
        const entry = JSON.parse(line) as { msg?: string; node_id?: string; port?: number; url?: string };
        if (role === "scheduler" && entry.msg === "scheduler ready" && entry.node_id) resolve(entry.node_id);
        if (role === "gateway" && entry.msg === "gateway listening" && entry.port) resolve(String(entry.port));
        if (role === "start" && entry.msg === "embedded mesh ready" && entry.url) resolve(new URL(entry.url).port);
      } catch {
        // not a log line
      }
    });
    void exited.then((code) =>
      reject(new Error(`arbiter ${role} exited (${code}) before it was ready; see ${logFile}`)),
    );
  });
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`arbiter ${role} not ready after 60 s; see ${logFile}`)), 60_000).unref(),
  );
  let id: string;
  try {
    id = await Promise.race([ready, timeout]);
  } catch (err) {
    child.kill("SIGKILL");
    throw err;
  }
  return { child, role, id, logFile, exited };
}

/**
 * Resolves with the first match of `pattern` in a role's log, waiting up to `timeoutMs` for it:
 * what a role prints right after its ready line (e.g. the bootstrap admin key) may not be in the
 * file yet when {@link spawnRole} resolves.
 */
export async function waitForLog(role: RoleProcess, pattern: RegExp, timeoutMs = 10_000): Promise<RegExpExecArray> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(readFileSync(role.logFile, "utf8"));
    if (match) return match;
    if (Date.now() > until) throw new Error(`${pattern} not in ${role.logFile} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Gateway and scheduler processes over a real NATS (one server or a cluster) and PostgreSQL. */
export interface DistributedMesh extends Mesh {
  /** The first (or only) nats-server. */
  readonly nats: NatsServer;
  /** Every nats-server: one, or the members of a JetStream cluster. */
  readonly natsServers: readonly NatsServer[];
  readonly postgres: PostgresServer;
  /** The first gateway; {@link Mesh.gatewayUrl} is its URL. */
  readonly gateway: RoleProcess;
  readonly gateways: readonly RoleProcess[];
  /** http://127.0.0.1:<port> of each gateway, in the order of {@link gateways}. */
  readonly gatewayUrls: readonly string[];
  readonly schedulers: RoleProcess[];
  /** Environment every role of this mesh runs with. */
  readonly env: Record<string, string>;
  readonly logDir: string;
}

/** Options of {@link startDistributedMesh}. */
export interface DistributedMeshOptions {
  schedulers: number;
  /** Gateway processes. Default 1. */
  gateways?: number;
  /**
   * nats-servers. Default 1 (a single JetStream server); more starts a JetStream cluster, and every
   * role is given all members' URLs, so it reconnects to another when its server dies.
   */
  natsServers?: number;
  settings?: MeshSettings;
}

export async function startDistributedMesh(options: DistributedMeshOptions): Promise<DistributedMesh> {
  const natsCount = options.natsServers ?? 1;
  const startBus = async (): Promise<{ servers: readonly NatsServer[]; stop(): Promise<void> }> => {
    if (natsCount > 1) return startNatsCluster(natsCount);
    const single = await startNats({ jetstream: true });
    return { servers: [single], stop: () => single.stop() };
  };
  const [bus, postgres] = await Promise.all([startBus(), startPostgres()]);
  const nats = bus.servers[0];
  if (!nats) throw new Error("no nats-server started");
  const logDir = mkdtempSync(join(tmpdir(), "arbiter-mesh-"));
  const env: Record<string, string> = {
    ARBITER_BUS_KIND: "nats",
    ARBITER_BUS_NATS_URLS: bus.servers.map((s) => s.url).join(","),
    ARBITER_DATABASE_KIND: "postgres",
    ARBITER_DATABASE_URL: postgres.url,
    ARBITER_GATEWAY_PORT: "0",
    ARBITER_SCHEDULER_HEARTBEAT_INTERVAL_MS: "200",
    ARBITER_SCHEDULER_HEARTBEAT_TTL_MS: "1500",
    ...options.settings,
  };
  const started: RoleProcess[] = [];
  /** Starts `count` roles at once; if one fails, ends every role and server already started. */
  const spawnAll = async (count: number, spawnOne: (i: number) => Promise<RoleProcess>) => {
    const results = await Promise.allSettled(Array.from({ length: count }, (_, i) => spawnOne(i)));
    for (const r of results) if (r.status === "fulfilled") started.push(r.value);
    const failed = results.find((r) => r.status === "rejected");
    if (!failed) return results.map((r) => (r as PromiseFulfilledResult<RoleProcess>).value);
    // Left running, a started role would keep the test process alive after the failure.
    for (const p of started) p.child.kill("SIGKILL");
    await Promise.all(started.map((p) => p.exited));
    await Promise.all([bus.stop(), postgres.stop()]);
    throw failed.reason;
  };
  // Start the schedulers together: their migrations race, as replicas' do in a rollout.
  const schedulers = await spawnAll(options.schedulers, (i) =>
    spawnRole("scheduler", { ...env, ARBITER_SCHEDULER_NODE_ID: `scheduler-${i + 1}` }, logDir),
  );
  const gateways = await spawnAll(options.gateways ?? 1, () => spawnRole("gateway", env, logDir));
  const gateway = gateways[0];
  if (!gateway) throw new Error("a mesh needs at least one gateway");
  const gatewayUrls = gateways.map((g) => `http://127.0.0.1:${g.id}`);
  const db = createPostgresDatabase({ url: postgres.url, maxConnections: 2, applicationName: "arbiter-tests" });
  const all = [...gateways, ...schedulers];
  return {
    mode: "distributed",
    gatewayUrl: gatewayUrls[0] ?? "",
    gatewayUrls,
    db,
    nats,
    natsServers: bus.servers,
    postgres,
    gateway,
    gateways,
    schedulers,
    env,
    logDir,
    async stop() {
      for (const p of all) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGTERM");
      await Promise.all(all.map((p) => p.exited));
      await db.close();
      await Promise.all([bus.stop(), postgres.stop()]);
    },
  };
}
