/**
 * The progress line of `arbiter tasks submit --wait` and `arbiter tasks watch`:
 *
 *   [#####-----] 512/1000 succeeded 3 dead-lettered  41 items/s
 *
 * `render` turns one Task snapshot into that line; `RateMeter` estimates items/s from the
 * snapshots; `ProgressPrinter` decides when and how the line reaches the terminal (redrawn in place
 * on a TTY, one plain line at most every second otherwise, so logs of CI jobs stay short).
 */
import type { Task } from "@arbiter/proto";

/** The counters of a task the progress line shows. */
export type TaskProgress = Pick<Task, "totalItems" | "succeededItems" | "deadLetteredItems" | "cancelledItems"> &
  Partial<Pick<Task, "updateTime">>;

/** Items that will not run again: succeeded, dead-lettered or cancelled. */
export function finishedItems(task: TaskProgress): bigint {
  return task.succeededItems + task.deadLetteredItems + task.cancelledItems;
}

function formatRate(rate: number): string {
  if (!Number.isFinite(rate) || rate <= 0) return "0";
  // Below 10 a whole number would hide slow but steady progress.
  if (rate < 10) return rate.toFixed(1);
  return Math.round(rate).toLocaleString("en-US");
}

/**
 * The progress line of a task: a bar of `width` cells filled in proportion to the finished items,
 * the succeeded count over the total, the dead-lettered count, the cancelled count when there are
 * any, and `rate` in items per second.
 */
export function render(task: TaskProgress, rate: number, width: number): string {
  const total = task.totalItems;
  const finished = finishedItems(task);
  const cells = Math.max(0, Math.floor(width));
  // Integer arithmetic: the bar is full only when every item has finished, never by rounding.
  // (Math.min does not take bigints; a snapshot never counts more finished than total anyway.)
  let filled = total > 0n ? Number((BigInt(cells) * finished) / total) : 0;
  if (filled > cells) filled = cells;
  const bar = `${"#".repeat(filled)}${"-".repeat(cells - filled)}`;
  const cancelled = task.cancelledItems > 0n ? ` ${task.cancelledItems} cancelled` : "";
  return `[${bar}] ${task.succeededItems}/${total} succeeded ${task.deadLetteredItems} dead-lettered${cancelled}  ${formatRate(rate)} items/s`;
}

/**
 * Items per second over a sliding window of recent snapshots, so the figure follows the current
 * pace rather than the average since the start (which a slow start would drag down for minutes).
 */
export class RateMeter {
  private readonly samples: { at: number; finished: bigint }[] = [];

  /** @param windowMs how far back the rate looks. */
  constructor(private readonly windowMs = 5_000) {}

  /** Records the finished count at time `at` (ms) and returns the rate over the window. */
  sample(finished: bigint, at: number): number {
    this.samples.push({ at, finished });
    // Keep one sample at or before the window's start, so the window is always fully covered.
    while (this.samples.length > 2 && (this.samples[1] as { at: number }).at <= at - this.windowMs) {
      this.samples.shift();
    }
    const first = this.samples[0] as { at: number; finished: bigint };
    const elapsedMs = at - first.at;
    return elapsedMs > 0 ? (Number(finished - first.finished) * 1000) / elapsedMs : 0;
  }
}

function millis(t: Task["updateTime"]): number | undefined {
  return t ? Number(t.seconds) * 1000 + t.nanos / 1e6 : undefined;
}

/** Where the progress goes and how. */
export interface ProgressPrinterOptions {
  /** Usually process.stderr. */
  out: NodeJS.WritableStream;
  /** Redraw one line with \r (a terminal) or append plain lines (a pipe or file). */
  tty: boolean;
  /** Cells of the bar. */
  width: number;
  /** Clock in ms; injectable so the throttling can be tested. */
  now?: () => number;
  /** Shortest interval between two plain lines. Default 1000 ms. */
  plainIntervalMs?: number;
}

/** Draws the progress of a task as its snapshots arrive. */
export class ProgressPrinter {
  private readonly meter = new RateMeter();
  private readonly now: () => number;
  private readonly plainIntervalMs: number;
  private lastPlainAt = Number.NEGATIVE_INFINITY;
  private drawn = false;
  private readonly startedAt: number;
  /** The first snapshot shown: where the average rate of {@link finish} starts. */
  private first: TaskProgress | undefined;
  /** update_time of the newest snapshot shown. */
  private latestStamp = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: ProgressPrinterOptions) {
    this.now = options.now ?? (() => performance.now());
    this.plainIntervalMs = options.plainIntervalMs ?? 1_000;
    this.startedAt = this.now();
  }

  /**
   * Shows a snapshot; on a pipe, only if a second passed since the last line shown. A snapshot
   * older than one already shown (a watch opened again replays from the start) is passed over.
   */
  update(task: TaskProgress): void {
    const stamp = millis(task.updateTime);
    if (stamp !== undefined) {
      if (stamp < this.latestStamp) return;
      this.latestStamp = stamp;
    }
    const at = this.now();
    const finished = finishedItems(task);
    this.first ??= task;
    // The rate follows the task's own clock when the snapshot has one: watching a task that has
    // been running replays its earlier snapshots at once, which arrival times would read as a burst.
    const rate = this.meter.sample(finished, millis(task.updateTime) ?? at);
    const line = render(task, rate, this.options.width);
    if (this.options.tty) {
      // \x1b[K clears what a longer previous line left on the right.
      this.options.out.write(`\r${line}\x1b[K`);
      this.drawn = true;
    } else if (at - this.lastPlainAt >= this.plainIntervalMs) {
      this.options.out.write(`${line}\n`);
      this.lastPlainAt = at;
    }
  }

  /**
   * Shows the last snapshot whatever the throttling, with the average rate since the first
   * snapshot (the figure a user wants once the task is over; WatchTask starts with the task as
   * submitted, so that is its whole run), and ends the line.
   */
  finish(task: TaskProgress): void {
    const first = this.first ?? task;
    const from = millis(first.updateTime);
    const to = millis(task.updateTime);
    // On the task's clock when both snapshots carry one, else on ours since watching began.
    const elapsedMs = from !== undefined && to !== undefined ? to - from : this.now() - this.startedAt;
    const done = finishedItems(task) - finishedItems(first);
    const rate = elapsedMs > 0 ? (Number(done) * 1000) / elapsedMs : 0;
    const line = render(task, rate, this.options.width);
    this.options.out.write(this.options.tty ? `\r${line}\x1b[K\n` : `${line}\n`);
    this.drawn = false;
  }

  /** Ends a redrawn line so that a following message starts on a line of its own. */
  interrupt(): void {
    if (this.drawn) this.options.out.write("\n");
    this.drawn = false;
  }
}
