/**
 * Pipeline versions and aliases in the database. Every query is scoped by the caller's tenant: a
 * pipeline of another tenant is indistinguishable from a missing one.
 *
 * A version's definition is stored as the arbiter.v1.Pipeline message in protobuf JSON; the
 * fields the server owns (version, aliases, create time) and those listed without the definition
 * (description, labels) live in columns and win over anything the definition holds.
 */
import { type Database, decodePageToken, encodePageToken, type Queryable } from "@arbiter/core";
import { type Pipeline, PipelineSchema, type VersionSelector, VersionSelectorSchema } from "@arbiter/proto";
import { clone, create, fromJson, type JsonValue, toJson } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { PipelineNotFoundError } from "./pipeline-errors.ts";

/** Page size of ListPipelines when the request sets none. */
export const DEFAULT_PIPELINE_PAGE_SIZE = 100;

interface PipelineRow {
  name: string;
  version: number;
  definition: JsonValue;
  description: string;
  labels: Record<string, string>;
  create_time: Date;
  aliases: string[] | null;
}

const PIPELINE_COLUMNS = `p.name, p.version, p.definition, p.description, p.labels, p.create_time,
  (SELECT array_agg(a.alias ORDER BY a.alias) FROM pipeline_aliases a
    WHERE a.tenant_id = p.tenant_id AND a.pipeline_name = p.name AND a.version = p.version) AS aliases`;

function toPipeline(row: PipelineRow): Pipeline {
  // Unknown fields are dropped, so a definition written by a newer build still reads.
  const pipeline = fromJson(PipelineSchema, row.definition, { ignoreUnknownFields: true });
  pipeline.name = row.name;
  pipeline.version = BigInt(row.version);
  pipeline.description = row.description;
  pipeline.labels = row.labels;
  pipeline.aliases = row.aliases ?? [];
  pipeline.createTime = timestampFromDate(row.create_time);
  return pipeline;
}

/** The definition as stored: the request's pipeline without the fields the server assigns. */
function definitionOf(pipeline: Pipeline): JsonValue {
  const stored = clone(PipelineSchema, pipeline);
  stored.version = 0n;
  stored.aliases = [];
  stored.createTime = undefined;
  return toJson(PipelineSchema, stored);
}

/** A page of pipeline versions and the cursor of the next one ("" on the last page). */
export interface PipelinePage {
  pipelines: Pipeline[];
  nextPageToken: string;
}

/** Describes a selector for NOT_FOUND messages: `3`, `"production"`, or undefined for latest. */
function selectorLabel(selector: VersionSelector | undefined): string | undefined {
  const sel = selector?.selector;
  if (sel?.case === "version") return String(sel.value);
  if (sel?.case === "alias") return `"${sel.value}"`;
  return undefined;
}

/** The pipeline registry's tables: pipeline versions and their aliases. */
export class PipelineStore {
  /**
   * @param changed called after a version is added or deleted or an alias moves, with the tenant
   *   and pipeline name (compiled pipelines and resolved selectors are forgotten there).
   */
  constructor(
    private readonly db: Database,
    private readonly changed: (tenant: string, name: string) => void = () => {},
  ) {}

  /**
   * Stores `pipeline` as the next version of its name (1 for a new name) and returns it as stored.
   * The version, aliases and create time of the request are ignored: the server assigns them.
   * Concurrent creates of one name get distinct, consecutive versions.
   */
  async create(tenant: string, pipeline: Pipeline): Promise<Pipeline> {
    const definition = JSON.stringify(definitionOf(pipeline));
    const version = await this.db.forTenant(tenant).transaction(async (tx) => {
      await lockName(tx, tenant, pipeline.name);
      const { rows } = await tx.query<{ version: number }>(
        `INSERT INTO pipelines (tenant_id, name, version, definition, description, labels)
         SELECT $1, $2, coalesce(max(version), 0) + 1, $3, $4, $5 FROM pipelines WHERE tenant_id = $1 AND name = $2
         RETURNING version`,
        [tenant, pipeline.name, definition, pipeline.description, JSON.stringify(pipeline.labels)],
      );
      return rows[0]?.version as number;
    });
    this.changed(tenant, pipeline.name);
    return this.getVersion(tenant, pipeline.name, version);
  }

  /** One version: exact, by alias, or the latest when the selector is empty. NOT_FOUND otherwise. */
  async get(tenant: string, name: string, selector: VersionSelector | undefined): Promise<Pipeline> {
    const sel = selector?.selector;
    let sql: string;
    let params: unknown[];
    if (sel?.case === "version") {
      sql = `SELECT ${PIPELINE_COLUMNS} FROM pipelines p WHERE p.tenant_id = $1 AND p.name = $2 AND p.version = $3`;
      params = [tenant, name, Number(sel.value)];
    } else if (sel?.case === "alias") {
      sql = `SELECT ${PIPELINE_COLUMNS} FROM pipelines p JOIN pipeline_aliases a
        ON a.tenant_id = p.tenant_id AND a.pipeline_name = p.name AND a.version = p.version
        WHERE p.tenant_id = $1 AND p.name = $2 AND a.alias = $3`;
      params = [tenant, name, sel.value];
    } else {
      sql = `SELECT ${PIPELINE_COLUMNS} FROM pipelines p WHERE p.tenant_id = $1 AND p.name = $2
        ORDER BY p.version DESC LIMIT 1`;
      params = [tenant, name];
    }
    const { rows } = await this.db.forTenant(tenant).query<PipelineRow>(sql, params);
    const row = rows[0];
    if (!row) throw new PipelineNotFoundError(tenant, name, selectorLabel(selector));
    return toPipeline(row);
  }

  /** One exact version. */
  getVersion(tenant: string, name: string, version: number): Promise<Pipeline> {
    return this.get(
      tenant,
      name,
      create(VersionSelectorSchema, { selector: { case: "version", value: BigInt(version) } }),
    );
  }

  /**
   * Pipeline versions in (name, version) order after the cursor, `pageSize` at most (0 means
   * {@link DEFAULT_PIPELINE_PAGE_SIZE}); only versions of `name` when it is set.
   */
  async list(tenant: string, pageSize: number, pageToken: string, name: string): Promise<PipelinePage> {
    const size = pageSize > 0 ? pageSize : DEFAULT_PIPELINE_PAGE_SIZE;
    const params: unknown[] = [tenant, size + 1];
    let where = "p.tenant_id = $1";
    if (name) {
      params.push(name);
      where += ` AND p.name = $${params.length}`;
    }
    if (pageToken) {
      const [afterName, afterVersion] = decodePageToken<[string, number]>(
        pageToken,
        ["string", "number"],
        "ListPipelines",
      );
      params.push(afterName, afterVersion);
      where += ` AND (p.name, p.version) > ($${params.length - 1}, $${params.length})`;
    }
    const { rows } = await this.db
      .forTenant(tenant)
      .query<PipelineRow>(
        `SELECT ${PIPELINE_COLUMNS} FROM pipelines p WHERE ${where} ORDER BY p.name, p.version LIMIT $2`,
        params,
      );
    const more = rows.length > size;
    const page = more ? rows.slice(0, size) : rows;
    const last = page[page.length - 1];
    return {
      pipelines: page.map(toPipeline),
      nextPageToken: more && last ? encodePageToken([last.name, last.version]) : "",
    };
  }

  /**
   * Deletes one version, or every version when `version` is 0, with the aliases that point at
   * them. Returns how many versions went; NOT_FOUND when none did.
   */
  async delete(tenant: string, name: string, version: number): Promise<number> {
    const { rowCount } = await this.db
      .forTenant(tenant)
      .query(
        version === 0
          ? "DELETE FROM pipelines WHERE tenant_id = $1 AND name = $2"
          : "DELETE FROM pipelines WHERE tenant_id = $1 AND name = $2 AND version = $3",
        version === 0 ? [tenant, name] : [tenant, name, version],
      );
    if (rowCount === 0) throw new PipelineNotFoundError(tenant, name, version === 0 ? undefined : String(version));
    this.changed(tenant, name);
    return rowCount;
  }

  /**
   * Points `alias` at `version` in one statement, so every reader sees the old or the new target,
   * never none. Returns the version it pointed at before (0 if none); NOT_FOUND when the version
   * does not exist.
   */
  async setAlias(tenant: string, name: string, alias: string, version: number): Promise<number> {
    const { rows } = await this.db.forTenant(tenant).query<{ previous: number | null }>(
      `WITH previous AS (
         SELECT version FROM pipeline_aliases WHERE tenant_id = $1 AND pipeline_name = $2 AND alias = $3
       )
       INSERT INTO pipeline_aliases (tenant_id, pipeline_name, alias, version)
       SELECT tenant_id, name, $3, version FROM pipelines WHERE tenant_id = $1 AND name = $2 AND version = $4
       ON CONFLICT (tenant_id, pipeline_name, alias) DO UPDATE SET version = EXCLUDED.version
       RETURNING (SELECT version FROM previous) AS previous`,
      [tenant, name, alias, version],
    );
    const row = rows[0];
    if (row === undefined) throw new PipelineNotFoundError(tenant, name, String(version));
    this.changed(tenant, name);
    return row.previous ?? 0;
  }
}

/**
 * Serialises version assignment per (tenant, name) until the transaction ends, so two creates of
 * one name never compute the same next version. Unrelated names rarely share a key (hash
 * collisions only make them wait for each other).
 */
async function lockName(tx: Queryable, tenant: string, name: string): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))", [`arbiter.pipelines/${tenant}`, name]);
}
