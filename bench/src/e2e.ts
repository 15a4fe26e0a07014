/**
 * End-to-end serving benchmark: a gRPC load generator calls the Open Inference Protocol's
 * ModelInfer on the example risk classifier (one row per request, raw FP32 contents, as Triton's
 * clients send it) at concurrency 1, 8 and 64, against
 *   - the embedded mesh (`arbiter start`, one process), and
 *   - the distributed mesh (one gateway, two schedulers, nats-server, PostgreSQL; separate processes),
 * beside the floor: the same model called in-process through inference-native.
 *
 *   node --import tsx bench/src/e2e.ts        (npm run bench:e2e)
 *
 * Writes bench/results/e2e.json: {"floor": {"c1_p50_us"}, "embedded": {"c1"|"c8"|"c64": {p50_us,
 * p99_us, throughput_rps, errors}}, "distributed": {...}, "transport": {"c1": {...}}}, where transport
 * is a bare HTTP/2 gRPC echo server (echo-server.ts) driven at c1 in each round just before the
 * meshes: the transport's share of the c1 latency. The load generator is the compiled one
 * of loadgen.ts (one HTTP/2 connection, requests pre-encoded), in a process of its own that
 * shares the machine's two cores with the mesh, as a client on the same host would.
 *
 * Both meshes run side by side. Each of BENCH_ROUNDS rounds drives every level on both, the two
 * modes taking turns (which goes first alternates by round), and a level reports its median
 * round by throughput. Why: the machine is shared, and bursts of load from elsewhere last seconds
 * to minutes. Measured one mode after the other, a burst landed on one mode only and moved the
 * distributed/embedded ratio by ±10 points between runs. The idle mesh costs the measured one
 * little (timers and heartbeats). Every round is kept in the results (`rounds`).
 *
 * Env (read here only): BENCH_SECONDS per level (default 5), BENCH_WARMUP_SECONDS (default 1),
 * BENCH_ROUNDS (default 3), BENCH_MODES (comma-separated subset of floor,embedded,distributed;
 * results are written only when all run).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import http2 from "node:http2";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadSession } from "@arbiter/inference-native";
import { type ModelInferRequest, ModelInferRequestSchema } from "@arbiter/proto/inference";
import { create, toBinary } from "@bufbuild/protobuf";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { EXPECTED, exampleModel, fp32Bytes } from "../../tests/support/examples.ts";
import { type DistributedMesh, spawnRole, startDistributedMesh } from "../../tests/support/mesh.ts";
import { type EchoServer, startEchoServer } from "./echo-server.ts";
import { framed, type Level, medianRound, percentile, unaryCall } from "./grpc-load.ts";
import { driveLevels } from "./loadgen.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 1);
const LEVELS = [1, 8, 64] as const;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MODES = new Set((process.env.BENCH_MODES ?? "floor,embedded,distributed").split(","));

const rows = (EXPECTED["risk-classifier"]?.inputs.features?.data ?? []) as number[][];
const requests: ModelInferRequest[] = rows.map((row) =>
  create(ModelInferRequestSchema, {
    modelName: "risk-classifier",
    inputs: [{ name: "features", datatype: "FP32", shape: [1n, 30n] }],
    rawInputContents: [fp32Bytes(row)],
  }),
);
const MODEL_INFER = "/inference.GRPCInferenceService/ModelInfer";
const messages = requests.map((r) => toBinary(ModelInferRequestSchema, r));

/** One call first: it loads the model, so no level pays for that. Resolves with the reply message. */
async function warmUp(url: string): Promise<Buffer> {
  const session = http2.connect(url);
  try {
    return await unaryCall(session, MODEL_INFER, framed(ModelInferRequestSchema, requests[0] as ModelInferRequest));
  } finally {
    session.close();
  }
}

async function driveLevel(url: string, concurrency: number): Promise<Level> {
  const [level] = await driveLevels({
    address: new URL(url).host,
    method: MODEL_INFER,
    messages,
    levels: [concurrency],
    seconds: SECONDS,
    warmupSeconds: WARMUP_SECONDS,
  });
  return level as Level;
}

/** The floor: the model called in-process, one row at a time, concurrency 1. */
async function floor(): Promise<{ c1_p50_us: number }> {
  const session = await loadSession({ bytes: exampleModel("risk-classifier") }, { warmup: true });
  const inputs = requests.map((r) => ({
    features: { datatype: "FP32" as const, shape: [1, 30], data: r.rawInputContents[0] as Uint8Array },
  }));
  const latencies: number[] = [];
  const until = performance.now() + SECONDS * 1000;
  for (let i = 0; performance.now() < until; i++) {
    const started = performance.now();
    await session.run(inputs[i % inputs.length] as (typeof inputs)[number]);
    latencies.push((performance.now() - started) * 1000);
  }
  session.unload();
  return { c1_p50_us: Math.round(percentile(Float64Array.from(latencies).sort(), 50)) };
}

/** A running mesh: its gateway URL and how to stop it. */
interface Mesh {
  url: string;
  stop(): Promise<void>;
}

async function startEmbedded(): Promise<Mesh> {
  const dataDir = mkdtempSync(join(tmpdir(), "arbiter-bench-"));
  const mesh = await spawnRole(
    "start",
    { ARBITER_DATA_DIR: dataDir, ARBITER_GATEWAY_PORT: "0", ARBITER_LOG_LEVEL: "info" },
    dataDir,
  );
  return {
    url: `http://127.0.0.1:${mesh.id}`,
    async stop() {
      mesh.child.kill("SIGTERM");
      await mesh.exited;
    },
  };
}

async function startDistributed(): Promise<Mesh> {
  const mesh: DistributedMesh = await startDistributedMesh({ schedulers: 2, settings: { ARBITER_LOG_LEVEL: "info" } });
  try {
    // Register the example model through the gateway, as a user would.
    const { ModelRegistryService, RegisterModelRequestSchema } = await import("@arbiter/proto");
    const registry = createClient(ModelRegistryService, createGrpcTransport({ baseUrl: mesh.gatewayUrl }));
    await registry.registerModel(
      (async function* () {
        yield create(RegisterModelRequestSchema, {
          part: { case: "metadata", value: { name: "risk-classifier", version: 1n } },
        });
        yield create(RegisterModelRequestSchema, { part: { case: "chunk", value: exampleModel("risk-classifier") } });
      })(),
    );
  } catch (err) {
    await mesh.stop();
    throw err;
  }
  return { url: mesh.gatewayUrl, stop: () => mesh.stop() };
}

type Mode = "embedded" | "distributed";

/** What {@link measure} collects: each mode's rounds per level, and the echo server's at c1. */
interface Rounds {
  modes: Record<Mode, Level[][]>;
  transport: Level[];
}

/**
 * Every level on every started mesh, round after round, the modes taking turns; in each round,
 * before the meshes' c1, the bare transport at c1 (an echo server answering with the mesh's own
 * reply), so that it meets the machine as the meshes' c1 does.
 */
async function measure(meshes: Partial<Record<Mode, Mesh>>): Promise<Rounds> {
  const rounds: Rounds = {
    modes: { embedded: LEVELS.map(() => []), distributed: LEVELS.map(() => []) },
    transport: [],
  };
  let reply: Buffer | undefined;
  for (const mesh of Object.values(meshes)) reply = await warmUp(mesh.url);
  const echo = reply && (await startEchoServer(reply));
  try {
    for (let round = 0; round < ROUNDS; round++) await measureRound(meshes, round, rounds, echo);
  } finally {
    await echo?.close();
  }
  return rounds;
}

async function measureRound(
  meshes: Partial<Record<Mode, Mesh>>,
  round: number,
  rounds: Rounds,
  echo: EchoServer | undefined,
): Promise<void> {
  const order: Mode[] = round % 2 === 0 ? ["embedded", "distributed"] : ["distributed", "embedded"];
  for (const [i, c] of LEVELS.entries()) {
    if (c === 1 && echo) {
      const level = await driveLevel(echo.url, 1);
      rounds.transport.push(level);
      process.stderr.write(`round ${round + 1} transport c1: p50 ${level.p50_us} µs p99 ${level.p99_us} µs\n`);
    }
    for (const mode of order) {
      const mesh = meshes[mode];
      if (mesh === undefined) continue;
      const level = await driveLevel(mesh.url, c);
      rounds.modes[mode][i]?.push(level);
      process.stderr.write(
        `round ${round + 1} ${mode} c${c}: ${level.throughput_rps.toFixed(0)}/s p50 ${level.p50_us} µs p99 ${level.p99_us} µs\n`,
      );
    }
  }
}

function table(results: {
  floor: { c1_p50_us: number };
  transport: { c1?: Level };
  embedded: Record<string, Level>;
  distributed: Record<string, Level>;
}) {
  const echo = results.transport.c1;
  const lines = [
    `floor (in-process inference-native, c1): p50 ${results.floor.c1_p50_us} µs`,
    ...(echo ? [`transport (bare node:http2 gRPC echo, same client, c1): p50 ${echo.p50_us} µs`] : []),
    "",
    "mode         level   p50 µs   p99 µs   throughput/s   errors",
  ];
  for (const mode of ["embedded", "distributed"] as const) {
    for (const [level, r] of Object.entries(results[mode])) {
      lines.push(
        `${mode.padEnd(12)} ${level.padEnd(6)} ${String(r.p50_us).padStart(7)}  ${String(r.p99_us).padStart(7)}  ${String(r.throughput_rps).padStart(13)}  ${String(r.errors).padStart(7)}`,
      );
    }
  }
  const e1 = results.embedded.c1;
  const e64 = results.embedded.c64;
  const d64 = results.distributed.c64;
  if (e1 && e64 && d64) {
    lines.push("");
    lines.push(
      `embedded c1 p50 over the floor: ${e1.p50_us - results.floor.c1_p50_us} µs (target ≤ 250${echo ? `; the bare transport alone: ${echo.p50_us} µs` : ""})`,
    );
    lines.push(
      `embedded c64: ${e64.throughput_rps}/s (target ≥ 5000), p99 ${(e64.p99_us / 1000).toFixed(1)} ms (target ≤ 25)`,
    );
    lines.push(
      `distributed c64 / embedded c64: ${((100 * d64.throughput_rps) / e64.throughput_rps).toFixed(0)} % (target ≥ 60 %)`,
    );
  }
  return lines.join("\n");
}

const floorResult = MODES.has("floor") ? await floor() : { c1_p50_us: Number.NaN };
const meshes: Partial<Record<Mode, Mesh>> = {};
let rounds: Rounds;
try {
  if (MODES.has("embedded")) meshes.embedded = await startEmbedded();
  if (MODES.has("distributed")) meshes.distributed = await startDistributed();
  rounds = await measure(meshes);
} finally {
  for (const mesh of Object.values(meshes)) await mesh.stop();
}
const summary = (mode: Mode): Record<string, Level> =>
  meshes[mode] === undefined
    ? {}
    : Object.fromEntries(LEVELS.map((c, i) => [`c${c}`, medianRound(rounds.modes[mode][i] ?? [])]));
const results = {
  floor: floorResult,
  transport: rounds.transport.length > 0 ? { c1: medianRound(rounds.transport) } : {},
  embedded: summary("embedded"),
  distributed: summary("distributed"),
  rounds: {
    ...Object.fromEntries(
      (["embedded", "distributed"] as const).map((mode) => [
        mode,
        Object.fromEntries(LEVELS.map((c, i) => [`c${c}`, rounds.modes[mode][i] ?? []])),
      ]),
    ),
    ...(rounds.transport.length > 0 ? { transport: { c1: rounds.transport } } : {}),
  },
};
console.log(table(results));
if (MODES.size === 3) {
  mkdirSync(join(ROOT, "bench/results"), { recursive: true });
  writeFileSync(join(ROOT, "bench/results/e2e.json"), `${JSON.stringify(results, null, 2)}\n`);
}
process.exit(0);
