/**
 * Decisions on one scheduler: the node kinds a pipeline runs with (model in process, transform,
 * rules, and the registry's plugin and remote runners), the compiled-pipeline cache, the audit
 * writer and the DecisionService handlers.
 */
import { type Bus, componentLogger, type Database, type Logger, PIPELINES_CHANGED_SUBJECT } from "@arbiter/core";
import type { VectorSearchNode } from "@arbiter/proto";
import { createRulesRunner, createTransformRunner, type NodeKindRunner, type NodeKinds } from "../pipelines/index.ts";
import type { PipelineRegistry } from "../pipelines/registry/index.ts";
import type { ModelStore } from "../registry/model-store.ts";
import type { HandlerTable } from "../rpc-router.ts";
import type { ModelHost } from "../serving/model-host.ts";
import { AuditWriter } from "./audit-writer.ts";
import { CompiledPipelines } from "./compiled-pipelines.ts";
import { DecisionEngine } from "./decision-engine.ts";
import { registerDecisionHandlers } from "./decision-handlers.ts";
import { DecisionStore } from "./decision-store.ts";
import { createModelRunner } from "./model-node.ts";

export { AuditWriter } from "./audit-writer.ts";
export { CompiledPipelines, type PipelineSource, type RunnablePipeline } from "./compiled-pipelines.ts";
export { DecisionEngine } from "./decision-engine.ts";
export { DecisionStore } from "./decision-store.ts";
export { createModelRunner } from "./model-node.ts";
export { createVectorSearchRunner, VECTOR_SEARCH_OUTPUTS } from "./vector-search-node.ts";

export interface DecisionsOptions {
  readonly table: HandlerTable;
  readonly bus: Bus;
  readonly db: Database;
  readonly logger: Logger;
  readonly models: ModelStore;
  readonly host: ModelHost;
  readonly registry: PipelineRegistry;
  /** The vector_search node kind, when this node serves vector collections. */
  readonly vectorSearch?: NodeKindRunner<VectorSearchNode, unknown>;
}

/** The decision service of a scheduler. */
export interface Decisions {
  readonly engine: DecisionEngine;
  readonly pipelines: CompiledPipelines;
  /** Tells every scheduler (this one included) that a pipeline's versions or aliases changed. */
  pipelinesChanged(tenant: string, name: string): void;
  /** Stops following changes and writes the audit records still queued. */
  close(): Promise<void>;
}

/** Builds the decision service and registers its handlers in `options.table`. */
export function startDecisions(options: DecisionsOptions): Decisions {
  const logger = componentLogger(options.logger, "decisions");
  const kinds: NodeKinds = {
    model: createModelRunner({ store: options.models, host: options.host }),
    transform: createTransformRunner(),
    rules: createRulesRunner(),
    plugin: options.registry.pluginRunner,
    remote: options.registry.remoteRunner,
    ...(options.vectorSearch ? { vectorSearch: options.vectorSearch } : {}),
  };
  const store = new DecisionStore(options.db);
  const audit = new AuditWriter(store, logger);
  const pipelines = new CompiledPipelines(options.registry.store, kinds);
  const engine = new DecisionEngine({ pipelines, store, audit, logger });
  registerDecisionHandlers(options.table, engine, store);
  // What a selector resolved to is forgotten on every node when another node changes the pipeline.
  const changes = options.bus.subscribe(PIPELINES_CHANGED_SUBJECT, (message) => {
    try {
      const { tenant, name } = JSON.parse(new TextDecoder().decode(message.data)) as { tenant: string; name: string };
      pipelines.forget(tenant, name);
    } catch (err) {
      logger.warn({ err }, "unreadable pipelines-changed broadcast");
    }
  });
  return {
    engine,
    pipelines,
    pipelinesChanged(tenant, name) {
      pipelines.forget(tenant, name);
      options.bus.publish(PIPELINES_CHANGED_SUBJECT, new TextEncoder().encode(JSON.stringify({ tenant, name })));
    },
    async close() {
      changes.unsubscribe();
      await audit.close();
    },
  };
}
