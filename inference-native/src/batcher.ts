/**
 * Dynamic batching: concurrent requests for one model are merged along the first (batch)
 * dimension into one run, and the outputs are split back per request.
 */
import {
  CancelledError,
  DeadlineExceededError,
  FailedPreconditionError,
  InternalError,
  InvalidArgumentError,
  ResourceExhaustedError,
  UnavailableError,
} from "@arbiter/core";
import { ELEMENT_SIZE, type Tensor, type TensorMetadata } from "./datatypes.ts";
import type { NativeInput, NativeOutput } from "./native.ts";
import type { InferenceSession, PreparedRun } from "./session.ts";

/** Batching policy. Every field is optional. */
export interface BatcherOptions {
  /** Most rows (sum of the requests' first dimensions) in one run. Default 64. */
  maxBatchSize?: number;
  /**
   * Batch sizes to aim for: when the queue holds at least one of these many rows, a batch of the
   * largest such size is sent without waiting for `maxQueueDelayMicros`. Default: none.
   */
  preferredBatchSizes?: readonly number[];
  /**
   * How long the oldest queued request may wait for others to join its batch, in microseconds.
   * Default 0: requests that arrive in the same event-loop turn are batched, nothing waits longer.
   * Delays under 1 ms are timed with setImmediate, longer ones with setTimeout.
   */
  maxQueueDelayMicros?: number;
  /** Most requests waiting; beyond it `infer` rejects with ResourceExhaustedError. Default 1024. */
  maxQueueLength?: number;
  /** Batches executing at once (they overlap JS-side batch assembly with compute). Default 2. */
  maxInflightBatches?: number;
}

/** Options of one {@link Batcher.infer} call. */
export interface InferOptions {
  /** Outputs to return. Default: every tensor output. */
  outputs?: readonly string[];
  /** Aborting rejects with CancelledError; a queued request is removed and never computed. */
  signal?: AbortSignal;
  /** Epoch milliseconds. A request still queued at its deadline is rejected with DeadlineExceededError and never computed. */
  deadline?: number;
  /** Higher runs first. Default 0; equal priorities are served in arrival order. */
  priority?: number;
  /**
   * Filled in as the request goes through the batcher: how long it queued, how long its batch ran
   * and how large that batch was (a trace's record of one request). Default: not recorded.
   */
  timing?: InferTiming;
}

/** One request's way through the batcher (see {@link InferOptions.timing}). */
export interface InferTiming {
  /** From `infer` to its batch being sent, in microseconds. */
  queueMicros: number;
  /** The batch that ran it; unset while queued, and for a request refused or expired in the queue. */
  batch?: BatchTiming;
}

/** One batch, as the timing records of the requests it served see it (one object, shared by all). */
export interface BatchTiming {
  /** When the batch was sent, in epoch milliseconds (fractional). */
  readonly sentAtMs: number;
  /** Rows in the batch: the sum of its requests' first dimensions. */
  readonly rows: number;
  /** Requests in the batch, with or without a timing record. */
  readonly requests: number;
  /** From sending the batch to its outputs (the run in ONNX Runtime), in microseconds; 0 until it ran. */
  computeMicros: number;
  /** The timing records of the batch's requests that passed one, in batch order. */
  readonly members: readonly InferTiming[];
}

/** Counters and distributions since the batcher was created. */
export interface BatcherStats {
  /** Requests accepted into the queue. */
  accepted: number;
  /** Requests answered with outputs. */
  completed: number;
  /** Requests whose batch failed. */
  failed: number;
  cancelled: number;
  deadlineExceeded: number;
  /** Requests refused because the queue was full. */
  rejectedQueueFull: number;
  batches: number;
  /** Batch size (rows) → number of batches of that size. */
  batchSizeHistogram: Record<number, number>;
  /** Batch size (rows) → total time its runs took, from sending the batch to its outputs, in microseconds. */
  batchRunMicros: Record<number, number>;
  /** Mean rows per batch. */
  meanBatchSize: number;
  /** Time from `infer` to the request's batch being sent, in microseconds. */
  queueTimeMicros: { mean: number; max: number; p50: number; p99: number };
  /** Requests waiting now. */
  queueLength: number;
  /** Batches executing now. */
  inflightBatches: number;
}

/** A dynamic batcher bound to one session. */
export interface Batcher {
  /** Queues one request (any number of rows ≤ maxBatchSize) and resolves with its own outputs. */
  infer(inputs: Readonly<Record<string, Tensor>>, options?: InferOptions): Promise<Record<string, Tensor>>;
  stats(): BatcherStats;
  /** Requests waiting now (what `stats().queueLength` says, without computing the rest). */
  readonly queueLength: number;
  /** Rejects queued requests with UnavailableError and refuses new ones; running batches finish. */
  close(): void;
}

interface Pending {
  prepared: PreparedRun;
  rows: number;
  key: string;
  priority: number;
  enqueuedAt: number;
  deadline: number | undefined;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
  timer: NodeJS.Timeout | undefined;
  state: "queued" | "running" | "done";
  /** Set while running: the batch's abort controller and how many of its requests still want results. */
  batch: { controller: AbortController; live: number } | undefined;
  timing: InferTiming | undefined;
  resolve: (value: Record<string, Tensor>) => void;
  reject: (err: Error) => void;
}

const QUEUE_TIME_SAMPLES = 4096;

function positiveInt(value: unknown, field: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new InvalidArgumentError(field, "a positive integer", String(value));
  }
  return value;
}

/**
 * Creates a dynamic batcher for `session`. Every input and output of the model must have a
 * dynamic first dimension (-1), which is the batch dimension; otherwise FailedPreconditionError.
 *
 * Batched results equal unbatched ones bit for bit for row-independent models on the CPU provider
 * (the row's arithmetic does not depend on its neighbours), as the tests check.
 */
export function createBatcher(session: InferenceSession, options: BatcherOptions = {}): Batcher {
  const maxBatchSize = positiveInt(options.maxBatchSize, "maxBatchSize", 64);
  const maxQueueLength = positiveInt(options.maxQueueLength, "maxQueueLength", 1024);
  const maxInflight = positiveInt(options.maxInflightBatches, "maxInflightBatches", 2);
  const delayMicros = options.maxQueueDelayMicros ?? 0;
  if (typeof delayMicros !== "number" || !Number.isFinite(delayMicros) || delayMicros < 0) {
    throw new InvalidArgumentError("maxQueueDelayMicros", "a non-negative number", String(delayMicros));
  }
  const preferred = [...(options.preferredBatchSizes ?? [])]
    .map((n, i) => positiveInt(n, `preferredBatchSizes[${i}]`, 1))
    .filter((n) => n <= maxBatchSize)
    .sort((a, b) => b - a);
  const notBatchable = [...session.inputs, ...session.outputs].find((t) => t.shape.length === 0 || t.shape[0] !== -1);
  if (notBatchable !== undefined) {
    throw new FailedPreconditionError(
      `model tensor "${notBatchable.name}" has shape [${notBatchable.shape.join(", ")}]; batching needs a dynamic first dimension (-1) on every input and output`,
    );
  }

  // Requests that name no outputs share this array, so a batch of them needs no union.
  const allOutputIndices = session.outputs.map((_, i) => i);

  // Queue: one FIFO per priority, highest priority first.
  const buckets = new Map<number, Pending[]>();
  let priorities: number[] = [];
  let queued = 0;
  let inflight = 0;
  let closed = false;
  let scheduled = false;
  let waitTimer: NodeJS.Timeout | undefined;

  const stats = {
    accepted: 0,
    completed: 0,
    failed: 0,
    cancelled: 0,
    deadlineExceeded: 0,
    rejectedQueueFull: 0,
    batches: 0,
    rows: 0,
    histogram: {} as Record<number, number>,
    runMicros: {} as Record<number, number>,
    queueTimeSum: 0,
    queueTimeCount: 0,
    queueTimeMax: 0,
    samples: new Float64Array(QUEUE_TIME_SAMPLES),
  };

  const nowMicros = (): number => performance.now() * 1000;

  function settle(p: Pending): void {
    p.state = "done";
    if (p.timer !== undefined) clearTimeout(p.timer);
    if (p.onAbort !== undefined) p.signal?.removeEventListener("abort", p.onAbort);
  }

  function removeQueued(p: Pending): void {
    const bucket = buckets.get(p.priority);
    if (bucket === undefined) return;
    const i = bucket.indexOf(p);
    if (i >= 0) {
      bucket.splice(i, 1);
      queued--;
    }
  }

  function head(): Pending | undefined {
    for (const pr of priorities) {
      const b = buckets.get(pr);
      if (b !== undefined && b.length > 0) return b[0];
    }
    return undefined;
  }

  /** Rows queued that could join a batch led by `lead` (same trailing shapes and outputs). */
  function compatibleRows(lead: Pending, limit: number): number {
    let rows = 0;
    for (const pr of priorities) {
      for (const p of buckets.get(pr) ?? []) {
        if (p.key === lead.key && rows + p.rows <= limit) rows += p.rows;
        if (rows >= limit) return rows;
      }
    }
    return rows;
  }

  function takeBatch(lead: Pending, target: number): Pending[] {
    const batch: Pending[] = [];
    let rows = 0;
    const now = Date.now();
    for (const pr of priorities) {
      const bucket = buckets.get(pr);
      if (bucket === undefined) continue;
      let w = 0;
      for (let r = 0; r < bucket.length; r++) {
        const p = bucket[r] as Pending;
        if (p.deadline !== undefined && p.deadline <= now) {
          queued--;
          expire(p);
          continue;
        }
        if (p.key === lead.key && rows + p.rows <= target) {
          batch.push(p);
          rows += p.rows;
          queued--;
          continue;
        }
        bucket[w++] = p;
      }
      bucket.length = w;
    }
    return batch;
  }

  /** Rejects a request that is no longer counted in the queue. */
  function expire(p: Pending): void {
    settle(p);
    stats.deadlineExceeded++;
    p.reject(new DeadlineExceededError("deadline exceeded while queued for inference", { deadline: p.deadline }));
  }

  function schedule(): void {
    if (scheduled || closed) return;
    scheduled = true;
    setImmediate(pump);
  }

  function pump(): void {
    scheduled = false;
    while (inflight < maxInflight && queued > 0) {
      const lead = head();
      if (lead === undefined) return;
      if (lead.deadline !== undefined && lead.deadline <= Date.now()) {
        removeQueued(lead);
        expire(lead);
        continue;
      }
      const available = compatibleRows(lead, maxBatchSize);
      let target = maxBatchSize;
      if (available < maxBatchSize) {
        const pref = preferred.find((n) => n <= available && n >= lead.rows);
        if (pref !== undefined) target = pref;
        else {
          const waited = nowMicros() - lead.enqueuedAt;
          if (delayMicros > 0 && waited < delayMicros) {
            wait(delayMicros - waited);
            return;
          }
        }
      }
      const batch = takeBatch(lead, target);
      if (batch.length === 0) continue;
      void runBatch(batch);
    }
  }

  function wait(micros: number): void {
    if (micros < 1000) {
      schedule();
      return;
    }
    if (waitTimer !== undefined) return;
    waitTimer = setTimeout(
      () => {
        waitTimer = undefined;
        pump();
      },
      Math.ceil(micros / 1000),
    );
  }

  async function runBatch(batch: Pending[]): Promise<void> {
    inflight++;
    const sentAt = nowMicros();
    let rows = 0;
    let timed: InferTiming[] | undefined;
    for (const p of batch) {
      p.state = "running";
      rows += p.rows;
      const waited = sentAt - p.enqueuedAt;
      stats.queueTimeSum += waited;
      stats.samples[stats.queueTimeCount % QUEUE_TIME_SAMPLES] = waited;
      stats.queueTimeCount++;
      if (waited > stats.queueTimeMax) stats.queueTimeMax = waited;
      if (p.timing !== undefined) {
        p.timing.queueMicros = waited;
        if (timed === undefined) timed = [p.timing];
        else timed.push(p.timing);
      }
    }
    let batchTiming: BatchTiming | undefined;
    if (timed !== undefined) {
      const shared: BatchTiming = {
        sentAtMs: performance.timeOrigin + sentAt / 1000,
        rows,
        requests: batch.length,
        computeMicros: 0,
        members: timed,
      };
      for (const t of timed) t.batch = shared;
      batchTiming = shared;
    }
    stats.batches++;
    stats.rows += rows;
    stats.histogram[rows] = (stats.histogram[rows] ?? 0) + 1;

    const lead = batch[0] as Pending;
    let outputIndices = lead.prepared.outputIndices;
    if (batch.some((p) => p.prepared.outputIndices !== outputIndices)) {
      const union = new Set<number>();
      for (const p of batch) for (const i of p.prepared.outputIndices) union.add(i);
      outputIndices = [...union].sort((a, b) => a - b);
    }
    const inputs: NativeInput[] = lead.prepared.inputs.map((input, k) => {
      if (batch.length === 1) return input;
      const chunks: Uint8Array[] = new Array(batch.length);
      for (let j = 0; j < batch.length; j++)
        chunks[j] = (batch[j] as Pending).prepared.inputs[k]?.chunks[0] as Uint8Array;
      const shape = input.shape.slice();
      shape[0] = rows;
      return { index: input.index, datatype: input.datatype, shape, chunks };
    });

    // A batch is cancelled in ONNX Runtime only when every request in it was aborted.
    let controller: AbortController | undefined;
    if (batch.some((p) => p.signal !== undefined)) {
      controller = new AbortController();
      const state = { controller, live: batch.length };
      for (const p of batch) p.batch = state;
    }
    try {
      // A lone request (the quiet case) may run inline: a worker hand-off would cost more than a small model's run.
      const outputs = await session.execute({ inputs, outputIndices }, controller?.signal, batch.length === 1);
      const ran = nowMicros() - sentAt;
      stats.runMicros[rows] = (stats.runMicros[rows] ?? 0) + ran;
      if (batchTiming !== undefined) batchTiming.computeMicros = ran;
      split(batch, rows, outputIndices, outputs);
    } catch (err) {
      for (const p of batch) {
        if (p.state === "done") continue;
        settle(p);
        stats.failed++;
        p.reject(err as Error);
      }
    } finally {
      inflight--;
      if (queued > 0) schedule();
    }
  }

  function split(
    batch: Pending[],
    rows: number,
    outputIndices: readonly number[],
    outputs: readonly NativeOutput[],
  ): void {
    const views: Uint8Array[][] = outputs.map((out, o) => {
      const info = session.outputs[outputIndices[o] as number] as TensorMetadata;
      if (out.shape[0] !== rows) {
        throw new InternalError(`output "${info.name}" has ${out.shape[0]} rows for a batch of ${rows}`);
      }
      return splitRows(info, out, batch);
    });
    for (let j = 0; j < batch.length; j++) {
      const p = batch[j] as Pending;
      if (p.state === "done") continue;
      settle(p);
      const result: Record<string, Tensor> = {};
      for (const idx of p.prepared.outputIndices) {
        const o = outputIndices.indexOf(idx);
        const out = outputs[o] as NativeOutput;
        const info = session.outputs[idx] as TensorMetadata;
        const shape = out.shape.slice();
        shape[0] = p.rows;
        result[info.name] = { datatype: info.datatype, shape, data: (views[o] as Uint8Array[])[j] as Uint8Array };
      }
      stats.completed++;
      p.resolve(result);
    }
  }

  function splitRows(info: TensorMetadata, out: NativeOutput, batch: Pending[]): Uint8Array[] {
    const data = out.data;
    if (batch.length === 1) return [data];
    const size = ELEMENT_SIZE[info.datatype];
    let perRow = 1;
    for (let d = 1; d < out.shape.length; d++) perRow *= out.shape[d] as number;
    const views: Uint8Array[] = new Array(batch.length);
    let offset = 0;
    if (size !== undefined) {
      const rowBytes = perRow * size;
      for (let j = 0; j < batch.length; j++) {
        const len = (batch[j] as Pending).rows * rowBytes;
        views[j] = data.subarray(offset, offset + len);
        offset += len;
      }
      return views;
    }
    const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
    for (let j = 0; j < batch.length; j++) {
      const start = offset;
      for (let e = 0; e < (batch[j] as Pending).rows * perRow; e++) offset += 4 + dv.getUint32(offset, true);
      views[j] = data.subarray(start, offset);
    }
    return views;
  }

  function percentile(q: number): number {
    const n = Math.min(stats.queueTimeCount, QUEUE_TIME_SAMPLES);
    if (n === 0) return 0;
    const sorted = stats.samples.slice(0, n).sort();
    return sorted[Math.min(n - 1, Math.floor(q * n))] as number;
  }

  return {
    infer(inputs, opts = {}) {
      if (closed) return Promise.reject(new UnavailableError("batcher is closed"));
      let prepared: PreparedRun;
      try {
        prepared = session.prepare(inputs, opts.outputs);
      } catch (err) {
        return Promise.reject(err);
      }
      const rows = prepared.inputs[0]?.shape[0] ?? 1;
      if (rows > maxBatchSize) {
        return Promise.reject(
          new InvalidArgumentError("batch dimension", `at most maxBatchSize (${maxBatchSize}) rows`, `${rows} rows`),
        );
      }
      for (const input of prepared.inputs) {
        if (input.shape[0] !== rows) {
          const name = session.inputs[input.index]?.name ?? "";
          return Promise.reject(
            new InvalidArgumentError(
              `input "${name}" shape`,
              `first dimension ${rows} like the other inputs`,
              `[${input.shape.join(", ")}]`,
            ),
          );
        }
      }
      if (opts.signal?.aborted) return Promise.reject(new CancelledError("inference cancelled"));
      if (opts.deadline !== undefined && opts.deadline <= Date.now()) {
        stats.deadlineExceeded++;
        return Promise.reject(
          new DeadlineExceededError("deadline exceeded before the request was queued", { deadline: opts.deadline }),
        );
      }
      if (queued >= maxQueueLength) {
        stats.rejectedQueueFull++;
        return Promise.reject(
          new ResourceExhaustedError("maxQueueLength", `inference queue is full (maxQueueLength ${maxQueueLength})`),
        );
      }
      // Requests batch together when their non-batch dimensions and requested outputs match.
      let key = opts.outputs === undefined ? "" : prepared.outputIndices.join(",");
      for (const input of prepared.inputs) key += `|${input.shape.slice(1).join("x")}`;
      if (opts.outputs === undefined) prepared.outputIndices = allOutputIndices;

      return new Promise<Record<string, Tensor>>((resolve, reject) => {
        const priority = opts.priority ?? 0;
        const p: Pending = {
          prepared,
          rows,
          key,
          priority,
          enqueuedAt: nowMicros(),
          deadline: opts.deadline,
          signal: opts.signal,
          onAbort: undefined,
          timer: undefined,
          state: "queued",
          batch: undefined,
          timing: opts.timing,
          resolve,
          reject,
        };
        let bucket = buckets.get(priority);
        if (bucket === undefined) {
          bucket = [];
          buckets.set(priority, bucket);
          priorities = [...buckets.keys()].sort((a, b) => b - a);
        }
        bucket.push(p);
        queued++;
        stats.accepted++;
        if (opts.signal !== undefined) {
          p.onAbort = () => {
            if (p.state === "done") return;
            if (p.state === "queued") removeQueued(p);
            else if (p.batch !== undefined && --p.batch.live === 0) p.batch.controller.abort();
            settle(p);
            stats.cancelled++;
            reject(new CancelledError("inference cancelled"));
          };
          opts.signal.addEventListener("abort", p.onAbort, { once: true });
        }
        if (opts.deadline !== undefined) {
          p.timer = setTimeout(
            () => {
              if (p.state !== "queued") return;
              removeQueued(p);
              expire(p);
            },
            Math.max(0, opts.deadline - Date.now()),
          );
        }
        schedule();
      });
    },

    get queueLength() {
      return queued;
    },

    stats() {
      return {
        accepted: stats.accepted,
        completed: stats.completed,
        failed: stats.failed,
        cancelled: stats.cancelled,
        deadlineExceeded: stats.deadlineExceeded,
        rejectedQueueFull: stats.rejectedQueueFull,
        batches: stats.batches,
        batchSizeHistogram: { ...stats.histogram },
        batchRunMicros: { ...stats.runMicros },
        meanBatchSize: stats.batches === 0 ? 0 : stats.rows / stats.batches,
        queueTimeMicros: {
          mean: stats.queueTimeCount === 0 ? 0 : stats.queueTimeSum / stats.queueTimeCount,
          max: stats.queueTimeMax,
          p50: percentile(0.5),
          p99: percentile(0.99),
        },
        queueLength: queued,
        inflightBatches: inflight,
      };
    },

    close() {
      closed = true;
      if (waitTimer !== undefined) clearTimeout(waitTimer);
      for (const pr of priorities) {
        for (const p of buckets.get(pr) ?? []) {
          settle(p);
          p.reject(new UnavailableError("batcher closed before the request ran"));
        }
        buckets.set(pr, []);
      }
      queued = 0;
    },
  };
}
