/**
 * The TypeScript face of the vector addon: validates arguments (errors name the field, the
 * expected and the received value), applies defaults, holds the native handle privately and runs
 * every heavy call off the JS thread.
 */
import { CancelledError, InvalidArgumentError } from "@arbiter/core";
import type { FilterCondition, NativeHits, NativeIndex, PayloadColumn, SearchArgs } from "../index.d.ts";
import { native } from "./binding.ts";
import { awaitNative, callNative } from "./errors.ts";

/** `"flat"`: exact scan of every vector. `"hnsw"`: approximate graph search (the default). */
export type IndexKind = "flat" | "hnsw";
/**
 * Distance, smaller is closer: `"l2"` squared Euclidean, `"ip"` `1 − a·b`, `"cosine"`
 * `1 − cos(a, b)` (vectors are normalized on insert and query).
 */
export type Metric = "l2" | "ip" | "cosine";
/** Vector storage: 4, 2 or 1 byte(s) per component (`"i8"` is per-vector 8-bit scalar quantization). */
export type StorageType = "f32" | "f16" | "i8";

/** Options of {@link createIndex}. */
export interface CreateIndexOptions {
  /** Default `"hnsw"`. */
  kind?: IndexKind;
  /** Components per vector, 1–65536. Required. */
  dim: number;
  /** Default `"l2"`. */
  metric?: Metric;
  /** Default `"f32"`. */
  storage?: StorageType;
  /** HNSW links per node (layer 0 keeps 2·m), 2–256. Default 16. */
  m?: number;
  /** HNSW candidate list while inserting, 1–100000. Default 200. */
  efConstruction?: number;
  /** HNSW default candidate list per query, 1–100000 (a query may override). Default 64. */
  efSearch?: number;
  /** Worker threads for build and batch search; 0 = one per core. Default 0. */
  threads?: number;
  /**
   * Seed of the HNSW level draw. A build on one thread is deterministic per seed and insertion
   * order; with more threads the links depend on which inserts overlap.
   */
  seed?: number;
  /** See {@link InlineSearchOptions}. */
  inlineSearchMaxMicros?: number;
}

/** When {@link VectorIndex.search} may run on the calling thread. */
export interface InlineSearchOptions {
  /**
   * An unfiltered search whose typical compute time on this index (a moving mean the addon
   * measures) is at most this many microseconds runs inline on the JS thread instead of hopping
   * to a worker thread and back, which costs more than such a search. Inline work is capped at
   * 1 ms per event-loop turn (then searches go off-thread until the loop has turned), and an
   * index locked by a running upsert/delete is never waited for. 0 = always off-thread.
   * Default 250, as inference-native's `inlineRunMaxMicros`: a thread hop and the wake-up after it
   * cost tens of microseconds, a share that matters up to a few hundred; the per-turn cap, not
   * this, is what bounds the event loop's delay.
   */
  inlineSearchMaxMicros?: number;
}

/** A payload value: strings (tenant, category…) or finite numbers. */
export type PayloadValue = string | number;
/** A few typed fields per vector. A field keeps the type of its first value. At most 32 fields. */
export type Payload = Readonly<Record<string, PayloadValue>>;

/** Numeric range; any subset of bounds. */
export interface RangeCondition {
  gte?: number;
  gt?: number;
  lte?: number;
  lt?: number;
}
/** Condition on one field: string equality, `{ in: [...] }` string set, or a numeric range. */
export type FieldCondition = string | { in: readonly string[] } | RangeCondition;
/**
 * AND of per-field conditions, e.g. `{ tenant: "acme", category: { in: ["a", "b"] }, price: { lt: 10 } }`.
 * Vectors without the field never match. Evaluated inside the HNSW traversal; very selective
 * filters switch to an exact scan of the matching vectors, so k results come back whenever k match.
 */
export type Filter = Readonly<Record<string, FieldCondition>>;

/** Options of one search. */
export interface SearchOptions {
  /** Results wanted, 1–10000. Required. */
  k: number;
  /** HNSW candidate list for this query (≥ k is used). Defaults to the index's `efSearch`. */
  efSearch?: number;
  filter?: Filter;
  /** Return each hit's payload. Default false. */
  withPayloads?: boolean;
  /** Exact scan even on an HNSW index. Default false. */
  exact?: boolean;
  /** Rejects with CancelledError when aborted. */
  signal?: AbortSignal;
}

/** Options of {@link VectorIndex.searchBatch}. */
export interface BatchSearchOptions extends SearchOptions {
  /** Worker threads for this batch; 0 = the index's setting. */
  threads?: number;
}

/** Hits of one query, nearest first. */
export interface SearchResult {
  ids: BigUint64Array;
  distances: Float32Array;
  /** Present when `withPayloads` was set: one object per hit. */
  payloads?: Payload[];
}

/** Ids accepted by upsert/delete: non-negative safe integers or bigints below 2^64. */
export type Ids = readonly number[] | readonly bigint[] | BigUint64Array;

/** Statistics of an index. */
export interface IndexStats {
  kind: IndexKind;
  dim: number;
  metric: Metric;
  storage: StorageType;
  m: number;
  efConstruction: number;
  efSearch: number;
  threads: number;
  /** Live vectors. */
  size: number;
  /** Deleted vectors not yet repaired out of the graph. */
  tombstones: number;
  /** Bytes held by vectors, graph, ids and payloads. */
  memoryBytes: number;
  /** True when vectors are served from a memory-mapped snapshot. */
  mapped: boolean;
  /** Distance kernels in use: "avx512", "avx2", "neon" or "scalar". */
  isa: string;
}

const KINDS = ["flat", "hnsw"] as const;
const METRICS = ["l2", "ip", "cosine"] as const;
const STORAGES = ["f32", "f16", "i8"] as const;
const MAX_K = 10_000;
const MAX_EF = 100_000;
const U64_MAX = (1n << 64n) - 1n;

function show(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "bigint") return `${v}n`;
  if (v instanceof Float32Array) return `Float32Array(${v.length})`;
  if (Array.isArray(v)) return `array(${v.length})`;
  if (v === null) return "null";
  return typeof v === "object" ? "object" : String(v);
}

function oneOf<T extends string>(field: string, v: unknown, allowed: readonly T[], dflt: T): T {
  if (v === undefined) return dflt;
  if (typeof v === "string" && (allowed as readonly string[]).includes(v)) return v as T;
  throw new InvalidArgumentError(field, `one of ${allowed.map((a) => `"${a}"`).join(", ")}`, show(v));
}

function int(field: string, v: unknown, min: number, max: number): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
    throw new InvalidArgumentError(field, `an integer in ${min}..${max}`, show(v));
  }
  return v;
}

function optInt(field: string, v: unknown, min: number, max: number): number | undefined {
  return v === undefined ? undefined : int(field, v, min, max);
}

function toIds(field: string, ids: unknown): BigUint64Array {
  if (ids instanceof BigUint64Array) return ids;
  if (!Array.isArray(ids)) throw new InvalidArgumentError(field, "an array of ids or a BigUint64Array", show(ids));
  const out = new BigUint64Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const id: unknown = ids[i];
    if (typeof id === "number" && Number.isSafeInteger(id) && id >= 0) out[i] = BigInt(id);
    else if (typeof id === "bigint" && id >= 0n && id <= U64_MAX) out[i] = id;
    else
      throw new InvalidArgumentError(`${field}[${i}]`, "a non-negative safe integer or a bigint below 2^64", show(id));
  }
  return out;
}

function vectorArg(field: string, v: unknown, count: number, dim: number): Float32Array {
  if (!(v instanceof Float32Array)) throw new InvalidArgumentError(field, "a Float32Array", show(v));
  if (v.length !== count * dim) {
    throw new InvalidArgumentError(
      field,
      `${count * dim} values (${count} × dimension ${dim})`,
      `${v.length} values${v.length % dim === 0 ? ` (${v.length / dim} vectors)` : ""}`,
    );
  }
  return v;
}

function payloadColumns(payloads: unknown, count: number): PayloadColumn[] | undefined {
  if (payloads === undefined) return undefined;
  if (!Array.isArray(payloads) || payloads.length !== count) {
    throw new InvalidArgumentError("payloads", `an array of ${count} payload objects`, show(payloads));
  }
  const strings = new Map<string, { codes: Uint32Array; dict: Map<string, number> }>();
  const numbers = new Map<string, Float64Array>();
  for (let i = 0; i < count; i++) {
    const p: unknown = payloads[i];
    if (p === undefined || p === null) continue;
    if (typeof p !== "object") throw new InvalidArgumentError(`payloads[${i}]`, "an object", show(p));
    for (const [name, value] of Object.entries(p)) {
      if (typeof value === "string") {
        if (numbers.has(name))
          throw new InvalidArgumentError(`payloads[${i}].${name}`, "a number (as in earlier payloads)", show(value));
        let col = strings.get(name);
        if (col === undefined) {
          col = { codes: new Uint32Array(count), dict: new Map() };
          strings.set(name, col);
        }
        let code = col.dict.get(value);
        if (code === undefined) {
          code = col.dict.size + 1;
          col.dict.set(value, code);
        }
        col.codes[i] = code;
      } else if (typeof value === "number" && Number.isFinite(value)) {
        if (strings.has(name))
          throw new InvalidArgumentError(`payloads[${i}].${name}`, "a string (as in earlier payloads)", show(value));
        let col = numbers.get(name);
        if (col === undefined) {
          col = new Float64Array(count).fill(Number.NaN);
          numbers.set(name, col);
        }
        col[i] = value;
      } else {
        throw new InvalidArgumentError(`payloads[${i}].${name}`, "a string or a finite number", show(value));
      }
    }
  }
  const cols: PayloadColumn[] = [];
  for (const [name, c] of strings) cols.push({ name, codes: c.codes, dict: [...c.dict.keys()] });
  for (const [name, values] of numbers) cols.push({ name, numbers: values });
  return cols;
}

function filterConditions(filter: unknown): FilterCondition[] | undefined {
  if (filter === undefined) return undefined;
  if (filter === null || typeof filter !== "object" || Array.isArray(filter)) {
    throw new InvalidArgumentError("filter", "an object of field conditions", show(filter));
  }
  const out: FilterCondition[] = [];
  for (const [field, cond] of Object.entries(filter)) {
    const at = `filter.${field}`;
    if (typeof cond === "string") {
      out.push({ field, values: [cond] });
    } else if (cond !== null && typeof cond === "object" && "in" in cond) {
      const set: unknown = (cond as { in: unknown }).in;
      if (!Array.isArray(set) || set.some((s) => typeof s !== "string")) {
        throw new InvalidArgumentError(`${at}.in`, "an array of strings", show(set));
      }
      out.push({ field, values: set as string[] });
    } else if (cond !== null && typeof cond === "object") {
      const c: FilterCondition = { field };
      for (const [op, v] of Object.entries(cond)) {
        if (op !== "gte" && op !== "gt" && op !== "lte" && op !== "lt") {
          throw new InvalidArgumentError(`${at}`, "a string, { in: [...] } or { gte, gt, lte, lt }", `key "${op}"`);
        }
        if (typeof v !== "number" || Number.isNaN(v))
          throw new InvalidArgumentError(`${at}.${op}`, "a number", show(v));
        c[op] = v;
      }
      if (c.gte !== undefined && c.gt !== undefined)
        throw new InvalidArgumentError(at, "at most one of gte/gt", "both");
      if (c.lte !== undefined && c.lt !== undefined)
        throw new InvalidArgumentError(at, "at most one of lte/lt", "both");
      out.push(c);
    } else {
      throw new InvalidArgumentError(at, "a string, { in: [...] } or { gte, gt, lte, lt }", show(cond));
    }
  }
  return out;
}

function searchArgs(o: unknown): SearchArgs & { signal?: AbortSignal } {
  if (o === null || typeof o !== "object") throw new InvalidArgumentError("options", "an object with k", show(o));
  const opts = o as SearchOptions;
  const args: SearchArgs & { signal?: AbortSignal } = { k: int("k", opts.k, 1, MAX_K) };
  const ef = optInt("efSearch", opts.efSearch, 1, MAX_EF);
  if (ef !== undefined) args.efSearch = ef;
  const filter = filterConditions(opts.filter);
  if (filter !== undefined) args.filter = filter;
  if (opts.withPayloads === true) args.withPayloads = true;
  if (opts.exact === true) args.exact = true;
  if (opts.signal !== undefined) {
    if (!(opts.signal instanceof AbortSignal))
      throw new InvalidArgumentError("signal", "an AbortSignal", show(opts.signal));
    args.signal = opts.signal;
  }
  return args;
}

function results(h: NativeHits): SearchResult[] {
  const out: SearchResult[] = [];
  const payloads = h.payloads === undefined ? undefined : (JSON.parse(h.payloads) as Payload[]);
  let at = 0;
  for (const n of h.counts) {
    const r: SearchResult = { ids: h.ids.subarray(at, at + n), distances: h.distances.subarray(at, at + n) };
    if (payloads !== undefined) r.payloads = payloads.slice(at, at + n);
    out.push(r);
    at += n;
  }
  return out;
}

/** Inline searches may run until this much of one event-loop turn has passed (ms). */
const INLINE_TURN_BUDGET_MS = 1;
const DEFAULT_INLINE_MAX_MICROS = 250;
let inlineTurnOpen = false;
let inlineTurnStartedAt = 0;

function closeInlineTurn(): void {
  inlineTurnOpen = false;
}

/**
 * True when `expectMs` more of inline work fits this event-loop turn. A turn ends when the loop
 * reaches its check phase (a setImmediate armed by the first inline search of the turn), so a
 * chain of awaited searches yields to timers and I/O at least once per budget. The budget is wall
 * time since the turn's first inline search, so the caller's own work between searches counts too.
 */
function inlineFits(expectMs: number): boolean {
  const now = performance.now();
  if (!inlineTurnOpen) {
    inlineTurnOpen = true;
    inlineTurnStartedAt = now;
    setImmediate(closeInlineTurn).unref();
  }
  return now - inlineTurnStartedAt + expectMs <= INLINE_TURN_BUDGET_MS;
}

function aborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError("search cancelled", { reason: String(signal.reason) });
}

/** Races `p` against the signal: aborting rejects at once with CancelledError (and calls `onAbort`). */
function withSignal<T>(p: Promise<T>, signal: AbortSignal | undefined, what: string, onAbort?: () => void): Promise<T> {
  if (signal === undefined) return p;
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      onAbort?.();
      reject(new CancelledError(`${what} cancelled`, { reason: String(signal.reason) }));
    };
    signal.addEventListener("abort", abort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener("abort", abort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener("abort", abort);
        reject(e);
      },
    );
  });
}

/**
 * A vector collection (create with {@link createIndex} or {@link loadIndex}). Searches run
 * concurrently with each other; upserts and deletes wait for running searches and block new ones
 * while they run (a readers–writer lock inside the addon), all off the JS thread.
 */
export class VectorIndex {
  readonly #native: NativeIndex;
  readonly #dim: number;
  readonly #inlineMaxMicros: number;

  /** @internal Use {@link createIndex} or {@link loadIndex}. */
  constructor(handle: NativeIndex, inlineSearchMaxMicros = DEFAULT_INLINE_MAX_MICROS) {
    this.#native = handle;
    this.#dim = handle.stats().dim;
    this.#inlineMaxMicros = inlineSearchMaxMicros;
  }

  /** Components per vector. */
  get dim(): number {
    return this.#dim;
  }

  /** Live vectors. */
  get size(): number {
    return this.stats().size;
  }

  /** Bytes held by vectors, graph, ids and payloads. */
  get memoryBytes(): number {
    return this.stats().memoryBytes;
  }

  /** Configuration and counters (cheap, synchronous). */
  stats(): IndexStats {
    return callNative(() => this.#native.stats()) as IndexStats;
  }

  /**
   * Inserts vectors, or replaces those whose id exists (vector and payload). `vectors` is
   * row-major `ids.length × dim`; NaN/±Infinity are rejected. Builds the graph on the index's
   * worker threads. All or nothing: aborting `signal` stops the build and rejects with
   * CancelledError once the index is back exactly as before the call (ids that existed keep their
   * vectors and payloads; new ids are absent). An abort that arrives after the batch was fully
   * written has no effect and the call resolves. Any other failure also leaves the index as before.
   */
  async upsert(
    ids: Ids,
    vectors: Float32Array,
    payloads?: readonly (Payload | undefined)[],
    options: { signal?: AbortSignal } = {},
  ): Promise<void> {
    const idArr = toIds("ids", ids);
    const vec = vectorArg("vectors", vectors, idArr.length, this.#dim);
    const cols = payloadColumns(payloads, idArr.length);
    aborted(options.signal);
    const token = options.signal === undefined ? undefined : new (native().CancelToken)();
    const signal = options.signal;
    const onAbort = () => token?.cancel();
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      // Not raced against the signal: the promise settles only when the index is consistent
      // again, so a caller that sees CancelledError knows nothing was written.
      await awaitNative(this.#native.upsert(idArr, vec, cols, token));
    } finally {
      signal?.removeEventListener("abort", onAbort);
    }
  }

  /** Deletes ids; every id must exist (NotFoundError otherwise, and nothing is deleted). */
  async delete(ids: Ids): Promise<number> {
    return awaitNative(this.#native.delete(toIds("ids", ids)));
  }

  /** Repairs the graph around deleted vectors now (deletes do it automatically past 1 %). */
  async compact(): Promise<void> {
    await awaitNative(this.#native.compact());
  }

  /**
   * The k nearest vectors to `query` (`dim` values). Off the JS thread, except unfiltered
   * searches measured to be cheaper than the thread hop (see {@link InlineSearchOptions}).
   */
  async search(query: Float32Array, options: SearchOptions): Promise<SearchResult> {
    const q = vectorArg("query", query, 1, this.#dim);
    const { signal, ...args } = searchArgs(options);
    aborted(signal);
    if (args.filter === undefined && args.withPayloads !== true && args.exact !== true) {
      // Fast path: primitives in, caller-owned arrays out (fewer objects across the boundary).
      const k = args.k;
      const ids = new BigUint64Array(k);
      const distances = new Float32Array(k);
      const ef = args.efSearch ?? 0;
      let n = -1;
      if (this.#inlineMaxMicros > 0) {
        const typical = this.#native.typicalSearchMicros();
        if (typical > 0 && typical <= this.#inlineMaxMicros && inlineFits(typical / 1000)) {
          n = callNative(() => this.#native.searchIntoInline(q, k, ef, ids, distances));
        }
      }
      if (n < 0) n = await withSignal(awaitNative(this.#native.searchInto(q, k, ef, ids, distances)), signal, "search");
      return n === k ? { ids, distances } : { ids: ids.subarray(0, n), distances: distances.subarray(0, n) };
    }
    const hits = await withSignal(awaitNative(this.#native.search(q, args)), signal, "search");
    return results(hits)[0] as SearchResult;
  }

  /**
   * Like {@link search} but on the calling thread. Blocks the event loop for the duration of the
   * search (tens of microseconds on an HNSW index of a few hundred thousand vectors); prefer
   * {@link search} unless the latency of a thread hop matters more.
   */
  searchSync(query: Float32Array, options: Omit<SearchOptions, "signal">): SearchResult {
    const q = vectorArg("query", query, 1, this.#dim);
    const { signal: _unused, ...args } = searchArgs(options);
    if (args.filter === undefined && args.withPayloads !== true && args.exact !== true) {
      const ids = new BigUint64Array(args.k);
      const distances = new Float32Array(args.k);
      const n = callNative(() => this.#native.searchIntoSync(q, args.k, args.efSearch ?? 0, ids, distances));
      return n === args.k ? { ids, distances } : { ids: ids.subarray(0, n), distances: distances.subarray(0, n) };
    }
    return results(callNative(() => this.#native.searchSync(q, args)))[0] as SearchResult;
  }

  /**
   * Searches many queries in parallel on worker threads. `queries` is row-major
   * `n × dim` (or an array of `dim`-length rows). Resolves to one result per query, in order.
   */
  async searchBatch(
    queries: Float32Array | readonly Float32Array[],
    options: BatchSearchOptions,
  ): Promise<SearchResult[]> {
    let flat: Float32Array;
    if (queries instanceof Float32Array) {
      if (queries.length % this.#dim !== 0) {
        throw new InvalidArgumentError(
          "queries",
          `a multiple of dimension ${this.#dim} values`,
          `${queries.length} values`,
        );
      }
      flat = queries;
    } else if (Array.isArray(queries)) {
      flat = new Float32Array(queries.length * this.#dim);
      for (const [i, q] of queries.entries()) flat.set(vectorArg(`queries[${i}]`, q, 1, this.#dim), i * this.#dim);
    } else {
      throw new InvalidArgumentError("queries", "a Float32Array or an array of Float32Array", show(queries));
    }
    const { signal, ...args } = searchArgs(options);
    const threads = optInt("threads", options.threads, 0, 1024) ?? 0;
    aborted(signal);
    const token = signal === undefined ? undefined : new (native().CancelToken)();
    const hits = await withSignal(
      awaitNative(this.#native.searchBatch(flat, args, threads, token)),
      signal,
      "batch search",
      () => token?.cancel(),
    );
    return results(hits);
  }

  /** True when `id` is present. */
  has(id: number | bigint): boolean {
    return callNative(() => this.#native.contains(toIds("id", [id])))[0] === true;
  }

  /** The payload of `id` (NotFoundError when absent). */
  getPayload(id: number | bigint): Payload {
    const big = toIds("id", [id])[0] as bigint;
    return JSON.parse(callNative(() => this.#native.payload(big))) as Payload;
  }

  /**
   * Writes a snapshot to `path` (atomically: a temporary file renamed into place), off the JS
   * thread. Resolves to the file size in bytes.
   */
  async save(path: string): Promise<number> {
    if (typeof path !== "string" || path === "") throw new InvalidArgumentError("path", "a file path", show(path));
    return awaitNative(this.#native.save(path));
  }
}

/** Creates an empty index (cheap, synchronous). */
export function createIndex(options: CreateIndexOptions): VectorIndex {
  if (options === null || typeof options !== "object")
    throw new InvalidArgumentError("options", "an object with dim", show(options));
  const o = options as Partial<CreateIndexOptions>;
  const kind = oneOf("kind", o.kind, KINDS, "hnsw");
  const metric = oneOf("metric", o.metric, METRICS, "l2");
  const storage = oneOf("storage", o.storage, STORAGES, "f32");
  const dim = int("dim", o.dim, 1, 65_536);
  const cfg = {
    kind,
    dim,
    metric,
    storage,
    m: optInt("m", o.m, 2, 256),
    efConstruction: optInt("efConstruction", o.efConstruction, 1, MAX_EF),
    efSearch: optInt("efSearch", o.efSearch, 1, MAX_EF),
    threads: optInt("threads", o.threads, 0, 1024),
    seed: optInt("seed", o.seed, 0, 0xffff_ffff),
  };
  const inline = inlineMax(o.inlineSearchMaxMicros);
  const Native = native().NativeIndex;
  return new VectorIndex(
    callNative(() => new Native(cfg)),
    inline,
  );
}

function inlineMax(v: unknown): number {
  if (v === undefined) return DEFAULT_INLINE_MAX_MICROS;
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
    throw new InvalidArgumentError("inlineSearchMaxMicros", "a non-negative number of microseconds", show(v));
  }
  return v;
}

/** Options of {@link loadIndex}. */
export interface LoadIndexOptions extends InlineSearchOptions {
  /**
   * Serve vectors from a memory-mapped file instead of reading them into the heap (large indexes
   * load instantly and share the page cache; the first write copies them). The file must not be
   * modified while mapped. Default false.
   */
  mmap?: boolean;
}

/**
 * Loads a snapshot written by {@link VectorIndex.save}, off the JS thread. A truncated or
 * corrupted file (checksums, lengths and every graph link are verified) rejects with
 * SnapshotCorruptedError; a missing file with NotFoundError.
 */
export async function loadIndex(path: string, options: LoadIndexOptions = {}): Promise<VectorIndex> {
  if (typeof path !== "string" || path === "") throw new InvalidArgumentError("path", "a file path", show(path));
  const inline = inlineMax(options.inlineSearchMaxMicros);
  const handle = await awaitNative(native().loadIndex(path, options.mmap === true));
  return new VectorIndex(handle, inline);
}

/** The SIMD instruction set the distance kernels use on this CPU ("avx512", "avx2", "neon", "scalar"). */
export function cpuFeatures(): string {
  return native().cpuIsa();
}

/**
 * Measures memory read bandwidth in bytes/s: `threads` workers stream over a `bytes` buffer with
 * SIMD loads, best of `passes`. Used by the benchmark to relate flat-scan speed to the machine.
 */
export async function measureMemoryReadBandwidth(
  options: { bytes?: number; threads?: number; passes?: number } = {},
): Promise<number> {
  const bytes = options.bytes ?? 1 << 30;
  return awaitNative(native().memoryReadBandwidth(bytes, options.threads ?? 0, options.passes ?? 5));
}
