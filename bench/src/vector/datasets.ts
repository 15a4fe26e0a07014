/**
 * Benchmark data: the real SIFT sample from ../shared/datasets, a seeded Gaussian mixture, and
 * exact ground truth computed here by brute force (f64 accumulation, independent of every
 * library under test).
 */
import { readFileSync } from "node:fs";

/** A base set, held-out queries and exact top-k neighbors of each query. */
export interface Dataset {
  name: string;
  description: string;
  dim: number;
  count: number;
  base: Float32Array;
  queries: Float32Array;
  nq: number;
  /** `truth[q]` = exact top-k base indices (ids) of query q. */
  truth: Uint32Array[];
}

/** Seeded 32-bit generator (Mulberry32): deterministic across runs and machines, and fast. */
export function rng(seed: number): { next: () => number; normal: () => number } {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 1) / 4294967297;
  };
  let spare: number | undefined;
  const normal = () => {
    if (spare !== undefined) {
      const v = spare;
      spare = undefined;
      return v;
    }
    const r = Math.sqrt(-2 * Math.log(next()));
    const th = 2 * Math.PI * next();
    spare = r * Math.sin(th);
    return r * Math.cos(th);
  };
  return { next, normal };
}

/** Exact top-k (squared L2) of every query, brute force. */
export function groundTruth(base: Float32Array, queries: Float32Array, dim: number, k: number): Uint32Array[] {
  const n = base.length / dim;
  const nq = queries.length / dim;
  const out: Uint32Array[] = [];
  const dist = new Float64Array(n);
  for (let q = 0; q < nq; q++) {
    const qo = q * dim;
    for (let i = 0; i < n; i++) {
      let s = 0;
      const bo = i * dim;
      for (let d = 0; d < dim; d++) {
        const t = (base[bo + d] as number) - (queries[qo + d] as number);
        s += t * t;
      }
      dist[i] = s;
    }
    // Partial selection of the k smallest.
    const idx: number[] = [];
    for (let i = 0; i < n; i++) {
      const d = dist[i] as number;
      if (idx.length < k || d < (dist[idx[idx.length - 1] as number] as number)) {
        let p = idx.length < k ? idx.length : k - 1;
        if (idx.length < k) idx.push(i);
        while (p > 0 && (dist[idx[p - 1] as number] as number) > d) {
          idx[p] = idx[p - 1] as number;
          p--;
        }
        idx[p] = i;
      }
    }
    out.push(Uint32Array.from(idx));
  }
  return out;
}

/** Exact top-k restricted to base indices for which `allow` holds. */
export function filteredTruth(
  base: Float32Array,
  queries: Float32Array,
  dim: number,
  k: number,
  allow: (i: number) => boolean,
): Uint32Array[] {
  const n = base.length / dim;
  const keep: number[] = [];
  for (let i = 0; i < n; i++) if (allow(i)) keep.push(i);
  const sub = new Float32Array(keep.length * dim);
  keep.forEach((i, j) => {
    sub.set(base.subarray(i * dim, (i + 1) * dim), j * dim);
  });
  return groundTruth(sub, queries, dim, k).map((t) => Uint32Array.from(t, (j) => keep[j] as number));
}

/**
 * SIFT: 5,000 real 128-d descriptors; every 50th vector is held out as a query (100 queries),
 * the other 4,900 are the base set.
 */
export function sift(path: string, k: number): Dataset {
  const lines = readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "");
  const dim = 128;
  const rows = lines.map((l) => l.split("\t").slice(0, dim).map(Number));
  const baseRows = rows.filter((_, i) => i % 50 !== 0);
  const queryRows = rows.filter((_, i) => i % 50 === 0);
  const base = Float32Array.from(baseRows.flat());
  const queries = Float32Array.from(queryRows.flat());
  return {
    name: "sift-5k",
    description: "SIFT 128-d (real); every 50th vector held out as a query",
    dim,
    count: baseRows.length,
    base,
    queries,
    nq: queryRows.length,
    truth: groundTruth(base, queries, dim, k),
  };
}

/**
 * Gaussian mixture: `clusters` centers ~ N(0, 1) per component, points = center + N(0, σ²)
 * with σ = 0.6; queries are fresh draws from the same mixture. Seeded, so identical every run.
 */
export function gaussianMixture(n: number, dim: number, nq: number, k: number, seed: number): Dataset {
  const r = rng(seed);
  const clusters = 256;
  const centers = new Float32Array(clusters * dim);
  for (let i = 0; i < centers.length; i++) centers[i] = r.normal();
  const draw = (count: number) => {
    const out = new Float32Array(count * dim);
    for (let i = 0; i < count; i++) {
      const c = Math.floor(r.next() * clusters) % clusters;
      for (let d = 0; d < dim; d++) out[i * dim + d] = (centers[c * dim + d] as number) + 0.6 * r.normal();
    }
    return out;
  };
  const base = draw(n);
  const queries = draw(nq);
  return {
    name: `gauss-${Math.round(n / 1000)}k-${dim}`,
    description: `seeded Gaussian mixture (${clusters} clusters, σ=0.6), ${n} × ${dim}; queries drawn fresh`,
    dim,
    count: n,
    base,
    queries,
    nq,
    truth: groundTruth(base, queries, dim, k),
  };
}

/** recall@k of `got` (ids per query) against the truth. */
export function recallAt(truth: Uint32Array[], got: ArrayLike<number | bigint>[], k: number): number {
  let hit = 0;
  truth.forEach((t, q) => {
    const s = new Set(Array.from(t.subarray(0, k)));
    const g = got[q] as ArrayLike<number | bigint>;
    for (let i = 0; i < Math.min(k, g.length); i++) if (s.has(Number(g[i]))) hit++;
  });
  return hit / (truth.length * k);
}
