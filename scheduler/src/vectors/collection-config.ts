/**
 * What a collection is: its fixed configuration (dimension, metric, index kind, storage, HNSW
 * parameters) and the checks a new one passes. Messages name the arbiter.v1 field.
 */
import { InvalidArgumentError } from "@arbiter/core";
import type { IndexKind, Metric, StorageType } from "@arbiter/vector-native";
import type { PayloadFields } from "./payload-schema.ts";

/** What a caller asks for when creating a collection; omitted settings take the defaults below. */
export interface CollectionSpec {
  /** 1 to 128 characters: letters, digits, `_`, `.`, `-`; starts with a letter or digit. */
  readonly name: string;
  /** Components per vector, 1–65536. */
  readonly dim: number;
  /** `"l2"` (squared Euclidean), `"ip"` (1 − a·b) or `"cosine"` (1 − cos). Required. */
  readonly metric: Metric;
  /** `"hnsw"` (default) or `"flat"` (exact scan). */
  readonly kind?: IndexKind;
  /** `"f32"` (default), `"f16"` or `"i8"`: how the in-memory index stores vectors. */
  readonly storage?: StorageType;
  /** HNSW links per node, 2–128; default 16. */
  readonly m?: number;
  /** HNSW candidate list while building, 1–4096; default 200. */
  readonly efConstruction?: number;
  /** Default HNSW candidate list while searching, 1–4096; default 64. */
  readonly efSearch?: number;
}

/** A collection's fixed configuration. */
export interface CollectionConfig {
  readonly tenant: string;
  readonly name: string;
  /** This incarnation of the name (a collection deleted and created again gets a new uid). */
  readonly uid: string;
  readonly dim: number;
  readonly metric: Metric;
  readonly kind: IndexKind;
  readonly storage: StorageType;
  readonly m: number;
  readonly efConstruction: number;
  readonly efSearch: number;
  readonly createTime: Date;
}

/** A collection as stored now: configuration plus what changes with writes. */
export interface CollectionInfo extends CollectionConfig {
  /** Live vectors. */
  readonly count: number;
  /** Bumped by every committed write of vectors. */
  readonly generation: number;
  /** Payload field types. */
  readonly fields: PayloadFields;
}

export const DEFAULT_M = 16;
export const DEFAULT_EF_CONSTRUCTION = 200;
export const DEFAULT_EF_SEARCH = 64;
export const MAX_DIM = 65_536;
/** Upper bounds of the HNSW parameters (arbiter.v1.HnswParams). */
export const MAX_M = 128;
export const MAX_EF = 4096;
/** Most results of one search. */
export const MAX_K = 10_000;

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const METRICS: readonly Metric[] = ["l2", "ip", "cosine"];
const KINDS: readonly IndexKind[] = ["flat", "hnsw"];
const STORAGES: readonly StorageType[] = ["f32", "f16", "i8"];

function show(v: unknown): string {
  return typeof v === "string" ? JSON.stringify(v) : String(v);
}

/** Checks an integer setting; `undefined` takes `dflt`. */
export function intIn(field: string, v: unknown, min: number, max: number, dflt?: number): number {
  if (v === undefined && dflt !== undefined) return dflt;
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
    throw new InvalidArgumentError(field, `an integer from ${min} to ${max}`, show(v));
  }
  return v;
}

/** Checks a collection name as given to CreateCollection. */
export function checkCollectionName(field: string, name: unknown): string {
  if (typeof name !== "string" || !NAME_PATTERN.test(name)) {
    throw new InvalidArgumentError(
      field,
      "1 to 128 letters, digits, '_', '.' or '-', starting with a letter or digit",
      show(name),
    );
  }
  return name;
}

function oneOf<T extends string>(field: string, v: unknown, allowed: readonly T[], dflt?: T): T {
  if (v === undefined && dflt !== undefined) return dflt;
  if (typeof v === "string" && (allowed as readonly string[]).includes(v)) return v as T;
  throw new InvalidArgumentError(field, `one of ${allowed.map((a) => `"${a}"`).join(", ")}`, show(v));
}

/** The configuration a create request asks for, with defaults applied (uid and time left to the store). */
export function resolveSpec(spec: CollectionSpec): Omit<CollectionConfig, "tenant" | "uid" | "createTime"> {
  const kind = oneOf("index", spec.kind, KINDS, "hnsw");
  return {
    name: checkCollectionName("name", spec.name),
    dim: intIn("dim", spec.dim, 1, MAX_DIM),
    metric: oneOf("metric", spec.metric, METRICS),
    kind,
    storage: oneOf("storage", spec.storage, STORAGES, "f32"),
    m: intIn("hnsw.m", spec.m, 2, MAX_M, DEFAULT_M),
    efConstruction: intIn("hnsw.ef_construction", spec.efConstruction, 1, MAX_EF, DEFAULT_EF_CONSTRUCTION),
    efSearch: intIn("hnsw.ef_search", spec.efSearch, 1, MAX_EF, DEFAULT_EF_SEARCH),
  };
}

/** Bytes one stored component takes in the in-memory index. */
export function bytesPerComponent(storage: StorageType): number {
  return storage === "f32" ? 4 : storage === "f16" ? 2 : 1;
}

/**
 * Memory an index of `count` vectors takes, roughly (vectors, HNSW links on layer 0, ids): what
 * GetCollection reports on a node that has not loaded the collection.
 */
export function estimateIndexBytes(config: CollectionConfig, count: number): number {
  const row = config.dim * bytesPerComponent(config.storage) + (config.storage === "i8" ? 12 : 0);
  const links = config.kind === "hnsw" ? 2 * config.m * 4 + 8 : 0;
  return count * (row + links + 16);
}
