/**
 * Writes recorded decisions off the hot path: `record` only queues; a flush every
 * {@link AUDIT_FLUSH_MS} (or as soon as {@link AUDIT_BATCH_ROWS} are waiting) writes them in one
 * statement. A failed write is retried with the next flush; the queue is bounded, and rows beyond
 * it are dropped with a warning rather than growing memory without limit.
 */
import type { Logger } from "@arbiter/core";
import type { DecisionRow, DecisionStore } from "./decision-store.ts";

/**
 * Fewer, larger statements: a statement costs about the same for one row or hundreds, and with
 * PGlite (embedded mode) it runs on the serving thread.
 */
export const AUDIT_FLUSH_MS = 200;
export const AUDIT_BATCH_ROWS = 200;
export const AUDIT_QUEUE_LIMIT = 20_000;

export class AuditWriter {
  private queue: DecisionRow[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private dropped = 0;

  constructor(
    private readonly store: DecisionStore,
    private readonly logger: Logger,
  ) {}

  /** Queues a row; it is written within about AUDIT_FLUSH_MS. */
  record(row: DecisionRow): void {
    if (this.queue.length >= AUDIT_QUEUE_LIMIT) {
      if (this.dropped++ % 1000 === 0)
        this.logger.warn({ dropped: this.dropped }, "audit queue full; dropping records");
      return;
    }
    this.queue.push(row);
    if (this.queue.length >= AUDIT_BATCH_ROWS) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), AUDIT_FLUSH_MS);
  }

  /** Writes everything queued so far; resolves when it is written (or has failed and been re-queued). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.flushing) await this.flushing;
    if (this.queue.length === 0) return;
    const batch = this.queue.splice(0, AUDIT_BATCH_ROWS * 5);
    this.flushing = this.store
      .insert(batch)
      .then(() => {})
      .catch((err: unknown) => {
        this.logger.warn({ err, rows: batch.length }, "writing audit records failed; retrying");
        this.queue.unshift(...batch);
        this.timer ??= setTimeout(() => void this.flush(), AUDIT_FLUSH_MS * 10);
      })
      .finally(() => {
        this.flushing = undefined;
      });
    await this.flushing;
    if (this.queue.length > 0) this.timer ??= setTimeout(() => void this.flush(), AUDIT_FLUSH_MS);
  }

  /** Writes what is queued and stops the timer (on shutdown). */
  async close(): Promise<void> {
    await this.flush();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
