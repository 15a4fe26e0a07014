import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { GroupCommit } from "./group-commit.ts";

describe("GroupCommit", () => {
  it("writes a lone item at once, and the items that arrive meanwhile together as the next batch", async () => {
    const batches: number[][] = [];
    let release: (() => void) | undefined;
    const group = new GroupCommit<number, number>(async (items) => {
      batches.push([...items]);
      if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return items.map((n) => n * 10);
    });
    const first = group.submit(1);
    const rest = [2, 3, 4].map((n) => group.submit(n));
    release?.();
    assert.deepEqual(await Promise.all([first, ...rest]), [10, 20, 30, 40]);
    assert.deepEqual(batches, [[1], [2, 3, 4]]);
  });

  it("splits what waits into batches of maxBatch", async () => {
    const sizes: number[] = [];
    const group = new GroupCommit<number, number>(async (items) => {
      sizes.push(items.length);
      return items;
    }, 2);
    await Promise.all([1, 2, 3, 4, 5].map((n) => group.submit(n)));
    assert.deepEqual(sizes, [1, 2, 2]);
  });

  it("fails every item of a failed batch and goes on with the next", async () => {
    let calls = 0;
    const group = new GroupCommit<string, string>(async (items) => {
      calls++;
      if (items.includes("bad")) throw new Error("constraint violated");
      return items;
    });
    const first = group.submit("ok-1");
    const failing = [group.submit("bad"), group.submit("ok-2")];
    assert.equal(await first, "ok-1");
    for (const p of failing) await assert.rejects(p, /constraint violated/);
    assert.equal(await group.submit("ok-3"), "ok-3");
    assert.equal(calls, 3);
  });
});
