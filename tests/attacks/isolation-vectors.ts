/**
 * Planted vector-search queries: A's and B's collections share a name (two pairs: an exact index
 * and an HNSW one); B searches them with A's own vectors, slightly perturbed, so that in a shared index A's vectors ("a-<n>", payload owner
 * "iso-a") would be the nearest hits. No hit may be A's. A asks a few of the same queries first, so
 * the test is known to be able to see A's vectors (and A's index is the one any cache holds).
 */

import type { SearchRequestSchema } from "@arbiter/proto";
import { type SearchResponse, VectorService } from "@arbiter/proto";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { clientOf } from "./isolation-calls.ts";
import { type IsolationSetup, SHARED_COLLECTION, SHARED_HNSW_COLLECTION, seededRandom } from "./isolation-setup.ts";

/** How many queries B makes, and how many of them go through SearchBatch. */
export interface PlantedQueryCounts {
  readonly search: number;
  readonly batches: number;
  readonly batchSize: number;
}

/** What the planted queries found. */
export interface PlantedQueryResult {
  readonly queries: number;
  readonly leaks: number;
  readonly examples: string[];
}

const K = 10;
const CONCURRENCY = 16;

/** The hits of a response that are A's: its ids, or its payload. */
function foreignHits(res: SearchResponse): string[] {
  return res.hits
    .filter((h) => {
      const owner = h.payload.owner?.kind;
      const note = h.payload.note?.kind;
      return (
        !h.id.startsWith("b-") ||
        (owner?.case === "stringValue" && owner.value !== "iso-b") ||
        (note?.case === "stringValue" && note.value.startsWith("iso-a"))
      );
    })
    .map((h) => `${h.id} (owner ${h.payload.owner?.kind.value ?? "none"})`);
}

/** Runs `count` tasks at most CONCURRENCY at a time. */
async function inParallel(count: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, count) }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

/** B's queries, nearest to A's planted vectors; counts every response holding anything of A's. */
export async function plantedVectorQueries(
  setup: IsolationSetup,
  counts: PlantedQueryCounts,
): Promise<PlantedQueryResult> {
  const { a, b, planted } = setup;
  const noise = seededRandom(0x5eed);
  const near = (i: number) =>
    (planted.aVectors[i % planted.aVectors.length] ?? []).map((v) => v + (noise() - 0.5) * 1e-3);
  // Queries alternate between the exact pair and the HNSW pair.
  const collectionOf = (i: number) => (i % 2 === 0 ? SHARED_COLLECTION : SHARED_HNSW_COLLECTION);
  const request = (i: number, filterOwnerA: boolean): MessageInitShape<typeof SearchRequestSchema> => ({
    collection: collectionOf(i),
    query: near(i),
    k: K,
    includePayload: true,
    includeValues: true,
    // Some queries ask outright for A's payload: the filter must not reach A's vectors either.
    ...(filterOwnerA ? { filter: { all: [{ field: "owner", match: { case: "equals", value: "iso-a" } }] } } : {}),
  });

  // A first: its own nearest hit is the planted vector, so these queries would find A's vectors.
  const asA = clientOf(VectorService, a.caller);
  for (const i of [3, 4, 5, 6]) {
    const { hits } = await asA.search({ collection: collectionOf(i), query: near(i), k: 1 });
    if (hits[0]?.id !== `a-${i}`)
      throw new Error(`A's own query near a-${i} in ${collectionOf(i)} found ${hits[0]?.id}: setup is wrong`);
  }

  const asB = clientOf(VectorService, b.caller);
  let leaks = 0;
  const examples: string[] = [];
  const record = (what: string, res: SearchResponse) => {
    const foreign = foreignHits(res);
    if (foreign.length === 0) return;
    leaks++;
    if (examples.length < 5) examples.push(`${what}: ${foreign.slice(0, 3).join(", ")}`);
  };
  await inParallel(counts.search, async (i) => {
    const res = await asB.search(request(i, i % 10 === 9));
    record(`Search of ${collectionOf(i)} near a-${i % planted.aVectors.length}`, res);
  });
  await inParallel(counts.batches, async (batch) => {
    const first = counts.search + batch * counts.batchSize;
    const searches = Array.from({ length: counts.batchSize }, (_, j) => request(first + j, j % 10 === 9));
    const { results } = await asB.searchBatch({ searches });
    for (const [j, res] of results.entries()) {
      record(`SearchBatch of ${collectionOf(first + j)} near a-${(first + j) % planted.aVectors.length}`, res);
    }
  });
  return { queries: counts.search + counts.batches * counts.batchSize, leaks, examples };
}
