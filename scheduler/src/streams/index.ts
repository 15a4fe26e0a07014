/**
 * Stream bindings on a scheduler: the stream service's handlers and one processor per binding.
 * Events arrive on `arbiter.events.<tenant>.<binding>` (JetStream stream ARBITER_EVENTS); every
 * scheduler consumes each binding's durable consumer, so a binding's events are shared among the
 * schedulers (one at a time, in order, for an ordered binding: its consumer lets one event be
 * unacknowledged); decisions go to ARBITER_DECISIONS. See event-processor.ts for how each event
 * takes effect once.
 */
import {
  type ArbiterConfig,
  type Bus,
  type Consumption,
  componentLogger,
  type Database,
  type Logger,
} from "@arbiter/core";
import type { CompiledPipelines, DecisionEngine } from "../decisions/index.ts";
import { durableWorkMetrics } from "../durable-work-metrics.ts";
import type { HandlerTable } from "../rpc-router.ts";
import { type BindingRow, BindingStore, consumerName, DECISION_SUBJECTS, EVENT_SUBJECTS } from "./binding-store.ts";
import { processEvent } from "./event-processor.ts";
import { registerStreamHandlers } from "./stream-handlers.ts";

/** JetStream stream of incoming events. */
export const EVENT_STREAM = "ARBITER_EVENTS";
/** JetStream stream of published decisions. */
export const DECISION_STREAM = "ARBITER_DECISIONS";
/** Broadcast (no payload) after a binding is created or deleted: every scheduler reloads them. */
export const BINDINGS_CHANGED_SUBJECT = "arbiter.control.bindings-changed";

/** How long JetStream remembers an event's or a decision's message id. */
const DUPLICATE_WINDOW_MS = 10 * 60_000;
/** Events and decisions are kept this long. */
const RETENTION_MS = 7 * 24 * 3600_000;
/** How often the stream gauges (lag, in flight) are read from JetStream. */
const STATE_MS = 5000;
/** How often bindings are reloaded without a broadcast (one missed, or a consumer that failed). */
const RELOAD_MS = 10_000;

export interface StreamsOptions {
  readonly config: ArbiterConfig;
  readonly bus: Bus;
  readonly db: Database;
  readonly logger: Logger;
  readonly table: HandlerTable;
  readonly engine: DecisionEngine;
  readonly pipelines: CompiledPipelines;
}

function bindingKey(b: BindingRow): string {
  return JSON.stringify({ ...b, selector: Buffer.from(b.selector).toString("hex") });
}

/** The stream side of a scheduler. */
export interface Streams {
  /** Stops every processor; events they hold unsettled are delivered again. */
  stop(): Promise<void>;
}

/** Registers the stream handlers and starts processing every binding. */
export async function startStreams(options: StreamsOptions): Promise<Streams> {
  const { bus, db } = options;
  const logger = componentLogger(options.logger, "streams");
  const store = new BindingStore(db);
  const [events, decisions] = await Promise.all([
    bus.durableStream({
      name: EVENT_STREAM,
      subjects: [EVENT_SUBJECTS],
      retention: "limits",
      duplicateWindowMs: DUPLICATE_WINDOW_MS,
      maxAgeMs: RETENTION_MS,
    }),
    bus.durableStream({
      name: DECISION_STREAM,
      subjects: [DECISION_SUBJECTS],
      retention: "limits",
      duplicateWindowMs: DUPLICATE_WINDOW_MS,
      maxAgeMs: RETENTION_MS,
    }),
  ]);
  const deps = { store, engine: options.engine, decisions, retryBackoffMs: options.config.tasks.retryBackoffMs };
  const leaseMs = options.config.tasks.leaseMs;

  /** The processors running here, and their bindings, by binding. */
  const running = new Map<string, Consumption>();
  const bindings = new Map<string, BindingRow>();
  let stopped = false;
  let reloading: Promise<void> = Promise.resolve();

  const start = async (binding: BindingRow): Promise<Consumption> =>
    events.consume(
      {
        durable: consumerName(binding.tenant, binding.name),
        filterSubject: binding.inputSubject,
        ackWaitMs: leaseMs,
        maxAckPending: binding.maxInFlight,
      },
      (message) =>
        processEvent(binding, message, deps).catch((err) => {
          // PostgreSQL or JetStream away: nothing was recorded, and the event comes back.
          logger.warn({ err, binding: binding.name, seq: message.seq }, "event failed; it will be delivered again");
          message.nak(Math.min(leaseMs, 1000));
        }),
    );

  const reload = async (): Promise<void> => {
    // Keyed by the whole binding: one deleted and created again differently gets a new processor.
    const wanted = new Map((await store.all()).map((b) => [bindingKey(b), b]));
    for (const [key, consumption] of running) {
      if (wanted.has(key)) continue;
      running.delete(key);
      bindings.delete(key);
      await consumption.stop();
    }
    for (const [key, binding] of wanted) {
      if (running.has(key) || stopped) continue;
      try {
        running.set(key, await start(binding));
        bindings.set(key, binding);
      } catch (err) {
        logger.warn({ err, binding: binding.name }, "could not start the binding's processor; retrying later");
      }
    }
  };
  const scheduleReload = () => {
    reloading = reloading
      .then(() => (stopped ? undefined : reload()))
      .catch((err) => logger.warn({ err }, "reloading stream bindings failed"));
  };

  registerStreamHandlers(options.table, {
    store,
    pipelines: options.pipelines,
    events,
    bindingsChanged: () => {
      scheduleReload();
      bus.publish(BINDINGS_CHANGED_SUBJECT, new Uint8Array(0));
    },
  });
  const changes = bus.subscribe(BINDINGS_CHANGED_SUBJECT, scheduleReload);
  const timer = setInterval(scheduleReload, RELOAD_MS);
  timer.unref();
  const metrics = durableWorkMetrics();
  const gauges = setInterval(() => {
    for (const binding of bindings.values()) {
      events
        .consumerState(consumerName(binding.tenant, binding.name))
        .then((state) => state && metrics.streamState(binding.name, state.pending, state.ackPending))
        .catch(() => {});
    }
  }, STATE_MS);
  gauges.unref();
  scheduleReload();
  await reloading;

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearInterval(gauges);
      changes.unsubscribe();
      await reloading;
      await Promise.all([...running.values()].map((c) => c.stop()));
      running.clear();
    },
  };
}
