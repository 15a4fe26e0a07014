/**
 * Vector collections of every tenant, as one in-process API: what the VectorService RPCs call, and
 * what the pipeline engine calls for `vector_search` nodes (no bus hop: the index lives in this
 * process). Every argument is checked here, so both callers get the same INVALID_ARGUMENT messages
 * (named after the arbiter.v1 fields). The tenant is explicit in every call and scopes every lookup:
 * a collection of another tenant does not exist for the caller (NOT_FOUND), and since each
 * collection has its own index, a search never returns another tenant's vector.
 */
import { type Bus, type Database, InvalidArgumentError, type Logger } from "@arbiter/core";
import {
  type CollectionConfig,
  type CollectionInfo,
  type CollectionSpec,
  estimateIndexBytes,
  intIn,
  MAX_EF,
  MAX_K,
  resolveSpec,
} from "./collection-config.ts";
import type { CollectionIndex } from "./collection-index.ts";
import { CollectionStore } from "./collection-store.ts";
import { IndexCache } from "./index-cache.ts";
import {
  compileFilter,
  fromIndexPayload,
  MATCHES_NOTHING,
  mergePayloadFields,
  type VectorFilter,
  type VectorPayload,
} from "./payload-schema.ts";

/** A vector to insert or replace. */
export interface VectorRecordInput {
  /** 1 to 256 characters, unique in the collection. */
  readonly id: string;
  /** Exactly the collection's dimension of finite values. */
  readonly values: Float32Array | readonly number[];
  /** Typed fields to filter on and return with hits. */
  readonly payload?: VectorPayload;
}

/** Options of {@link VectorCollections.search}. */
export interface VectorSearchOptions {
  /** Hits wanted, 1–10000. Fewer come back only when fewer vectors (matching the filter) exist. */
  readonly k: number;
  /** HNSW candidate list for this query, 1–4096; undefined or 0 keeps the collection's default. */
  readonly efSearch?: number;
  /** Only vectors whose payload satisfies every condition. */
  readonly filter?: VectorFilter;
  /** Return each hit's payload. Default true. */
  readonly includePayload?: boolean;
  /** Return each hit's stored values (read from the database). Default false. */
  readonly includeValues?: boolean;
  /** Scan every vector even on an HNSW collection. Default false. */
  readonly exact?: boolean;
  /** Aborting rejects with CANCELLED. */
  readonly signal?: AbortSignal;
}

/** One search result. */
export interface VectorHit {
  readonly id: string;
  /** Distance under the collection's metric: smaller is closer (l2: squared Euclidean; ip: 1 − a·b; cosine: 1 − cos). */
  readonly distance: number;
  /** With `includePayload` (the default). */
  readonly payload?: VectorPayload;
  /** With `includeValues`. */
  readonly values?: Float32Array;
}

/** A collection as reported to callers. */
export interface CollectionView extends CollectionInfo {
  /**
   * Bytes of the in-memory index on the node that answered (an estimate from the count and
   * configuration when that node has not loaded the collection).
   */
  readonly memoryBytes: number;
}

/** A page of collections. */
export interface CollectionList {
  readonly collections: readonly CollectionView[];
  /** Pass back to get the next page; empty on the last page. */
  readonly nextPageToken: string;
}

export interface VectorCollectionsOptions {
  db: Database;
  bus: Bus;
  /** This node's id (recognises its own change broadcasts). */
  nodeId: string;
  logger: Logger;
  /** See {@link IndexCacheOptions}. */
  revalidateMs?: number;
  /** See {@link IndexCacheOptions}. */
  idleMs?: number;
}

/** Most records of one upsert or ids of one delete. */
export const MAX_BATCH = 10_000;
const MAX_ID_LENGTH = 256;

function show(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
  if (Array.isArray(v)) return `a list of ${v.length}`;
  return String(v);
}

function checkName(field: string, name: unknown): string {
  if (typeof name !== "string" || name.length === 0)
    throw new InvalidArgumentError(field, "a collection name", show(name));
  return name;
}

function checkBatch(field: string, items: unknown): readonly unknown[] {
  if (!Array.isArray(items) || items.length === 0 || items.length > MAX_BATCH) {
    throw new InvalidArgumentError(
      field,
      `1 to ${MAX_BATCH} items`,
      Array.isArray(items) ? `${items.length}` : show(items),
    );
  }
  return items;
}

function checkIds(field: string, ids: readonly unknown[], idOf: (item: unknown) => unknown): string[] {
  const seen = new Map<string, number>();
  return ids.map((item, i) => {
    const id = idOf(item);
    const at = field.includes("%") ? field.replace("%", String(i)) : `${field}[${i}]`;
    if (typeof id !== "string" || id.length === 0 || id.length > MAX_ID_LENGTH) {
      throw new InvalidArgumentError(at, `an id of 1 to ${MAX_ID_LENGTH} characters`, show(id));
    }
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      throw new InvalidArgumentError(
        at,
        "ids that appear once per request",
        `${show(id)} again (first at ${field.includes("%") ? field.replace("%", String(earlier)) : `${field}[${earlier}]`})`,
      );
    }
    seen.set(id, i);
    return id;
  });
}

/**
 * Copies `values` into `out` at `offset`, checking the dimension and that every value is a finite
 * float32.
 */
function putVector(field: string, values: unknown, dim: number, out: Float32Array, offset: number): void {
  if (!(values instanceof Float32Array) && !Array.isArray(values)) {
    throw new InvalidArgumentError(field, `${dim} numbers`, show(values));
  }
  if (values.length !== dim) {
    throw new InvalidArgumentError(field, `${dim} values (the collection's dimension)`, `${values.length} values`);
  }
  out.set(values as ArrayLike<number>, offset);
  for (let j = 0; j < dim; j++) {
    const v = out[offset + j] as number;
    if (!Number.isFinite(v)) {
      const given: unknown = (values as ArrayLike<unknown>)[j];
      throw new InvalidArgumentError(
        `${field}[${j}]`,
        "a finite number (within float32 range)",
        typeof given === "number" ? String(given) : show(given),
      );
    }
  }
}

/** Vector collections of every tenant. Create one per scheduler node; {@link close} it on shutdown. */
export class VectorCollections {
  readonly #store: CollectionStore;
  readonly #cache: IndexCache;

  constructor(options: VectorCollectionsOptions) {
    this.#store = new CollectionStore(options.db);
    this.#cache = new IndexCache({
      store: this.#store,
      bus: options.bus,
      nodeId: options.nodeId,
      logger: options.logger,
      ...(options.revalidateMs !== undefined ? { revalidateMs: options.revalidateMs } : {}),
      ...(options.idleMs !== undefined ? { idleMs: options.idleMs } : {}),
    });
  }

  #view(info: CollectionInfo): CollectionView {
    const index = this.#cache.peek(info);
    return { ...info, memoryBytes: index ? index.memoryBytes : estimateIndexBytes(info, info.count) };
  }

  /** Creates an empty collection. ALREADY_EXISTS when the tenant has one of that name. */
  async create(tenant: string, spec: CollectionSpec): Promise<CollectionView> {
    return this.#view(await this.#store.create(tenant, resolveSpec(spec)));
  }

  /** One collection; NOT_FOUND when the tenant has none of that name. */
  async get(tenant: string, name: string): Promise<CollectionView> {
    return this.#view(await this.#store.get(tenant, checkName("name", name)));
  }

  /** True when the tenant has a collection of that name. */
  async exists(tenant: string, name: string): Promise<boolean> {
    return typeof name === "string" && name !== "" && (await this.#store.version(tenant, name)) !== undefined;
  }

  /** The tenant's collections in name order; `pageSize` 0–1000 (0 means 100). */
  async list(tenant: string, options: { pageSize?: number; pageToken?: string } = {}): Promise<CollectionList> {
    const pageSize = intIn("page_size", options.pageSize ?? 0, 0, 1000);
    const page = await this.#store.list(tenant, pageSize, options.pageToken ?? "");
    return { collections: page.collections.map((c) => this.#view(c)), nextPageToken: page.nextPageToken };
  }

  /** Deletes a collection and its vectors, here and in every node's memory. NOT_FOUND when absent. */
  async delete(tenant: string, name: string): Promise<void> {
    const uid = await this.#store.delete(tenant, checkName("name", name));
    this.#cache.afterDrop(tenant, name, uid);
  }

  async #config(tenant: string, name: string): Promise<CollectionConfig> {
    return this.#store.get(tenant, name);
  }

  /**
   * Inserts vectors, or replaces those whose id exists (values and payload), all or nothing.
   * Resolves once the write is committed (durable) — and visible to searches on every node that
   * has heard of it. Returns how many were written and how many of those are new.
   */
  async upsert(
    tenant: string,
    name: string,
    records: readonly VectorRecordInput[],
  ): Promise<{ upserted: number; inserted: number }> {
    checkName("collection", name);
    checkBatch("records", records);
    const ids = checkIds("records[%].id", records, (r) => (r as VectorRecordInput | null)?.id);
    const config = await this.#config(tenant, name);
    const vectors = new Float32Array(records.length * config.dim);
    const payloads: (VectorPayload | undefined)[] = [];
    for (const [i, r] of records.entries()) {
      putVector(`records[${i}].values`, r.values, config.dim, vectors, i * config.dim);
      if (
        r.payload !== undefined &&
        (r.payload === null || typeof r.payload !== "object" || Array.isArray(r.payload))
      ) {
        throw new InvalidArgumentError(`records[${i}].payload`, "an object of fields", show(r.payload));
      }
      payloads.push(r.payload);
    }
    const result = await this.#store.upsert(tenant, name, config.uid, { ids, vectors, payloads }, (current) =>
      mergePayloadFields(current, payloads, (i) => `records[${i}]`),
    );
    this.#cache.afterWrite(config, result.generation, {
      kind: "upsert",
      keys: result.keys,
      ids,
      vectors,
      payloads,
      fields: result.fields,
    });
    return { upserted: records.length, inserted: result.count };
  }

  /** Deletes vectors by id; ids that do not exist are skipped. Returns how many were deleted. */
  async deleteVectors(tenant: string, name: string, ids: readonly string[]): Promise<number> {
    checkName("collection", name);
    checkBatch("ids", ids);
    const checked = checkIds("ids", ids, (id) => id);
    const config = await this.#config(tenant, name);
    const result = await this.#store.deleteVectors(tenant, name, config.uid, checked);
    if (result.generation > 0) this.#cache.afterWrite(config, result.generation, { kind: "delete", keys: result.keys });
    return result.count;
  }

  /**
   * The `k` nearest vectors to `query`, nearest first, optionally filtered by payload. The
   * collection's index on this node is built on first use and kept current (see index-cache.ts).
   */
  async search(
    tenant: string,
    name: string,
    query: Float32Array | readonly number[],
    options: VectorSearchOptions,
  ): Promise<VectorHit[]> {
    checkName("collection", name);
    const k = intIn("k", options.k, 1, MAX_K);
    const ef =
      options.efSearch === undefined || options.efSearch === 0
        ? undefined
        : intIn("ef_search", options.efSearch, 1, MAX_EF);
    const index: CollectionIndex = await this.#cache.get(tenant, name);
    const { dim } = index.config;
    let q: Float32Array;
    if (query instanceof Float32Array && query.length === dim && query.every(Number.isFinite)) q = query;
    else {
      q = new Float32Array(dim);
      putVector("query", query, dim, q, 0);
    }
    const fields = index.fields;
    const filter = compileFilter(options.filter, fields);
    if (filter === MATCHES_NOTHING) return [];
    const withPayloads = options.includePayload !== false;
    const found = await index.search(q, {
      k,
      ...(ef !== undefined ? { efSearch: ef } : {}),
      ...(filter !== undefined ? { filter } : {}),
      ...(withPayloads ? { withPayloads: true } : {}),
      ...(options.exact === true ? { exact: true } : {}),
      ...(options.signal !== undefined ? { signal: options.signal } : {}),
    });
    const hits: { key: number; hit: { id: string; distance: number; payload?: VectorPayload } }[] = [];
    for (let i = 0; i < found.ids.length; i++) {
      const key = Number(found.ids[i]);
      const id = index.idOf(key);
      // A vector deleted by a write applied while this search ran.
      if (id === undefined) continue;
      const hit: { id: string; distance: number; payload?: VectorPayload } = {
        id,
        distance: found.distances[i] as number,
      };
      const payload = found.payloads?.[i];
      if (withPayloads) hit.payload = payload === undefined ? {} : fromIndexPayload(payload, fields);
      hits.push({ key, hit });
    }
    if (options.includeValues !== true || hits.length === 0) return hits.map((h) => h.hit);
    const values = await this.#store.valuesByKey(
      tenant,
      name,
      hits.map((h) => h.key),
      dim,
    );
    return hits.map((h) => ({ ...h.hit, values: values.get(h.key) ?? new Float32Array(0) }));
  }

  /** Stops listening for changes from other nodes and drops every in-memory index. */
  close(): void {
    this.#cache.close();
  }
}
