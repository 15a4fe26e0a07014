/**
 * One adapter per library under test, with identical parameters (M = 16, efConstruction = 200,
 * squared L2). Peers' input conversions (hnswlib-node only takes plain arrays) happen outside
 * the timed regions, which favors the peers.
 */
import { statSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createIndex, type VectorIndex } from "@arbiter/vector-native";
import hnswlib from "hnswlib-node";
import { exactSearch, type Matches, MetricKind, ScalarKind, Index as UIndex } from "usearch";
import type { Dataset } from "./datasets.ts";

export const M = 16;
export const EF_CONSTRUCTION = 200;

/** A library's HNSW index over one data set. */
export interface AnnAdapter {
  readonly name: "arbiter" | "usearch" | "hnswlib_node";
  /** True when searches return synchronously (and block the event loop). */
  readonly sync: boolean;
  build(threads: number): Promise<void>;
  setEf(ef: number): void;
  /** One query (index `qi` of the data set's queries). */
  search(qi: number, k: number): Promise<ArrayLike<number | bigint>> | ArrayLike<number | bigint>;
  /** Queries `from..to` in one call on `threads` threads (where the library can). */
  searchBatch(
    from: number,
    to: number,
    k: number,
    threads: number,
  ): Promise<ArrayLike<number | bigint>[]> | ArrayLike<number | bigint>[];
  bytesPerVector(): number;
  /** How `bytesPerVector` was obtained. */
  readonly memoryMethod: string;
  /** Whether searchBatch is a native multi-threaded batch. */
  readonly nativeBatch: boolean;
  dispose(): void;
}

function row(ds: Dataset, data: Float32Array, i: number): Float32Array {
  return data.subarray(i * ds.dim, (i + 1) * ds.dim);
}

/** Ours. */
export class ArbiterAdapter implements AnnAdapter {
  readonly name = "arbiter";
  readonly sync = false;
  readonly nativeBatch = true;
  readonly memoryMethod = "index.memoryBytes (heap incl. growth slack) / count";
  index: VectorIndex | undefined;
  #ef = 64;
  constructor(
    readonly ds: Dataset,
    readonly payloads?: { tenant: string; category: string }[],
  ) {}
  async build(threads: number): Promise<void> {
    this.index = createIndex({
      kind: "hnsw",
      dim: this.ds.dim,
      metric: "l2",
      m: M,
      efConstruction: EF_CONSTRUCTION,
      threads,
    });
    const ids = new BigUint64Array(this.ds.count);
    for (let i = 0; i < ids.length; i++) ids[i] = BigInt(i);
    await this.index.upsert(ids, this.ds.base, this.payloads);
  }
  setEf(ef: number): void {
    this.#ef = ef;
  }
  async search(qi: number, k: number): Promise<BigUint64Array> {
    const r = await (this.index as VectorIndex).search(row(this.ds, this.ds.queries, qi), { k, efSearch: this.#ef });
    return r.ids;
  }
  searchSync(qi: number, k: number): BigUint64Array {
    return (this.index as VectorIndex).searchSync(row(this.ds, this.ds.queries, qi), { k, efSearch: this.#ef }).ids;
  }
  async searchBatch(from: number, to: number, k: number, threads: number): Promise<BigUint64Array[]> {
    const q = this.ds.queries.subarray(from * this.ds.dim, to * this.ds.dim);
    const r = await (this.index as VectorIndex).searchBatch(q, { k, efSearch: this.#ef, threads });
    return r.map((x) => x.ids);
  }
  bytesPerVector(): number {
    return (this.index as VectorIndex).memoryBytes / this.ds.count;
  }
  dispose(): void {
    this.index = undefined;
  }
}

/** usearch (its search breadth is fixed per Index object, so each ef reloads the saved graph). */
export class UsearchAdapter implements AnnAdapter {
  readonly name = "usearch";
  readonly sync = true;
  readonly nativeBatch = true;
  readonly memoryMethod = "serialized index size / count (usearch exposes no memory counter)";
  index: UIndex | undefined;
  #file = join(tmpdir(), `bench-usearch-${process.pid}.usearch`);
  #saved = false;
  #queries: Float32Array[] = [];
  constructor(readonly ds: Dataset) {
    for (let i = 0; i < ds.nq; i++) this.#queries.push(row(ds, ds.queries, i).slice());
  }
  #make(ef: number): UIndex {
    return new UIndex({
      dimensions: this.ds.dim,
      metric: MetricKind.L2sq,
      quantization: ScalarKind.F32,
      connectivity: M,
      expansion_add: EF_CONSTRUCTION,
      expansion_search: ef,
      multi: false,
    });
  }
  async build(threads: number): Promise<void> {
    this.index = this.#make(64);
    this.#saved = false;
    const keys = new BigUint64Array(this.ds.count);
    for (let i = 0; i < keys.length; i++) keys[i] = BigInt(i);
    this.index.add(keys, this.ds.base, threads);
  }
  setEf(ef: number): void {
    // The graph never changes after build, so one saved copy serves every efSearch.
    if (!this.#saved) {
      (this.index as UIndex).save(this.#file);
      this.#saved = true;
    }
    const next = this.#make(ef);
    next.load(this.#file);
    this.index = next;
  }
  search(qi: number, k: number): BigUint64Array {
    return (this.index as UIndex).search(this.#queries[qi] as Float32Array, k, 1).keys;
  }
  searchBatch(from: number, to: number, k: number, threads: number): BigUint64Array[] {
    const m = (this.index as UIndex).search(this.#queries.slice(from, to), k, threads);
    const out: BigUint64Array[] = [];
    for (let i = 0; i < to - from; i++) out.push(m.get(i).keys);
    return out;
  }
  bytesPerVector(): number {
    (this.index as UIndex).save(this.#file);
    this.#saved = true;
    return statSync(this.#file).size / this.ds.count;
  }
  dispose(): void {
    this.index = undefined;
    try {
      unlinkSync(this.#file);
    } catch {}
  }
}

/** hnswlib-node (single-threaded: no batch API, no threads option). */
export class HnswlibAdapter implements AnnAdapter {
  readonly name = "hnswlib_node";
  readonly sync = true;
  readonly nativeBatch = false;
  readonly memoryMethod = "serialized index size / count (hnswlib-node exposes no memory counter)";
  index: hnswlib.HierarchicalNSW | undefined;
  #queries: number[][] = [];
  #base: number[][] = [];
  constructor(readonly ds: Dataset) {
    for (let i = 0; i < ds.nq; i++) this.#queries.push(Array.from(row(ds, ds.queries, i)));
    for (let i = 0; i < ds.count; i++) this.#base.push(Array.from(row(ds, ds.base, i)));
  }
  async build(_threads: number): Promise<void> {
    this.index = new hnswlib.HierarchicalNSW("l2", this.ds.dim);
    this.index.initIndex(this.ds.count, M, EF_CONSTRUCTION, 100);
    for (let i = 0; i < this.ds.count; i++) this.index.addPoint(this.#base[i] as number[], i);
  }
  setEf(ef: number): void {
    (this.index as hnswlib.HierarchicalNSW).setEf(ef);
  }
  search(qi: number, k: number): number[] {
    return (this.index as hnswlib.HierarchicalNSW).searchKnn(this.#queries[qi] as number[], k).neighbors;
  }
  searchFiltered(qi: number, k: number, allow: (label: number) => boolean): number[] {
    return (this.index as hnswlib.HierarchicalNSW).searchKnn(this.#queries[qi] as number[], k, allow).neighbors;
  }
  searchBatch(from: number, to: number, k: number, _threads: number): number[][] {
    const out: number[][] = [];
    for (let i = from; i < to; i++) out.push(this.search(i, k));
    return out;
  }
  bytesPerVector(): number {
    const file = join(tmpdir(), `bench-hnswlib-${process.pid}.bin`);
    (this.index as hnswlib.HierarchicalNSW).writeIndexSync(file);
    const size = statSync(file).size;
    unlinkSync(file);
    return size / this.ds.count;
  }
  dispose(): void {
    this.index = undefined;
    this.#base = [];
  }
}

/** Exact (flat) search of each library, one query per call. */
export interface FlatAdapter {
  readonly name: "arbiter" | "usearch" | "hnswlib_node";
  build(threads: number): Promise<void>;
  search(qi: number, k: number, threads: number): Promise<ArrayLike<number | bigint>> | ArrayLike<number | bigint>;
  dispose(): void;
}

export function flatAdapters(ds: Dataset): FlatAdapter[] {
  let ours: VectorIndex | undefined;
  let brute: hnswlib.BruteforceSearch | undefined;
  const qArrays: number[][] = [];
  // usearch's exactSearch ignores a typed array's byteOffset (subarray views read from the start
  // of the buffer), so it gets standalone copies.
  const qCopies: Float32Array[] = [];
  for (let i = 0; i < ds.nq; i++) {
    qArrays.push(Array.from(row(ds, ds.queries, i)));
    qCopies.push(row(ds, ds.queries, i).slice());
  }
  return [
    {
      name: "arbiter",
      async build(threads) {
        ours = createIndex({ kind: "flat", dim: ds.dim, metric: "l2", threads });
        const ids = new BigUint64Array(ds.count);
        for (let i = 0; i < ids.length; i++) ids[i] = BigInt(i);
        await ours.upsert(ids, ds.base);
      },
      async search(qi, k) {
        return (await (ours as VectorIndex).search(row(ds, ds.queries, qi), { k })).ids;
      },
      dispose() {
        ours = undefined;
      },
    },
    {
      name: "usearch",
      async build() {},
      search(qi, k, threads) {
        const m = exactSearch(ds.base, qCopies[qi] as Float32Array, ds.dim, k, MetricKind.L2sq, threads);
        return (m as Matches).keys;
      },
      dispose() {},
    },
    {
      name: "hnswlib_node",
      async build() {
        brute = new hnswlib.BruteforceSearch("l2", ds.dim);
        brute.initIndex(ds.count);
        for (let i = 0; i < ds.count; i++) brute.addPoint(Array.from(row(ds, ds.base, i)), i);
      },
      search(qi, k) {
        return (brute as hnswlib.BruteforceSearch).searchKnn(qArrays[qi] as number[], k).neighbors;
      },
      dispose() {
        brute = undefined;
      },
    },
  ];
}
