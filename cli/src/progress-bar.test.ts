import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { describe, it } from "node:test";
import { TaskSchema, TaskState } from "@arbiter/proto";
import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { ProgressPrinter, RateMeter, render } from "./progress-bar.ts";

const task = (total: number, succeeded: number, deadLettered = 0, cancelled = 0) =>
  create(TaskSchema, {
    id: "t1",
    state: TaskState.RUNNING,
    totalItems: BigInt(total),
    succeededItems: BigInt(succeeded),
    deadLetteredItems: BigInt(deadLettered),
    cancelledItems: BigInt(cancelled),
  });

/** A real stream that keeps what was written, as a terminal or a log file would show it. */
function sink(): { out: Writable; text: () => string } {
  const chunks: string[] = [];
  const out = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { out, text: () => chunks.join("") };
}

describe("progress bar", () => {
  it("fills the bar with finished items and shows succeeded, dead-lettered and the rate", () => {
    assert.equal(render(task(1000, 512, 3), 41, 10), "[#####-----] 512/1000 succeeded 3 dead-lettered  41 items/s");
    assert.equal(render(task(20, 0), 0, 10), "[----------] 0/20 succeeded 0 dead-lettered  0 items/s");
    assert.equal(render(task(20, 20), 123.4, 10), "[##########] 20/20 succeeded 0 dead-lettered  123 items/s");
  });

  it("is full only when every item finished, counting dead-lettered and cancelled ones", () => {
    assert.equal(render(task(1000, 999), 2500, 10), "[#########-] 999/1000 succeeded 0 dead-lettered  2,500 items/s");
    assert.equal(
      render(task(1000, 997, 3), 2500, 10),
      "[##########] 997/1000 succeeded 3 dead-lettered  2,500 items/s",
    );
    assert.equal(render(task(100, 40, 0, 60), 0, 4), "[####] 40/100 succeeded 0 dead-lettered 60 cancelled  0 items/s");
  });

  it("keeps a decimal for slow rates and never shows a negative or unknown rate", () => {
    assert.equal(render(task(10, 1), 2.46, 5), "[-----] 1/10 succeeded 0 dead-lettered  2.5 items/s");
    assert.equal(render(task(10, 1), Number.NaN, 5), "[-----] 1/10 succeeded 0 dead-lettered  0 items/s");
    assert.equal(render(task(10, 1), -3, 5), "[-----] 1/10 succeeded 0 dead-lettered  0 items/s");
  });

  it("measures the rate over the recent window, not since the start", () => {
    const meter = new RateMeter(2_000);
    assert.equal(meter.sample(0n, 0), 0);
    assert.equal(meter.sample(100n, 1_000), 100);
    assert.equal(meter.sample(200n, 2_000), 100);
    // 1000 items in the last second: the window now starts at t=1000 (100 done).
    assert.equal(meter.sample(1_200n, 3_000), 550);
  });

  it("redraws one line on a terminal and ends it when the task is over", () => {
    const { out, text } = sink();
    let clock = 0;
    const printer = new ProgressPrinter({ out, tty: true, width: 4, now: () => clock });
    printer.update(task(4, 0));
    clock = 1_000;
    printer.update(task(4, 2));
    clock = 2_000;
    printer.finish(task(4, 4));
    assert.equal(
      text(),
      "\r[----] 0/4 succeeded 0 dead-lettered  0 items/s\x1b[K" +
        "\r[##--] 2/4 succeeded 0 dead-lettered  2.0 items/s\x1b[K" +
        "\r[####] 4/4 succeeded 0 dead-lettered  2.0 items/s\x1b[K\n",
    );
  });

  it("takes the rate from the task's own timestamps, so replayed snapshots do not read as a burst", () => {
    const { out, text } = sink();
    const at = (seconds: number) => timestampFromMs(Date.UTC(2026, 0, 1) + seconds * 1000);
    const stamped = (succeeded: number, seconds: number) => ({ ...task(1000, succeeded), updateTime: at(seconds) });
    // A task watched after it ended: its snapshots arrive together, 10 s of history at once.
    const printer = new ProgressPrinter({ out, tty: false, width: 10, now: () => 0, plainIntervalMs: 0 });
    printer.update(stamped(0, 0));
    printer.update(stamped(500, 5));
    // A watch opened again replays the history: what is older than the last line is not shown.
    printer.update(stamped(0, 0));
    printer.update(stamped(250, 2.5));
    printer.finish(stamped(1000, 10));
    assert.equal(
      text(),
      "[----------] 0/1000 succeeded 0 dead-lettered  0 items/s\n" +
        "[#####-----] 500/1000 succeeded 0 dead-lettered  100 items/s\n" +
        "[##########] 1000/1000 succeeded 0 dead-lettered  100 items/s\n",
    );
  });

  it("writes at most one plain line a second to a pipe, and always the last one", () => {
    const { out, text } = sink();
    let clock = 0;
    const printer = new ProgressPrinter({ out, tty: false, width: 4, now: () => clock });
    printer.update(task(4, 0));
    clock = 300;
    printer.update(task(4, 1)); // within the second: not shown
    clock = 1_000;
    printer.update(task(4, 2));
    clock = 1_200;
    printer.finish(task(4, 4));
    assert.equal(
      text(),
      "[----] 0/4 succeeded 0 dead-lettered  0 items/s\n" +
        "[##--] 2/4 succeeded 0 dead-lettered  2.0 items/s\n" +
        "[####] 4/4 succeeded 0 dead-lettered  3.3 items/s\n",
    );
  });
});
