/**
 * Per-model statistics on a node, in the shape of arbiter.v1.ModelStatistics (and Triton's):
 * request outcomes and durations measured around each request, queue times and batch sizes from the
 * model's batcher. They start when the model is loaded on the node and travel in its heartbeat;
 * GetModelStatistics sums them over the live nodes.
 *
 * The stages of a successful request, as Triton splits them:
 * - compute_input: its tensors turned into the runtime's (typed contents to raw bytes, validation
 *   against the model, lowering for the native call), up to the moment it is queued;
 * - queue: waiting in the batcher for its batch to be sent (the batcher measures it);
 * - compute_infer: its batch's run, from the batch being sent to the request's own outputs being
 *   handed back (the time it waited in total, minus its queue time);
 * - compute_output: its outputs turned into reply tensors.
 * Each is timed once per request (three clock reads), never per tensor or element.
 */

import type { Batcher } from "@arbiter/inference-native";
import { type ModelStatistics, ModelStatisticsSchema } from "@arbiter/proto";
import { create } from "@bufbuild/protobuf";
import type { ModelRequestMetrics } from "./serving-metrics.ts";

type Duration = { count: bigint; totalNs: bigint };

/** Durations of a successful request's stages, in nanoseconds (see the module comment). */
export interface StageTimes {
  /** Before the batcher: conversion and validation of the inputs. */
  inputNs: bigint;
  /** In the batcher: queued, then run in a batch. */
  batcherNs: bigint;
  /** After the batcher: building the reply. */
  outputNs: bigint;
}

export class ModelStatisticsCounter {
  /** `metrics` also receives every request (the Prometheus counters and histogram). */
  constructor(private readonly metrics?: ModelRequestMetrics) {}

  private inferences = 0n;
  private readonly success: Duration = { count: 0n, totalNs: 0n };
  private readonly fail: Duration = { count: 0n, totalNs: 0n };
  private inputNs = 0n;
  private batcherNs = 0n;
  private outputNs = 0n;
  private lastInferenceMs = 0n;

  /**
   * Records one request: its outcome, its duration in the scheduler (from `startedNs`, a
   * `process.hrtime.bigint()` reading), its rows, and for a success the time of each stage.
   */
  /** Records how long a request that ran waited for its batch and how long the batch ran. */
  recordBatching(queueMicros: number, computeMicros: number): void {
    this.metrics?.recordBatching(queueMicros, computeMicros);
  }

  record(ok: boolean, startedNs: bigint, rows: number, stages?: StageTimes): void {
    const elapsed = process.hrtime.bigint() - startedNs;
    this.metrics?.record(ok, elapsed);
    const target = ok ? this.success : this.fail;
    target.count++;
    target.totalNs += elapsed;
    if (ok) {
      this.inferences += BigInt(rows);
      if (stages) {
        this.inputNs += stages.inputNs;
        this.batcherNs += stages.batcherNs;
        this.outputNs += stages.outputNs;
      }
    }
    this.lastInferenceMs = BigInt(Date.now());
  }

  /**
   * The statistics so far. Queue time is the batcher's mean times its requests (it keeps the sum);
   * compute_infer is what successful requests spent in the batcher beyond that.
   */
  snapshot(name: string, version: number, batcher: Batcher): ModelStatistics {
    const stats = batcher.stats();
    const queued = BigInt(stats.completed + stats.failed);
    const queueNs = BigInt(Math.round(stats.queueTimeMicros.mean * 1000)) * queued;
    const batchSizes: Record<number, { count: bigint; totalNs: bigint }> = {};
    for (const [size, count] of Object.entries(stats.batchSizeHistogram)) {
      const runMicros = stats.batchRunMicros[Number(size)] ?? 0;
      batchSizes[Number(size)] = { count: BigInt(count), totalNs: BigInt(Math.round(runMicros * 1000)) };
    }
    const inferNs = this.batcherNs > queueNs ? this.batcherNs - queueNs : 0n;
    const succeeded = this.success.count;
    return create(ModelStatisticsSchema, {
      name,
      version: BigInt(version),
      inferenceCount: this.inferences,
      executionCount: BigInt(stats.batches),
      lastInferenceMs: this.lastInferenceMs,
      success: this.success,
      fail: this.fail,
      queue: { count: queued, totalNs: queueNs },
      computeInput: { count: succeeded, totalNs: this.inputNs },
      computeInfer: { count: succeeded, totalNs: inferNs },
      computeOutput: { count: succeeded, totalNs: this.outputNs },
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
