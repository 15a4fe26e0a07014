/**
 * Prometheus metrics of model serving on this process's scheduler nodes.
 *
 * Per request, recorded as it finishes (ModelStatisticsCounter.record):
 *   arbiter_model_requests_total{model,version,outcome}      outcome: success | failure
 *   arbiter_model_request_duration_seconds{model,version}    histogram, time in the scheduler
 *   arbiter_model_request_queue_seconds{model,version}       histogram, each request's wait for its batch
 *   arbiter_model_request_compute_seconds{model,version}     histogram, the run of the batch that served it
 * Read at scrape time from each loaded model's batcher and from the node:
 *   arbiter_model_queue_seconds_total{model,version}         time requests waited for their batch
 *   arbiter_model_queued_requests_total{model,version}       requests that went through the queue
 *   arbiter_model_compute_seconds_total{model,version}       time batches ran in ONNX Runtime
 *   arbiter_model_batches_total{model,version}
 *   arbiter_model_batch_size{model,version}                  histogram of rows per batch
 *   arbiter_model_queue_depth{model,version}                 requests waiting now
 *   arbiter_scheduler_queue_depth                            the node's requests waiting now
 *   arbiter_loaded_models, arbiter_scheduler_memory_used_bytes, arbiter_scheduler_memory_budget_bytes
 * Queue and compute are running totals (the batcher keeps sums, not every sample): their rates
 * divided by the request and batch rates give the mean queue and compute time per request and
 * per batch, as Triton's duration counters do.
 */
import {
  type CounterChild,
  type HistogramChild,
  type MetricRegistry,
  type ModelRef,
  processMetrics,
} from "@arbiter/core";

/** Rows per batch: powers of two up to the largest batch sizes in use. */
const BATCH_SIZE_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];

/** What a node exposes for the scrape-time metrics. */
export interface ServingNode {
  readonly memoryBudgetBytes: number;
  readonly memoryUsedBytes: number;
  list(): ReadonlyArray<{
    readonly ref: ModelRef;
    readonly batcher: {
      stats(): {
        completed: number;
        failed: number;
        batches: number;
        batchSizeHistogram: Record<number, number>;
        batchRunMicros: Record<number, number>;
        queueTimeMicros: { mean: number };
        queueLength: number;
      };
    };
  }>;
}

/** Per-request recording for one loaded model version. */
export interface ModelRequestMetrics {
  record(ok: boolean, elapsedNs: bigint): void;
  /** A request that ran: how long it waited for its batch, and how long that batch ran. */
  recordBatching(queueMicros: number, computeMicros: number): void;
}

/** The serving metrics of one registry (one per process). */
export class ServingMetrics {
  private readonly nodes = new Set<ServingNode>();

  private readonly requests;
  private readonly duration;
  private readonly queueDuration;
  private readonly computeDuration;
  private readonly queueSeconds;
  private readonly queued;
  private readonly computeSeconds;
  private readonly batches;
  private readonly batchSize;
  private readonly modelQueueDepth;
  private readonly nodeQueueDepth;
  private readonly loadedModels;
  private readonly memoryUsed;
  private readonly memoryBudget;

  constructor(registry: MetricRegistry) {
    const model = ["model", "version"];
    this.requests = registry.counter(
      "arbiter_model_requests_total",
      "Inference requests a scheduler finished on a model version, by outcome.",
      [...model, "outcome"],
    );
    this.duration = registry.histogram(
      "arbiter_model_request_duration_seconds",
      "Time a request spent in the scheduler (inputs, queue, batch run, outputs), in seconds.",
      model,
    );
    this.queueDuration = registry.histogram(
      "arbiter_model_request_queue_seconds",
      "Time each request waited in the batcher's queue for its batch to be sent, in seconds.",
      model,
    );
    this.computeDuration = registry.histogram(
      "arbiter_model_request_compute_seconds",
      "Time the batch that served each request ran in ONNX Runtime, in seconds.",
      model,
    );
    this.queueSeconds = registry.counter(
      "arbiter_model_queue_seconds_total",
      "Time requests waited in the batcher's queue for their batch to be sent, in seconds.",
      model,
    );
    this.queued = registry.counter(
      "arbiter_model_queued_requests_total",
      "Requests that went through the batcher's queue (completed or failed).",
      model,
    );
    this.computeSeconds = registry.counter(
      "arbiter_model_compute_seconds_total",
      "Time batches ran, from being sent to ONNX Runtime to their outputs, in seconds.",
      model,
    );
    this.batches = registry.counter("arbiter_model_batches_total", "Batches run.", model);
    this.batchSize = registry.histogram("arbiter_model_batch_size", "Rows per batch run.", model, BATCH_SIZE_BUCKETS);
    this.modelQueueDepth = registry.gauge(
      "arbiter_model_queue_depth",
      "Requests waiting in a model's queue now.",
      model,
    );
    this.nodeQueueDepth = registry.gauge(
      "arbiter_scheduler_queue_depth",
      "Requests waiting in the queues of every model on the node now (an autoscaling signal).",
    );
    this.loadedModels = registry.gauge("arbiter_loaded_models", "Model versions loaded on the node.");
    this.memoryUsed = registry.gauge(
      "arbiter_scheduler_memory_used_bytes",
      "Memory the node's loaded models count against its budget, in bytes.",
    );
    this.memoryBudget = registry.gauge(
      "arbiter_scheduler_memory_budget_bytes",
      "The node's memory budget for loaded models, in bytes.",
    );
    registry.onCollect(() => this.collect());
  }

  /** Adds a node's loaded models to the scrape-time metrics; returns its removal. */
  addNode(node: ServingNode): () => void {
    this.nodes.add(node);
    return () => this.nodes.delete(node);
  }

  /** The per-request recorder of one model version. */
  forModel(ref: ModelRef): ModelRequestMetrics {
    const labels = [ref.name, String(ref.version)];
    const success: CounterChild = this.requests.labels(...labels, "success");
    const failure: CounterChild = this.requests.labels(...labels, "failure");
    const duration: HistogramChild = this.duration.labels(...labels);
    const queue: HistogramChild = this.queueDuration.labels(...labels);
    const compute: HistogramChild = this.computeDuration.labels(...labels);
    return {
      record(ok, elapsedNs) {
        (ok ? success : failure).inc();
        duration.observe(Number(elapsedNs) / 1e9);
      },
      recordBatching(queueMicros, computeMicros) {
        queue.observe(queueMicros / 1e6);
        compute.observe(computeMicros / 1e6);
      },
    };
  }

  private collect(): void {
    // Set afresh every scrape: a model unloaded since the last one disappears.
    for (const metric of [this.queueSeconds, this.queued, this.computeSeconds, this.batches, this.modelQueueDepth])
      metric.clear();
    this.batchSize.clear();
    let depth = 0;
    let loaded = 0;
    let used = 0;
    let budget = 0;
    for (const node of this.nodes) {
      used += node.memoryUsedBytes;
      budget += node.memoryBudgetBytes;
      for (const { ref, batcher } of node.list()) {
        loaded++;
        const labels = [ref.name, String(ref.version)];
        const stats = batcher.stats();
        const queued = stats.completed + stats.failed;
        this.queued.labels(...labels).inc(queued);
        this.queueSeconds.labels(...labels).inc((stats.queueTimeMicros.mean * queued) / 1e6);
        let runMicros = 0;
        for (const micros of Object.values(stats.batchRunMicros)) runMicros += micros;
        this.computeSeconds.labels(...labels).inc(runMicros / 1e6);
        this.batches.labels(...labels).inc(stats.batches);
        const sizes = this.batchSize.labels(...labels);
        for (const [size, count] of Object.entries(stats.batchSizeHistogram)) sizes.observeMany(Number(size), count);
        this.modelQueueDepth.labels(...labels).inc(stats.queueLength);
        depth += stats.queueLength;
      }
    }
    this.nodeQueueDepth.labels().set(depth);
    this.loadedModels.labels().set(loaded);
    this.memoryUsed.labels().set(used);
    this.memoryBudget.labels().set(budget);
  }
}

const perRegistry = new WeakMap<MetricRegistry, ServingMetrics>();

/** The serving metrics of `registry` (the process's by default), created on first use. */
export function servingMetrics(registry: MetricRegistry = processMetrics()): ServingMetrics {
  let metrics = perRegistry.get(registry);
  if (!metrics) {
    metrics = new ServingMetrics(registry);
    perRegistry.set(registry, metrics);
  }
  return metrics;
}
