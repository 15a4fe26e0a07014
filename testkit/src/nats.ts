/**
 * Real nats-server instances for integration tests: a single server or a JetStream cluster, each
 * on free 127.0.0.1 ports with a private store directory, ready-checked, restartable on the same
 * port and store (so JetStream data survives), and killed when the test process exits.
 */
import { writeFile } from "node:fs/promises";
import { connect as tcpConnect } from "node:net";
import { InvalidArgumentError } from "@arbiter/core";
import { cleanEnv, type Env, findOnPath } from "./exec.ts";
import { freePorts, LOOPBACK_HOST } from "./free-port.ts";
import { ensureNatsServer } from "./nats-binary.ts";
import { isTerminating, ServerExitedError, ServerProcess } from "./server-process.ts";
import { TempDir } from "./temp-dir.ts";

/** Options of {@link startNats}. */
export interface StartNatsOptions {
  /** Enable JetStream with a file store in the server's temp directory. Default true. */
  jetstream?: boolean;
  /** Client port. Default: a free port (and a retry with another if it is taken meanwhile). */
  port?: number;
  /** HTTP monitoring port (`/healthz`, `/varz`, `/jsz`). Default: a free port. */
  monitorPort?: number;
  /** Server name (JetStream needs unique names in a cluster). Default `"arbiter-nats-<port>"`. */
  name?: string;
  /** nats-server binary. Default: {@link ensureNatsServer}. */
  binary?: string;
  /** Extra nats-server configuration text appended to the generated config file. */
  extraConfig?: string;
  /** Environment used to find binaries. Default `process.env`. */
  env?: Env;
  /** How long to wait for readiness, in ms. Default 30000. */
  startTimeoutMs?: number;
}

/** Options of {@link NatsServer.restart}. */
export interface NatsRestartOptions {
  /**
   * What "ready" means: `"healthy"` (default) waits for `/healthz` to answer 200, which in a
   * JetStream cluster needs a quorum; `"listening"` only waits for the client port to greet, for
   * a member restarted while its peers are down.
   */
  waitFor?: "healthy" | "listening";
}

/** A running (or stopped, restartable) nats-server. */
export interface NatsServer {
  /** The server's name (`server_name`). */
  readonly name: string;
  /** Client URL, `nats://127.0.0.1:<port>`. */
  readonly url: string;
  /** Client port; stays the same across restarts. */
  readonly port: number;
  /** Monitoring base URL, `http://127.0.0.1:<monitorPort>`. */
  readonly monitorUrl: string;
  /** JetStream store directory (`-sd`); survives {@link restart}, deleted by {@link stop}. */
  readonly storeDir: string;
  /** The server's stdout/stderr, appended across restarts. */
  readonly logFile: string;
  /** The generated configuration file. */
  readonly configFile: string;
  /** Whether JetStream is enabled. */
  readonly jetstream: boolean;
  /** Pid of the current server process; changes on restart; undefined if it never started. */
  readonly pid: number | undefined;
  /** True while the server process is alive. */
  readonly running: boolean;
  /**
   * Sends `signal` (default SIGKILL: a crash). For signals that end the process, resolves once it
   * has exited; the store directory is kept so {@link restart} can bring it back.
   */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /**
   * Stops the server gracefully if it is running, then starts it again on the same ports with the
   * same store directory and waits until it is ready.
   */
  restart(options?: NatsRestartOptions): Promise<void>;
  /** Stops the server (SIGTERM, SIGKILL after 10 s) and deletes its temp directory. Idempotent. */
  stop(): Promise<void>;
}

interface ClusterSpec {
  name: string;
  routePort: number;
  routePorts: readonly number[];
}

interface NodeSpec {
  name: string;
  port: number;
  monitorPort: number;
  jetstream: boolean;
  extraConfig: string;
  cluster?: ClusterSpec;
}

function renderConfig(spec: NodeSpec, storeDir: string): string {
  const lines = [
    `server_name: ${JSON.stringify(spec.name)}`,
    `listen: "${LOOPBACK_HOST}:${spec.port}"`,
    `http: "${LOOPBACK_HOST}:${spec.monitorPort}"`,
  ];
  // sync_interval: always: JetStream acknowledges a write once it is on disk, so a message whose
  // publish succeeded survives a server crash (by default the server syncs every two minutes).
  if (spec.jetstream) lines.push(`jetstream { store_dir: ${JSON.stringify(storeDir)}, sync_interval: always }`);
  if (spec.cluster) {
    const routes = spec.cluster.routePorts.map((p) => `"nats-route://${LOOPBACK_HOST}:${p}"`).join(", ");
    lines.push(
      `cluster { name: ${JSON.stringify(spec.cluster.name)}, listen: "${LOOPBACK_HOST}:${spec.cluster.routePort}", routes: [${routes}] }`,
    );
  }
  if (spec.extraConfig !== "") lines.push(spec.extraConfig);
  return `${lines.join("\n")}\n`;
}

/** True once the client port accepts a connection and greets with the NATS INFO line. */
function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tcpConnect({ host: LOOPBACK_HOST, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once("error", () => done(false));
    socket.once("data", (chunk) => done(chunk.toString("latin1").startsWith("INFO ")));
  });
}

async function healthy(monitorUrl: string): Promise<boolean> {
  const response = await fetch(`${monitorUrl}/healthz`, { signal: AbortSignal.timeout(1000) });
  await response.arrayBuffer();
  return response.status === 200;
}

/**
 * Whether a clustered JetStream member knows its meta leader: until one is elected, JetStream API
 * requests go unanswered (503), so a cluster is ready for tests only once every member knows it.
 */
async function knowsMetaLeader(monitorUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${monitorUrl}/jsz`, { signal: AbortSignal.timeout(1000) });
    const jsz = (await response.json()) as { meta_cluster?: { leader?: string } };
    return typeof jsz.meta_cluster?.leader === "string" && jsz.meta_cluster.leader !== "";
  } catch {
    return false;
  }
}

class NatsNode implements NatsServer {
  readonly name: string;
  readonly url: string;
  readonly port: number;
  readonly monitorUrl: string;
  readonly storeDir: string;
  readonly logFile: string;
  readonly configFile: string;
  readonly jetstream: boolean;
  readonly #dir: TempDir;
  readonly #process: ServerProcess;
  readonly #startTimeoutMs: number;
  #stopped = false;

  constructor(dir: TempDir, spec: NodeSpec, binary: string, setpriv: string | undefined, startTimeoutMs: number) {
    this.#dir = dir;
    this.name = spec.name;
    this.port = spec.port;
    this.url = `nats://${LOOPBACK_HOST}:${spec.port}`;
    this.monitorUrl = `http://${LOOPBACK_HOST}:${spec.monitorPort}`;
    this.storeDir = dir.join("store");
    this.logFile = dir.join("nats-server.log");
    this.configFile = dir.join("nats-server.conf");
    this.jetstream = spec.jetstream;
    this.#startTimeoutMs = startTimeoutMs;
    this.#process = new ServerProcess({
      label: `nats-server ${spec.name}`,
      command: binary,
      args: ["-c", this.configFile],
      env: {},
      cwd: dir.path,
      logFile: this.logFile,
      setpriv,
    });
  }

  get pid(): number | undefined {
    return this.#process.pid;
  }

  get running(): boolean {
    return this.#process.running;
  }

  async writeConfig(spec: NodeSpec): Promise<void> {
    await writeFile(this.configFile, renderConfig(spec, this.storeDir));
  }

  /** Spawns the process without waiting (cluster members must all start before any is healthy). */
  spawn(): void {
    if (this.#stopped) throw new Error(`nats-server ${this.name} was stopped; start a new one`);
    this.#process.start();
  }

  async waitReady(waitFor: "healthy" | "listening" = "healthy"): Promise<void> {
    await this.#process.waitUntilReady(
      async () => (await greets(this.port)) && (waitFor === "listening" || (await healthy(this.monitorUrl))),
      this.#startTimeoutMs,
    );
  }

  async kill(signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
    if (!this.#process.running) return;
    this.#process.signal(signal);
    if (isTerminating(signal)) await this.#process.exited();
  }

  async restart(options: NatsRestartOptions = {}): Promise<void> {
    await this.#process.stop("SIGTERM", 10_000);
    this.spawn();
    await this.waitReady(options.waitFor);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#process.stop("SIGTERM", 10_000);
    await this.#dir.remove();
  }
}

async function resolveTools(options: StartNatsOptions): Promise<{ binary: string; setpriv: string | undefined }> {
  const env = options.env ?? process.env;
  const binary = options.binary ?? (await ensureNatsServer({ env }));
  return { binary, setpriv: await findOnPath("setpriv", cleanEnv(env)) };
}

function checkPort(field: string, port: number | undefined): void {
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    throw new InvalidArgumentError(field, "an integer TCP port in 1..65535", String(port));
  }
}

const PORT_ATTEMPTS = 5;

/**
 * Starts one nats-server on 127.0.0.1 (JetStream on by default, stored in a fresh temp directory)
 * and resolves once it greets clients and `/healthz` answers 200. Call `stop()` when done; the
 * server is killed anyway when the test process exits.
 *
 * @example
 *   const nats = await startNats();
 *   const nc = await connect({ servers: nats.url });
 */
export async function startNats(options: StartNatsOptions = {}): Promise<NatsServer> {
  checkPort("port", options.port);
  checkPort("monitorPort", options.monitorPort);
  const { binary, setpriv } = await resolveTools(options);
  for (let attempt = 1; ; attempt++) {
    const [port = 0, monitorPort = 0] = await freePorts(2);
    const spec: NodeSpec = {
      port: options.port ?? port,
      monitorPort: options.monitorPort ?? monitorPort,
      name: options.name ?? `arbiter-nats-${options.port ?? port}`,
      jetstream: options.jetstream ?? true,
      extraConfig: options.extraConfig ?? "",
    };
    const dir = await TempDir.create({ prefix: "arbiter-nats-" });
    const node = new NatsNode(dir, spec, binary, setpriv, options.startTimeoutMs ?? 30_000);
    try {
      await node.writeConfig(spec);
      node.spawn();
      await node.waitReady();
      return node;
    } catch (error) {
      await node.stop();
      const chosen = options.port === undefined && options.monitorPort === undefined;
      if (!(error instanceof ServerExitedError && error.portInUse && chosen && attempt < PORT_ATTEMPTS)) throw error;
    }
  }
}

/** Options of {@link startNatsCluster}. */
export interface StartNatsClusterOptions {
  /** Cluster name. Default `"arbiter-test"`. */
  name?: string;
  /** JetStream on every member (replicated streams and KV need it). Default true. */
  jetstream?: boolean;
  /** nats-server binary. Default: {@link ensureNatsServer}. */
  binary?: string;
  /** Environment used to find binaries. Default `process.env`. */
  env?: Env;
  /** How long to wait for the whole cluster to be healthy, in ms. Default 60000. */
  startTimeoutMs?: number;
}

/** A nats-server cluster; each member can be killed and restarted on its own. */
export interface NatsCluster {
  /** The members, in start order. */
  readonly servers: readonly NatsServer[];
  /** Every member's client URL, for `connect({ servers })`. */
  readonly urls: readonly string[];
  /** Stops every member and deletes their directories. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts a `size`-member nats-server cluster (default 3, JetStream on) with full-mesh routes on
 * free 127.0.0.1 ports, and resolves once every member is healthy (for JetStream, once the meta
 * group has a leader).
 */
export async function startNatsCluster(size = 3, options: StartNatsClusterOptions = {}): Promise<NatsCluster> {
  if (!Number.isInteger(size) || size < 1) {
    throw new InvalidArgumentError("size", "a positive integer number of cluster members", String(size));
  }
  const { binary, setpriv } = await resolveTools(options);
  const clusterName = options.name ?? "arbiter-test";
  for (let attempt = 1; ; attempt++) {
    const ports = await freePorts(3 * size);
    const routePorts = ports.slice(2 * size);
    const nodes: NatsNode[] = [];
    try {
      for (let i = 0; i < size; i++) {
        const spec: NodeSpec = {
          name: `${clusterName}-${i + 1}`,
          port: ports[i] ?? 0,
          monitorPort: ports[size + i] ?? 0,
          jetstream: options.jetstream ?? true,
          extraConfig: "",
          cluster: { name: clusterName, routePort: routePorts[i] ?? 0, routePorts },
        };
        const dir = await TempDir.create({ prefix: `arbiter-nats-${i + 1}-` });
        const node = new NatsNode(dir, spec, binary, setpriv, options.startTimeoutMs ?? 60_000);
        nodes.push(node);
        await node.writeConfig(spec);
      }
      for (const node of nodes) node.spawn();
      await Promise.all(nodes.map((node) => node.waitReady()));
      if (options.jetstream ?? true) {
        const until = Date.now() + (options.startTimeoutMs ?? 60_000);
        while (!(await Promise.all(nodes.map((n) => knowsMetaLeader(n.monitorUrl)))).every(Boolean)) {
          if (Date.now() > until) throw new Error(`JetStream cluster "${clusterName}" elected no meta leader in time`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      return {
        servers: nodes,
        urls: nodes.map((n) => n.url),
        stop: async () => {
          await Promise.all(nodes.map((n) => n.stop()));
        },
      };
    } catch (error) {
      await Promise.all(nodes.map((n) => n.stop()));
      if (!(error instanceof ServerExitedError && error.portInUse && attempt < PORT_ATTEMPTS)) throw error;
    }
  }
}
