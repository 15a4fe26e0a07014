/**
 * The in-memory indexes of one scheduler node, one per collection it has searched, and how they
 * stay coherent with the database and the other nodes:
 *
 * - built lazily from the rows on first use;
 * - writes served by this node are applied in place right after they commit;
 * - every committed write is broadcast on {@link VECTORS_CHANGED_SUBJECT} (a plain subscription:
 *   every node hears it) with the collection's uid and new generation; a node holding that index
 *   catches up from the database, and drops it when the collection was deleted or re-created;
 * - a search first waits until its index reached every generation the node has heard of, so a
 *   client that got an upsert acknowledged and then searches sees its vectors on any node (the
 *   broadcast is published before the acknowledgement);
 * - in case a broadcast was lost (a bus reconnect), an index in use is re-checked against the
 *   database at most every `revalidateMs`, in the background;
 * - an index not used for `idleMs` is dropped (rebuilt on next use).
 */
import { type Bus, type Logger, type Subscription, VECTORS_CHANGED_SUBJECT } from "@arbiter/core";
import type { CollectionConfig } from "./collection-config.ts";
import { CollectionIndex, type LocalWrite, StaleIndexError } from "./collection-index.ts";
import type { CollectionStore } from "./collection-store.ts";

/** The broadcast after a collection changed. */
interface ChangeNotice {
  tenant: string;
  collection: string;
  uid: string;
  /** The collection's generation after the write (0 with `dropped`). */
  generation: number;
  /** The collection was deleted. */
  dropped: boolean;
  /** Node that made the change (it applies its own writes in place). */
  origin: string;
}

export interface IndexCacheOptions {
  store: CollectionStore;
  bus: Bus;
  /** This node's id, to recognise its own broadcasts. */
  nodeId: string;
  logger: Logger;
  /** How often an index in use is re-checked against the database; default 5000 ms. */
  revalidateMs?: number;
  /** An index unused this long is dropped; default 30 minutes; 0 keeps indexes forever. */
  idleMs?: number;
}

interface Entry {
  index: CollectionIndex;
  lastUsed: number;
}

const keyOf = (tenant: string, name: string) => `${tenant}\u0000${name}`;

export class IndexCache {
  readonly #store: CollectionStore;
  readonly #bus: Bus;
  readonly #nodeId: string;
  readonly #logger: Logger;
  readonly #revalidateMs: number;
  readonly #idleMs: number;
  readonly #entries = new Map<string, Entry>();
  readonly #subscription: Subscription;
  readonly #sweeper: NodeJS.Timeout | undefined;

  constructor(options: IndexCacheOptions) {
    this.#store = options.store;
    this.#bus = options.bus;
    this.#nodeId = options.nodeId;
    this.#logger = options.logger;
    this.#revalidateMs = options.revalidateMs ?? 5000;
    this.#idleMs = options.idleMs ?? 30 * 60_000;
    this.#subscription = this.#bus.subscribe(VECTORS_CHANGED_SUBJECT, (message) => {
      try {
        this.#onNotice(JSON.parse(Buffer.from(message.data).toString("utf8")) as ChangeNotice);
      } catch (err) {
        this.#logger.warn({ err }, "ignoring a malformed vector change notice");
      }
    });
    if (this.#idleMs > 0) {
      this.#sweeper = setInterval(() => this.#sweep(), Math.min(this.#idleMs, 60_000));
      this.#sweeper.unref();
    }
  }

  /**
   * The current index of a collection, built if this node has none. Rejects with NOT_FOUND when
   * the tenant has no such collection.
   */
  async get(tenant: string, name: string): Promise<CollectionIndex> {
    for (let attempt = 0; ; attempt++) {
      const key = keyOf(tenant, name);
      let entry = this.#entries.get(key);
      if (entry === undefined) {
        const info = await this.#store.get(tenant, name);
        // Another call may have started the build while this one read the row.
        entry = this.#entries.get(key);
        if (entry === undefined || entry.index.config.uid !== info.uid) {
          entry = { index: new CollectionIndex(info, this.#store, this.#logger), lastUsed: Date.now() };
          this.#entries.set(key, entry);
        }
      }
      entry.lastUsed = Date.now();
      this.#revalidate(key, entry.index);
      try {
        await entry.index.current();
        return entry.index;
      } catch (err) {
        this.#evict(key, entry.index);
        if (!(err instanceof StaleIndexError) || attempt >= 2) throw err;
      }
    }
  }

  /** The index of a collection if this node holds one (no database access). */
  peek(config: Pick<CollectionConfig, "tenant" | "name" | "uid">): CollectionIndex | undefined {
    const index = this.#entries.get(keyOf(config.tenant, config.name))?.index;
    return index?.config.uid === config.uid ? index : undefined;
  }

  /**
   * After this node committed a write as `generation`: tells the other nodes, and applies it to
   * this node's index, if it holds one.
   */
  afterWrite(config: CollectionConfig, generation: number, write: LocalWrite): void {
    this.#publish({
      tenant: config.tenant,
      collection: config.name,
      uid: config.uid,
      generation,
      dropped: false,
      origin: this.#nodeId,
    });
    const index = this.peek(config);
    if (index === undefined) return;
    index.applyLocal(generation, write).catch((err: unknown) => {
      this.#logger.warn(
        { err, tenant: config.tenant, collection: config.name },
        "applying a write to the vector index failed; it will be rebuilt",
      );
      this.#evict(keyOf(config.tenant, config.name), index);
    });
  }

  /** After this node deleted a collection: drops its index here and on the other nodes. */
  afterDrop(tenant: string, name: string, uid: string): void {
    this.#publish({ tenant, collection: name, uid, generation: 0, dropped: true, origin: this.#nodeId });
    const entry = this.#entries.get(keyOf(tenant, name));
    if (entry) this.#evict(keyOf(tenant, name), entry.index);
  }

  /** Stops listening for changes and drops every index. */
  close(): void {
    this.#subscription.unsubscribe();
    if (this.#sweeper) clearInterval(this.#sweeper);
    this.#entries.clear();
  }

  #publish(notice: ChangeNotice): void {
    this.#bus.publish(VECTORS_CHANGED_SUBJECT, Buffer.from(JSON.stringify(notice)));
  }

  #onNotice(notice: ChangeNotice): void {
    if (notice.origin === this.#nodeId) return;
    const key = keyOf(notice.tenant, notice.collection);
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    if (notice.uid !== entry.index.config.uid) {
      // A write to another incarnation of the name: this index is of a collection since deleted
      // (news of an older incarnation's deletion changes nothing).
      if (!notice.dropped) this.#evict(key, entry.index);
      return;
    }
    if (notice.dropped) {
      this.#evict(key, entry.index);
      return;
    }
    entry.index.verifiedAt = Date.now();
    entry.index.noteGeneration(notice.generation);
  }

  #revalidate(key: string, index: CollectionIndex): void {
    const now = Date.now();
    if (now - index.verifiedAt < this.#revalidateMs) return;
    index.verifiedAt = now;
    const { tenant, name, uid } = index.config;
    this.#store.version(tenant, name).then(
      (version) => {
        if (!version || version.uid !== uid) this.#evict(key, index);
        else index.noteGeneration(version.generation);
      },
      (err: unknown) => this.#logger.warn({ err, tenant, collection: name }, "re-checking a vector index failed"),
    );
  }

  #evict(key: string, index: CollectionIndex): void {
    if (this.#entries.get(key)?.index === index) this.#entries.delete(key);
  }

  #sweep(): void {
    const cutoff = Date.now() - this.#idleMs;
    for (const [key, entry] of this.#entries) if (entry.lastUsed < cutoff) this.#entries.delete(key);
  }
}
