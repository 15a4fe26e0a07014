/**
 * Group commit for writes that arrive one at a time from many concurrent requests: the writes that
 * come in while one batch is being written go out together as the next batch, in one statement and
 * one commit. With `synchronous_commit = on` every commit waits for the WAL to reach the disk, so a
 * write per commit caps a busy path at the disk's flush rate; a batch per commit lifts the cap
 * without delaying a lone write (it is written at once, as a batch of one).
 */

/** Writes a batch; returns one result per item, in order. */
export type BatchWriter<I, R> = (items: readonly I[]) => Promise<readonly R[]>;

interface Pending<I, R> {
  readonly item: I;
  resolve(result: R): void;
  reject(err: unknown): void;
}

/** Batches concurrent writes; see the module comment. */
export class GroupCommit<I, R> {
  private queue: Pending<I, R>[] = [];
  private writing = false;

  /** `maxBatch` bounds one statement's size; more waiting items go in the batch after. */
  constructor(
    private readonly write: BatchWriter<I, R>,
    private readonly maxBatch = 500,
  ) {}

  /** Writes `item` with whatever else is waiting; resolves with its result once committed. */
  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const results = await this.write(batch.map((p) => p.item));
          for (const [i, p] of batch.entries()) p.resolve(results[i] as R);
        } catch (err) {
          // The whole batch failed (one transaction): every caller sees the error and may retry.
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}
