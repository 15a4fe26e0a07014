/**
 * @arbiter/vector-native — SIMD vector search for Arbiter collections: exact and HNSW indexes,
 * f32/f16/8-bit storage, filtered search on typed payloads, snapshots. See README.md.
 */
export { SnapshotCorruptedError } from "./errors.ts";
export { type NativeLogger, setNativeLogger } from "./native-logger.ts";
export {
  type BatchSearchOptions,
  type CreateIndexOptions,
  cpuFeatures,
  createIndex,
  type FieldCondition,
  type Filter,
  type Ids,
  type IndexKind,
  type IndexStats,
  type InlineSearchOptions,
  type LoadIndexOptions,
  loadIndex,
  type Metric,
  measureMemoryReadBandwidth,
  type Payload,
  type PayloadValue,
  type RangeCondition,
  type SearchOptions,
  type SearchResult,
  type StorageType,
  VectorIndex,
} from "./vector-index.ts";
