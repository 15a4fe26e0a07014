/**
 * Model records in the database. Every query is scoped by the caller's tenant: an object of
 * another tenant is indistinguishable from a missing one.
 */
import { createHash, randomUUID } from "node:crypto";
import {
  type Database,
  decodePageToken,
  encodePageToken,
  FailedPreconditionError,
  InvalidArgumentError,
  ModelAlreadyExistsError,
  ModelNotFoundError,
  NotFoundError,
  type Queryable,
  sqlState,
  UNIQUE_VIOLATION,
} from "@arbiter/core";
import {
  type Model,
  type ModelConfig,
  ModelConfigSchema,
  ModelSchema,
  type ModelSignature,
  ModelSignatureSchema,
  ModelState,
  type ModelUpload,
  type VersionSelector,
  VersionSelectorSchema,
} from "@arbiter/proto";
import { create, fromJson, type JsonValue, toJson } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";

/** Platform string of each artifact format, as the Open Inference Protocol names them. */
const PLATFORMS: Record<string, string> = { onnx: "onnxruntime_onnx" };

interface ModelRow {
  name: string;
  version: number;
  format: string;
  framework: string;
  platform: string;
  sha256: string;
  size_bytes: number;
  signature: JsonValue;
  config: JsonValue;
  labels: Record<string, string>;
  description: string;
  create_time: Date;
  aliases: string[] | null;
}

const MODEL_COLUMNS = `m.name, m.version, m.format, m.framework, m.platform, m.sha256, m.size_bytes, m.signature,
  m.config, m.labels, m.description, m.create_time,
  (SELECT array_agg(a.alias ORDER BY a.alias) FROM model_aliases a
    WHERE a.tenant_id = m.tenant_id AND a.model_name = m.name AND a.version = m.version) AS aliases`;

function toModel(row: ModelRow): Model {
  return create(ModelSchema, {
    name: row.name,
    version: BigInt(row.version),
    format: row.format,
    framework: row.framework,
    platform: row.platform,
    sha256: row.sha256,
    sizeBytes: BigInt(row.size_bytes),
    signature: fromJson(ModelSignatureSchema, row.signature),
    config: fromJson(ModelConfigSchema, row.config),
    labels: row.labels,
    aliases: row.aliases ?? [],
    description: row.description,
    state: ModelState.REGISTERED,
    createTime: timestampFromDate(row.create_time),
  });
}

/** Reads the signature of a model artifact; throws (INVALID_ARGUMENT) when the model does not load. */
export type ArtifactInspector = (artifact: Uint8Array, format: string) => Promise<ModelSignature>;

/** A page of models and the cursor of the next one. */
export interface ModelPage {
  models: Model[];
  nextPageToken: string;
}

/** The model registry's tables: artifacts, their pieces, model versions and aliases. */
export class ModelStore {
  /**
   * @param inspect reads a model's inputs and outputs from its artifact, failing for a model that
   *   does not load; without it, models are stored with the signature their uploader gave.
   * @param changed called after a version is added or deleted or its configuration replaced (the
   *   scheduler tells the other nodes, whose placement re-reads the desired replicas).
   */
  constructor(
    private readonly db: Database,
    private readonly inspect?: ArtifactInspector,
    private readonly changed: () => void = () => {},
  ) {}

  /** One version (exact, by alias, or the latest when the selector is empty). */
  async get(tenant: string, name: string, selector: VersionSelector | undefined): Promise<Model> {
    const sel = selector?.selector;
    let sql: string;
    let params: unknown[];
    if (sel?.case === "version") {
      sql = `SELECT ${MODEL_COLUMNS} FROM models m WHERE m.tenant_id = $1 AND m.name = $2 AND m.version = $3`;
      params = [tenant, name, Number(sel.value)];
    } else if (sel?.case === "alias") {
      sql = `SELECT ${MODEL_COLUMNS} FROM models m JOIN model_aliases a
        ON a.tenant_id = m.tenant_id AND a.model_name = m.name AND a.version = m.version
        WHERE m.tenant_id = $1 AND m.name = $2 AND a.alias = $3`;
      params = [tenant, name, sel.value];
    } else {
      sql = `SELECT ${MODEL_COLUMNS} FROM models m WHERE m.tenant_id = $1 AND m.name = $2 ORDER BY m.version DESC LIMIT 1`;
      params = [tenant, name];
    }
    const { rows } = await this.db.forTenant(tenant).query<ModelRow>(sql, params);
    const row = rows[0];
    if (!row) {
      const version =
        sel?.case === "version" ? String(sel.value) : sel?.case === "alias" ? `"${sel.value}"` : undefined;
      throw new ModelNotFoundError(tenant, name, version);
    }
    return toModel(row);
  }

  /** One exact version. */
  getVersion(tenant: string, name: string, version: number): Promise<Model> {
    return this.get(
      tenant,
      name,
      create(VersionSelectorSchema, { selector: { case: "version", value: BigInt(version) } }),
    );
  }

  /** The artifact's bytes, reassembled from its pieces. */
  async readArtifact(tenant: string, name: string, version: number): Promise<Uint8Array> {
    const { rows } = await this.db.forTenant(tenant).query<{ data: Uint8Array }>(
      `SELECT c.data FROM artifact_chunks c JOIN models m ON m.artifact_id = c.artifact_id
       WHERE m.tenant_id = $1 AND m.name = $2 AND m.version = $3 ORDER BY c.seq`,
      [tenant, name, version],
    );
    if (rows.length === 0) throw new ModelNotFoundError(tenant, name, String(version));
    return Buffer.concat(rows.map((r) => r.data));
  }

  /** Model versions ordered by (name, version), after the cursor. */
  async list(tenant: string, pageSize: number, pageToken: string, name: string): Promise<ModelPage> {
    const size = pageSize > 0 ? pageSize : 100;
    const params: unknown[] = [tenant, size + 1];
    let where = "m.tenant_id = $1";
    if (name) {
      params.push(name);
      where += ` AND m.name = $${params.length}`;
    }
    if (pageToken) {
      const [afterName, afterVersion] = decodePageToken<[string, number]>(
        pageToken,
        ["string", "number"],
        "ListModels",
      );
      params.push(afterName, afterVersion);
      where += ` AND (m.name, m.version) > ($${params.length - 1}, $${params.length})`;
    }
    const { rows } = await this.db
      .forTenant(tenant)
      .query<ModelRow>(
        `SELECT ${MODEL_COLUMNS} FROM models m WHERE ${where} ORDER BY m.name, m.version LIMIT $2`,
        params,
      );
    const more = rows.length > size;
    const page = more ? rows.slice(0, size) : rows;
    const last = page[page.length - 1];
    return { models: page.map(toModel), nextPageToken: more && last ? encodePageToken([last.name, last.version]) : "" };
  }

  /** Deletes one version, or all when `version` is 0, with their artifacts. Returns the count. */
  async delete(tenant: string, name: string, version: number): Promise<number> {
    const deleted = await this.db.forTenant(tenant).transaction(async (tx) => {
      const { rows } = await tx.query<{ artifact_id: string }>(
        version === 0
          ? "DELETE FROM models WHERE tenant_id = $1 AND name = $2 RETURNING artifact_id"
          : "DELETE FROM models WHERE tenant_id = $1 AND name = $2 AND version = $3 RETURNING artifact_id",
        version === 0 ? [tenant, name] : [tenant, name, version],
      );
      if (rows.length > 0) {
        await tx.query("DELETE FROM artifacts WHERE id = ANY($1::uuid[])", [rows.map((r) => r.artifact_id)]);
      }
      return rows.length;
    });
    if (deleted === 0) throw new ModelNotFoundError(tenant, name, version === 0 ? undefined : String(version));
    this.changed();
    return deleted;
  }

  /** Replaces a version's serving configuration; nodes that hold it apply it when they next load it. */
  async updateConfig(tenant: string, name: string, version: number, config: ModelConfig): Promise<Model> {
    const { rowCount } = await this.db
      .forTenant(tenant)
      .query("UPDATE models SET config = $4 WHERE tenant_id = $1 AND name = $2 AND version = $3", [
        tenant,
        name,
        version,
        JSON.stringify(toJson(ModelConfigSchema, config)),
      ]);
    if (rowCount === 0) throw new ModelNotFoundError(tenant, name, String(version));
    this.changed();
    return this.getVersion(tenant, name, version);
  }

  /**
   * Points `alias` at `version` in one statement, so every reader sees the old or the new target,
   * never none. Returns the version it pointed at before (0 if none).
   */
  async setAlias(tenant: string, name: string, alias: string, version: number): Promise<number> {
    await this.getVersion(tenant, name, version);
    const { rows } = await this.db.forTenant(tenant).query<{ previous: number | null }>(
      `WITH previous AS (SELECT version FROM model_aliases WHERE tenant_id = $1 AND model_name = $2 AND alias = $3)
       INSERT INTO model_aliases (tenant_id, model_name, alias, version) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, model_name, alias) DO UPDATE SET version = EXCLUDED.version
       RETURNING (SELECT version FROM previous) AS previous`,
      [tenant, name, alias, version],
    );
    return rows[0]?.previous ?? 0;
  }

  /** Removes an alias; NOT_FOUND when the model has no such alias. */
  async deleteAlias(tenant: string, name: string, alias: string): Promise<void> {
    const { rowCount } = await this.db
      .forTenant(tenant)
      .query("DELETE FROM model_aliases WHERE tenant_id = $1 AND model_name = $2 AND alias = $3", [
        tenant,
        name,
        alias,
      ]);
    if (rowCount === 0) throw new NotFoundError("alias", `${name}@${alias}`);
  }

  /** Fails with ALREADY_EXISTS when the exact version is taken. */
  async assertVersionFree(tenant: string, name: string, version: number): Promise<void> {
    if (version === 0) return;
    const { rows } = await this.db
      .forTenant(tenant)
      .query("SELECT 1 FROM models WHERE tenant_id = $1 AND name = $2 AND version = $3", [tenant, name, version]);
    if (rows.length > 0) throw new ModelAlreadyExistsError(tenant, name, String(version));
  }

  /** Starts an upload: an artifact in state 'uploading' that pieces are appended to. */
  async beginUpload(tenant: string): Promise<string> {
    const id = randomUUID();
    await this.db
      .forTenant(tenant)
      .query("INSERT INTO artifacts (id, tenant_id, state) VALUES ($1, $2, 'uploading')", [id, tenant]);
    return id;
  }

  /** Stores one piece of an upload. */
  async appendChunk(tenant: string, uploadId: string, seq: number, data: Uint8Array): Promise<void> {
    const { rowCount } = await this.db.forTenant(tenant).query(
      `INSERT INTO artifact_chunks (tenant_id, artifact_id, seq, data)
       SELECT tenant_id, id, $3, $4 FROM artifacts WHERE id = $1 AND tenant_id = $2 AND state = 'uploading'
       ON CONFLICT (artifact_id, seq) DO UPDATE SET data = EXCLUDED.data`,
      [uploadId, tenant, seq, data],
    );
    if (rowCount === 0) throw new NotFoundError("upload", uploadId);
  }

  /** Deletes an unfinished upload and its pieces; returns how many pieces went. */
  async abortUpload(tenant: string, uploadId: string): Promise<number> {
    const { rows } = await this.db.forTenant(tenant).query<{ n: number }>(
      `WITH gone AS (DELETE FROM artifacts WHERE id = $1 AND tenant_id = $2 AND state = 'uploading' RETURNING id)
       SELECT count(c.*)::int8 AS n FROM gone JOIN artifact_chunks c ON c.artifact_id = gone.id`,
      [uploadId, tenant],
    );
    return rows[0]?.n ?? 0;
  }

  /** Deletes uploads left unfinished for longer than `olderThanMs`; returns how many. */
  async sweepUploads(olderThanMs: number): Promise<number> {
    const { rowCount } = await this.db.query(
      "DELETE FROM artifacts WHERE state = 'uploading' AND create_time < now() - make_interval(secs => $1)",
      [olderThanMs / 1000],
    );
    return rowCount;
  }

  /**
   * Turns a finished upload into a model version, in one transaction: checks that every piece
   * arrived, computes the sha256, assigns the version and records the model. Whatever fails, the
   * upload is deleted, so no partial row or piece stays behind.
   */
  async commitUpload(
    tenant: string,
    uploadId: string,
    meta: ModelUpload,
    chunkCount: number,
    sizeBytes: number,
  ): Promise<Model> {
    try {
      const key = await this.db
        .forTenant(tenant)
        .transaction(async (tx) => this.commitIn(tx, tenant, uploadId, meta, chunkCount, sizeBytes));
      this.changed();
      return await this.getVersion(tenant, key.name, key.version);
    } catch (err) {
      await this.abortUpload(tenant, uploadId).catch(() => {});
      throw err;
    }
  }

  private async commitIn(
    tx: Queryable,
    tenant: string,
    uploadId: string,
    meta: ModelUpload,
    chunkCount: number,
    sizeBytes: number,
  ) {
    const { rows: artifacts } = await tx.query(
      "SELECT id FROM artifacts WHERE id = $1 AND tenant_id = $2 AND state = 'uploading' FOR UPDATE",
      [uploadId, tenant],
    );
    if (artifacts.length === 0) throw new NotFoundError("upload", uploadId);
    const { rows: chunks } = await tx.query<{ seq: number; data: Uint8Array }>(
      "SELECT seq, data FROM artifact_chunks WHERE artifact_id = $1 ORDER BY seq",
      [uploadId],
    );
    const hash = createHash("sha256");
    let size = 0;
    chunks.forEach((chunk, i) => {
      if (chunk.seq !== i) throw new FailedPreconditionError(`upload ${uploadId} is missing piece ${i}`, { uploadId });
      hash.update(chunk.data);
      size += chunk.data.byteLength;
    });
    if (chunks.length !== chunkCount || size !== sizeBytes) {
      throw new FailedPreconditionError(
        `upload ${uploadId} is incomplete: expected ${chunkCount} pieces and ${sizeBytes} bytes, stored ${chunks.length} pieces and ${size} bytes`,
        { uploadId },
      );
    }
    if (size === 0) throw new InvalidArgumentError("chunk", "a non-empty model artifact", "0 bytes");
    const sha256 = hash.digest("hex");
    if (meta.expectedSha256 && meta.expectedSha256 !== sha256) {
      throw new InvalidArgumentError(
        "metadata.expected_sha256",
        meta.expectedSha256,
        `an artifact whose sha256 is ${sha256}`,
      );
    }
    let version = Number(meta.version);
    if (version === 0) {
      const { rows } = await tx.query<{ next: number }>(
        "SELECT coalesce(max(version), 0) + 1 AS next FROM models WHERE tenant_id = $1 AND name = $2",
        [tenant, meta.name],
      );
      version = rows[0]?.next ?? 1;
    }
    const format = meta.format || "onnx";
    let signature = meta.signatureOverride ?? create(ModelSignatureSchema);
    if (this.inspect) {
      const inspected = await this.inspect(Buffer.concat(chunks.map((c) => c.data)), format);
      // The artifact decides the tensors; the uploader may name the classes.
      signature = create(ModelSignatureSchema, {
        inputs: inspected.inputs,
        outputs: inspected.outputs,
        classLabels: meta.signatureOverride?.classLabels.length
          ? meta.signatureOverride.classLabels
          : inspected.classLabels,
      });
    }
    try {
      await tx.query(
        `INSERT INTO models (tenant_id, name, version, artifact_id, format, framework, platform, sha256, size_bytes,
           signature, config, labels, description)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          tenant,
          meta.name,
          version,
          uploadId,
          format,
          meta.framework,
          PLATFORMS[format] ?? format,
          sha256,
          size,
          JSON.stringify(toJson(ModelSignatureSchema, signature)),
          JSON.stringify(toJson(ModelConfigSchema, meta.config ?? create(ModelConfigSchema))),
          JSON.stringify(meta.labels),
          meta.description,
        ],
      );
    } catch (err) {
      if (sqlState(err) === UNIQUE_VIOLATION)
        throw new ModelAlreadyExistsError(tenant, meta.name, String(version), { cause: err });
      throw err;
    }
    await tx.query("UPDATE artifacts SET state = 'committed', sha256 = $2, size_bytes = $3 WHERE id = $1", [
      uploadId,
      sha256,
      size,
    ]);
    return { name: meta.name, version };
  }
}
