/**
 * A scheduler node: serves control-plane RPCs on the bus, keeps the registry in the database,
 * publishes heartbeats, sweeps abandoned uploads, and drains on shutdown.
 */
import { hostname } from "node:os";
import {
  type ArbiterConfig,
  type Bus,
  componentLogger,
  type Database,
  type Logger,
  listenForLogLevels,
  MODELS_CHANGED_SUBJECT,
  NODES_BUCKET,
  type RpcServer,
} from "@arbiter/core";
import { setNativeLogger as setInferenceNativeLogger } from "@arbiter/inference-native";
import type { NodeInfo } from "@arbiter/proto";
import { setNativeLogger as setVectorNativeLogger } from "@arbiter/vector-native";
import { timestampNow } from "@bufbuild/protobuf/wkt";
import { startAuditLog } from "./audit/index.ts";
import { liveNodes, registerClusterHandlers } from "./cluster/cluster-handlers.ts";
import { type Heartbeat, startHeartbeat } from "./cluster/heartbeat.ts";
import { createVectorSearchRunner, startDecisions } from "./decisions/index.ts";
import { startPipelineRegistry } from "./pipelines/registry/index.ts";
import { ModelStore } from "./registry/model-store.ts";
import { registerRegistryHandlers } from "./registry/registry-handlers.ts";
import { type HandlerTable, serveHandlers } from "./rpc-router.ts";
import { modelHandler, registerInferenceHandlers } from "./serving/inference-handlers.ts";
import { listenForUnloads, registerLifecycleHandlers } from "./serving/lifecycle-handlers.ts";
import { ModelHost } from "./serving/model-host.ts";
import { onnxInspector } from "./serving/onnx-inspector.ts";
import { placementPass, SETTLE_INTERVALS, Shortfalls, WantedModels } from "./serving/placement.ts";
import { loadRequiredModels, parseRequiredModel } from "./serving/required-models.ts";
import { servingMetrics } from "./serving/serving-metrics.ts";
import { registerStatisticsHandler } from "./serving/statistics-handler.ts";
import { startStreams } from "./streams/index.ts";
import { startTasks } from "./tasks/index.ts";
import { startTenants } from "./tenants/index.ts";
import { registerVectorHandlers, VectorCollections } from "./vectors/index.ts";

/** What a scheduler needs; the caller owns the bus and database and closes them after `stop()`. */
export interface SchedulerOptions {
  config: ArbiterConfig;
  bus: Bus;
  db: Database;
  logger: Logger;
  /** "scheduler", or "embedded" when it shares the process with the gateway. */
  role?: string;
}

/** A running scheduler node. */
export interface SchedulerNode {
  readonly nodeId: string;
  /** Resolves once every model of `scheduler.requiredModels` is loaded here (at once when none is). */
  readonly requiredModelsLoaded: Promise<void>;
  /** The bootstrap admin's API key when this start created it (show it once; only its hash is kept). */
  readonly createdAdminKey: string | undefined;
  /**
   * Stops taking new requests, waits up to `scheduler.drainTimeoutMs` for those in flight, and
   * removes the node from the cluster.
   */
  stop(): Promise<void>;
}

const VERSION = "0.1.0";

/** Starts a scheduler node on an already connected bus and migrated database. */
export async function startScheduler(options: SchedulerOptions): Promise<SchedulerNode> {
  const { config, bus, db } = options;
  const nodeId = config.scheduler.nodeId || `${hostname()}-${process.pid}`;
  // A mistyped entry stops the start here, not after the node joined the cluster.
  config.scheduler.requiredModels.forEach(parseRequiredModel);
  const logger = componentLogger(options.logger, "scheduler", { node_id: nodeId });
  // The addons' Rust code logs through these (one logger per process: the last node started wins).
  setInferenceNativeLogger(componentLogger(options.logger, "onnxruntime", { node_id: nodeId }));
  setVectorNativeLogger(componentLogger(options.logger, "vector-native", { node_id: nodeId }));
  const startTime = timestampNow();
  let accepting = true;

  const kv = await bus.keyValue(NODES_BUCKET, { ttlMs: config.scheduler.heartbeatTtlMs });
  const store = new ModelStore(db, onnxInspector(config.scheduler.ortLibraryPath), () =>
    bus.publish(MODELS_CHANGED_SUBJECT, new Uint8Array(0)),
  );
  const wanted = new WantedModels(db);
  const shortfalls = new Shortfalls(SETTLE_INTERVALS * config.scheduler.heartbeatIntervalMs);
  const modelsChanged = bus.subscribe(MODELS_CHANGED_SUBJECT, () => wanted.invalidate());
  /** The live nodes as the latest placement pass read them. */
  let cluster: NodeInfo[] = [];
  const host = new ModelHost({
    bus,
    store,
    logger,
    nodeId,
    memoryBudgetBytes: config.scheduler.memoryBudgetBytes,
    ortLibraryPath: config.scheduler.ortLibraryPath,
    intraOpThreads: config.scheduler.intraOpThreads,
    handlerFor: modelHandler,
    heldElsewhere: (ref) =>
      cluster.some(
        (n) =>
          n.id !== nodeId &&
          n.models.some((m) => m.tenant === ref.tenant && m.name === ref.name && Number(m.version) === ref.version),
      ),
  });
  const table: HandlerTable = new Map();
  registerRegistryHandlers(table, store);
  // Vector collections: also what pipelines' vector_search nodes call in-process.
  const vectors = new VectorCollections({ db, bus, nodeId, logger: componentLogger(logger, "vectors") });
  registerVectorHandlers(table, vectors);
  const vectorSearch = createVectorSearchRunner(vectors);
  const pipelines = startPipelineRegistry({
    config,
    bus,
    db,
    logger,
    nodeId,
    table,
    model: (tenant, name, selector) => store.get(tenant, name, selector),
    collectionExists: (tenant, name) => vectors.exists(tenant, name),
    vectorSearch,
    // A compiled version is immutable, but what a selector picks and what exists changes here.
    pipelinesChanged: (tenant, name) => decisions.pipelinesChanged(tenant, name),
  });
  registerClusterHandlers(table, kv, config.scheduler.heartbeatTtlMs);
  const { createdAdminKey } = await startTenants({ config, bus, db, table });
  registerStatisticsHandler(table, store, kv, config.scheduler.heartbeatTtlMs);
  registerInferenceHandlers(table, store, host, bus);
  registerLifecycleHandlers(table, store, host, bus, nodeId);
  const decisions = startDecisions({
    table,
    bus,
    db,
    logger,
    models: store,
    host,
    registry: pipelines,
    vectorSearch,
  });
  const tasks = await startTasks({
    config,
    bus,
    db,
    logger,
    nodeId,
    table,
    models: store,
    host,
    decisions: decisions.engine,
    pipelines: decisions.pipelines,
  });
  const streams = await startStreams({
    config,
    bus,
    db,
    logger,
    table,
    engine: decisions.engine,
    pipelines: decisions.pipelines,
  });
  const stopUnloads = listenForUnloads(bus, host, logger);
  // Log-level broadcasts change every logger of this process, not only the scheduler's.
  const stopLogLevels = listenForLogLevels(bus, options.logger, nodeId);
  const stopMetrics = servingMetrics().addNode(host);
  const audit = startAuditLog({ db, bus, logger: componentLogger(logger, "audit"), table });
  const server: RpcServer = serveHandlers(bus, table, logger, nodeId, audit.calls);

  const heartbeat: Heartbeat = startHeartbeat(
    kv,
    nodeId,
    config.scheduler.heartbeatIntervalMs,
    () => ({
      role: options.role ?? "scheduler",
      hostname: hostname(),
      version: VERSION,
      queueDepth: host.list().reduce((n, m) => n + m.batcher.queueLength, 0),
      inFlight: server.inFlight,
      models: host.list().map((m) => ({
        tenant: m.ref.tenant,
        name: m.ref.name,
        version: BigInt(m.ref.version),
        memoryBytes: BigInt(m.memoryBytes),
        executionProvider: m.session.executionProvider,
        queueDepth: m.batcher.queueLength,
        statistics: m.statistics.snapshot(m.ref.name, m.ref.version, m.batcher),
      })),
      memoryUsedBytes: BigInt(host.memoryUsedBytes),
      memoryBudgetBytes: BigInt(config.scheduler.memoryBudgetBytes),
      accelerators: [],
      startTime,
      accepting,
    }),
    logger,
  );
  await heartbeat.beat();

  // Placement runs on the heartbeat's rhythm, one pass at a time.
  let placing = false;
  const placement = setInterval(() => {
    if (placing || !accepting) return;
    placing = true;
    liveNodes(kv, config.scheduler.heartbeatTtlMs)
      .then((nodes) => {
        cluster = nodes;
        return placementPass(wanted, shortfalls, host, nodes, nodeId, logger);
      })
      .catch((err) => logger.warn({ err }, "placement pass failed"))
      .finally(() => {
        placing = false;
      });
  }, config.scheduler.heartbeatIntervalMs);
  placement.unref();

  const sweeper = setInterval(
    () => {
      store
        .sweepUploads(config.scheduler.uploadTtlMs)
        .then((n) => n > 0 && logger.info({ deleted: n }, "deleted abandoned uploads"))
        .catch((err) => logger.warn({ err }, "sweeping abandoned uploads failed"));
    },
    Math.min(config.scheduler.uploadTtlMs, 60_000),
  );
  sweeper.unref();

  logger.info({ bus: bus.kind, database: db.kind }, "scheduler ready");
  const requiredModelsLoaded = loadRequiredModels(config.scheduler.requiredModels, {
    store,
    host,
    logger,
    stopped: () => !accepting,
  });

  return {
    nodeId,
    requiredModelsLoaded,
    createdAdminKey,
    async stop() {
      accepting = false;
      clearInterval(sweeper);
      clearInterval(placement);
      await heartbeat.beat();
      // Work units running finish (or are given back) while requests in flight drain.
      const tasksStopped = Promise.all([tasks.stop(config.scheduler.drainTimeoutMs), streams.stop()]);
      const drained = server.drain();
      const timedOut = await Promise.race([
        drained.then(() => false),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(true), config.scheduler.drainTimeoutMs).unref()),
      ]);
      if (timedOut) logger.warn({ inFlight: server.inFlight }, "drain timed out; abandoning requests in flight");
      await tasksStopped;
      await audit.close();
      stopUnloads();
      stopLogLevels();
      stopMetrics();
      modelsChanged.unsubscribe();
      vectors.close();
      await host.unloadAll();
      await decisions.close();
      await pipelines.close();
      await heartbeat.stop();
      logger.info("scheduler stopped");
    },
  };
}
