/**
 * Recorded decisions (table `decisions`): written in batches by the audit writer, read back by
 * GetDecision, ListDecisions, request-id de-duplication and Replay. Every query is scoped by tenant.
 */
import { type Database, decodePageToken, encodePageToken, GroupCommit, NotFoundError } from "@arbiter/core";
import { type Decision, DecisionSchema, type PipelineValue, PipelineValueSchema } from "@arbiter/proto";
import { fromJson, type JsonObject, type JsonValue, toJson } from "@bufbuild/protobuf";
import { type Timestamp, timestampDate } from "@bufbuild/protobuf/wkt";

/** Why a row was written: a caller's decision, a shadow candidate's, or a replay's. */
export type DecisionKind = "live" | "shadow" | "replay";

/** One decision to record. */
export interface DecisionRow {
  tenant: string;
  kind: DecisionKind;
  /** The live decision a shadow or replay row stands beside. */
  shadowOf?: string;
  decision: Decision;
  inputs: Readonly<Record<string, PipelineValue>>;
  attributes: Readonly<Record<string, string>>;
}

/** A recorded decision with what it was asked. */
export interface RecordedDecision {
  decision: Decision;
  inputs: Record<string, PipelineValue>;
  attributes: Record<string, string>;
}

interface Row {
  decision: JsonValue;
  inputs: JsonObject;
  attributes: Record<string, string>;
}

function recorded(row: Row): RecordedDecision {
  const inputs: Record<string, PipelineValue> = {};
  for (const [name, value] of Object.entries(row.inputs)) inputs[name] = fromJson(PipelineValueSchema, value);
  return { decision: fromJson(DecisionSchema, row.decision), inputs, attributes: row.attributes };
}

const COLUMNS = "decision, inputs, attributes";

export class DecisionStore {
  constructor(private readonly db: Database) {}

  /**
   * Writes rows in one statement; returns the ids written. A row whose id, or whose live request id
   * on its pipeline, is recorded already is skipped (see decisions_by_live_request_id).
   */
  async insert(rows: readonly DecisionRow[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const params: unknown[] = [];
    const values = rows.map((r) => {
      const d = r.decision;
      params.push(
        d.id,
        r.tenant,
        d.pipeline,
        Number(d.pipelineVersion),
        r.kind,
        r.shadowOf ?? null,
        d.requestId,
        d.label,
        d.score,
        JSON.stringify(toJson(DecisionSchema, d)),
        JSON.stringify(
          Object.fromEntries(Object.entries(r.inputs).map(([k, v]) => [k, toJson(PipelineValueSchema, v)])),
        ),
        JSON.stringify(r.attributes),
        d.traceId,
        d.createTime ? timestampDate(d.createTime) : new Date(),
      );
      const n = params.length - 14;
      return `(${Array.from({ length: 14 }, (_, i) => `$${n + i + 1}`).join(", ")})`;
    });
    const { rows: written } = await this.db.query<{ id: string }>(
      `INSERT INTO decisions (id, tenant_id, pipeline, pipeline_version, kind, shadow_of, request_id, label, score,
         decision, inputs, attributes, trace_id, create_time)
       VALUES ${values.join(", ")} ON CONFLICT DO NOTHING RETURNING id`,
      params,
    );
    return new Set(written.map((r) => r.id));
  }

  /**
   * Writes one row, in one statement and commit with the rows other requests record at the same
   * time; true when it was written (false: its request id was recorded already).
   */
  record(row: DecisionRow): Promise<boolean> {
    return this.grouped.submit(row);
  }

  private readonly grouped = new GroupCommit<DecisionRow, boolean>(async (rows) => {
    const written = await this.insert(rows);
    return rows.map((r) => written.has(r.decision.id));
  });

  /** One recorded decision (live, shadow or replay) by id; NOT_FOUND otherwise. */
  async get(tenant: string, id: string): Promise<RecordedDecision> {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
    if (uuid) {
      const { rows } = await this.db
        .forTenant(tenant)
        .query<Row>(`SELECT ${COLUMNS} FROM decisions WHERE tenant_id = $1 AND id = $2`, [tenant, id]);
      if (rows[0]) return recorded(rows[0]);
    }
    throw new NotFoundError("decision", id);
  }

  /** The live decision already made for a caller's request id on a pipeline, if recorded. */
  async findByRequestId(tenant: string, pipeline: string, requestId: string): Promise<Decision | undefined> {
    const { rows } = await this.db.forTenant(tenant).query<Row>(
      `SELECT ${COLUMNS} FROM decisions
       WHERE tenant_id = $1 AND request_id = $2 AND pipeline = $3 AND kind = 'live'
       ORDER BY create_time LIMIT 1`,
      [tenant, requestId, pipeline],
    );
    return rows[0] ? recorded(rows[0]).decision : undefined;
  }

  /** Live decisions, newest first, filtered by pipeline, label and time. */
  async list(
    tenant: string,
    filter: { pipeline: string; label: string; since: Timestamp | undefined },
    pageSize: number,
    pageToken: string,
  ): Promise<{ decisions: Decision[]; nextPageToken: string }> {
    const size = pageSize > 0 ? Math.min(pageSize, 1000) : 100;
    const where = ["tenant_id = $1", "kind = 'live'"];
    const params: unknown[] = [tenant];
    if (filter.pipeline) where.push(`pipeline = $${params.push(filter.pipeline)}`);
    if (filter.label) where.push(`label = $${params.push(filter.label)}`);
    if (filter.since) where.push(`create_time >= $${params.push(timestampDate(filter.since))}`);
    if (pageToken) {
      const [time, id] = decodePageToken<[string, string]>(pageToken, ["string", "string"], "ListDecisions");
      where.push(`(create_time, id) < ($${params.push(time)}::timestamptz, $${params.push(id)}::uuid)`);
    }
    const { rows } = await this.db.forTenant(tenant).query<Row & { create_time: Date | string; id: string }>(
      `SELECT ${COLUMNS}, create_time, id FROM decisions WHERE ${where.join(" AND ")}
       ORDER BY create_time DESC, id DESC LIMIT ${size + 1}`,
      params,
    );
    const page = rows.slice(0, size);
    const last = page[page.length - 1];
    return {
      decisions: page.map((r) => recorded(r).decision),
      nextPageToken:
        rows.length > size && last ? encodePageToken([new Date(last.create_time).toISOString(), last.id]) : "",
    };
  }

  /** Recorded live decisions of a pipeline in a time range, oldest first (what Replay re-runs). */
  async forReplay(
    tenant: string,
    pipeline: string,
    since: Timestamp | undefined,
    until: Timestamp | undefined,
    limit: number,
  ): Promise<RecordedDecision[]> {
    const where = ["tenant_id = $1", "pipeline = $2", "kind = 'live'"];
    const params: unknown[] = [tenant, pipeline];
    if (since) where.push(`create_time >= $${params.push(timestampDate(since))}`);
    if (until) where.push(`create_time < $${params.push(timestampDate(until))}`);
    const { rows } = await this.db
      .forTenant(tenant)
      .query<Row>(
        `SELECT ${COLUMNS} FROM decisions WHERE ${where.join(" AND ")} ORDER BY create_time, id LIMIT ${limit}`,
        params,
      );
    return rows.map(recorded);
  }
}
