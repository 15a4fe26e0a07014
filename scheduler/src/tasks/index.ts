/**
 * Durable asynchronous tasks on a scheduler: the task service's handlers, the outbox relay, the
 * worker, and the recovery pass. PostgreSQL holds every task, item and result; the JetStream
 * stream `ARBITER_TASKS` (a work queue) carries one notice per unit of items. See task-store.ts
 * for the record, task-worker.ts for how an item runs at least once and takes effect once.
 */
import { type ArbiterConfig, type Bus, componentLogger, type Database, type Logger } from "@arbiter/core";
import type { CompiledPipelines, DecisionEngine } from "../decisions/index.ts";
import type { ModelStore } from "../registry/model-store.ts";
import type { HandlerTable } from "../rpc-router.ts";
import type { ModelHost } from "../serving/model-host.ts";
import { OUTBOX_WAKE_SUBJECT, startOutboxRelay } from "./outbox-relay.ts";
import { registerTaskHandlers } from "./task-handlers.ts";
import { TASK_STREAM, TASK_SUBJECTS, TaskStore } from "./task-store.ts";
import { startTaskWorker } from "./task-worker.ts";

export { TaskStore } from "./task-store.ts";

/** How long JetStream remembers a notice's message id (a relay's repeated publish is dropped). */
const NOTICE_DUPLICATE_WINDOW_MS = 10 * 60_000;
/** Staged items of a large submit are kept this long for the submit that takes them. */
const STAGED_ITEMS_TTL_MS = 3600_000;
/** How often the outbox is read without a wake-up. */
const OUTBOX_POLL_MS = 1000;

export interface TasksOptions {
  readonly config: ArbiterConfig;
  readonly bus: Bus;
  readonly db: Database;
  readonly logger: Logger;
  readonly nodeId: string;
  readonly table: HandlerTable;
  readonly models: ModelStore;
  readonly host: ModelHost;
  readonly decisions: DecisionEngine;
  readonly pipelines: CompiledPipelines;
}

/** The task side of a scheduler. */
export interface Tasks {
  readonly store: TaskStore;
  /** Stops the relay, the recovery pass and the worker (see TaskWorker.stop). */
  stop(timeoutMs: number): Promise<void>;
}

/** Registers the task handlers and starts the relay, the worker and the recovery pass. */
export async function startTasks(options: TasksOptions): Promise<Tasks> {
  const { config, bus, db } = options;
  const logger = componentLogger(options.logger, "tasks");
  const settings = config.tasks;
  const store = new TaskStore(db);
  registerTaskHandlers(options.table, {
    tasks: store,
    models: options.models,
    pipelines: options.pipelines,
    unitSize: settings.unitSize,
    wakeRelays: () => bus.publish(OUTBOX_WAKE_SUBJECT, new Uint8Array(0)),
  });
  const stream = await bus.durableStream({
    name: TASK_STREAM,
    subjects: [TASK_SUBJECTS],
    retention: "workqueue",
    duplicateWindowMs: NOTICE_DUPLICATE_WINDOW_MS,
  });
  const relay = startOutboxRelay({ db, bus, stream, logger, pollMs: OUTBOX_POLL_MS });
  const worker = await startTaskWorker({
    stream,
    store,
    deps: { store: options.models, host: options.host, decisions: options.decisions },
    nodeId: options.nodeId,
    logger,
    leaseMs: settings.leaseMs,
    unitsInFlight: settings.unitsInFlight,
    retryBackoffMs: settings.retryBackoffMs,
  });
  const recovery = setInterval(
    () => {
      store
        .settleAbandoned()
        .then((n) => n > 0 && logger.info({ items: n }, "cancelled the abandoned items of ended tasks"))
        .catch((err) => logger.warn({ err }, "settling abandoned items failed"));
      store
        .sweepStaged(STAGED_ITEMS_TTL_MS)
        .then((n) => n > 0 && logger.info({ deleted: n }, "deleted staged items whose submit never came"))
        .catch((err) => logger.warn({ err }, "sweeping staged items failed"));
      store
        .recoverStale(settings.recoveryAfterMs)
        .then((units) => {
          if (units === 0) return;
          logger.warn({ units }, "published the notices of stalled work units again");
          relay.wake();
        })
        .catch((err) => logger.warn({ err }, "task recovery pass failed"));
    },
    Math.max(100, Math.min(settings.recoveryAfterMs / 2, 30_000)),
  );
  recovery.unref();
  return {
    store,
    async stop(timeoutMs) {
      clearInterval(recovery);
      await worker.stop(timeoutMs);
      await relay.stop();
    },
  };
}
