/**
 * The audit log in PostgreSQL (table audit_events): rows are written in batches through a
 * {@link GroupCommit}, so recording a call costs it nothing (the caller does not wait for the
 * write), and many concurrent calls share one statement and one commit. Read back per tenant,
 * newest first.
 */
import { randomUUID } from "node:crypto";
import {
  type Database,
  DEFAULT_TENANT,
  decodePageToken,
  encodePageToken,
  GroupCommit,
  type Logger,
} from "@arbiter/core";
import { type AuditEvent, AuditEventSchema } from "@arbiter/proto";
import { create } from "@bufbuild/protobuf";
import type { Timestamp } from "@bufbuild/protobuf/wkt";

/** One row of the audit log, as a recorder hands it over. */
export interface AuditRecord {
  readonly tenant: string;
  readonly principalId: string;
  /** "arbiter.v1.PipelineService/DeletePipeline", or "auth.failure". */
  readonly action: string;
  /** "pipeline/fraud/3", or "" when the call named none. */
  readonly object: string;
  /** gRPC status code name: "OK", "NOT_FOUND", ... */
  readonly outcome: string;
  readonly peerAddress: string;
  readonly traceId: string;
  /**
   * True when a tenant that does not exist (a failed login naming any tenant it likes) files the
   * row under the default tenant instead; otherwise such a row (its tenant just deleted) is dropped.
   */
  readonly orDefaultTenant?: boolean;
}

/** What ListAuditEvents filters by. */
export interface AuditFilter {
  readonly since: Timestamp | undefined;
  readonly principalId: string;
  readonly action: string;
}

/** Rows waiting for a write beyond this are dropped (with a warning): a stalled database must not grow memory without limit. */
const MAX_PENDING = 10_000;
const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;
const COLUMNS = 9;
const TIME_MICROS = "(extract(epoch FROM time) * 1000000)::int8";

interface Row {
  id: string;
  tenant_id: string;
  principal_id: string;
  action: string;
  object: string;
  outcome: string;
  peer_address: string;
  trace_id: string;
  time_micros: number;
}

/** The audit log of every tenant; see the module comment. */
export class AuditStore {
  private pending = new Set<Promise<void>>();
  private dropped = 0;
  /** Microseconds since the epoch of the last row stamped here: each row gets a later one, so the order of one node's rows is the order its calls ended. */
  private lastMicros = 0;

  private readonly grouped = new GroupCommit<AuditRecord & { id: string; micros: number }, void>(async (rows) => {
    const params: unknown[] = [];
    const values = rows.map((r) => {
      params.push(
        r.id,
        r.tenant,
        r.principalId,
        r.action,
        r.object,
        r.outcome,
        r.peerAddress,
        r.traceId,
        r.micros,
        r.orDefaultTenant === true,
      );
      const n = params.length - COLUMNS - 1;
      return `($${n + 1}::uuid, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6}, $${n + 7}, $${n + 8}, $${n + 9}::int8, $${n + 10}::boolean)`;
    });
    const fallback = `$${params.push(DEFAULT_TENANT)}`;
    await this.db.query(
      `INSERT INTO audit_events (id, tenant_id, principal_id, action, object, outcome, peer_address, trace_id, time)
       SELECT v.id, COALESCE(t.id, ${fallback}), v.principal_id, v.action, v.object, v.outcome,
              v.peer_address, v.trace_id, ${atMicros("v.micros")}
       FROM (VALUES ${values.join(", ")})
         AS v (id, tenant_id, principal_id, action, object, outcome, peer_address, trace_id, micros, or_default)
       LEFT JOIN tenants t ON t.id = v.tenant_id
       WHERE t.id IS NOT NULL OR v.or_default`,
      params,
    );
    return rows.map(() => undefined);
  });

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
  ) {}

  /**
   * Queues a row for the next batch and returns at once; the time is now. A failed write is
   * logged, not retried (the call it records has long been answered).
   */
  record(record: AuditRecord): void {
    if (this.pending.size >= MAX_PENDING) {
      if (this.dropped++ % 1000 === 0)
        this.logger.warn({ dropped: this.dropped }, "audit log backlog full; dropping rows");
      return;
    }
    const now = Math.floor((performance.timeOrigin + performance.now()) * 1000);
    this.lastMicros = Math.max(now, this.lastMicros + 1);
    const written = this.grouped
      .submit({ ...record, id: randomUUID(), micros: this.lastMicros })
      .catch((err: unknown) => this.logger.warn({ err, action: record.action }, "writing an audit row failed"))
      .finally(() => this.pending.delete(written));
    this.pending.add(written);
  }

  /** Resolves once every row recorded so far is written (or its write failed). */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /** A page of the tenant's rows, newest first. */
  async list(
    tenant: string,
    filter: AuditFilter,
    pageSize: number,
    pageToken: string,
  ): Promise<{ events: AuditEvent[]; nextPageToken: string }> {
    const size = pageSize > 0 ? Math.min(pageSize, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
    const params: unknown[] = [tenant];
    const where = ["tenant_id = $1"];
    if (filter.since) where.push(`time >= ${atMicros(params.push(microsOf(filter.since)))}`);
    if (filter.principalId) where.push(`principal_id = $${params.push(filter.principalId)}`);
    if (filter.action) where.push(`action = $${params.push(filter.action)}`);
    if (pageToken) {
      const [micros, id] = decodePageToken<[number, string]>(pageToken, ["number", "string"], "ListAuditEvents");
      where.push(`(time, id) < (${atMicros(params.push(micros))}, $${params.push(id)}::uuid)`);
    }
    const { rows } = await this.db.forTenant(tenant).query<Row>(
      `SELECT id, tenant_id, principal_id, action, object, outcome, peer_address, trace_id, ${TIME_MICROS} AS time_micros
       FROM audit_events WHERE ${where.join(" AND ")}
       ORDER BY time DESC, id DESC LIMIT ${size + 1}`,
      params,
    );
    const page = rows.slice(0, size);
    const last = page[page.length - 1];
    return {
      events: page.map(toEvent),
      nextPageToken: rows.length > size && last ? encodePageToken([Number(last.time_micros), last.id]) : "",
    };
  }
}

/** SQL of the timestamptz `micros` microseconds after the epoch (exact, unlike to_timestamp's double); a number is a parameter's position. */
function atMicros(micros: number | string): string {
  const value = typeof micros === "number" ? `$${micros}::int8` : micros;
  return `('epoch'::timestamptz + ${value} * interval '1 microsecond')`;
}

function microsOf(t: Timestamp): number {
  return Number(t.seconds) * 1_000_000 + Math.floor(t.nanos / 1000);
}

function toEvent(row: Row): AuditEvent {
  const micros = Number(row.time_micros);
  return create(AuditEventSchema, {
    id: row.id,
    tenant: row.tenant_id,
    principalId: row.principal_id,
    action: row.action,
    object: row.object,
    outcome: row.outcome,
    peerAddress: row.peer_address,
    traceId: row.trace_id,
    time: { seconds: BigInt(Math.floor(micros / 1_000_000)), nanos: (micros % 1_000_000) * 1000 },
  });
}
