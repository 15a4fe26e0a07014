import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RefreshingCache } from "./refreshing-cache.ts";

/** A lookup whose answers the test releases one by one. */
function controlledLookup() {
  const calls: { resolve: (v: number) => void; reject: (e: Error) => void }[] = [];
  const load = () =>
    new Promise<number>((resolve, reject) => {
      calls.push({ resolve, reject });
    });
  return { calls, load };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("RefreshingCache", () => {
  it("shares one lookup between concurrent misses of a key, and serves a fresh value without one", async () => {
    const cache = new RefreshingCache<number>(60_000);
    const { calls, load } = controlledLookup();
    const a = cache.get("k", load);
    const b = cache.get("k", load);
    assert.equal(calls.length, 1);
    calls[0]?.resolve(7);
    assert.deepEqual(await Promise.all([a, b]), [7, 7]);
    assert.equal(await cache.get("k", load), 7);
    assert.equal(calls.length, 1);
  });

  it("serves a stale value while one background lookup refreshes it, then the new value", async () => {
    const cache = new RefreshingCache<number>(0); // every value is stale as soon as it is stored
    const { calls, load } = controlledLookup();
    const first = cache.get("k", load);
    calls[0]?.resolve(1);
    assert.equal(await first, 1);
    // Stale now: callers get 1 at once, and only the first of them starts a lookup.
    assert.deepEqual(await Promise.all([cache.get("k", load), cache.get("k", load), cache.get("k", load)]), [1, 1, 1]);
    assert.equal(calls.length, 2);
    calls[1]?.resolve(2);
    await tick();
    assert.equal(await cache.get("k", load), 2);
  });

  it("keeps no failed lookup: the next caller looks up again and a failed refresh drops the entry", async () => {
    const cache = new RefreshingCache<number>(0);
    const { calls, load } = controlledLookup();
    const failed = cache.get("k", load);
    calls[0]?.reject(new Error("not found"));
    await assert.rejects(failed, /not found/);
    const second = cache.get("k", load);
    assert.equal(calls.length, 2);
    calls[1]?.resolve(5);
    assert.equal(await second, 5);
    // A background refresh that fails: the stale value was served, then the key is forgotten.
    assert.equal(await cache.get("k", load), 5);
    calls[2]?.reject(new Error("deleted"));
    await tick();
    const after = cache.get("k", load);
    assert.equal(calls.length, 4);
    calls[3]?.reject(new Error("deleted"));
    await assert.rejects(after, /deleted/);
  });

  it("forgets keys by prefix, and a lookup pending meanwhile does not bring its key back", async () => {
    const cache = new RefreshingCache<number>(60_000);
    const { calls, load } = controlledLookup();
    const a = cache.get("t\u0000a", load);
    calls[0]?.resolve(1);
    await a;
    const pending = cache.get("t\u0000b", load);
    cache.deletePrefix("t\u0000");
    calls[1]?.resolve(2);
    assert.equal(await pending, 2);
    const again = [cache.get("t\u0000a", load), cache.get("t\u0000b", load)];
    assert.equal(calls.length, 4);
    calls[2]?.resolve(10);
    calls[3]?.resolve(20);
    assert.deepEqual(await Promise.all(again), [10, 20]);
  });
});
