/**
 * A real Jaeger for tracing tests: Jaeger v2 with in-memory storage, receiving OTLP over gRPC and
 * HTTP and answering its query API, each on a free 127.0.0.1 port, ready-checked, and killed when
 * the test process exits.
 */
import { writeFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { DeadlineExceededError, InternalError } from "@arbiter/core";
import { cleanEnv, type Env, findOnPath } from "./exec.ts";
import { freePorts, LOOPBACK_HOST } from "./free-port.ts";
import { ensureJaeger } from "./jaeger-binary.ts";
import type { JaegerTrace } from "./jaeger-trace.ts";
import { ServerExitedError, ServerProcess } from "./server-process.ts";
import { TempDir } from "./temp-dir.ts";

/** Options of {@link startJaeger}. */
export interface StartJaegerOptions {
  /** Jaeger binary. Default: {@link ensureJaeger} (built on first use). */
  binary?: string;
  /** Environment used to find and build binaries. Default `process.env`. */
  env?: Env;
  /** How long to wait for readiness, in ms. Default 30000. */
  startTimeoutMs?: number;
}

/** A running Jaeger. */
export interface JaegerServer {
  /**
   * Base URL of the OTLP/HTTP receiver, `http://127.0.0.1:<port>`: what `OTEL_EXPORTER_OTLP_ENDPOINT`
   * names for the http/protobuf protocol (exporters append `/v1/traces`).
   */
  readonly otlpHttpEndpoint: string;
  /** URL of the OTLP/gRPC receiver, `http://127.0.0.1:<port>`, for the grpc protocol. */
  readonly otlpGrpcEndpoint: string;
  /** Base URL of the query API and UI, `http://127.0.0.1:<port>` (`/api/traces/<id>`, `/api/services`). */
  readonly queryUrl: string;
  readonly logFile: string;
  /** The trace with this id (32 hex digits), or undefined while Jaeger has none of its spans. */
  getTrace(traceId: string): Promise<JaegerTrace | undefined>;
  /**
   * Polls {@link getTrace} until `complete` accepts the trace and returns it; fails after
   * `timeoutMs` (default 20000) with the spans received so far.
   */
  waitForTrace(traceId: string, complete: (trace: JaegerTrace) => boolean, timeoutMs?: number): Promise<JaegerTrace>;
  /** Names of the services that reported spans. */
  services(): Promise<string[]>;
  /** Stops Jaeger (SIGTERM, SIGKILL after 10 s) and deletes its directory. Idempotent. */
  stop(): Promise<void>;
}

interface Ports {
  otlpGrpc: number;
  otlpHttp: number;
  queryHttp: number;
  queryGrpc: number;
}

/**
 * The collector configuration: OTLP in, memory storage, the query extension. Only loopback
 * endpoints, and the collector's own metrics off (they would listen on the fixed port 8888).
 */
function renderConfig(ports: Ports): string {
  const at = (port: number) => `${LOOPBACK_HOST}:${port}`;
  return `service:
  extensions: [jaeger_storage, jaeger_query]
  pipelines:
    traces:
      receivers: [otlp]
      exporters: [jaeger_storage_exporter]
  telemetry:
    metrics:
      level: none
    logs:
      level: info
extensions:
  jaeger_storage:
    backends:
      memstore:
        memory:
          max_traces: 100000
  jaeger_query:
    storage:
      traces: memstore
    http:
      endpoint: ${at(ports.queryHttp)}
    grpc:
      endpoint: ${at(ports.queryGrpc)}
receivers:
  otlp:
    protocols:
      grpc:
        endpoint: ${at(ports.otlpGrpc)}
      http:
        endpoint: ${at(ports.otlpHttp)}
exporters:
  jaeger_storage_exporter:
    trace_storage: memstore
`;
}

async function fetchJson(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, body };
}

/** True once the port accepts HTTP (any status): the OTLP/HTTP receiver is listening. */
async function answersHttp(url: string): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
  await response.arrayBuffer();
  return true;
}

class RunningJaeger implements JaegerServer {
  readonly otlpHttpEndpoint: string;
  readonly otlpGrpcEndpoint: string;
  readonly queryUrl: string;
  readonly logFile: string;
  readonly configFile: string;
  readonly #dir: TempDir;
  readonly #process: ServerProcess;
  #stopped = false;

  constructor(dir: TempDir, ports: Ports, binary: string, setpriv: string | undefined) {
    this.#dir = dir;
    this.otlpHttpEndpoint = `http://${LOOPBACK_HOST}:${ports.otlpHttp}`;
    this.otlpGrpcEndpoint = `http://${LOOPBACK_HOST}:${ports.otlpGrpc}`;
    this.queryUrl = `http://${LOOPBACK_HOST}:${ports.queryHttp}`;
    this.logFile = dir.join("jaeger.log");
    this.configFile = dir.join("jaeger.yaml");
    this.#process = new ServerProcess({
      label: "jaeger",
      command: binary,
      args: ["--config", this.configFile],
      env: {},
      cwd: dir.path,
      logFile: this.logFile,
      setpriv,
    });
  }

  async start(ports: Ports, timeoutMs: number): Promise<void> {
    await writeFile(this.configFile, renderConfig(ports));
    this.#process.start();
    await this.#process.waitUntilReady(
      async () =>
        (await fetchJson(`${this.queryUrl}/api/services`)).status === 200 &&
        (await answersHttp(`${this.otlpHttpEndpoint}/v1/traces`)),
      timeoutMs,
      100,
    );
  }

  async getTrace(traceId: string): Promise<JaegerTrace | undefined> {
    const { status, body } = await fetchJson(`${this.queryUrl}/api/traces/${traceId}`);
    if (status === 404) return undefined;
    if (status !== 200) {
      throw new InternalError(`Jaeger answered ${status} for trace ${traceId}: ${JSON.stringify(body)}`);
    }
    return (body as { data?: JaegerTrace[] }).data?.[0];
  }

  async waitForTrace(
    traceId: string,
    complete: (trace: JaegerTrace) => boolean,
    timeoutMs = 20_000,
  ): Promise<JaegerTrace> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const trace = await this.getTrace(traceId);
      if (trace !== undefined && complete(trace)) return trace;
      if (Date.now() > deadline) {
        const spans = trace?.spans.map((s) => `${trace.processes[s.processID]?.serviceName}: ${s.operationName}`);
        throw new DeadlineExceededError(
          `trace ${traceId} incomplete after ${timeoutMs} ms; spans so far: ${JSON.stringify(spans ?? [])}`,
        );
      }
      await sleep(200);
    }
  }

  async services(): Promise<string[]> {
    const { body } = await fetchJson(`${this.queryUrl}/api/services`);
    return (body as { data?: string[] | null }).data ?? [];
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    await this.#process.stop("SIGTERM", 10_000);
    await this.#dir.remove();
  }
}

const PORT_ATTEMPTS = 5;

/**
 * Starts Jaeger v2 on free 127.0.0.1 ports with in-memory storage and resolves once its query API
 * and OTLP/HTTP receiver answer. Call `stop()` when done; it is killed anyway when the test process
 * exits.
 *
 * @example
 *   const jaeger = await startJaeger();
 *   env.OTEL_EXPORTER_OTLP_ENDPOINT = jaeger.otlpHttpEndpoint;
 *   const trace = await jaeger.waitForTrace(traceId, (t) => t.spans.length >= 3);
 */
export async function startJaeger(options: StartJaegerOptions = {}): Promise<JaegerServer> {
  const env = options.env ?? process.env;
  const binary = options.binary ?? (await ensureJaeger(env));
  const setpriv = await findOnPath("setpriv", cleanEnv(env));
  for (let attempt = 1; ; attempt++) {
    const [otlpGrpc = 0, otlpHttp = 0, queryHttp = 0, queryGrpc = 0] = await freePorts(4);
    const ports = { otlpGrpc, otlpHttp, queryHttp, queryGrpc };
    const dir = await TempDir.create({ prefix: "arbiter-jaeger-" });
    const jaeger = new RunningJaeger(dir, ports, binary, setpriv);
    try {
      await jaeger.start(ports, options.startTimeoutMs ?? 30_000);
      return jaeger;
    } catch (error) {
      await jaeger.stop();
      if (!(error instanceof ServerExitedError && error.portInUse && attempt < PORT_ATTEMPTS)) throw error;
    }
  }
}
