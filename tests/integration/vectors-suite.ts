/**
 * Vector collections' acceptance tests over the gateway, run unchanged against an embedded and a
 * distributed mesh (vectors-embedded.test.ts, vectors-distributed.test.ts). In the distributed
 * mesh, two schedulers serve the searches: a write through one must be seen by the other.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, describe, it } from "node:test";
import type { FilterSchema } from "@arbiter/proto";
import { type Filter, IndexKind, Metric, type SearchHit, VectorService, VectorStorage } from "@arbiter/proto";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { type Client, Code } from "@connectrpc/connect";
import { client, connectHttp1Transport, grpcTransport } from "../support/clients.ts";
import { expectCode } from "../support/expect-code.ts";
import type { DistributedMesh, Mesh } from "../support/mesh.ts";

const DIM = 16;
const COUNT = 1000;
const CATEGORIES = ["books", "games", "music", "tools"] as const;

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

interface Item {
  id: string;
  values: number[];
  category: string;
  price: number;
}

function seededItems(): Item[] {
  const r = rng(42);
  return Array.from({ length: COUNT }, (_, i) => ({
    id: `item-${i}`,
    // Rounded through float32, as the server stores them.
    values: Array.from(Float32Array.from({ length: DIM }, () => r() * 2 - 1)),
    category: CATEGORIES[i % CATEGORIES.length] as string,
    price: Math.round(r() * 10_000) / 100,
  }));
}

function squaredL2(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += ((a[i] as number) - (b[i] as number)) ** 2;
  return s;
}

/** The k nearest by brute force, nearest first. */
function nearest(
  items: readonly Item[],
  query: readonly number[],
  k: number,
  keep: (it: Item) => boolean = () => true,
) {
  return items
    .filter(keep)
    .map((it) => ({ id: it.id, distance: squaredL2(it.values, query) }))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, k);
}

function payloadOf(hit: SearchHit): Record<string, string | number | boolean | undefined> {
  return Object.fromEntries(Object.entries(hit.payload).map(([k, v]) => [k, v.kind.value]));
}

/** Log lines of a process, parsed, that satisfy `match`; waits up to 5 s for at least one. */
async function logLines(file: string, match: (line: Record<string, unknown>) => boolean) {
  for (let i = 0; ; i++) {
    const text = await readFile(file, "utf8");
    const lines = text
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter(match);
    if (lines.length > 0 || i >= 50) return lines;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function vectorsSuite(name: string, startMesh: () => Promise<Mesh>): void {
  describe(`vector collections (${name})`, () => {
    let mesh: Mesh;
    let vectors: Client<typeof VectorService>;
    const items = seededItems();
    const queries = (() => {
      const r = rng(7);
      return Array.from({ length: 5 }, () => Array.from(Float32Array.from({ length: DIM }, () => r() * 2 - 1)));
    })();

    before(async () => {
      mesh = await startMesh();
      vectors = client(VectorService, grpcTransport(mesh.gatewayUrl));
    });
    after(async () => mesh?.stop());

    it("creates collections, gets them and lists them in pages", async () => {
      const created = await vectors.createCollection({
        name: "products",
        dim: DIM,
        metric: Metric.L2,
        index: IndexKind.FLAT,
      });
      assert.equal(created.collection?.name, "products");
      assert.equal(created.collection?.dim, DIM);
      assert.equal(created.collection?.index, IndexKind.FLAT);
      assert.equal(created.collection?.storage, VectorStorage.F32);
      assert.equal(created.collection?.count, 0n);
      const hnsw = await vectors.createCollection({
        name: "embeddings",
        dim: 8,
        metric: Metric.COSINE,
        hnsw: { m: 8, efConstruction: 100 },
      });
      assert.equal(hnsw.collection?.index, IndexKind.HNSW, "HNSW unless asked otherwise");
      assert.deepEqual(
        [hnsw.collection?.hnsw?.m, hnsw.collection?.hnsw?.efConstruction, hnsw.collection?.hnsw?.efSearch],
        [8, 100, 64],
      );
      const got = await vectors.getCollection({ name: "embeddings" });
      assert.equal(got.collection?.metric, Metric.COSINE);
      const first = await vectors.listCollections({ pageSize: 1 });
      assert.deepEqual(
        first.collections.map((c) => c.name),
        ["embeddings"],
      );
      const second = await vectors.listCollections({ pageSize: 1, pageToken: first.nextPageToken });
      assert.deepEqual(
        second.collections.map((c) => c.name),
        ["products"],
      );
      assert.equal(second.nextPageToken, "");
      await expectCode(
        vectors.createCollection({ name: "products", dim: 4, metric: Metric.L2 }),
        Code.AlreadyExists,
        /^collection "products" already exists$/,
      );
    });

    it("stores 1000 upserted vectors durably, with their payloads", async () => {
      for (let at = 0; at < COUNT; at += 500) {
        const res = await vectors.upsertVectors({
          collection: "products",
          records: items.slice(at, at + 500).map((it) => ({
            id: it.id,
            values: it.values,
            payload: {
              category: { kind: { case: "stringValue", value: it.category } },
              price: { kind: { case: "numberValue", value: it.price } },
            },
          })),
        });
        assert.equal(res.upserted, 500n);
      }
      assert.equal((await vectors.getCollection({ name: "products" })).collection?.count, BigInt(COUNT));
      const { rows } = await mesh.db.query<{ vector: Uint8Array; payload: unknown }>(
        "SELECT vector, payload FROM vectors WHERE collection = 'products' AND id = 'item-17'",
      );
      const row = rows[0];
      assert.ok(row, "the row is in the database");
      const stored = new Float32Array(Uint8Array.from(row.vector).buffer);
      assert.deepEqual(Array.from(stored), items[17]?.values);
      assert.deepEqual(row.payload, { category: items[17]?.category, price: items[17]?.price });
    });

    it("an exact search returns what a brute force computes, nearest first", async () => {
      for (const query of queries) {
        const res = await vectors.search({ collection: "products", query, k: 10, includePayload: true });
        const expected = nearest(items, query, 10);
        assert.deepEqual(
          res.hits.map((h) => h.id),
          expected.map((e) => e.id),
        );
        for (const [i, hit] of res.hits.entries()) {
          assert.ok(Math.abs(hit.distance - (expected[i]?.distance ?? 0)) < 1e-3, `distance of ${hit.id}`);
          const item = items.find((it) => it.id === hit.id);
          assert.deepEqual(payloadOf(hit), { category: item?.category, price: item?.price });
        }
      }
      // SearchBatch answers each search as Search does, in order.
      const batch = await vectors.searchBatch({
        searches: queries.slice(0, 2).map((query) => ({ collection: "products", query, k: 3 })),
      });
      assert.deepEqual(
        batch.results.map((r) => r.hits.map((h) => h.id)),
        queries.slice(0, 2).map((q) => nearest(items, q, 3).map((e) => e.id)),
      );
    });

    it("a filtered search returns k vectors, all matching, the nearest of those that match", async () => {
      const filter: MessageInitShape<typeof FilterSchema> = {
        all: [
          { field: "category", match: { case: "anyOf", value: { values: ["books", "music"] } } },
          { field: "price", match: { case: "range", value: { gte: 20, lte: 60 } } },
        ],
      };
      const keep = (it: Item) =>
        (it.category === "books" || it.category === "music") && it.price >= 20 && it.price <= 60;
      assert.ok(items.filter(keep).length > 50, "the filter matches enough vectors for k = 25");
      for (const query of queries) {
        const res = await vectors.search({ collection: "products", query, k: 25, filter, includePayload: true });
        assert.equal(res.hits.length, 25);
        for (const hit of res.hits) {
          const p = payloadOf(hit);
          assert.ok(p.category === "books" || p.category === "music", `category of ${hit.id}: ${p.category}`);
          assert.ok(typeof p.price === "number" && p.price >= 20 && p.price <= 60, `price of ${hit.id}: ${p.price}`);
        }
        assert.deepEqual(
          res.hits.map((h) => h.id),
          nearest(items, query, 25, keep).map((e) => e.id),
        );
      }
      const none = await vectors.search({
        collection: "products",
        query: queries[0] ?? [],
        k: 5,
        filter: { all: [{ field: "category", match: { case: "equals", value: "films" } }] } as Filter,
      });
      assert.deepEqual(none.hits, []);
    });

    it("deleted vectors are never returned", async () => {
      const query = queries[0] ?? [];
      const top = nearest(items, query, 50).map((e) => e.id);
      const res = await vectors.deleteVectors({ collection: "products", ids: [...top, "never-existed"] });
      assert.equal(res.deleted, 50n);
      const all = await vectors.search({ collection: "products", query, k: COUNT });
      assert.equal(all.hits.length, COUNT - 50);
      assert.ok(!all.hits.some((h) => top.includes(h.id)), "no deleted vector comes back");
      const expected = nearest(items, query, 10, (it) => !top.includes(it.id)).map((e) => e.id);
      for (let i = 0; i < 6; i++) {
        const again = await vectors.search({ collection: "products", query, k: 10 });
        assert.deepEqual(
          again.hits.map((h) => h.id),
          expected,
        );
      }
      assert.equal((await vectors.getCollection({ name: "products" })).collection?.count, BigInt(COUNT - 50));
    });

    it("a write through one call is seen by the next search, whichever scheduler serves it", async () => {
      const schedulers = (mesh as Partial<DistributedMesh>).schedulers ?? [];
      const built = (file: string) =>
        logLines(file, (l) => l.msg === "vector index built" && l.collection === "products");
      if (schedulers.length > 1) {
        // Search until every scheduler has served one (and so holds the collection's index).
        for (let i = 0; i < 60; i++) {
          const hasIndex = await Promise.all(schedulers.map(async (s) => (await built(s.logFile)).length > 0));
          if (hasIndex.every(Boolean)) break;
          await vectors.search({ collection: "products", query: queries[1] ?? [], k: 1 });
        }
        for (const s of schedulers) assert.ok((await built(s.logFile)).length > 0, `${s.id} built the index`);
      }
      const fresh = Array.from({ length: DIM }, (_, i) => 5 + i);
      await vectors.upsertVectors({ collection: "products", records: [{ id: "fresh", values: fresh }] });
      for (let i = 0; i < 20; i++) {
        const res = await vectors.search({ collection: "products", query: fresh, k: 1 });
        assert.deepEqual(
          res.hits.map((h) => [h.id, h.distance]),
          [["fresh", 0]],
          `search ${i} after the upsert`,
        );
      }
      await vectors.deleteVectors({ collection: "products", ids: ["fresh"] });
      for (let i = 0; i < 20; i++) {
        const res = await vectors.search({ collection: "products", query: fresh, k: 3 });
        assert.ok(!res.hits.some((h) => h.id === "fresh"), `search ${i} after the delete`);
      }
      if (schedulers.length > 1) {
        // Both schedulers held an index before the writes; the one that did not serve a write
        // caught up from the database when it heard of it.
        const caughtUp = await Promise.all(
          schedulers.map((s) =>
            logLines(s.logFile, (l) => l.msg === "vector index caught up" && l.collection === "products"),
          ),
        );
        assert.ok(
          caughtUp.some((lines) => lines.length > 0),
          "a scheduler caught up with another's write",
        );
      }
    });

    it("refuses bad input with the right code and a message naming the field", async () => {
      await expectCode(
        vectors.upsertVectors({ collection: "products", records: [{ id: "short", values: [1, 2, 3] }] }),
        Code.InvalidArgument,
        /^records\[0\]\.values: expected 16 values \(the collection's dimension\), got 3 values$/,
      );
      const withNaN = Array.from({ length: DIM }, (_, i) => (i === 4 ? Number.NaN : 0));
      await expectCode(
        vectors.upsertVectors({ collection: "products", records: [{ id: "nan", values: withNaN }] }),
        Code.InvalidArgument,
        /^records\[0\]\.values\[4\]: expected a finite number \(within float32 range\), got NaN$/,
      );
      await expectCode(
        vectors.upsertVectors({
          collection: "products",
          records: [
            {
              id: "typed",
              values: items[0]?.values ?? [],
              payload: { price: { kind: { case: "stringValue", value: "cheap" } } },
            },
          ],
        }),
        Code.InvalidArgument,
        /^records\[0\]\.payload\.price: expected a number \(field "price" holds number values in this collection\), got a string "cheap"$/,
      );
      await expectCode(
        vectors.search({ collection: "products", query: [1, 2], k: 3 }),
        Code.InvalidArgument,
        /^query: expected 16 values \(the collection's dimension\), got 2 values$/,
      );
      await expectCode(
        vectors.search({ collection: "products", query: queries[0] ?? [], k: 0 }),
        Code.InvalidArgument,
        /^k: /,
      );
      await expectCode(
        vectors.search({ collection: "products", query: queries[0] ?? [], k: 10_001 }),
        Code.InvalidArgument,
        /^k: .*10000/,
      );
      await expectCode(
        vectors.search({
          collection: "products",
          query: queries[0] ?? [],
          k: 3,
          filter: { all: [{ field: "price", match: { case: "equals", value: "cheap" } }] },
        }),
        Code.InvalidArgument,
        /^filter\.price: expected a numeric range \(field "price" holds numbers\), got a string condition "cheap"$/,
      );
      await expectCode(
        vectors.searchBatch({
          searches: [
            { collection: "products", query: queries[0] ?? [], k: 1 },
            { collection: "products", query: [1], k: 1 },
          ],
        }),
        Code.InvalidArgument,
        /^searches\[1\]\.query: expected 16 values/,
      );
      await expectCode(
        vectors.createCollection({ name: "bad", dim: 4, metric: 9 as Metric }),
        Code.InvalidArgument,
        /^metric: /,
      );
      await expectCode(
        vectors.createCollection({ name: "bad", dim: 4, metric: Metric.UNSPECIFIED }),
        Code.InvalidArgument,
        /^metric: /,
      );
      await expectCode(
        vectors.search({ collection: "nope", query: [1], k: 1 }),
        Code.NotFound,
        /^collection "nope" not found$/,
      );
      // The Connect protocol over HTTP/1.1 gets the same answer.
      const overConnect = client(VectorService, connectHttp1Transport(mesh.gatewayUrl));
      await expectCode(overConnect.getCollection({ name: "nope" }), Code.NotFound, /^collection "nope" not found$/);
      const { rows } = await mesh.db.query<{ n: number }>(
        "SELECT count(*)::int8 AS n FROM vectors WHERE id IN ('short', 'nan', 'typed')",
      );
      assert.equal(rows[0]?.n, 0, "nothing of a refused write is stored");
    });

    it("a deleted collection is NOT_FOUND everywhere afterwards, and its vectors are gone", async () => {
      await vectors.deleteCollection({ name: "products" });
      for (let i = 0; i < 6; i++) {
        await expectCode(
          vectors.getCollection({ name: "products" }),
          Code.NotFound,
          /^collection "products" not found$/,
        );
        await expectCode(
          vectors.search({ collection: "products", query: queries[0] ?? [], k: 1 }),
          Code.NotFound,
          /^collection "products" not found$/,
        );
      }
      await expectCode(vectors.deleteCollection({ name: "products" }), Code.NotFound);
      await expectCode(
        vectors.upsertVectors({ collection: "products", records: [{ id: "late", values: items[0]?.values ?? [] }] }),
        Code.NotFound,
      );
      assert.deepEqual(
        (await vectors.listCollections({})).collections.map((c) => c.name),
        ["embeddings"],
      );
      const { rows } = await mesh.db.query<{ n: number }>(
        "SELECT count(*)::int8 AS n FROM vectors WHERE collection = 'products'",
      );
      assert.equal(rows[0]?.n, 0);
    });
  });
}
