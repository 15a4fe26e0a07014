/**
 * Vector collections on a scheduler node (see README.md in this folder).
 *
 * In-process use (the pipeline engine's `vector_search` nodes): one {@link VectorCollections} per
 * node, created by `startScheduler` and shared with the RPC handlers.
 *
 * ```ts
 * const hits = await vectors.search(tenant, "catalog", queryEmbedding, {
 *   k: 10,
 *   filter: { category: ["shoes", "hats"], price: { lte: 50 }, in_stock: true },
 *   efSearch: 128,          // optional; 0/undefined = the collection's default
 *   signal: call.signal,    // aborting rejects with CANCELLED
 * });
 * // hits: [{ id: "sku-1", distance: 0.12, payload: { category: "shoes", price: 40, in_stock: true } }, ...]
 * // nearest first; distance under the collection's metric (smaller is closer)
 * await vectors.exists(tenant, "catalog"); // true / false, for registration checks
 * ```
 *
 * Errors: NotFoundError (`collection "x" not found`, also for another tenant's collection),
 * InvalidArgumentError naming the field (`query`, `query[3]`, `k`, `ef_search`, `filter.price`),
 * CancelledError when the signal aborts.
 */
export type { CollectionConfig, CollectionInfo, CollectionSpec } from "./collection-config.ts";
export type {
  FieldMatch,
  PayloadFields,
  PayloadFieldType,
  PayloadValue,
  RangeMatch,
  VectorFilter,
  VectorPayload,
} from "./payload-schema.ts";
export {
  type CollectionList,
  type CollectionView,
  VectorCollections,
  type VectorCollectionsOptions,
  type VectorHit,
  type VectorRecordInput,
  type VectorSearchOptions,
} from "./vector-collections.ts";
export { registerVectorHandlers } from "./vector-handlers.ts";
