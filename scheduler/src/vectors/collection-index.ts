/**
 * One collection's in-memory index on this node: a vector-native index whose ids are the rows'
 * keys, the key → id map, the payload field types, and the generation of the database it
 * reflects.
 *
 * Changes are applied one at a time, in generation order, on a private queue: the initial build
 * from the rows, writes this node just committed (applied from memory when they are the next
 * generation), and catch-ups that read what other nodes wrote since ({@link CollectionStore.changes}).
 * Searches run on the native index concurrently with all of that (it has its own readers–writer
 * lock); a search first waits until the index has reached every generation this node has heard of.
 */
import type { Logger } from "@arbiter/core";
import {
  createIndex,
  type Payload as IndexPayload,
  type SearchOptions,
  type SearchResult,
  type VectorIndex,
} from "@arbiter/vector-native";
import type { CollectionConfig } from "./collection-config.ts";
import { type CollectionStore, decodeVectors, type VectorRow } from "./collection-store.ts";
import { type PayloadFields, toIndexPayload, type VectorPayload } from "./payload-schema.ts";

/** Rows read per query while building. */
const BUILD_PAGE_ROWS = 4096;

/** Thrown by a catch-up that finds the index cannot be patched: the cache replaces it. */
export class StaleIndexError extends Error {
  constructor(readonly reason: "gone" | "rebuild") {
    super(reason === "gone" ? "collection deleted or re-created" : "deletions were purged; rebuild");
  }
}

/** A write this node committed, to apply from memory. */
export type LocalWrite =
  | {
      readonly kind: "upsert";
      readonly keys: readonly number[];
      readonly ids: readonly string[];
      readonly vectors: Float32Array;
      readonly payloads: readonly (VectorPayload | undefined)[];
      readonly fields: PayloadFields;
    }
  | { readonly kind: "delete"; readonly keys: readonly number[] };

export class CollectionIndex {
  readonly config: CollectionConfig;
  readonly #store: CollectionStore;
  readonly #logger: Logger;
  readonly #index: VectorIndex;
  /** key → caller's id, for every vector in the index. */
  readonly #ids = new Map<number, string>();
  #fields: PayloadFields = {};
  /** Generation the index reflects. */
  #applied = -1;
  /** Highest generation this node has heard of. */
  #wanted = 0;
  #queue: Promise<void>;
  #catchUp: Promise<void> | undefined;
  /** Set when the index can no longer be trusted (a failed apply, a stale catch-up). */
  #failure: unknown;
  /** When the database last confirmed this incarnation (epoch ms). */
  verifiedAt = Date.now();

  /** Starts building from the rows; {@link ready} settles when the build is done. */
  constructor(config: CollectionConfig, store: CollectionStore, logger: Logger) {
    this.config = config;
    this.#store = store;
    this.#logger = logger;
    this.#index = createIndex({
      kind: config.kind,
      dim: config.dim,
      metric: config.metric,
      storage: config.storage,
      m: config.m,
      efConstruction: config.efConstruction,
      efSearch: config.efSearch,
    });
    this.#queue = this.#build().catch((err: unknown) => {
      this.#failure = err;
    });
  }

  /** Generation the index reflects (-1 while building). */
  get generation(): number {
    return this.#applied;
  }

  /** Payload field types as of {@link generation}. */
  get fields(): PayloadFields {
    return this.#fields;
  }

  /** Live vectors. */
  get size(): number {
    return this.#ids.size;
  }

  /** Bytes held by the native index. */
  get memoryBytes(): number {
    return this.#index.memoryBytes;
  }

  /** Why the index can no longer be used, if it can't. */
  get failure(): unknown {
    return this.#failure;
  }

  /** The caller's id of a key, if the vector is in the index. */
  idOf(key: number): string | undefined {
    return this.#ids.get(key);
  }

  /** Runs `op` after every change queued before it; a failure marks the index unusable. */
  #enqueue(op: () => Promise<void>): Promise<void> {
    const next = this.#queue.then(async () => {
      if (this.#failure !== undefined) throw this.#failure;
      try {
        await op();
      } catch (err) {
        this.#failure = err;
        throw err;
      }
    });
    this.#queue = next.catch(() => {});
    return next;
  }

  async #build(): Promise<void> {
    const started = performance.now();
    const { tenant, name, uid, dim } = this.config;
    // The generation first, then the rows: whatever the pages read, the catch-up below reapplies
    // every change after it, so the index ends exactly at a committed state.
    const version = await this.#store.version(tenant, name);
    if (!version || version.uid !== uid) throw new StaleIndexError("gone");
    let after = 0;
    for (;;) {
      const rows = await this.#store.scan(tenant, name, after, BUILD_PAGE_ROWS);
      if (rows.length === 0) break;
      await this.#upsertRows(rows);
      after = (rows[rows.length - 1] as VectorRow).key;
      if (rows.length < BUILD_PAGE_ROWS) break;
    }
    this.#applied = version.generation;
    await this.#catchUpNow();
    this.#logger.debug(
      {
        tenant,
        collection: name,
        uid,
        dim,
        vectors: this.#ids.size,
        generation: this.#applied,
        ms: Math.round(performance.now() - started),
      },
      "vector index built",
    );
  }

  async #upsertRows(rows: readonly VectorRow[]): Promise<void> {
    if (rows.length === 0) return;
    const vectors = new Float32Array(rows.length * this.config.dim);
    decodeVectors(rows, this.config.dim, vectors);
    const keys = rows.map((r) => r.key);
    await this.#index.upsert(
      keys,
      vectors,
      rows.map((r) => toIndexPayload(r.payload)),
    );
    for (const r of rows) this.#ids.set(r.key, r.id);
  }

  async #deleteKeys(keys: readonly number[]): Promise<void> {
    const present = keys.filter((k) => this.#ids.has(k));
    if (present.length === 0) return;
    await this.#index.delete(present);
    for (const k of present) this.#ids.delete(k);
  }

  async #catchUpNow(): Promise<void> {
    const { tenant, name, uid } = this.config;
    const from = this.#applied;
    const changes = await this.#store.changes(tenant, name, uid, from);
    if (changes.kind !== "changes") throw new StaleIndexError(changes.kind);
    this.#fields = changes.info.fields;
    if (changes.info.generation <= from) return;
    await this.#upsertRows(changes.rows);
    await this.#deleteKeys(changes.deletedKeys);
    this.#applied = changes.info.generation;
    this.#wanted = Math.max(this.#wanted, this.#applied);
    if (from >= 0) {
      this.#logger.debug(
        {
          tenant,
          collection: name,
          from,
          generation: this.#applied,
          written: changes.rows.length,
          deleted: changes.deletedKeys.length,
        },
        "vector index caught up",
      );
    }
  }

  /**
   * Notes that the database reached `generation` (another node's write) and starts catching up.
   * Concurrent notes share one catch-up.
   */
  noteGeneration(generation: number): void {
    if (generation <= this.#wanted) return;
    this.#wanted = generation;
    void this.#scheduleCatchUp().catch(() => {});
  }

  #scheduleCatchUp(): Promise<void> {
    this.#catchUp ??= this.#enqueue(async () => {
      this.#catchUp = undefined;
      if (this.#wanted > this.#applied) await this.#catchUpNow();
    });
    return this.#catchUp;
  }

  /**
   * Resolves when the index reflects every generation this node had heard of when called (one
   * catch-up reads up to the latest committed write, and a generation is heard of only after it
   * committed). Rejects when the index is unusable (the cache then replaces it).
   */
  async current(): Promise<void> {
    await this.#queue;
    if (this.#failure !== undefined) throw this.#failure;
    if (this.#wanted > this.#applied) await this.#scheduleCatchUp();
  }

  /**
   * Applies a write this node committed as `generation`: from memory when it is the next one,
   * by a catch-up from the database when others' writes came in between.
   */
  applyLocal(generation: number, write: LocalWrite): Promise<void> {
    this.#wanted = Math.max(this.#wanted, generation);
    return this.#enqueue(async () => {
      if (this.#applied >= generation) return;
      if (this.#applied !== generation - 1) {
        await this.#catchUpNow();
        return;
      }
      if (write.kind === "upsert") {
        await this.#index.upsert(write.keys, write.vectors, write.payloads.map(toIndexPayload));
        for (const [i, key] of write.keys.entries()) this.#ids.set(key, write.ids[i] as string);
        this.#fields = write.fields;
      } else {
        await this.#deleteKeys(write.keys);
      }
      this.#applied = generation;
    });
  }

  /** Searches the native index (call {@link current} first). */
  search(query: Float32Array, options: SearchOptions): Promise<SearchResult> {
    return this.#index.search(query, options);
  }

  /** The payload stored in the index for a key. */
  payloadOf(key: number): IndexPayload {
    return this.#index.getPayload(key);
  }
}
