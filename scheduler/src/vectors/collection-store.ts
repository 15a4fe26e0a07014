/**
 * Vector collections in the database, the record every node's in-memory index is built from.
 * Every query is scoped by the caller's tenant: another tenant's collection is indistinguishable
 * from a missing one.
 *
 * Writes of vectors lock the collection's row first and bump its generation, so writes to one
 * collection commit one at a time, in generation order; a node that knows its index reflects
 * generation g asks for the changes after g ({@link CollectionStore.changes}). Deleted vectors
 * leave their key in `vector_deletions` for {@link DELETION_RETENTION_MS}; a node further behind
 * rebuilds from the rows.
 */
import { randomUUID } from "node:crypto";
import { endianness } from "node:os";
import {
  AlreadyExistsError,
  type Database,
  InternalError,
  InvalidArgumentError,
  NotFoundError,
  type Queryable,
  sqlState,
  UNIQUE_VIOLATION,
} from "@arbiter/core";
import type { IndexKind, Metric, StorageType } from "@arbiter/vector-native";
import type { CollectionConfig, CollectionInfo } from "./collection-config.ts";
import type { PayloadFields, VectorPayload } from "./payload-schema.ts";

/** How long deleted keys stay readable by nodes catching up (longer than any node stays behind unnoticed). */
export const DELETION_RETENTION_MS = 10 * 60_000;

const LITTLE_ENDIAN = endianness() === "LE";

interface CollectionRow {
  tenant_id: string;
  name: string;
  uid: string;
  dim: number;
  metric: Metric;
  index_kind: IndexKind;
  storage: StorageType;
  hnsw_m: number;
  hnsw_ef_construction: number;
  hnsw_ef_search: number;
  payload_fields: PayloadFields;
  vector_count: number;
  generation: number;
  purged_generation: number;
  create_time: Date;
}

const COLLECTION_COLUMNS = `tenant_id, name, uid::text AS uid, dim, metric, index_kind, storage, hnsw_m,
  hnsw_ef_construction, hnsw_ef_search, payload_fields, vector_count, generation, purged_generation, create_time`;

function toInfo(row: CollectionRow): CollectionInfo {
  return {
    tenant: row.tenant_id,
    name: row.name,
    uid: row.uid,
    dim: row.dim,
    metric: row.metric,
    kind: row.index_kind,
    storage: row.storage,
    m: row.hnsw_m,
    efConstruction: row.hnsw_ef_construction,
    efSearch: row.hnsw_ef_search,
    createTime: row.create_time,
    count: row.vector_count,
    generation: row.generation,
    fields: row.payload_fields,
  };
}

/** One stored vector. */
export interface VectorRow {
  /** The vector's id in in-memory indexes. */
  readonly key: number;
  /** The caller's id. */
  readonly id: string;
  /** `dim` float32 values, little-endian. */
  readonly vector: Uint8Array;
  readonly payload: VectorPayload;
}

/** Vectors to insert or replace: `vectors` holds `ids.length × dim` values, row-major. */
export interface UpsertBatch {
  readonly ids: readonly string[];
  readonly vectors: Float32Array;
  readonly payloads: readonly (VectorPayload | undefined)[];
}

/** A committed write. */
export interface WriteResult {
  /** The collection's generation after the write; 0 when nothing changed. */
  readonly generation: number;
  /** Keys of the written (upsert: in `ids` order) or deleted vectors. */
  readonly keys: readonly number[];
  /** Vectors that did not exist before (upsert) or were deleted. */
  readonly count: number;
  /** Payload field types after the write. */
  readonly fields: PayloadFields;
}

/** What changed in a collection after some generation, read in one snapshot. */
export type Changes =
  /** The collection is gone, or is another incarnation of the name. */
  | { readonly kind: "gone" }
  /** Deletions since then were purged: rebuild from the rows. */
  | { readonly kind: "rebuild" }
  | {
      readonly kind: "changes";
      readonly info: CollectionInfo;
      /** Vectors written after the generation (their current contents). */
      readonly rows: readonly VectorRow[];
      /** Keys deleted after the generation. */
      readonly deletedKeys: readonly number[];
    };

/** A page of collections and the cursor of the next one. */
export interface CollectionPage {
  readonly collections: readonly CollectionInfo[];
  readonly nextPageToken: string;
}

/** `vectors` as little-endian float32 bytes (a view when the host is little-endian). */
export function encodeVectors(vectors: Float32Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength);
  const out = new Uint8Array(vectors.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < vectors.length; i++) view.setFloat32(i * 4, vectors[i] as number, true);
  return out;
}

/** Writes stored rows' vectors into `out` (row `i` at `i × dim`). */
export function decodeVectors(rows: readonly { vector: Uint8Array }[], dim: number, out: Float32Array): void {
  const bytes = dim * 4;
  for (const [i, row] of rows.entries()) {
    if (row.vector.byteLength !== bytes) {
      throw new InternalError("stored vector has the wrong length", { expected: bytes, got: row.vector.byteLength });
    }
    if (LITTLE_ENDIAN) {
      new Uint8Array(out.buffer, out.byteOffset + i * bytes, bytes).set(row.vector);
    } else {
      const view = new DataView(row.vector.buffer, row.vector.byteOffset, row.vector.byteLength);
      for (let j = 0; j < dim; j++) out[i * dim + j] = view.getFloat32(j * 4, true);
    }
  }
}

function encodeCursor(name: string): string {
  return Buffer.from(name, "utf8").toString("base64url");
}

function decodeCursor(token: string): string {
  const name = Buffer.from(token, "base64url").toString("utf8");
  if (name === "" || encodeCursor(name) !== token) {
    throw new InvalidArgumentError(
      "page_token",
      "a token from a previous ListCollections response",
      JSON.stringify(token),
    );
  }
  return name;
}

const VECTOR_COLUMNS = "key, id, vector, payload";

/** The tables vector_collections, vectors and vector_deletions. */
export class CollectionStore {
  constructor(private readonly db: Database) {}

  /** Creates a collection; ALREADY_EXISTS when the tenant has one of that name. */
  async create(
    tenant: string,
    config: Omit<CollectionConfig, "tenant" | "uid" | "createTime">,
  ): Promise<CollectionInfo> {
    try {
      const { rows } = await this.db.forTenant(tenant).query<CollectionRow>(
        `INSERT INTO vector_collections (tenant_id, name, uid, dim, metric, index_kind, storage, hnsw_m,
           hnsw_ef_construction, hnsw_ef_search)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLLECTION_COLUMNS}`,
        [
          tenant,
          config.name,
          randomUUID(),
          config.dim,
          config.metric,
          config.kind,
          config.storage,
          config.m,
          config.efConstruction,
          config.efSearch,
        ],
      );
      return toInfo(rows[0] as CollectionRow);
    } catch (err) {
      if (sqlState(err) === UNIQUE_VIOLATION) throw new AlreadyExistsError("collection", config.name, { cause: err });
      throw err;
    }
  }

  /** The collection, or undefined. */
  async find(tenant: string, name: string): Promise<CollectionInfo | undefined> {
    const { rows } = await this.db
      .forTenant(tenant)
      .query<CollectionRow>(`SELECT ${COLLECTION_COLUMNS} FROM vector_collections WHERE tenant_id = $1 AND name = $2`, [
        tenant,
        name,
      ]);
    return rows[0] ? toInfo(rows[0]) : undefined;
  }

  /** The collection; NOT_FOUND when the tenant has none of that name. */
  async get(tenant: string, name: string): Promise<CollectionInfo> {
    const info = await this.find(tenant, name);
    if (!info) throw new NotFoundError("collection", name);
    return info;
  }

  /** The incarnation and generation of a collection (cheap: for checking a cached index). */
  async version(tenant: string, name: string): Promise<{ uid: string; generation: number } | undefined> {
    const { rows } = await this.db
      .forTenant(tenant)
      .query<{ uid: string; generation: number }>(
        "SELECT uid::text AS uid, generation FROM vector_collections WHERE tenant_id = $1 AND name = $2",
        [tenant, name],
      );
    return rows[0];
  }

  /** Collections in name order, after the cursor; `pageSize` 0 means 100. */
  async list(tenant: string, pageSize: number, pageToken: string): Promise<CollectionPage> {
    const size = pageSize > 0 ? pageSize : 100;
    const params: unknown[] = [tenant, size + 1];
    let where = "tenant_id = $1";
    if (pageToken) {
      params.push(decodeCursor(pageToken));
      where += " AND name > $3";
    }
    const { rows } = await this.db
      .forTenant(tenant)
      .query<CollectionRow>(
        `SELECT ${COLLECTION_COLUMNS} FROM vector_collections WHERE ${where} ORDER BY name LIMIT $2`,
        params,
      );
    const more = rows.length > size;
    const page = more ? rows.slice(0, size) : rows;
    const last = page[page.length - 1];
    return { collections: page.map(toInfo), nextPageToken: more && last ? encodeCursor(last.name) : "" };
  }

  /** Deletes a collection with its vectors; returns its uid. NOT_FOUND when absent. */
  async delete(tenant: string, name: string): Promise<string> {
    const { rows } = await this.db
      .forTenant(tenant)
      .query<{ uid: string }>(
        "DELETE FROM vector_collections WHERE tenant_id = $1 AND name = $2 RETURNING uid::text AS uid",
        [tenant, name],
      );
    if (!rows[0]) throw new NotFoundError("collection", name);
    return rows[0].uid;
  }

  /** Locks the collection's row for a write; NOT_FOUND when it is gone or another incarnation. */
  private async lock(tx: Queryable, tenant: string, name: string, uid: string): Promise<CollectionRow> {
    const { rows } = await tx.query<CollectionRow>(
      `SELECT ${COLLECTION_COLUMNS} FROM vector_collections WHERE tenant_id = $1 AND name = $2 FOR UPDATE`,
      [tenant, name],
    );
    const row = rows[0];
    if (!row || row.uid !== uid) throw new NotFoundError("collection", name);
    return row;
  }

  /**
   * Inserts or replaces vectors by id, in one transaction. `mergeFields` gets the collection's
   * payload field types (under the row lock) and returns them after this write, or throws to
   * refuse it. Ids must be distinct.
   */
  async upsert(
    tenant: string,
    name: string,
    uid: string,
    batch: UpsertBatch,
    mergeFields: (current: PayloadFields) => PayloadFields,
  ): Promise<WriteResult> {
    return this.db.forTenant(tenant).transaction(async (tx) => {
      const row = await this.lock(tx, tenant, name, uid);
      const fields = mergeFields(row.payload_fields);
      const generation = row.generation + 1;
      const { rows } = await tx.query<{ id: string; key: number; inserted: boolean }>(
        `INSERT INTO vectors (tenant_id, collection, id, vector, payload, generation)
         SELECT $1, $2, r.id, substring($4::bytea FROM ((r.i - 1) * $5::int + 1)::int FOR $5::int),
           COALESCE($6::jsonb -> (r.i - 1)::int, '{}'::jsonb), $7
         FROM unnest($3::text[]) WITH ORDINALITY AS r(id, i)
         ON CONFLICT (tenant_id, collection, id) DO UPDATE
           SET vector = EXCLUDED.vector, payload = EXCLUDED.payload, generation = EXCLUDED.generation, updated_at = now()
         RETURNING id, key, (xmax = 0) AS inserted`,
        [
          tenant,
          name,
          batch.ids,
          encodeVectors(batch.vectors),
          row.dim * 4,
          JSON.stringify(batch.payloads.map((p) => p ?? {})),
          generation,
        ],
      );
      const keyOf = new Map(rows.map((r) => [r.id, r.key]));
      const inserted = rows.reduce((n, r) => n + (r.inserted ? 1 : 0), 0);
      await tx.query(
        `UPDATE vector_collections SET generation = $3, vector_count = vector_count + $4, payload_fields = $5::jsonb
         WHERE tenant_id = $1 AND name = $2`,
        [tenant, name, generation, inserted, JSON.stringify(fields)],
      );
      return { generation, keys: batch.ids.map((id) => keyOf.get(id) as number), count: inserted, fields };
    });
  }

  /** Deletes vectors by id (unknown ids are skipped), in one transaction. */
  async deleteVectors(tenant: string, name: string, uid: string, ids: readonly string[]): Promise<WriteResult> {
    return this.db.forTenant(tenant).transaction(async (tx) => {
      const row = await this.lock(tx, tenant, name, uid);
      const { rows } = await tx.query<{ key: number }>(
        "DELETE FROM vectors WHERE tenant_id = $1 AND collection = $2 AND id = ANY($3::text[]) RETURNING key",
        [tenant, name, ids],
      );
      if (rows.length === 0) return { generation: 0, keys: [], count: 0, fields: row.payload_fields };
      const generation = row.generation + 1;
      const keys = rows.map((r) => r.key);
      await tx.query(
        `INSERT INTO vector_deletions (tenant_id, collection, generation, key)
         SELECT $1, $2, $3, k FROM unnest($4::int8[]) AS k`,
        [tenant, name, generation, keys],
      );
      // Deletions older than the retention are no longer needed by any node that keeps up.
      const { rows: purged } = await tx.query<{ through: number | null }>(
        `WITH gone AS (
           DELETE FROM vector_deletions WHERE tenant_id = $1 AND collection = $2
             AND delete_time < now() - make_interval(secs => $3::float8 / 1000) RETURNING generation)
         SELECT max(generation) AS through FROM gone`,
        [tenant, name, DELETION_RETENTION_MS],
      );
      const through = purged[0]?.through ?? null;
      await tx.query(
        `UPDATE vector_collections SET generation = $3, vector_count = vector_count - $4,
           purged_generation = GREATEST(purged_generation, $5::int8)
         WHERE tenant_id = $1 AND name = $2`,
        [tenant, name, generation, rows.length, through ?? 0],
      );
      return { generation, keys, count: rows.length, fields: row.payload_fields };
    });
  }

  /** Up to `limit` vectors with keys above `afterKey`, in key order (for building an index). */
  async scan(tenant: string, name: string, afterKey: number, limit: number): Promise<VectorRow[]> {
    const { rows } = await this.db.forTenant(tenant).query<VectorRow>(
      `SELECT ${VECTOR_COLUMNS} FROM vectors WHERE tenant_id = $1 AND collection = $2 AND key > $3
       ORDER BY key LIMIT $4`,
      [tenant, name, afterKey, limit],
    );
    return rows;
  }

  /** What changed in incarnation `uid` of a collection after generation `since`, in one snapshot. */
  async changes(tenant: string, name: string, uid: string, since: number): Promise<Changes> {
    return this.db.forTenant(tenant).transaction(async (tx) => {
      await tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
      const { rows } = await tx.query<CollectionRow>(
        `SELECT ${COLLECTION_COLUMNS} FROM vector_collections WHERE tenant_id = $1 AND name = $2`,
        [tenant, name],
      );
      const row = rows[0];
      if (!row || row.uid !== uid) return { kind: "gone" } as const;
      if (row.purged_generation > since) return { kind: "rebuild" } as const;
      if (row.generation <= since) return { kind: "changes", info: toInfo(row), rows: [], deletedKeys: [] } as const;
      const written = await tx.query<VectorRow>(
        `SELECT ${VECTOR_COLUMNS} FROM vectors WHERE tenant_id = $1 AND collection = $2 AND generation > $3`,
        [tenant, name, since],
      );
      const deleted = await tx.query<{ key: number }>(
        "SELECT key FROM vector_deletions WHERE tenant_id = $1 AND collection = $2 AND generation > $3",
        [tenant, name, since],
      );
      return {
        kind: "changes",
        info: toInfo(row),
        rows: written.rows,
        deletedKeys: deleted.rows.map((r) => r.key),
      } as const;
    });
  }

  /** Stored values of vectors by key (exact float32, whatever the index's storage). */
  async valuesByKey(
    tenant: string,
    name: string,
    keys: readonly number[],
    dim: number,
  ): Promise<Map<number, Float32Array>> {
    const { rows } = await this.db
      .forTenant(tenant)
      .query<{ key: number; vector: Uint8Array }>(
        "SELECT key, vector FROM vectors WHERE tenant_id = $1 AND collection = $2 AND key = ANY($3::int8[])",
        [tenant, name, keys],
      );
    const out = new Map<number, Float32Array>();
    for (const r of rows) {
      const v = new Float32Array(dim);
      decodeVectors([r], dim, v);
      out.set(r.key, v);
    }
    return out;
  }
}
