import assert from "node:assert/strict";
import { test } from "node:test";
import type { Batcher, BatcherStats } from "@arbiter/inference-native";
import { addStatistics, ModelStatisticsCounter } from "./model-statistics.ts";

/** A batcher that only reports the given statistics. */
function batcherReporting(stats: Partial<BatcherStats>): Batcher {
  const full: BatcherStats = {
    accepted: 0,
    completed: 0,
    failed: 0,
    cancelled: 0,
    deadlineExceeded: 0,
    rejectedQueueFull: 0,
    batches: 0,
    batchSizeHistogram: {},
    batchRunMicros: {},
    meanBatchSize: 0,
    queueTimeMicros: { mean: 0, max: 0, p50: 0, p99: 0 },
    queueLength: 0,
    inflightBatches: 0,
    ...stats,
  };
  return {
    infer: () => Promise.reject(new Error("not used")),
    stats: () => full,
    queueLength: full.queueLength,
    close: () => {},
  };
}

test("each stage's time is summed over successful requests; compute_infer is batcher time less queue time", () => {
  const counter = new ModelStatisticsCounter();
  const started = process.hrtime.bigint();
  counter.record(true, started, 4, { inputNs: 1_000n, batcherNs: 5_000n, outputNs: 300n });
  counter.record(true, started, 2, { inputNs: 2_000n, batcherNs: 7_000n, outputNs: 500n });
  counter.record(false, started, 3);
  const batcher = batcherReporting({
    completed: 2,
    failed: 1,
    batches: 2,
    batchSizeHistogram: { 4: 1, 2: 1 },
    batchRunMicros: { 4: 12.5, 2: 3 },
    queueTimeMicros: { mean: 1.5, max: 2, p50: 1.5, p99: 2 },
  });
  const s = counter.snapshot("m", 3, batcher);
  assert.equal(s.name, "m");
  assert.equal(s.version, 3n);
  assert.equal(s.inferenceCount, 6n, "rows of successful requests only");
  assert.equal(s.executionCount, 2n);
  assert.equal(s.success?.count, 2n);
  assert.equal(s.fail?.count, 1n);
  assert.ok((s.success?.totalNs ?? 0n) > 0n);
  assert.deepEqual({ count: s.queue?.count, ns: s.queue?.totalNs }, { count: 3n, ns: 4_500n });
  assert.deepEqual({ count: s.computeInput?.count, ns: s.computeInput?.totalNs }, { count: 2n, ns: 3_000n });
  assert.deepEqual({ count: s.computeInfer?.count, ns: s.computeInfer?.totalNs }, { count: 2n, ns: 7_500n });
  assert.deepEqual({ count: s.computeOutput?.count, ns: s.computeOutput?.totalNs }, { count: 2n, ns: 800n });
  assert.deepEqual(
    Object.entries(s.batchSizes).map(([size, d]) => [Number(size), d.count, d.totalNs]),
    [
      [2, 1n, 3_000n],
      [4, 1n, 12_500n],
    ],
  );
  assert.ok(s.lastInferenceMs > 0n);
});

test("statistics of the same model on two nodes add up stage by stage", () => {
  const node = (inputNs: bigint) => {
    const counter = new ModelStatisticsCounter();
    counter.record(true, process.hrtime.bigint(), 1, { inputNs, batcherNs: 10n, outputNs: 1n });
    return counter.snapshot("m", 1, batcherReporting({ completed: 1, batches: 1, batchSizeHistogram: { 1: 1 } }));
  };
  const sum = node(100n);
  addStatistics(sum, node(250n));
  assert.deepEqual({ count: sum.computeInput?.count, ns: sum.computeInput?.totalNs }, { count: 2n, ns: 350n });
  assert.deepEqual({ count: sum.computeInfer?.count, ns: sum.computeInfer?.totalNs }, { count: 2n, ns: 20n });
  assert.equal(sum.batchSizes[1]?.count, 2n);
});
