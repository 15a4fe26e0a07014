/**
 * The outbox relay: publishes the rows of the `outbox` table to JetStream and deletes them once
 * JetStream stored them. Rows are written in the transaction that makes them true (a submitted
 * task's work notices), so a notice exists exactly when its task does. Every scheduler runs a
 * relay; `FOR UPDATE SKIP LOCKED` gives each row to one of them, and a row published by a relay
 * that died before deleting it is published again under the same message id, which JetStream's
 * duplicate window drops.
 */
import type { Bus, Database, DurableStream, Logger } from "@arbiter/core";
import { durableWorkMetrics } from "../durable-work-metrics.ts";

/** Broadcast (no payload) after a transaction that wrote outbox rows commits: relays look now. */
export const OUTBOX_WAKE_SUBJECT = "arbiter.control.outbox";

/** Rows one pass takes. */
const BATCH = 500;

export interface OutboxRelayOptions {
  readonly db: Database;
  readonly bus: Bus;
  readonly stream: DurableStream;
  readonly logger: Logger;
  /** How often to look without a wake-up (a missed broadcast, another process's rows). */
  readonly pollMs: number;
}

/** A running relay. */
export interface OutboxRelay {
  /** Runs a pass now (and another after it, if one was asked for meanwhile). */
  wake(): void;
  stop(): Promise<void>;
}

/** Starts relaying. */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { db, stream, logger } = options;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const pass = async (): Promise<number> => {
    return db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: number; subject: string; msg_id: string; payload: Uint8Array }>(
        `SELECT id, subject, msg_id, payload FROM outbox ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      if (rows.length === 0) return 0;
      // Published together, acknowledged together: one round trip's wait for the whole batch.
      await Promise.all(rows.map((r) => stream.publish(r.subject, r.payload, { msgId: r.msg_id })));
      await tx.query("DELETE FROM outbox WHERE id = ANY($1::int8[])", [rows.map((r) => r.id)]);
      durableWorkMetrics().noticesPublished(rows.length);
      return rows.length;
    });
  };

  const drain = async (): Promise<void> => {
    do {
      again = false;
      try {
        while (!stopped && (await pass()) === BATCH) {
          // a full batch: there may be more
        }
      } catch (err) {
        // JetStream or PostgreSQL away: the rows stay, and the next pass publishes them.
        logger.warn({ err }, "outbox relay pass failed; retrying");
        await new Promise((resolve) => setTimeout(resolve, options.pollMs).unref());
        again = !stopped;
      }
    } while (again && !stopped);
  };

  const wake = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain().finally(() => {
      running = undefined;
    });
  };

  const wakeUps = options.bus.subscribe(OUTBOX_WAKE_SUBJECT, wake);
  const timer = setInterval(wake, options.pollMs);
  timer.unref();
  wake();

  return {
    wake,
    async stop() {
      stopped = true;
      clearInterval(timer);
      wakeUps.unsubscribe();
      await running;
    },
  };
}
