/**
 * The pipeline registry of one scheduler, built from the configuration: the pipeline store, the
 * plugin catalog (`plugins.*`), the plugin and remote node runners (`remote.*`, `secrets`), the
 * registration checks, and PipelineService's handlers. The runners are shared with whatever runs
 * pipelines on this node, so that plugin workers and circuit breakers exist once per process.
 */
import { resolve } from "node:path";
import { type ArbiterConfig, type Bus, componentLogger, type Database, type Logger } from "@arbiter/core";
import type { Model, ModelSignature, PluginNode, VectorSearchNode, VersionSelector } from "@arbiter/proto";
import type { HandlerTable } from "../../rpc-router.ts";
import type { NodeKindRunner } from "../node-kind.ts";
import { createPluginRunner, PluginCatalog, type PreparedPluginNode } from "../plugins/index.ts";
import { createRemoteRunner, type RemoteRunner } from "../remote/index.ts";
import { createPipelineChecker, type PipelineChecker } from "./pipeline-checks.ts";
import { registerPipelineHandlers } from "./pipeline-handlers.ts";
import { PipelineStore } from "./pipeline-store.ts";
import { announcePluginLoaded, followPluginLoads } from "./plugin-broadcast.ts";

/** What the registry needs from the scheduler. */
export interface PipelineRegistryOptions {
  readonly config: ArbiterConfig;
  readonly bus: Bus;
  readonly db: Database;
  readonly logger: Logger;
  readonly nodeId: string;
  /** The handler table the scheduler serves; PipelineService's methods are added to it. */
  readonly table: HandlerTable;
  /** The model version a selector picks (NOT_FOUND when there is none): the model registry's `get`. */
  readonly model: (tenant: string, name: string, selector: VersionSelector | undefined) => Promise<Model>;
  /** Whether a vector collection exists; without it vector_search nodes are rejected. */
  readonly collectionExists?: (tenant: string, name: string) => Promise<boolean> | boolean;
  /** The vector_search node kind, whose ports registration checks edges against. */
  readonly vectorSearch?: NodeKindRunner<VectorSearchNode, unknown>;
  /** Called after a pipeline version is added or deleted or an alias moves. */
  readonly pipelinesChanged?: (tenant: string, name: string) => void;
}

/** A running pipeline registry. */
export interface PipelineRegistry {
  readonly store: PipelineStore;
  readonly plugins: PluginCatalog;
  readonly pluginRunner: NodeKindRunner<PluginNode, PreparedPluginNode>;
  readonly remoteRunner: RemoteRunner;
  /** The registration checks CreatePipeline runs. */
  readonly check: PipelineChecker;
  /** Stops following other nodes' plugin loads and terminates the plugin workers. */
  close(): Promise<void>;
}

/** Builds the registry and registers PipelineService's handlers in `options.table`. */
export function startPipelineRegistry(options: PipelineRegistryOptions): PipelineRegistry {
  const { config, bus, db, nodeId, table } = options;
  const logger = componentLogger(options.logger, "pipelines");
  const secrets = config.secrets;
  const plugins = new PluginCatalog({
    ...(config.plugins.dir === "" ? {} : { pluginDir: resolve(config.plugins.dir) }),
    workersPerPlugin: config.plugins.workersPerPlugin,
    workerMemoryMb: config.plugins.workerMemoryMb,
    loadTimeoutMs: config.plugins.loadTimeoutMs,
    logger,
  });
  const pluginRunner = createPluginRunner(plugins);
  const remoteRunner = createRemoteRunner({
    allowedHosts: config.remote.allowedHosts,
    allowLoopback: config.remote.allowLoopback,
    // Looked up per call, from the configuration's own keys only (never Object.prototype's).
    secrets: (name) => (Object.hasOwn(secrets, name) ? secrets[name] : undefined),
    defaultTimeoutMs: config.remote.defaultTimeoutMs,
    maxResponseBytes: config.remote.maxResponseBytes,
    logger,
  });
  const store = new PipelineStore(db, options.pipelinesChanged);
  const check = createPipelineChecker({
    model: async (tenant, name, selector): Promise<{ signature?: ModelSignature }> =>
      options.model(tenant, name, selector),
    plugins,
    ...(options.collectionExists ? { collectionExists: options.collectionExists } : {}),
    kinds: {
      plugin: pluginRunner,
      remote: remoteRunner,
      ...(options.vectorSearch ? { vectorSearch: options.vectorSearch } : {}),
    },
  });
  registerPipelineHandlers(table, {
    store,
    check,
    plugins,
    pluginLoaded: (file) => announcePluginLoaded(bus, nodeId, file),
  });
  const stopFollowing = followPluginLoads(bus, plugins, nodeId, logger);
  return {
    store,
    plugins,
    pluginRunner,
    remoteRunner,
    check,
    async close() {
      stopFollowing();
      await plugins.close();
    },
  };
}
