/**
 * Noisy-neighbour benchmark: how much a tenant flooding the gateway slows another tenant down.
 * An embedded mesh (`arbiter start`) gets two tenants, A (limited: `limits.tenantOverrides`) and
 * B (the defaults), each with its own copy of the example risk classifier. B's Infer latency
 * (ModelInfer, one row, raw FP32, on the fast gRPC path) is measured alone, then while A floods
 * with many concurrent callers of bulk requests that retry at once when refused — far over A's
 * limits. Reports B's p99 under the flood over its p99 alone, against the target of at most 2×,
 * with what A got through and how much of it was refused.
 *
 *   node --import tsx bench/src/noisy-neighbour.ts        (npm run bench:noisy)
 *
 * Writes bench/results/noisy-neighbour.json: {"limits_a", "refusal_delay_ms", "a_rows", "b_alone": {p50_us, p99_us,
 * throughput_rps, errors}, "b_flooded": {...}, "a_flood": {served_rps, refused_rps, failed,
 * callers}, "p99_ratio", "load_average": {before, after}}. Exits 1 when the mesh cannot make the
 * tenants or B's calls fail (its latency is reported either way; the ratio is never a pass/fail).
 *
 * The flood runs in a child process of its own (this file with `--flood`), so that its callers
 * compete with the mesh for the CPU as another client would, not with B's load generator's event
 * loop. B sends one row per call, as an interactive caller; A sends bulk requests of many rows, so
 * each call A gets through costs the model that much. Env (read here only): BENCH_SECONDS per
 * phase (default 10), BENCH_WARMUP_SECONDS (default 1), BENCH_B_CONCURRENCY (default 2),
 * BENCH_FLOOD_CALLERS (default 64: 16 times A's concurrency quota; on a small machine more callers
 * mostly measure the flood's own client, which shares the cores with the mesh), BENCH_A_ROWS (rows
 * per A request, default 64), BENCH_A_LIMITS (default `rps=100,burst=100,concurrency=4`;
 * `rps=0,concurrency=0` runs the same flood without limits, for comparison), BENCH_FLOOD_RETRY
 * (`at-once`, the default, or `after`: refused callers wait the refusal's retry-after),
 * BENCH_REFUSAL_DELAY_MS (the mesh's `limits.tenantRefusalDelayMs`, default its default; 0 answers
 * refusals at once).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import http2 from "node:http2";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { CONFIG_SCHEMA } from "@arbiter/core";
import {
  AuthService,
  ModelRegistryService,
  PrincipalKind,
  RegisterModelRequestSchema,
  Role,
  TenantService,
} from "@arbiter/proto";
import { ModelInferRequestSchema } from "@arbiter/proto/inference";
import { create } from "@bufbuild/protobuf";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { EXPECTED, exampleModel, fp32Bytes } from "../../tests/support/examples.ts";
import { spawnRole } from "../../tests/support/mesh.ts";
import { drive, framed, type Level } from "./grpc-load.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 1);
const B_CONCURRENCY = Number(process.env.BENCH_B_CONCURRENCY ?? 2);
const FLOOD_CALLERS = Number(process.env.BENCH_FLOOD_CALLERS ?? 64);
const A_LIMITS = process.env.BENCH_A_LIMITS ?? "rps=100,burst=100,concurrency=4";
const A_ROWS = Number(process.env.BENCH_A_ROWS ?? 64);
const FLOOD_RETRY = process.env.BENCH_FLOOD_RETRY === "after" ? "after" : "at-once";
const REFUSAL_DELAY_MS = Number(
  process.env.BENCH_REFUSAL_DELAY_MS ?? CONFIG_SCHEMA.limits.tenantRefusalDelayMs.default,
);
const TARGET_RATIO = 2;
/** The bootstrap admin's key of the mesh under test (tenant `default`). */
const ADMIN_KEY = "noisy-neighbour-bench-admin-key-0123456789abcdef";
const MODEL_INFER = "/inference.GRPCInferenceService/ModelInfer";
/** gRPC RESOURCE_EXHAUSTED */
const RESOURCE_EXHAUSTED = 8;

const rows = (EXPECTED["risk-classifier"]?.inputs.features?.data ?? []) as number[][];
/** A ModelInfer request of `batch` rows of the example input, starting at row `first`. */
function inferFrame(first: number, batch: number): Buffer {
  const data = Array.from({ length: batch }, (_, k) => rows[(first + k) % rows.length] as number[]);
  return framed(
    ModelInferRequestSchema,
    create(ModelInferRequestSchema, {
      modelName: "risk-classifier",
      inputs: [{ name: "features", datatype: "FP32", shape: [BigInt(batch), 30n] }],
      rawInputContents: [fp32Bytes(data)],
    }),
  );
}
/** B's requests: one row each, as an interactive caller sends them. */
const frames = rows.map((_, i) => inferFrame(i, 1));
/** A's requests: BENCH_A_ROWS rows each. */
const floodFrames = rows.map((_, i) => inferFrame(i, A_ROWS));

/** How a call ended: its gRPC status code (-1: none), and the retry-after of a refusal, in seconds. */
interface CallEnd {
  status: number;
  retryAfter?: number;
}

/** One unary ModelInfer on `session` as the holder of `key`. */
function modelInfer(session: http2.ClientHttp2Session, key: string, frame: Buffer): Promise<CallEnd> {
  return new Promise((resolve, reject) => {
    const stream = session.request({
      ":method": "POST",
      ":path": MODEL_INFER,
      "content-type": "application/grpc",
      te: "trailers",
      "grpc-timeout": "10S",
      "x-api-key": key,
    });
    let status: string | undefined;
    let retryAfter: string | undefined;
    const read = (headers: http2.IncomingHttpHeaders) => {
      status = (headers["grpc-status"] as string | undefined) ?? status;
      retryAfter = (headers["retry-after"] as string | undefined) ?? retryAfter;
    };
    stream.on("response", read);
    stream.on("trailers", read);
    stream.on("data", () => {});
    stream.on("error", reject);
    stream.on("end", () =>
      resolve({
        status: status === undefined ? -1 : Number(status),
        ...(retryAfter === undefined ? {} : { retryAfter: Number(retryAfter) }),
      }),
    );
    stream.end(frame);
  });
}

/** What the flood got: calls per second served and refused, and other failures. */
interface FloodResult {
  served_rps: number;
  refused_rps: number;
  failed: number;
  callers: number;
  /** "at-once": a refused caller calls again at once; "after": it waits the refusal's retry-after. */
  retry: string;
}

/**
 * The flood (child process mode): `callers` callers over a few connections call back to back as
 * tenant A until stdin closes, then print what they got as one JSON line.
 */
async function flood(url: string, key: string, callers: number, retry: string): Promise<void> {
  const sessions = Array.from({ length: 4 }, () => http2.connect(url));
  let served = 0;
  let refused = 0;
  let failed = 0;
  let stop = false;
  process.stdin.resume();
  process.stdin.once("end", () => {
    stop = true;
  });
  const began = performance.now();
  const caller = async (c: number) => {
    const session = sessions[c % sessions.length] as http2.ClientHttp2Session;
    for (let i = c; !stop; i += callers) {
      const end = await modelInfer(session, key, floodFrames[i % floodFrames.length] as Buffer).catch(() => ({
        status: -1,
        retryAfter: undefined,
      }));
      if (end.status === 0) served++;
      else if (end.status === RESOURCE_EXHAUSTED) {
        refused++;
        if (retry === "after") await new Promise((resolve) => setTimeout(resolve, (end.retryAfter ?? 1) * 1000));
      } else failed++;
    }
  };
  console.log("flooding");
  await Promise.all(Array.from({ length: callers }, (_, c) => caller(c)));
  const elapsed = (performance.now() - began) / 1000;
  for (const s of sessions) s.close();
  const result: FloodResult = {
    served_rps: Math.round(served / elapsed),
    refused_rps: Math.round(refused / elapsed),
    failed,
    callers,
    retry,
  };
  console.log(JSON.stringify(result));
}

/** Starts the flood child and resolves once its callers are running. */
async function startFlood(url: string, key: string): Promise<{ child: ChildProcess; result: Promise<FloodResult> }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(import.meta.url), "--flood", url, key, String(FLOOD_CALLERS), FLOOD_RETRY],
    { cwd: ROOT, stdio: ["pipe", "pipe", "inherit"] },
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  let started: () => void = () => {};
  const running = new Promise<void>((resolve) => {
    started = resolve;
  });
  const result = new Promise<FloodResult>((resolve, reject) => {
    lines.on("line", (line) => {
      if (line === "flooding") started();
      else if (line.startsWith("{")) resolve(JSON.parse(line) as FloodResult);
    });
    child.once("exit", (code) => reject(new Error(`flood exited (${code}) without a result`)));
  });
  result.catch(() => started());
  await running;
  return { child, result };
}

/**
 * Makes tenant `id` with an operator service account and returns its API key, and registers its
 * own copy of the risk classifier with it (as the bootstrap admin, a platform admin, acting in it).
 */
async function makeTenant(url: string, id: string): Promise<string> {
  const transport = createGrpcTransport({ baseUrl: url });
  const admin = { "x-api-key": ADMIN_KEY };
  const inTenant = { ...admin, "x-arbiter-tenant": id };
  const tenants = createClient(TenantService, transport);
  await tenants.createTenant({ id }, { headers: admin });
  const { principal } = await tenants.createPrincipal(
    { kind: PrincipalKind.SERVICE_ACCOUNT, name: "bench", role: Role.OPERATOR },
    { headers: inTenant },
  );
  const { secret } = await tenants.createApiKey({ principalId: principal?.id ?? "" }, { headers: inTenant });
  // The limits are per tenant: without authentication every caller would be one tenant.
  const me = await createClient(AuthService, transport).whoAmI({}, { headers: { "x-api-key": secret } });
  if (me.principal?.tenant !== id)
    throw new Error(`the key made for tenant ${id} authenticates as ${JSON.stringify(me.principal?.tenant)}`);
  const registry = createClient(ModelRegistryService, transport);
  await registry.registerModel(
    (async function* () {
      yield create(RegisterModelRequestSchema, {
        part: { case: "metadata", value: { name: "risk-classifier", version: 1n, framework: "sklearn" } },
      });
      yield create(RegisterModelRequestSchema, { part: { case: "chunk", value: exampleModel("risk-classifier") } });
    })(),
    { headers: { "x-api-key": secret } },
  );
  return secret;
}

interface Results {
  limits_a: string;
  refusal_delay_ms: number;
  a_rows: number;
  b_alone: Level;
  b_flooded: Level;
  a_flood: FloodResult;
  p99_ratio: number;
  /** The machine's 1-minute load average before and after (other work on it skews every number). */
  load_average: { before: number; after: number };
}

async function run(): Promise<Results> {
  const loadBefore = Math.round((loadavg()[0] ?? 0) * 100) / 100;
  const dataDir = mkdtempSync(join(tmpdir(), "arbiter-bench-noisy-"));
  const mesh = await spawnRole(
    "start",
    {
      ARBITER_DATA_DIR: dataDir,
      ARBITER_GATEWAY_PORT: "0",
      ARBITER_LOG_LEVEL: "info",
      ARBITER_AUTH_ENABLED: "true",
      ARBITER_AUTH_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
      ARBITER_LIMITS_TENANT_OVERRIDES_a: A_LIMITS,
      ARBITER_LIMITS_TENANT_REFUSAL_DELAY_MS: String(REFUSAL_DELAY_MS),
    },
    dataDir,
  );
  const url = `http://127.0.0.1:${mesh.id}`;
  const session = http2.connect(url);
  try {
    const keyA = await makeTenant(url, "a");
    const keyB = await makeTenant(url, "b");
    const callB = async (i: number) => {
      const { status } = await modelInfer(session, keyB, frames[i % frames.length] as Buffer);
      if (status !== 0) throw new Error(`grpc-status ${status}`);
    };
    // Loads both tenants' models before anything is timed.
    await callB(0);
    if ((await modelInfer(session, keyA, floodFrames[0] as Buffer)).status !== 0)
      throw new Error("tenant A cannot infer");
    const alone = await drive(B_CONCURRENCY, SECONDS, WARMUP_SECONDS, callB);
    const { child, result } = await startFlood(url, keyA);
    let flooded: Level;
    try {
      flooded = await drive(B_CONCURRENCY, SECONDS, WARMUP_SECONDS, callB);
    } finally {
      child.stdin?.end();
    }
    return {
      limits_a: A_LIMITS,
      refusal_delay_ms: REFUSAL_DELAY_MS,
      a_rows: A_ROWS,
      b_alone: alone,
      b_flooded: flooded,
      a_flood: await result,
      p99_ratio: Math.round((flooded.p99_us / alone.p99_us) * 100) / 100,
      load_average: { before: loadBefore, after: Math.round((loadavg()[0] ?? 0) * 100) / 100 },
    };
  } finally {
    session.close();
    mesh.child.kill("SIGTERM");
    await mesh.exited;
  }
}

function report(r: Results): string {
  const row = (name: string, l: Level) =>
    `${name.padEnd(16)} ${String(l.p50_us).padStart(7)}  ${String(l.p99_us).padStart(7)}  ${String(l.throughput_rps).padStart(13)}  ${String(l.errors).padStart(7)}`;
  return [
    `tenant A limits: ${r.limits_a}, refusals held ${r.refusal_delay_ms} ms; A floods with ${r.a_flood.callers} callers of ${r.a_rows} rows a request, retrying ${r.a_flood.retry === "after" ? "after retry-after" : "at once"}`,
    "",
    "tenant B         p50 µs   p99 µs   throughput/s   errors",
    row("alone", r.b_alone),
    row("A flooding", r.b_flooded),
    "",
    `A during the flood: ${r.a_flood.served_rps} calls/s served, ${r.a_flood.refused_rps} calls/s refused (RESOURCE_EXHAUSTED), ${r.a_flood.failed} other failures`,
    `B p99 flooded / alone: ${r.p99_ratio}× (target ≤ ${TARGET_RATIO}×)`,
    `machine load average (1 min): ${r.load_average.before} before, ${r.load_average.after} after`,
  ].join("\n");
}

if (process.argv[2] === "--flood") {
  await flood(process.argv[3] as string, process.argv[4] as string, Number(process.argv[5]), String(process.argv[6]));
  process.exit(0);
}

let results: Results;
try {
  results = await run();
} catch (err) {
  console.error(`noisy-neighbour: ${(err as Error).message}`);
  process.exit(1);
}
console.log(report(results));
mkdirSync(join(ROOT, "bench/results"), { recursive: true });
writeFileSync(join(ROOT, "bench/results/noisy-neighbour.json"), `${JSON.stringify(results, null, 2)}\n`);
process.exit(results.b_flooded.errors > 0 || results.b_alone.errors > 0 ? 1 : 0);
