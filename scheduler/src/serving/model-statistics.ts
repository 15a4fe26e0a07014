/**
 * Per-model statistics on a node, in the shape of arbiter.v1.ModelStatistics (and Triton's):
 * request outcomes and durations measured around each request, queue times and batch sizes from the
 * model's batcher. They start when the model is loaded on the node and travel in its heartbeat;
 * GetModelStatistics sums them over the live nodes.
 */

import type { Batcher } from "@arbiter/inference-native";
import { type ModelStatistics, ModelStatisticsSchema } from "@arbiter/proto";
import { create } from "@bufbuild/protobuf";

type Duration = { count: bigint; totalNs: bigint };

export class ModelStatisticsCounter {
  private inferences = 0n;
  private readonly success: Duration = { count: 0n, totalNs: 0n };
  private readonly fail: Duration = { count: 0n, totalNs: 0n };
  private lastInferenceMs = 0n;

  /** Records one request: its outcome, its duration in the scheduler, and its rows. */
  record(ok: boolean, startedNs: bigint, rows: number): void {
    const elapsed = process.hrtime.bigint() - startedNs;
    const target = ok ? this.success : this.fail;
    target.count++;
    target.totalNs += elapsed;
    if (ok) this.inferences += BigInt(rows);
    this.lastInferenceMs = BigInt(Date.now());
  }

  /**
   * The statistics so far. Queue time is the batcher's mean times its requests; compute_infer is
   * what remains of successful requests' time after queueing (input/output conversion included).
   */
  snapshot(name: string, version: number, batcher: Batcher): ModelStatistics {
    const stats = batcher.stats();
    const queued = BigInt(stats.completed + stats.failed);
    const queueNs = BigInt(Math.round(stats.queueTimeMicros.mean * 1000)) * queued;
    const batchSizes: Record<number, { count: bigint; totalNs: bigint }> = {};
    for (const [size, count] of Object.entries(stats.batchSizeHistogram))
      batchSizes[Number(size)] = { count: BigInt(count), totalNs: 0n };
    const compute = this.success.totalNs > queueNs ? this.success.totalNs - queueNs : 0n;
    return create(ModelStatisticsSchema, {
      name,
      version: BigInt(version),
      inferenceCount: this.inferences,
      executionCount: BigInt(stats.batches),
      lastInferenceMs: this.lastInferenceMs,
      success: this.success,
      fail: this.fail,
      queue: { count: queued, totalNs: queueNs },
      computeInfer: { count: this.success.count, totalNs: compute },
      batchSizes,
    });
  }
}

/** Adds `b` into `a` (same model and version, different nodes). */
export function addStatistics(a: ModelStatistics, b: ModelStatistics): void {
  a.inferenceCount += b.inferenceCount;
  a.executionCount += b.executionCount;
  if (b.lastInferenceMs > a.lastInferenceMs) a.lastInferenceMs = b.lastInferenceMs;
  for (const key of ["success", "fail", "queue", "computeInput", "computeInfer", "computeOutput"] as const) {
    const x = a[key];
    const y = b[key];
    if (!y) continue;
    if (!x) a[key] = y;
    else {
      x.count += y.count;
      x.totalNs += y.totalNs;
    }
  }
  for (const [size, d] of Object.entries(b.batchSizes)) {
    const mine = a.batchSizes[Number(size)];
    if (mine) {
      mine.count += d.count;
      mine.totalNs += d.totalNs;
    } else a.batchSizes[Number(size)] = d;
  }
}
