/**
 * The models loaded on this node. A model is loaded on first use (or on request), warmed up,
 * given a dynamic batcher from its configuration, and served on its own subject by the queue group
 * of the nodes that hold it. Loaded models share the node's memory budget: loading one that does
 * not fit first unloads idle ones, copies that other nodes also hold before the least recently used.
 */
import {
  ATTR_ARBITER_MODEL,
  ATTR_ARBITER_MODEL_VERSION,
  type Bus,
  endSpan,
  type Logger,
  MODEL_QUEUE,
  type ModelRef,
  modelSubject,
  NODE_HEADER,
  ResourceExhaustedError,
  type RpcHandler,
  type RpcServer,
  SpanKind,
  serveRpc,
  startSpan,
  tracingActive,
  withSpan,
} from "@arbiter/core";
import { type Batcher, createBatcher, type InferenceSession, loadSession } from "@arbiter/inference-native";
import type { Model } from "@arbiter/proto";
import type { ModelStore } from "../registry/model-store.ts";
import { ModelStatisticsCounter } from "./model-statistics.ts";
import { servingMetrics } from "./serving-metrics.ts";

/** One model version loaded on this node. */
export interface LoadedModel {
  readonly ref: ModelRef;
  readonly model: Model;
  readonly session: InferenceSession;
  readonly batcher: Batcher;
  /** What the model counts against the budget, in bytes. */
  readonly memoryBytes: number;
  lastUsed: number;
  inFlight: number;
  readonly statistics: ModelStatisticsCounter;
}

export interface ModelHostOptions {
  bus: Bus;
  store: ModelStore;
  logger: Logger;
  /** The node's budget for loaded models, in bytes. */
  memoryBudgetBytes: number;
  /** ONNX Runtime library, or "" for the one inside onnxruntime-node. */
  ortLibraryPath: string;
  /** Threads inside one operator of a run (`scheduler.intraOpThreads`; 0: ONNX Runtime's choice). Default 1. */
  intraOpThreads?: number;
  /** This node's id, named in every reply. */
  nodeId: string;
  /** The handler of requests that arrive on a loaded model's subject. */
  handlerFor: (loaded: LoadedModel) => RpcHandler;
  /**
   * Whether another live node also holds the model version (from the latest heartbeats). Making
   * room unloads those first: their requests keep being served elsewhere. Default: never.
   */
  heldElsewhere?: (ref: ModelRef) => boolean;
}

const key = (ref: ModelRef) => `${ref.tenant}\u0000${ref.name}\u0000${ref.version}`;

/** The node's loaded models and their memory accounting. */
export class ModelHost {
  private readonly models = new Map<string, LoadedModel>();
  private readonly loading = new Map<string, Promise<LoadedModel>>();
  private readonly servers = new Map<string, RpcServer>();
  /**
   * Bytes promised to loads still in progress. A load reads the artifact and builds its session
   * between checking for room and joining `models`; without counting it, loads that overlap would
   * each see the same free memory and together exceed the budget.
   */
  private readonly reserved = new Map<string, number>();

  constructor(private readonly options: ModelHostOptions) {}

  /** The node's budget for loaded models, in bytes. */
  get memoryBudgetBytes(): number {
    return this.options.memoryBudgetBytes;
  }

  /** Bytes held by loaded models. */
  get memoryUsedBytes(): number {
    let total = 0;
    for (const m of this.models.values()) total += m.memoryBytes;
    return total;
  }

  /** Every loaded model. */
  list(): LoadedModel[] {
    return [...this.models.values()];
  }

  /** The loaded model, if this node holds it. */
  get(ref: ModelRef): LoadedModel | undefined {
    return this.models.get(key(ref));
  }

  /** Loads (once, even when asked concurrently) and starts serving a model version. */
  ensureLoaded(ref: ModelRef): Promise<LoadedModel> {
    const k = key(ref);
    const loaded = this.models.get(k);
    if (loaded) return Promise.resolve(loaded);
    let pending = this.loading.get(k);
    if (!pending) {
      pending = (tracingActive() ? this.tracedLoad(ref) : this.load(ref)).finally(() => this.loading.delete(k));
      this.loading.set(k, pending);
    }
    return pending;
  }

  /** {@link load} as a span of the request that asked first (a slow first request shows why). */
  private async tracedLoad(ref: ModelRef): Promise<LoadedModel> {
    const span = startSpan(`load ${ref.name}`, SpanKind.INTERNAL, {
      [ATTR_ARBITER_MODEL]: ref.name,
      [ATTR_ARBITER_MODEL_VERSION]: ref.version,
    });
    try {
      const loaded = await withSpan(span, () => this.load(ref));
      endSpan(span);
      return loaded;
    } catch (err) {
      endSpan(span, err);
      throw err;
    }
  }

  private async load(ref: ModelRef): Promise<LoadedModel> {
    const { store, memoryBudgetBytes } = this.options;
    const model = await store.getVersion(ref.tenant, ref.name, ref.version);
    const config = model.config;
    // Until it is loaded, a model is assumed to need twice its artifact (weights + runtime arenas).
    const estimate = Number(config?.memoryLimitBytes ?? 0n) || Number(model.sizeBytes) * 2;
    if (estimate > memoryBudgetBytes) {
      throw new ResourceExhaustedError(
        "scheduler.memoryBudgetBytes",
        `model "${ref.name}" version ${ref.version} needs about ${estimate} bytes, more than this node's budget of ${memoryBudgetBytes} bytes`,
      );
    }
    this.makeRoom(estimate);
    this.reserved.set(key(ref), estimate);
    try {
      return await this.loadWithin(ref, model);
    } finally {
      this.reserved.delete(key(ref));
    }
  }

  /** Bytes promised to loads in progress. */
  private get reservedBytes(): number {
    let total = 0;
    for (const bytes of this.reserved.values()) total += bytes;
    return total;
  }

  /** Loads a model whose memory is already reserved, and starts serving it. */
  private async loadWithin(ref: ModelRef, model: Model): Promise<LoadedModel> {
    const { store, logger } = this.options;
    const config = model.config;
    const started = performance.now();
    const bytes = await store.readArtifact(ref.tenant, ref.name, ref.version);
    const provider = config?.executionProvider || "cpu";
    const session = await loadSession(
      { bytes },
      {
        executionProvider: provider as "cpu",
        providerFallback: config?.providerFallback === 2 ? "cpu" : "error",
        warmup: true,
        intraOpThreads: this.options.intraOpThreads ?? 1,
        // Runs at once on their own worker threads (Triton's instance count); the batcher keeps them busy.
        ...(config?.instanceCount ? { concurrency: config.instanceCount } : {}),
        ...(this.options.ortLibraryPath ? { ortLibraryPath: this.options.ortLibraryPath } : {}),
        logger,
      },
    );
    const maxBatchSize = config?.maxBatchSize ?? 0;
    const batcher = createBatcher(session, {
      maxBatchSize: maxBatchSize > 0 ? maxBatchSize : 64,
      ...(config?.preferredBatchSizes.length ? { preferredBatchSizes: config.preferredBatchSizes } : {}),
      maxQueueDelayMicros: Number(config?.maxQueueDelayMicros ?? 0n),
      ...(config?.maxQueueLength ? { maxQueueLength: config.maxQueueLength } : {}),
    });
    const loaded: LoadedModel = {
      ref,
      model,
      session,
      batcher,
      // The configured limit when there is one (predictable placement), else what loading took.
      memoryBytes: Number(config?.memoryLimitBytes ?? 0n) || Math.max(session.memoryBytes, Number(model.sizeBytes)),
      lastUsed: Date.now(),
      inFlight: 0,
      statistics: new ModelStatisticsCounter(servingMetrics().forModel(ref)),
    };
    const k = key(ref);
    // From here the model counts as loaded, no longer as reserved.
    this.reserved.delete(k);
    this.models.set(k, loaded);
    this.servers.set(
      k,
      serveRpc(
        this.options.bus,
        modelSubject(ref.tenant, ref.name, ref.version),
        MODEL_QUEUE,
        this.options.handlerFor(loaded),
        logger,
        {
          [NODE_HEADER]: this.options.nodeId,
        },
      ),
    );
    logger.info(
      {
        model: ref.name,
        version: ref.version,
        tenant: ref.tenant,
        memoryBytes: loaded.memoryBytes,
        provider: session.executionProvider,
        loadMs: Math.round(performance.now() - started),
      },
      "model loaded",
    );
    return loaded;
  }

  /**
   * Unloads idle models until `bytes` more fit in the budget (with loads in progress): first those
   * another node also holds, then the rest, least recently used first. Evicting a model's only copy
   * while a spare copy of another stays would leave the cluster short of a model it could hold.
   */
  private makeRoom(bytes: number): void {
    const budget = this.options.memoryBudgetBytes;
    const fits = () => this.memoryUsedBytes + this.reservedBytes + bytes <= budget;
    if (fits()) return;
    const heldElsewhere = this.options.heldElsewhere ?? (() => false);
    const idle = this.list()
      .filter((m) => m.inFlight === 0)
      .map((m) => ({ m, spare: heldElsewhere(m.ref) }))
      .sort((a, b) => Number(b.spare) - Number(a.spare) || a.m.lastUsed - b.m.lastUsed);
    for (const { m: victim, spare } of idle) {
      if (fits()) break;
      this.options.logger.info(
        { model: victim.ref.name, version: victim.ref.version, heldElsewhere: spare },
        "evicting the least recently used model",
      );
      void this.unloadNow(victim);
    }
    if (!fits()) {
      throw new ResourceExhaustedError(
        "scheduler.memoryBudgetBytes",
        `no room for ${bytes} more bytes of models on this node (budget ${budget}, in use ${this.memoryUsedBytes} by models serving requests, ${this.reservedBytes} by models loading)`,
        1000,
      );
    }
  }

  /** Stops taking requests for the model, lets those in flight finish, then frees it. */
  private unloadNow(loaded: LoadedModel): Promise<void> {
    const k = key(loaded.ref);
    const server = this.servers.get(k);
    this.servers.delete(k);
    this.models.delete(k);
    return (server?.drain() ?? Promise.resolve()).then(() => {
      loaded.batcher.close();
      loaded.session.unload();
    });
  }

  /** Stops serving and frees a model version; false if this node did not hold it. */
  async unload(ref: ModelRef): Promise<boolean> {
    const loaded = this.models.get(key(ref));
    if (!loaded) return false;
    await this.unloadNow(loaded);
    return true;
  }

  /** Drains and frees every model (shutdown). */
  async unloadAll(): Promise<void> {
    await Promise.all(this.list().map((loaded) => this.unloadNow(loaded)));
  }
}
