/**
 * Decision benchmark: drives DecisionService.Decide on the example transaction-risk pipeline
 * (normalizer → risk classifier → rules) in embedded mode at concurrency 1 and 64, with the
 * compiled load generator of loadgen.ts, beside the sum of its nodes' own latencies (the `nodes`
 * traces of decisions made back to back first, read by the lean client of grpc-load.ts): what the
 * pipeline machinery adds is end to end minus that.
 *
 *   node --import tsx bench/src/decide.ts        (npm run bench:decide)
 *
 * Writes bench/results/decide.json: {"c1": {p50_us, p99_us, throughput_rps, errors}, "c64": {...},
 * "node_compute_p50_us": N, "transport": {"c1": {...}}}. Transport is a bare HTTP/2 gRPC echo
 * server (echo-server.ts) answering with the Decide reply, driven at c1 at the start of each
 * round: the transport's part of the end-to-end latency. Both levels run BENCH_ROUNDS times, in
 * turn, and each reports its median round by throughput (every round is kept under `rounds`): the
 * machine is shared, and one burst of load from elsewhere should not decide a level. Env (read
 * here only): BENCH_SECONDS per level (default 5), BENCH_WARMUP_SECONDS (default 1), BENCH_ROUNDS
 * (default 3).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import http2 from "node:http2";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DecideRequestSchema, DecideResponseSchema, PipelineSchema, PipelineService } from "@arbiter/proto";
import { create, fromBinary, fromJson, type JsonValue } from "@bufbuild/protobuf";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { EXPECTED } from "../../tests/support/examples.ts";
import { spawnRole } from "../../tests/support/mesh.ts";
import { type EchoServer, startEchoServer } from "./echo-server.ts";
import { drive, framed, type Level, medianRound, percentile, unaryCall } from "./grpc-load.ts";
import { driveLevels } from "./loadgen.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 1);
const NODE_SECONDS = 2;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DECIDE = "/arbiter.v1.DecisionService/Decide";
const PIPELINE = "transaction-risk";

const rows = (EXPECTED["risk-classifier"]?.inputs.features?.data ?? []) as number[][];
const amounts = [120, 9000, 35, 2400];
const frames = rows.map((row, i) =>
  framed(
    DecideRequestSchema,
    create(DecideRequestSchema, {
      pipeline: PIPELINE,
      inputs: {
        features: {
          kind: {
            case: "value",
            value: {
              kind: {
                case: "listValue",
                value: { values: row.map((v) => ({ kind: { case: "numberValue" as const, value: v } })) },
              },
            },
          },
        },
        amount: { kind: { case: "value", value: { kind: { case: "numberValue", value: amounts[i] ?? 0 } } } },
      },
    }),
  ),
);

/** Registers the example pipeline unless the mesh already has it (`arbiter start` registers the examples). */
async function ensurePipeline(url: string): Promise<void> {
  const pipelines = createClient(PipelineService, createGrpcTransport({ baseUrl: url }));
  const exists = await pipelines.getPipeline({ name: PIPELINE }).then(
    () => true,
    () => false,
  );
  if (exists) return;
  const json = JSON.parse(readFileSync(join(ROOT, "examples/pipelines/transaction-risk.json"), "utf8")) as JsonValue;
  await pipelines.createPipeline({ pipeline: fromJson(PipelineSchema, json) });
}

interface Results {
  c1: Level;
  c64: Level;
  node_compute_p50_us: number;
  /** A bare HTTP/2 gRPC echo server answering with the Decide reply, at c1 (echo-server.ts). */
  transport: { c1: Level };
  rounds: { c1: Level[]; c64: Level[]; transport: Level[] };
}

async function run(): Promise<Results> {
  const dataDir = mkdtempSync(join(tmpdir(), "arbiter-bench-decide-"));
  const mesh = await spawnRole(
    "start",
    { ARBITER_DATA_DIR: dataDir, ARBITER_GATEWAY_PORT: "0", ARBITER_LOG_LEVEL: "info" },
    dataDir,
  );
  const url = `http://127.0.0.1:${mesh.id}`;
  const session = http2.connect(url);
  let echo: EchoServer | undefined;
  try {
    await ensurePipeline(url);
    // Loads the model and compiles the pipeline; the reply is what the echo server answers with.
    const reply = await unaryCall(session, DECIDE, frames[0] as Buffer);
    echo = await startEchoServer(reply);
    // The nodes' own latencies, from the traces in the replies of back-to-back calls (measured by
    // the server, so the client that makes them does not matter).
    const nodeSums: number[] = [];
    await drive(1, NODE_SECONDS, WARMUP_SECONDS, async (i) => {
      const reply = fromBinary(
        DecideResponseSchema,
        await unaryCall(session, DECIDE, frames[i % frames.length] as Buffer),
      );
      const nodes = reply.decision?.nodes ?? [];
      nodeSums.push(nodes.reduce((sum, n) => sum + Number(n.durationMicros), 0));
    });
    const rounds: Results["rounds"] = { c1: [], c64: [], transport: [] };
    const messages = frames.map((f) => f.subarray(5));
    const load = (address: string, levels: number[]) =>
      driveLevels({ address, method: DECIDE, messages, levels, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS });
    for (let round = 0; round < ROUNDS; round++) {
      const [transport] = (await load(new URL(echo.url).host, [1])) as [Level];
      rounds.transport.push(transport);
      const [c1, c64] = (await load(new URL(url).host, [1, 64])) as [Level, Level];
      rounds.c1.push(c1);
      rounds.c64.push(c64);
      process.stderr.write(
        `round ${round + 1}: transport c1 p50 ${transport.p50_us} µs; c1 p50 ${c1.p50_us} µs p99 ${c1.p99_us} µs; c64 ${c64.throughput_rps.toFixed(0)}/s p99 ${c64.p99_us} µs\n`,
      );
    }
    return {
      c1: medianRound(rounds.c1),
      c64: medianRound(rounds.c64),
      node_compute_p50_us: Math.round(percentile(Float64Array.from(nodeSums).sort(), 50)),
      transport: { c1: medianRound(rounds.transport) },
      rounds,
    };
  } finally {
    await echo?.close();
    session.close();
    mesh.child.kill("SIGTERM");
    await mesh.exited;
  }
}

const results = await run();
const lines = [
  "level   p50 µs   p99 µs   throughput/s   errors",
  ...(["c1", "c64"] as const).map((level) => {
    const r = results[level];
    return `${level.padEnd(6)} ${String(r.p50_us).padStart(7)}  ${String(r.p99_us).padStart(7)}  ${String(r.throughput_rps).padStart(13)}  ${String(r.errors).padStart(7)}`;
  }),
  "",
  `sum of node latencies, p50 (c1): ${results.node_compute_p50_us} µs`,
  `pipeline overhead at c1 (p50 end to end − node compute): ${results.c1.p50_us - results.node_compute_p50_us} µs (target ≤ 300; the bare transport alone: ${results.transport.c1.p50_us} µs)`,
  `c1 p99: ${(results.c1.p99_us / 1000).toFixed(2)} ms (target ≤ 5)`,
];
console.log(lines.join("\n"));
mkdirSync(join(ROOT, "bench/results"), { recursive: true });
writeFileSync(join(ROOT, "bench/results/decide.json"), `${JSON.stringify(results, null, 2)}\n`);
process.exit(0);
