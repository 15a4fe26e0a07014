/**
 * VectorService's RPCs on the scheduler: arbiter.v1 messages in and out of {@link VectorCollections}
 * (which checks every value). Enums, payload values and filters are translated here; messages
 * name the arbiter.v1 fields (`records[3].values`, `filter.all[0].range`, `searches[2].k`).
 */
import { InvalidArgumentError } from "@arbiter/core";
import {
  type CollectionSchema,
  type CreateCollectionRequest,
  type Filter,
  IndexKind,
  Metric,
  type PayloadValueSchema,
  type PayloadValue as ProtoPayloadValue,
  type SearchHitSchema,
  type SearchRequest,
  VectorService,
  VectorStorage,
} from "@arbiter/proto";
import type { IndexKind as NativeKind, Metric as NativeMetric, StorageType } from "@arbiter/vector-native";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { type HandlerTable, handle } from "../rpc-router.ts";
import type { CollectionSpec } from "./collection-config.ts";
import type { PayloadValue, RangeMatch, VectorFilter, VectorPayload } from "./payload-schema.ts";
import type { CollectionView, VectorCollections, VectorHit } from "./vector-collections.ts";

const methods = VectorService.method;

const METRICS: ReadonlyMap<Metric, NativeMetric> = new Map([
  [Metric.L2, "l2"],
  [Metric.INNER_PRODUCT, "ip"],
  [Metric.COSINE, "cosine"],
]);
const KINDS: ReadonlyMap<IndexKind, NativeKind> = new Map([
  [IndexKind.FLAT, "flat"],
  [IndexKind.HNSW, "hnsw"],
]);
const STORAGES: ReadonlyMap<VectorStorage, StorageType> = new Map([
  [VectorStorage.F32, "f32"],
  [VectorStorage.F16, "f16"],
  [VectorStorage.I8, "i8"],
]);

function reverse<K, V>(map: ReadonlyMap<K, V>): ReadonlyMap<V, K> {
  return new Map([...map].map(([k, v]) => [v, k]));
}
const METRIC_ENUMS = reverse(METRICS);
const KIND_ENUMS = reverse(KINDS);
const STORAGE_ENUMS = reverse(STORAGES);

/** `value` through `map`; UNSPECIFIED (0) gives undefined when `optional`, anything unknown is refused. */
function fromEnum<E extends number, V>(
  field: string,
  value: E,
  map: ReadonlyMap<E, V>,
  names: Record<number, string>,
  prefix: string,
  optional: boolean,
): V | undefined {
  if (value === 0 && optional) return undefined;
  const v = map.get(value);
  if (v !== undefined) return v;
  const allowed = [...map.keys()].map((k) => `${prefix}${names[k]}`).join(", ");
  throw new InvalidArgumentError(
    field,
    `one of ${allowed}${optional ? " (or unset)" : ""}`,
    names[value] === undefined ? String(value) : `${prefix}${names[value]}`,
  );
}

/** A collection as arbiter.v1 reports it. */
export function toCollection(view: CollectionView): MessageInitShape<typeof CollectionSchema> {
  return {
    name: view.name,
    dim: view.dim,
    metric: METRIC_ENUMS.get(view.metric) ?? Metric.UNSPECIFIED,
    index: KIND_ENUMS.get(view.kind) ?? IndexKind.UNSPECIFIED,
    storage: STORAGE_ENUMS.get(view.storage) ?? VectorStorage.UNSPECIFIED,
    hnsw: { m: view.m, efConstruction: view.efConstruction, efSearch: view.efSearch },
    count: BigInt(view.count),
    memoryBytes: BigInt(view.memoryBytes),
  };
}

/** What a CreateCollectionRequest asks for (HNSW parameters of 0 take the defaults). */
export function specOf(req: CreateCollectionRequest): CollectionSpec {
  const kind = fromEnum("index", req.index, KINDS, IndexKind, "INDEX_KIND_", true);
  const storage = fromEnum("storage", req.storage, STORAGES, VectorStorage, "VECTOR_STORAGE_", true);
  const hnsw = req.hnsw;
  if (kind === "flat" && hnsw && (hnsw.m !== 0 || hnsw.efConstruction !== 0 || hnsw.efSearch !== 0)) {
    throw new InvalidArgumentError(
      "hnsw",
      "no HNSW parameters for an INDEX_KIND_FLAT collection",
      `m ${hnsw.m}, ef_construction ${hnsw.efConstruction}, ef_search ${hnsw.efSearch}`,
    );
  }
  return {
    name: req.name,
    dim: req.dim,
    metric: fromEnum("metric", req.metric, METRICS, Metric, "METRIC_", false) as NativeMetric,
    ...(kind !== undefined ? { kind } : {}),
    ...(storage !== undefined ? { storage } : {}),
    ...(hnsw?.m ? { m: hnsw.m } : {}),
    ...(hnsw?.efConstruction ? { efConstruction: hnsw.efConstruction } : {}),
    ...(hnsw?.efSearch ? { efSearch: hnsw.efSearch } : {}),
  };
}

/** A payload of arbiter.v1 values as the collections take it. */
export function payloadOf(field: string, payload: Record<string, ProtoPayloadValue>): VectorPayload {
  const out: Record<string, PayloadValue> = {};
  for (const [key, value] of Object.entries(payload)) {
    const kind = value.kind;
    if (kind.case === undefined) {
      throw new InvalidArgumentError(`${field}.${key}`, "a string_value, number_value or bool_value", "an empty value");
    }
    out[key] = kind.value;
  }
  return out;
}

function toProtoValue(value: PayloadValue): MessageInitShape<typeof PayloadValueSchema> {
  if (typeof value === "string") return { kind: { case: "stringValue", value } };
  if (typeof value === "number") return { kind: { case: "numberValue", value } };
  return { kind: { case: "boolValue", value } };
}

function toHit(hit: VectorHit): MessageInitShape<typeof SearchHitSchema> {
  const payload: Record<string, MessageInitShape<typeof PayloadValueSchema>> = {};
  for (const [key, value] of Object.entries(hit.payload ?? {})) payload[key] = toProtoValue(value);
  return { id: hit.id, distance: hit.distance, payload, values: hit.values ? Array.from(hit.values) : [] };
}

/**
 * A Filter as the collections take it: conditions on the same field combine (string sets
 * intersect, ranges narrow), as the AND of the message says.
 */
export function filterOf(filter: Filter | undefined): VectorFilter | undefined {
  if (filter === undefined || filter.all.length === 0) return undefined;
  const out: Record<string, string | readonly string[] | RangeMatch> = {};
  for (const [i, cond] of filter.all.entries()) {
    const at = `filter.all[${i}]`;
    if (cond.field === "") throw new InvalidArgumentError(`${at}.field`, "a payload field name", '""');
    const earlier = out[cond.field];
    const match = cond.match;
    switch (match.case) {
      case "equals":
      case "anyOf": {
        const values = match.case === "equals" ? [match.value] : match.value.values;
        if (values.length === 0) throw new InvalidArgumentError(`${at}.any_of.values`, "at least one value", "none");
        if (earlier !== undefined && typeof earlier !== "string" && !Array.isArray(earlier)) {
          throw new InvalidArgumentError(
            at,
            `conditions of one kind on field "${cond.field}"`,
            "a string condition after a range",
          );
        }
        // Several conditions on one field: their intersection (possibly empty, matching nothing).
        if (earlier === undefined) out[cond.field] = match.case === "equals" ? match.value : values;
        else {
          const before = typeof earlier === "string" ? [earlier] : (earlier as readonly string[]);
          out[cond.field] = before.filter((v) => values.includes(v));
        }
        break;
      }
      case "range": {
        if (earlier !== undefined && (typeof earlier === "string" || Array.isArray(earlier))) {
          throw new InvalidArgumentError(
            at,
            `conditions of one kind on field "${cond.field}"`,
            "a range after a string condition",
          );
        }
        const prev = (earlier ?? {}) as RangeMatch;
        const { gte, lte } = match.value;
        const range: { gte?: number; lte?: number } = {};
        const low = gte === undefined ? prev.gte : prev.gte === undefined ? gte : Math.max(gte, prev.gte);
        const high = lte === undefined ? prev.lte : prev.lte === undefined ? lte : Math.min(lte, prev.lte);
        if (low !== undefined) range.gte = low;
        if (high !== undefined) range.lte = high;
        out[cond.field] = range;
        break;
      }
      default:
        throw new InvalidArgumentError(at, "one of equals, any_of or range", "no condition");
    }
  }
  return out;
}

/** Adds the field path of one search of a batch to its INVALID_ARGUMENT. */
function within<T>(prefix: string, run: () => Promise<T>): Promise<T> {
  return run().catch((err: unknown) => {
    if (err instanceof InvalidArgumentError) {
      throw new InvalidArgumentError(`${prefix}.${err.field}`, err.expected, err.received, { cause: err });
    }
    throw err;
  });
}

async function search(collections: VectorCollections, tenant: string, req: SearchRequest) {
  const filter = filterOf(req.filter);
  const hits = await collections.search(tenant, req.collection, req.query, {
    k: req.k,
    efSearch: req.efSearch,
    ...(filter !== undefined ? { filter } : {}),
    includePayload: req.includePayload,
    includeValues: req.includeValues,
  });
  return { hits: hits.map(toHit) };
}

/** Registers VectorService's handlers in `table`. */
export function registerVectorHandlers(table: HandlerTable, collections: VectorCollections): void {
  handle(table, methods.createCollection, async (req, ctx) => ({
    collection: toCollection(await collections.create(ctx.tenant, specOf(req))),
  }));

  handle(table, methods.getCollection, async (req, ctx) => ({
    collection: toCollection(await collections.get(ctx.tenant, req.name)),
  }));

  handle(table, methods.listCollections, async (req, ctx) => {
    const page = await collections.list(ctx.tenant, { pageSize: req.pageSize, pageToken: req.pageToken });
    return { collections: page.collections.map(toCollection), nextPageToken: page.nextPageToken };
  });

  handle(table, methods.deleteCollection, async (req, ctx) => {
    await collections.delete(ctx.tenant, req.name);
    return {};
  });

  handle(table, methods.upsertVectors, async (req, ctx) => {
    const records = req.records.map((r, i) => ({
      id: r.id,
      values: r.values,
      payload: payloadOf(`records[${i}].payload`, r.payload),
    }));
    const { upserted } = await collections.upsert(ctx.tenant, req.collection, records);
    return { upserted: BigInt(upserted) };
  });

  handle(table, methods.deleteVectors, async (req, ctx) => ({
    deleted: BigInt(await collections.deleteVectors(ctx.tenant, req.collection, req.ids)),
  }));

  handle(table, methods.search, async (req, ctx) => search(collections, ctx.tenant, req));

  handle(table, methods.searchBatch, async (req, ctx) => {
    if (req.searches.length === 0) throw new InvalidArgumentError("searches", "1 to 1024 searches", "0");
    return {
      results: await Promise.all(
        req.searches.map((s, i) => within(`searches[${i}]`, () => search(collections, ctx.tenant, s))),
      ),
    };
  });
}
