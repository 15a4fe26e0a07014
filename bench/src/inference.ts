/**
 * Inference benchmark: @arbiter/inference-native against onnxruntime-node called directly, in one
 * process, on the example risk classifier (30 FP32 features -> label, probabilities).
 *
 *   node --import tsx bench/src/inference.ts        (npm run bench:inference)
 *
 * (a) concurrency 1: one request of one row at a time; p50/p99 latency of `await run(...)`.
 * (b) concurrency 64: 64 clients issue one-row requests back to back for a fixed time; ours go
 *     through the dynamic batcher, onnxruntime-node's are unbatched `session.run` calls.
 * Both sides use the same session settings (1 intra-op thread, all graph optimizations) and build a
 * tensor from raw little-endian bytes per request, as an OIP server would. The c1 phase alternates
 * the two sides in rounds so that machine noise hits both alike.
 *
 * Env (read here, in the script, never in library code): BENCH_C1_REQUESTS (default 20000),
 * BENCH_C64_SECONDS (default 3).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createBatcher, loadSession, type Tensor } from "@arbiter/inference-native";
import * as ort from "onnxruntime-node";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const modelPath = join(root, "examples/models/risk-classifier.onnx");
const expected = JSON.parse(readFileSync(join(root, "examples/models/expected.json"), "utf8")) as {
  "risk-classifier": { inputs: { features: { data: number[][] } } };
};

const C1_REQUESTS = Number(process.env.BENCH_C1_REQUESTS ?? 20000);
const C64_SECONDS = Number(process.env.BENCH_C64_SECONDS ?? 3);
const CONCURRENCY = 64;
const ROUNDS = 5;

/** One-row requests as raw FP32 bytes (the OIP wire form), cycling through the test rows. */
const rows: Buffer[] = expected["risk-classifier"].inputs.features.data.map((r) =>
  Buffer.from(new Float32Array(r).buffer),
);

type Call = (row: Buffer) => Promise<unknown>;

function percentile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

async function latency(call: Call, n: number, out: number[]): Promise<void> {
  for (let i = 0; i < n; i++) {
    const row = rows[i % rows.length] as Buffer;
    const t0 = process.hrtime.bigint();
    await call(row);
    out.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
}

async function throughput(call: Call, seconds: number): Promise<{ rps: number; requests: number }> {
  const end = performance.now() + seconds * 1000;
  let done = 0;
  const client = async (k: number): Promise<void> => {
    let i = k;
    while (performance.now() < end) {
      await call(rows[i++ % rows.length] as Buffer);
      done++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, k) => client(k)));
  const elapsed = (performance.now() - t0) / 1000;
  return { rps: done / elapsed, requests: done };
}

function summarize(samples: number[]): { p50: number; p99: number; mean: number } {
  const sorted = Float64Array.from(samples).sort();
  return {
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    mean: samples.reduce((a, b) => a + b, 0) / samples.length,
  };
}

async function main(): Promise<void> {
  const bytes = readFileSync(modelPath);

  const ours = await loadSession({ bytes }, { intraOpThreads: 1, interOpThreads: 1, graphOptimizationLevel: "all" });
  const batcher = createBatcher(ours, { maxBatchSize: 64, maxQueueDelayMicros: 0, maxQueueLength: 4096 });
  const theirs = await ort.InferenceSession.create(bytes, {
    executionProviders: ["cpu"],
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    graphOptimizationLevel: "all",
  });

  const oursRun: Call = (row) =>
    ours.run({ features: { datatype: "FP32", shape: [1, 30], data: row } satisfies Tensor });
  const oursBatched: Call = (row) => batcher.infer({ features: { datatype: "FP32", shape: [1, 30], data: row } });
  const theirsRun: Call = (row) =>
    theirs.run({ features: new ort.Tensor("float32", new Float32Array(row.buffer, row.byteOffset, 30), [1, 30]) });

  // Same answers from both before timing anything.
  const a = (await ours.run({ features: { datatype: "FP32", shape: [1, 30], data: rows[0] as Buffer } })).probabilities;
  const b = (
    await theirs.run({
      features: new ort.Tensor("float32", new Float32Array((rows[0] as Buffer).buffer, 0, 30), [1, 30]),
    })
  ).probabilities;
  const pa = new Float32Array(a?.data.buffer as ArrayBuffer, a?.data.byteOffset, 2);
  if (b === undefined || Math.abs((pa[0] as number) - ((b.data as Float32Array)[0] as number)) > 1e-6) {
    throw new Error("the two runtimes disagree on the risk classifier");
  }

  // Warm-up both sides.
  await latency(oursRun, 2000, []);
  await latency(theirsRun, 2000, []);

  const oursSamples: number[] = [];
  const theirsSamples: number[] = [];
  const perRound = Math.ceil(C1_REQUESTS / ROUNDS);
  for (let r = 0; r < ROUNDS; r++) {
    await latency(oursRun, perRound, oursSamples);
    await latency(theirsRun, perRound, theirsSamples);
  }
  const oursC1 = summarize(oursSamples);
  const theirsC1 = summarize(theirsSamples);

  await throughput(oursBatched, 0.5);
  await throughput(theirsRun, 0.5);
  const oursC64 = await throughput(oursBatched, C64_SECONDS);
  const batchStats = batcher.stats();
  const theirsC64 = await throughput(theirsRun, C64_SECONDS);
  const oursC64Unbatched = await throughput(oursRun, C64_SECONDS);

  const result = {
    model: "examples/models/risk-classifier.onnx",
    node: process.version,
    onnxruntime_node: {
      c1_p50_us: round(theirsC1.p50),
      c1_p99_us: round(theirsC1.p99),
      c1_mean_us: round(theirsC1.mean),
      c64_throughput_rps: Math.round(theirsC64.rps),
      c64_requests: theirsC64.requests,
    },
    arbiter: {
      // Runs whose measured duration is under inlineRunMaxMicros (default 50) execute on the
      // calling thread when nothing else of the session is in flight; batches use worker threads.
      c1_typical_run_us: round(ours.typicalRunMicros),
      c1_p50_us: round(oursC1.p50),
      c1_p99_us: round(oursC1.p99),
      c1_mean_us: round(oursC1.mean),
      c64_throughput_rps: Math.round(oursC64.rps),
      c64_requests: oursC64.requests,
      c64_unbatched_throughput_rps: Math.round(oursC64Unbatched.rps),
      c64_mean_batch_size: round(batchStats.meanBatchSize),
      c64_queue_time_p50_us: round(batchStats.queueTimeMicros.p50),
      c64_queue_time_p99_us: round(batchStats.queueTimeMicros.p99),
    },
    ratios: {
      c1_p50_ours_over_theirs: round(oursC1.p50 / theirsC1.p50, 3),
      c64_throughput_ours_over_theirs: round(oursC64.rps / theirsC64.rps, 2),
    },
    targets: { c1_p50_ratio_max: 1.05, c64_throughput_ratio_min: 3 },
  };

  console.log("\ninference benchmark: risk-classifier, one row per request\n");
  console.log("                       arbiter   onnxruntime-node");
  console.log(`c1 p50 latency (us)  ${pad(result.arbiter.c1_p50_us)}  ${pad(result.onnxruntime_node.c1_p50_us)}`);
  console.log(`c1 p99 latency (us)  ${pad(result.arbiter.c1_p99_us)}  ${pad(result.onnxruntime_node.c1_p99_us)}`);
  console.log(
    `c64 throughput (rps) ${pad(result.arbiter.c64_throughput_rps)}  ${pad(result.onnxruntime_node.c64_throughput_rps)}`,
  );
  console.log(
    `\nc1 p50 ratio ${result.ratios.c1_p50_ours_over_theirs} (target <= 1.05); c64 throughput ratio ${result.ratios.c64_throughput_ours_over_theirs} (target >= 3); mean batch ${result.arbiter.c64_mean_batch_size}; ours unbatched c64 ${result.arbiter.c64_unbatched_throughput_rps} rps`,
  );

  const outFile = join(root, "bench/results/inference.json");
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nwrote ${outFile}`);

  batcher.close();
  ours.unload();
  await theirs.release();
}

function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function pad(x: number): string {
  return String(x).padStart(8);
}

await main();
