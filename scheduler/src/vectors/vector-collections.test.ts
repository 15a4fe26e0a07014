/**
 * VectorCollections against a real database (PGlite) and an in-process bus, with two instances
 * standing for two scheduler nodes: results against a brute force, filters, tenant isolation, and
 * every way a node's in-memory index learns of the other node's writes.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AlreadyExistsError,
  type Bus,
  createMemoryBus,
  createPgliteDatabase,
  createRootLogger,
  type Database,
  InvalidArgumentError,
  migrate,
  NotFoundError,
  SERVICE_ROLE,
} from "@arbiter/core";
import { VectorCollections, type VectorPayload } from "./index.ts";

const logger = createRootLogger({ level: "silent" });

/** Deterministic uniform numbers in [0, 1). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomVectors(n: number, dim: number, seed: number): Float32Array[] {
  const r = rng(seed);
  return Array.from({ length: n }, () => Float32Array.from({ length: dim }, () => r() * 2 - 1));
}

function l2(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += ((a[i] as number) - (b[i] as number)) ** 2;
  return s;
}

function bruteForce(
  vectors: Float32Array[],
  query: Float32Array,
  k: number,
  keep: (i: number) => boolean = () => true,
): string[] {
  return vectors
    .map((v, i) => ({ id: `v${i}`, d: l2(v, query), i }))
    .filter((x) => keep(x.i))
    .sort((a, b) => a.d - b.d)
    .slice(0, k)
    .map((x) => x.id);
}

/**
 * Lets the bus deliver what was published. Over RPC nobody needs this: a write's reply travels the
 * same bus after its broadcast, so the broadcast reaches every node before the caller's next request.
 */
const delivered = () => new Promise((resolve) => setImmediate(resolve));

async function rejects(promise: Promise<unknown>, cls: new (...args: never[]) => Error, message: RegExp) {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof cls, `expected ${cls.name}, got ${String(err)}`);
    assert.match((err as Error).message, message);
    return true;
  });
}

describe("vector collections on two nodes sharing a database and a bus", () => {
  let db: Database;
  let bus: Bus;
  let a: VectorCollections;
  let b: VectorCollections;
  const DIM = 8;
  const vectors = randomVectors(300, DIM, 7);
  const payloadOf = (i: number): VectorPayload => ({
    category: ["shoes", "hats", "bags"][i % 3] as string,
    price: i,
    sale: i % 2 === 0,
  });

  before(async () => {
    db = await createPgliteDatabase({});
    await migrate(db);
    await db.useServiceRole(SERVICE_ROLE);
    await db.query("INSERT INTO tenants (id) VALUES ('acme'), ('globex')");
    bus = createMemoryBus();
    a = new VectorCollections({ db, bus, nodeId: "node-a", logger });
    b = new VectorCollections({ db, bus, nodeId: "node-b", logger });
    await a.create("acme", { name: "items", dim: DIM, metric: "l2", kind: "flat" });
    await a.upsert(
      "acme",
      "items",
      vectors.map((v, i) => ({ id: `v${i}`, values: v, payload: payloadOf(i) })),
    );
  });

  after(async () => {
    a?.close();
    b?.close();
    await bus?.close();
    await db?.close();
  });

  test("an exact search returns the brute-force nearest, nearest first, with payloads", async () => {
    const query = randomVectors(1, DIM, 99)[0] as Float32Array;
    for (const node of [a, b]) {
      const hits = await node.search("acme", "items", query, { k: 10 });
      assert.deepEqual(
        hits.map((h) => h.id),
        bruteForce(vectors, query, 10),
      );
      const first = hits[0];
      assert.ok(first);
      assert.ok(Math.abs(first.distance - l2(vectors[Number(first.id.slice(1))] as Float32Array, query)) < 1e-4);
      assert.deepEqual(first.payload, payloadOf(Number(first.id.slice(1))));
    }
  });

  test("filters: equality, any of, ranges and bools, k of them when k match", async () => {
    const query = randomVectors(1, DIM, 5)[0] as Float32Array;
    const hits = await b.search("acme", "items", query, {
      k: 7,
      filter: { category: ["shoes", "bags"], price: { gte: 50, lt: 200 }, sale: true },
    });
    const keep = (i: number) => i % 3 !== 1 && i >= 50 && i < 200 && i % 2 === 0;
    assert.deepEqual(
      hits.map((h) => h.id),
      bruteForce(vectors, query, 7, keep),
    );
    assert.equal(hits.length, 7);
    for (const h of hits) assert.equal(h.payload?.sale, true);
    assert.deepEqual(await b.search("acme", "items", query, { k: 3, filter: { colour: "red" } }), []);
    assert.deepEqual(await b.search("acme", "items", query, { k: 3, filter: { category: [] } }), []);
    await rejects(
      b.search("acme", "items", query, { k: 3, filter: { price: "cheap" } }),
      InvalidArgumentError,
      /^filter\.price: expected a numeric range \(field "price" holds numbers\), got a string condition "cheap"$/,
    );
  });

  test("another node's upserts and deletes reach a node that already built its index", async () => {
    const query = Float32Array.from({ length: DIM }, () => 9);
    // Both nodes have built their index (previous tests); node a writes, node b searches.
    await a.upsert("acme", "items", [
      { id: "near", values: query, payload: { category: "hats", price: 1, sale: false } },
    ]);
    await delivered();
    const seen = await b.search("acme", "items", query, { k: 1 });
    assert.deepEqual(
      seen.map((h) => [h.id, h.distance]),
      [["near", 0]],
    );
    assert.equal(await a.deleteVectors("acme", "items", ["near", "no-such-id"]), 1);
    await delivered();
    const after = await b.search("acme", "items", query, { k: 5 });
    assert.ok(!after.some((h) => h.id === "near"), "a deleted vector is never returned");
    assert.equal((await b.get("acme", "items")).count, 300);
  });

  test("a node rebuilds its index when the deletions it missed were purged", async () => {
    const query = Float32Array.from({ length: DIM }, () => -9);
    await a.upsert("acme", "items", [{ id: "far", values: query }]);
    await b.search("acme", "items", query, { k: 1 });
    // As if node b had missed the broadcasts for longer than the deletions are kept.
    const other = new VectorCollections({ db, bus: createMemoryBus(), nodeId: "node-c", logger, revalidateMs: 0 });
    try {
      assert.equal((await other.search("acme", "items", query, { k: 1 }))[0]?.id, "far");
      await a.deleteVectors("acme", "items", ["far"]);
      await db.query("DELETE FROM vector_deletions WHERE tenant_id = 'acme' AND collection = 'items'");
      await db.query(
        "UPDATE vector_collections SET purged_generation = generation WHERE tenant_id = 'acme' AND name = 'items'",
      );
      // Node c hears nothing (its own bus): the background re-check finds the new generation,
      // then the catch-up finds the purge and the index is rebuilt from the rows.
      let ids: string[] = [];
      for (let i = 0; i < 50; i++) {
        ids = (await other.search("acme", "items", query, { k: 1 })).map((h) => h.id);
        if (ids[0] !== "far") break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.notEqual(ids[0], "far");
      assert.notEqual((await b.search("acme", "items", query, { k: 1 }))[0]?.id, "far");
    } finally {
      other.close();
    }
  });

  test("a collection re-created under the same name is not served from the old index", async () => {
    await a.create("acme", { name: "again", dim: 2, metric: "l2" });
    await a.upsert("acme", "again", [{ id: "x", values: [1, 1] }]);
    assert.equal((await b.search("acme", "again", [1, 1], { k: 1 }))[0]?.id, "x");
    await a.delete("acme", "again");
    await delivered();
    await rejects(b.search("acme", "again", [1, 1], { k: 1 }), NotFoundError, /^collection "again" not found$/);
    await a.create("acme", { name: "again", dim: 3, metric: "cosine" });
    await a.upsert("acme", "again", [{ id: "y", values: [0, 0, 1] }]);
    await delivered();
    const hits = await b.search("acme", "again", [0, 0, 2], { k: 5 });
    assert.deepEqual(
      hits.map((h) => h.id),
      ["y"],
    );
    assert.ok(Math.abs((hits[0]?.distance ?? 1) - 0) < 1e-6, "cosine distance of parallel vectors is 0");
  });

  test("tenants see only their own collections and vectors", async () => {
    await rejects(b.search("globex", "items", vectors[0] as Float32Array, { k: 1 }), NotFoundError, /"items"/);
    await rejects(b.get("globex", "items"), NotFoundError, /^collection "items" not found$/);
    assert.equal(await b.exists("globex", "items"), false);
    assert.equal(await b.exists("acme", "items"), true);
    await b.create("globex", { name: "items", dim: DIM, metric: "l2" });
    await b.upsert("globex", "items", [{ id: "secret", values: vectors[0] as Float32Array }]);
    const acme = await a.search("acme", "items", vectors[0] as Float32Array, { k: 300 });
    assert.ok(!acme.some((h) => h.id === "secret"));
    const globex = await a.search("globex", "items", vectors[0] as Float32Array, { k: 300 });
    assert.deepEqual(
      globex.map((h) => h.id),
      ["secret"],
    );
    assert.deepEqual(
      (await a.list("globex")).collections.map((c) => c.name),
      ["items"],
    );
  });

  test("lists in pages and refuses duplicates", async () => {
    for (const name of ["p1", "p2", "p3"]) await a.create("globex", { name, dim: 2, metric: "ip", kind: "flat" });
    const first = await a.list("globex", { pageSize: 2 });
    assert.deepEqual(
      first.collections.map((c) => c.name),
      ["items", "p1"],
    );
    const second = await a.list("globex", { pageSize: 2, pageToken: first.nextPageToken });
    assert.deepEqual(
      second.collections.map((c) => c.name),
      ["p2", "p3"],
    );
    assert.equal(second.nextPageToken, "");
    await rejects(
      a.create("globex", { name: "p1", dim: 2, metric: "l2" }),
      AlreadyExistsError,
      /^collection "p1" already exists$/,
    );
  });

  test("bad input is refused with the field, the expectation and what was received", async () => {
    const cases: [Promise<unknown>, RegExp][] = [
      [
        a.upsert("acme", "items", [{ id: "bad", values: [1, 2, 3] }]),
        /^records\[0\]\.values: expected 8 values \(the collection's dimension\), got 3 values$/,
      ],
      [
        a.upsert("acme", "items", [{ id: "bad", values: [1, 2, 3, 4, 5, 6, Number.NaN, 8] }]),
        /^records\[0\]\.values\[6\]: expected a finite number \(within float32 range\), got NaN$/,
      ],
      [
        a.upsert("acme", "items", [
          { id: "dup", values: vectors[0] as Float32Array },
          { id: "dup", values: vectors[1] as Float32Array },
        ]),
        /^records\[1\]\.id: expected ids that appear once per request, got "dup" again \(first at records\[0\]\.id\)$/,
      ],
      [
        a.upsert("acme", "items", [{ id: "typed", values: vectors[0] as Float32Array, payload: { price: "high" } }]),
        /^records\[0\]\.payload\.price: expected a number \(field "price" holds number values in this collection\), got a string "high"$/,
      ],
      [
        a.search("acme", "items", vectors[0] as Float32Array, { k: 0 }),
        /^k: expected an integer from 1 to 10000, got 0$/,
      ],
      [
        a.search("acme", "items", [1, 2], { k: 1 }),
        /^query: expected 8 values \(the collection's dimension\), got 2 values$/,
      ],
      [a.create("acme", { name: "bad", dim: 0, metric: "l2" }), /^dim: expected an integer from 1 to 65536, got 0$/],
      [
        a.create("acme", { name: "bad", dim: 4, metric: "manhattan" as "l2" }),
        /^metric: expected one of "l2", "ip", "cosine", got "manhattan"$/,
      ],
    ];
    for (const [promise, message] of cases) await rejects(promise, InvalidArgumentError, message);
    // Nothing of the refused writes was stored.
    const { rows } = await db.query<{ n: number }>(
      "SELECT count(*)::int8 AS n FROM vectors WHERE id IN ('bad', 'dup', 'typed')",
    );
    assert.equal(rows[0]?.n, 0);
  });

  test("values come back exactly as stored when asked for", async () => {
    const hits = await b.search("acme", "items", vectors[3] as Float32Array, {
      k: 1,
      includePayload: false,
      includeValues: true,
    });
    assert.equal(hits[0]?.id, "v3");
    assert.equal(hits[0]?.payload, undefined);
    assert.deepEqual(hits[0]?.values, vectors[3]);
  });
});
