import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { CancelledError, Code, InvalidArgumentError, NotFoundError } from "@arbiter/core";
import { createIndex, loadIndex, SnapshotCorruptedError } from "./index.ts";

const dir = mkdtempSync(join(tmpdir(), "vector-native-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Deterministic pseudo-random vectors. */
function vectors(n: number, dim: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(n * dim);
  for (let i = 0; i < out.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 32 - 0.5;
  }
  return out;
}

function exactTopK(
  base: Float32Array,
  q: Float32Array,
  dim: number,
  k: number,
  allow: (i: number) => boolean,
): number[] {
  const d: [number, number][] = [];
  for (let i = 0; i < base.length / dim; i++) {
    if (!allow(i)) continue;
    let s = 0;
    for (let j = 0; j < dim; j++) s += ((base[i * dim + j] as number) - (q[j] as number)) ** 2;
    d.push([s, i]);
  }
  return d
    .sort((a, b) => a[0] - b[0])
    .slice(0, k)
    .map((x) => x[1]);
}

async function rejectsWith(p: Promise<unknown> | (() => unknown), check: (e: unknown) => void): Promise<void> {
  try {
    await (typeof p === "function" ? p() : p);
  } catch (e) {
    check(e);
    return;
  }
  assert.fail("expected an error");
}

function invalid(field: string, expected?: string, received?: string) {
  return (e: unknown) => {
    assert.ok(e instanceof InvalidArgumentError, `expected InvalidArgumentError, got ${String(e)}`);
    assert.equal(e.code, Code.InvalidArgument);
    assert.equal(e.field, field);
    if (expected !== undefined) assert.equal(e.expected, expected);
    if (received !== undefined) assert.equal(e.received, received);
  };
}

describe("bad inputs become typed errors naming the field", () => {
  const idx = createIndex({ dim: 4 });

  it("rejects a query of the wrong dimension", async () => {
    await rejectsWith(
      idx.search(new Float32Array(3), { k: 1 }),
      invalid("query", "4 values (1 × dimension 4)", "3 values"),
    );
  });

  it("rejects NaN and Infinity components with their position", async () => {
    const v = new Float32Array(8);
    v[6] = Number.NaN;
    await rejectsWith(idx.upsert([1, 2], v), invalid("vectors[1][2]", "a finite number", "NaN"));
    v[6] = Number.POSITIVE_INFINITY;
    await rejectsWith(idx.upsert([1, 2], v), invalid("vectors[1][2]", "a finite number", "inf"));
    assert.equal(idx.size, 0, "a rejected upsert inserts nothing");
  });

  it("rejects unknown metric, kind and storage", async () => {
    await rejectsWith(
      () => createIndex({ dim: 4, metric: "hamming" as "l2" }),
      invalid("metric", 'one of "l2", "ip", "cosine"', '"hamming"'),
    );
    await rejectsWith(() => createIndex({ dim: 4, kind: "ivf" as "flat" }), invalid("kind"));
    await rejectsWith(() => createIndex({ dim: 4, storage: "f8" as "f16" }), invalid("storage"));
    await rejectsWith(() => createIndex({ dim: 0 }), invalid("dim", "an integer in 1..65536", "0"));
  });

  it("rejects k <= 0, fractional and absurd k", async () => {
    const q = new Float32Array(4);
    await rejectsWith(idx.search(q, { k: 0 }), invalid("k", "an integer in 1..10000", "0"));
    await rejectsWith(idx.search(q, { k: -3 }), invalid("k"));
    await rejectsWith(idx.search(q, { k: 2.5 }), invalid("k"));
    await rejectsWith(idx.search(q, { k: 1e9 }), invalid("k", "an integer in 1..10000", "1000000000"));
  });

  it("rejects ids that are negative or not integers, and unknown ids on delete", async () => {
    await rejectsWith(idx.upsert([-1], new Float32Array(4)), invalid("ids[0]"));
    await rejectsWith(idx.upsert([1.5], new Float32Array(4)), invalid("ids[0]"));
    await idx.upsert([7n], new Float32Array([1, 2, 3, 4]));
    await rejectsWith(idx.delete([7, 8]), (e) => {
      assert.ok(e instanceof NotFoundError);
      assert.equal(e.code, Code.NotFound);
      assert.equal(e.message, 'vector id "8" not found');
    });
    assert.ok(idx.has(7), "a failed delete deletes nothing");
    await rejectsWith(
      () => idx.getPayload(99),
      (e) => assert.ok(e instanceof NotFoundError),
    );
  });

  it("rejects payloads whose field changes type and malformed filters", async () => {
    await rejectsWith(
      idx.upsert([1, 2], new Float32Array(8), [{ price: 3 }, { price: "cheap" }]),
      invalid("payloads[1].price", "a number (as in earlier payloads)", '"cheap"'),
    );
    await rejectsWith(
      idx.search(new Float32Array(4), { k: 1, filter: { price: { gte: "1" as unknown as number } } }),
      invalid("filter.price.gte"),
    );
  });
});

describe("search", () => {
  it("returns the nearest neighbors and payloads", async () => {
    const idx = createIndex({ dim: 2, metric: "l2" });
    await idx.upsert([10, 11, 12], new Float32Array([0, 0, 5, 5, 1, 1]), [
      { tenant: "a" },
      { tenant: "b", price: 2 },
      {},
    ]);
    const r = await idx.search(new Float32Array([0.9, 0.9]), { k: 2, withPayloads: true });
    assert.deepEqual([...r.ids], [12n, 10n]);
    assert.ok(Math.abs((r.distances[0] as number) - 0.02) < 1e-6);
    assert.deepEqual(r.payloads, [{}, { tenant: "a" }]);
    assert.deepEqual(idx.getPayload(11), { tenant: "b", price: 2 });
    const s = idx.searchSync(new Float32Array([4, 4]), { k: 1 });
    assert.deepEqual([...s.ids], [11n]);
  });

  it("filtered search at 1 % selectivity returns k results, all matching, equal to the exact answer", async () => {
    const dim = 8;
    const n = 5000;
    const base = vectors(n, dim, 1);
    const idx = createIndex({ dim, m: 16, threads: 2 });
    const payloads = Array.from({ length: n }, (_, i) => ({ category: i % 100 === 7 ? "rare" : "common", n: i }));
    await idx.upsert(
      Array.from({ length: n }, (_, i) => i),
      base,
      payloads,
    );
    const queries = vectors(10, dim, 2);
    for (let qi = 0; qi < 10; qi++) {
      const q = queries.subarray(qi * dim, (qi + 1) * dim);
      const r = await idx.search(q, { k: 10, filter: { category: "rare" }, withPayloads: true });
      assert.equal(r.ids.length, 10);
      assert.ok(r.payloads?.every((p) => p.category === "rare"));
      assert.deepEqual(
        [...r.ids].map(Number),
        exactTopK(base, q, dim, 10, (i) => i % 100 === 7),
      );
      // AND of an in-set and a range.
      const r2 = await idx.search(q, { k: 5, filter: { category: { in: ["rare"] }, n: { gte: 1000, lt: 2000 } } });
      assert.deepEqual(
        [...r2.ids].map(Number),
        exactTopK(base, q, dim, 5, (i) => i % 100 === 7 && i >= 1000 && i < 2000),
      );
    }
  });

  it("runs off the JS thread: timers fire while a long batch search is in flight", async () => {
    const dim = 64;
    const idx = createIndex({ kind: "flat", dim, threads: 1 });
    await idx.upsert(
      Array.from({ length: 20_000 }, (_, i) => i),
      vectors(20_000, dim, 3),
    );
    let ticks = 0;
    let settled = false;
    const timer = setInterval(() => {
      if (!settled) ticks++;
    }, 1);
    const pending = idx.searchBatch(vectors(400, dim, 4), { k: 10 }).finally(() => {
      settled = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    const ticksWhilePending = ticks;
    const res = await pending;
    clearInterval(timer);
    assert.equal(res.length, 400);
    assert.ok(!settled || ticksWhilePending > 0);
    assert.ok(ticksWhilePending > 0, "the event loop ran timers while the search was running");
  });

  it("cheap searches may run inline with the same results, but never wait on the JS thread for a writer", async () => {
    const dim = 16;
    const base = vectors(2000, dim, 31);
    const ids = Array.from({ length: 2000 }, (_, i) => i);
    // One build thread each: a parallel build's links depend on which inserts overlap, and about
    // one such build in a hundred leaves a query here one neighbour short even at efSearch 200.
    // On one thread the graph is the same on every run, so the exact answers below always hold.
    const inline = createIndex({ dim, threads: 1, inlineSearchMaxMicros: 10_000 });
    const offThread = createIndex({ dim, threads: 1, inlineSearchMaxMicros: 0, seed: 7 });
    await inline.upsert(ids, base);
    await offThread.upsert(ids, base);
    for (let i = 0; i < 50; i++) {
      const q = vectors(1, dim, 100 + i);
      const want = exactTopK(base, q, dim, 5, () => true);
      const a = await inline.search(q, { k: 5, efSearch: 200 });
      const b = await offThread.search(q, { k: 5, efSearch: 200 });
      assert.deepEqual([...a.ids].map(Number), want);
      assert.deepEqual([...b.ids].map(Number), want);
      assert.equal(a.ids.length, 5);
    }
    // A search issued while an upsert holds the index must not block the event loop behind it.
    // The upsert must hold the index when the search comes: on a starved machine its worker may
    // not have started 5 ms later (the search then rightly runs at once), so the scenario gets
    // three tries; a search that blocks the event loop behind the writer fails every one.
    let ticksWhilePending = 0;
    for (let attempt = 0; attempt < 3 && ticksWhilePending === 0; attempt++) {
      let ticks = 0;
      let settled = false;
      const timer = setInterval(() => {
        if (!settled) ticks++;
      }, 1);
      const writing = inline.upsert(
        Array.from({ length: 20_000 }, (_, i) => 10_000 + attempt * 20_000 + i),
        vectors(20_000, dim, 32 + attempt),
      );
      await new Promise((r) => setTimeout(r, 5));
      const ticksBefore = ticks;
      const pending = inline.search(base.subarray(0, dim), { k: 1 }).finally(() => {
        settled = true;
      });
      await new Promise((r) => setTimeout(r, 20));
      ticksWhilePending = ticks - ticksBefore;
      const hit = await pending;
      await writing;
      clearInterval(timer);
      assert.deepEqual([...hit.ids], [0n]);
    }
    assert.ok(ticksWhilePending > 0, "timers fired while the search waited for the upsert");
    assert.throws(
      () => createIndex({ dim, inlineSearchMaxMicros: -1 }),
      (e) => {
        invalid("inlineSearchMaxMicros")(e);
        return true;
      },
    );
  });

  it("an aborted signal rejects with CancelledError", async () => {
    const idx = createIndex({ dim: 2 });
    await idx.upsert([1], new Float32Array([0, 0]));
    const ac = new AbortController();
    ac.abort();
    await rejectsWith(idx.search(new Float32Array([0, 0]), { k: 1, signal: ac.signal }), (e) => {
      assert.ok(e instanceof CancelledError);
      assert.equal(e.code, Code.Canceled);
    });
  });

  it("an aborted upsert loses no vector that was there before (all or nothing)", async () => {
    const dim = 16;
    const idx = createIndex({ dim, threads: 2 });
    const old = vectors(300, dim, 11);
    await idx.upsert(
      Array.from({ length: 300 }, (_, i) => i),
      old,
      Array.from({ length: 300 }, () => ({ tenant: "old" })),
    );
    // Ids 200..20199: 100 replace existing vectors, the rest are new. Aborted at once (before
    // the build starts) and a few milliseconds in (while it runs).
    const n = 20_000;
    const fresh = vectors(n, dim, 12);
    const ids = Array.from({ length: n }, (_, i) => 200 + i);
    const payloads = ids.map(() => ({ tenant: "new" }));
    for (const delayMs of [0, 15]) {
      const ac = new AbortController();
      const pending = idx.upsert(ids, fresh, payloads, { signal: ac.signal });
      if (delayMs === 0) ac.abort();
      else setTimeout(() => ac.abort(), delayMs);
      let cancelled = false;
      try {
        await pending;
      } catch (e) {
        assert.ok(e instanceof CancelledError, String(e));
        cancelled = true;
      }
      if (!cancelled) break; // the abort came after the batch was written: nothing to check
      assert.equal(idx.size, 300);
      assert.equal(idx.has(200 + n - 1), false);
      for (const id of [0, 199, 200, 250, 299]) {
        assert.equal(idx.has(id), true, `id ${id} survived the aborted upsert`);
        assert.deepEqual(idx.getPayload(id), { tenant: "old" });
        const q = old.subarray(id * dim, (id + 1) * dim);
        const hit = await idx.search(q, { k: 1 });
        assert.deepEqual([...hit.ids], [BigInt(id)], `id ${id} keeps its old vector`);
        assert.equal(hit.distances[0], 0);
      }
    }
    // Not aborted: the whole batch lands.
    await idx.upsert(ids.slice(0, 200), fresh.subarray(0, 200 * dim));
    assert.equal(idx.size, 400);
    const q = fresh.subarray(50 * dim, 51 * dim);
    assert.deepEqual([...(await idx.search(q, { k: 1 })).ids], [250n]);
  });

  it("deleted ids are never returned and re-upserting replaces", async () => {
    const idx = createIndex({ dim: 2 });
    await idx.upsert([1, 2, 3], new Float32Array([0, 0, 1, 1, 2, 2]));
    assert.equal(await idx.delete([1]), 1);
    const r = await idx.search(new Float32Array([0, 0]), { k: 3 });
    assert.deepEqual([...r.ids], [2n, 3n]);
    await idx.upsert([3], new Float32Array([-1, -1]));
    assert.deepEqual([...(await idx.search(new Float32Array([-1, -1]), { k: 1 })).ids], [3n]);
    assert.equal(idx.size, 2);
  });
});

describe("snapshots", () => {
  it("round-trips (read and memory-mapped) with identical results", async () => {
    const dim = 16;
    const idx = createIndex({ dim, metric: "cosine", storage: "f16" });
    const base = vectors(500, dim, 5);
    await idx.upsert(
      Array.from({ length: 500 }, (_, i) => i),
      base,
      Array.from({ length: 500 }, (_, i) => ({ tenant: `t${i % 3}` })),
    );
    const path = join(dir, "rt.snap");
    assert.ok((await idx.save(path)) > 500 * dim * 2);
    const q = vectors(1, dim, 6);
    const want = await idx.search(q, { k: 10, filter: { tenant: "t1" } });
    for (const mmap of [false, true]) {
      const loaded = await loadIndex(path, { mmap });
      assert.equal(loaded.size, 500);
      assert.equal(loaded.stats().mapped, mmap);
      const got = await loaded.search(q, { k: 10, filter: { tenant: "t1" } });
      assert.deepEqual([...got.ids], [...want.ids]);
    }
  });

  it("rejects corrupted and truncated files with SnapshotCorruptedError, a missing one with NotFoundError", async () => {
    const idx = createIndex({ dim: 8 });
    await idx.upsert([1, 2, 3], vectors(3, 8, 7));
    const path = join(dir, "good.snap");
    await idx.save(path);
    const good = readFileSync(path);
    const bad = join(dir, "bad.snap");
    const flipped = Buffer.from(good);
    flipped[400] = (flipped[400] as number) ^ 0xff; // inside the vector rows
    for (const bytes of [flipped, good.subarray(0, good.length - 10), good.subarray(0, 50), Buffer.from("nope")]) {
      writeFileSync(bad, bytes);
      await rejectsWith(loadIndex(bad), (e) => {
        assert.ok(e instanceof SnapshotCorruptedError, String(e));
        assert.equal(e.code, Code.DataLoss);
        assert.match(e.message, /bad\.snap is corrupted: /);
      });
    }
    await rejectsWith(loadIndex(join(dir, "missing.snap")), (e) => assert.ok(e instanceof NotFoundError));
  });
});
