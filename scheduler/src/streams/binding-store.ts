/**
 * Stream bindings and the events they settled, in PostgreSQL. The `stream_events` row of an event
 * (keyed by its message id) is the record that makes a redelivered or republished event produce
 * no second decision: it is written once, before the decision is published, and the decision is
 * published from it until it is marked published.
 */
import {
  AlreadyExistsError,
  type Database,
  decodePageToken,
  encodePageToken,
  GroupCommit,
  NotFoundError,
  sqlState,
  subjectToken,
  UNIQUE_VIOLATION,
} from "@arbiter/core";
import { type StreamBinding, StreamBindingSchema, StreamOrdering, VersionSelectorSchema } from "@arbiter/proto";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";

/** Subjects events are published on: `arbiter.events.<tenant>.<binding>`. */
export const EVENT_SUBJECTS = "arbiter.events.>";
/** Subjects decisions are published on; a binding's output subject is under its tenant's. */
export const DECISION_SUBJECTS = "arbiter.decisions.>";

/** The subject a binding reads. */
export function inputSubject(tenant: string, name: string): string {
  return `arbiter.events.${subjectToken(tenant)}.${name}`;
}

/** The subjects a tenant's decisions may go to (and the default of a binding, with its name). */
export function decisionPrefix(tenant: string): string {
  return `arbiter.decisions.${subjectToken(tenant)}.`;
}

/** The JetStream consumer of a binding (every scheduler shares it). */
export function consumerName(tenant: string, name: string): string {
  return `binding-${subjectToken(tenant)}-${name}`.replace(/~/g, "_");
}

/** A binding as the processors need it. */
export interface BindingRow {
  readonly tenant: string;
  readonly name: string;
  readonly pipeline: string;
  readonly selector: Uint8Array;
  readonly inputSubject: string;
  readonly outputSubject: string;
  readonly ordering: "ordered" | "parallel";
  readonly maxInFlight: number;
  readonly maxAttempts: number;
}

/** An event's outcome to record. */
export interface EventOutcome {
  readonly tenant: string;
  readonly binding: string;
  readonly eventId: string;
  readonly state: "succeeded" | "dead_lettered";
  /** The decision (succeeded) in protobuf binary. */
  readonly decision: Uint8Array | null;
  /** Why it was dead-lettered. */
  readonly error: string;
  readonly attempts: number;
  /** The decision reached the output stream before it was recorded. */
  readonly published: boolean;
}

/** What is recorded of an event once it is settled. */
export interface EventRecord {
  readonly state: "succeeded" | "dead_lettered";
  /** The arbiter.v1.Decision in protobuf binary, for succeeded events. */
  readonly decision: Uint8Array | null;
  readonly published: boolean;
}

interface Row {
  tenant_id: string;
  name: string;
  pipeline: string;
  selector: Uint8Array;
  input_subject: string;
  output_subject: string;
  ordering: "ordered" | "parallel";
  max_in_flight: number;
  max_attempts: number;
}

const COLUMNS =
  "tenant_id, name, pipeline, selector, input_subject, output_subject, ordering, max_in_flight, max_attempts";

function toRow(r: Row): BindingRow {
  return {
    tenant: r.tenant_id,
    name: r.name,
    pipeline: r.pipeline,
    selector: r.selector,
    inputSubject: r.input_subject,
    outputSubject: r.output_subject,
    ordering: r.ordering,
    maxInFlight: r.max_in_flight,
    maxAttempts: r.max_attempts,
  };
}

/** The binding as the API shows it (without its statistics). */
export function toBinding(b: BindingRow): StreamBinding {
  return create(StreamBindingSchema, {
    name: b.name,
    pipeline: b.pipeline,
    ...(b.selector.byteLength > 0 ? { selector: fromBinary(VersionSelectorSchema, b.selector) } : {}),
    outputSubject: b.outputSubject,
    ordering: b.ordering === "ordered" ? StreamOrdering.ORDERED : StreamOrdering.PARALLEL,
    maxInFlight: b.maxInFlight,
    maxAttempts: b.maxAttempts,
    inputSubject: b.inputSubject,
  });
}

/** Bindings and event records of one database. */
export class BindingStore {
  constructor(private readonly db: Database) {}

  /** Records a binding; ALREADY_EXISTS when the tenant has one of that name. */
  async create(b: BindingRow): Promise<void> {
    try {
      await this.db
        .forTenant(b.tenant)
        .query(`INSERT INTO stream_bindings (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
          b.tenant,
          b.name,
          b.pipeline,
          b.selector,
          b.inputSubject,
          b.outputSubject,
          b.ordering,
          b.maxInFlight,
          b.maxAttempts,
        ]);
    } catch (err) {
      if (sqlState(err) === UNIQUE_VIOLATION) throw new AlreadyExistsError("stream binding", b.name);
      throw err;
    }
  }

  /** The binding, or NOT_FOUND. */
  async get(tenant: string, name: string): Promise<BindingRow> {
    const { rows } = await this.db
      .forTenant(tenant)
      .query<Row>(`SELECT ${COLUMNS} FROM stream_bindings WHERE tenant_id = $1 AND name = $2`, [tenant, name]);
    const row = rows[0];
    if (!row) throw new NotFoundError("stream binding", name);
    return toRow(row);
  }

  /** A page of the tenant's bindings by name. */
  async list(tenant: string, pageSize: number, pageToken: string): Promise<{ rows: BindingRow[]; next: string }> {
    const size = pageSize > 0 ? pageSize : 100;
    const after = pageToken === "" ? "" : decodePageToken<[string]>(pageToken, ["string"], "ListStreamBindings")[0];
    const { rows } = await this.db
      .forTenant(tenant)
      .query<Row>(`SELECT ${COLUMNS} FROM stream_bindings WHERE tenant_id = $1 AND name > $2 ORDER BY name LIMIT $3`, [
        tenant,
        after,
        size + 1,
      ]);
    const page = rows.slice(0, size).map(toRow);
    const last = page[page.length - 1];
    return { rows: page, next: rows.length > size && last ? encodePageToken([last.name]) : "" };
  }

  /** Every binding of every tenant: what the processors run. */
  async all(): Promise<BindingRow[]> {
    const { rows } = await this.db.query<Row>(`SELECT ${COLUMNS} FROM stream_bindings ORDER BY tenant_id, name`);
    return rows.map(toRow);
  }

  /** Deletes a binding and its event records; NOT_FOUND when there is none. */
  async delete(tenant: string, name: string): Promise<void> {
    const { rowCount } = await this.db
      .forTenant(tenant)
      .query("DELETE FROM stream_bindings WHERE tenant_id = $1 AND name = $2", [tenant, name]);
    if (rowCount === 0) throw new NotFoundError("stream binding", name);
  }

  /** Processed and dead-lettered events of a binding. */
  async counts(tenant: string, name: string): Promise<{ processed: number; deadLettered: number }> {
    const { rows } = await this.db.forTenant(tenant).query<{ processed: number; dead: number }>(
      `SELECT count(*) FILTER (WHERE state = 'succeeded')::int AS processed,
         count(*) FILTER (WHERE state = 'dead_lettered')::int AS dead
       FROM stream_events WHERE tenant_id = $1 AND binding = $2`,
      [tenant, name],
    );
    return { processed: rows[0]?.processed ?? 0, deadLettered: rows[0]?.dead ?? 0 };
  }

  /** What was recorded of an event, if anything. */
  async event(tenant: string, binding: string, eventId: string): Promise<EventRecord | undefined> {
    const { rows } = await this.db
      .forTenant(tenant)
      .query<EventRecord>(
        "SELECT state, decision, published FROM stream_events WHERE tenant_id = $1 AND binding = $2 AND event_id = $3",
        [tenant, binding, eventId],
      );
    return rows[0];
  }

  /**
   * Records an event's outcome unless one is recorded already; returns the record that stands
   * (another worker's, when it recorded first). Concurrent calls share one statement and commit.
   */
  settle(outcome: EventOutcome): Promise<EventRecord> {
    return this.settles.submit(outcome);
  }

  private readonly settles = new GroupCommit<EventOutcome, EventRecord>(async (batch) => {
    const { rows } = await this.db.query<EventRecord & { tenant_id: string; binding: string; event_id: string }>(
      `INSERT INTO stream_events (tenant_id, binding, event_id, state, decision, error, attempts, published)
       SELECT t, b, e, s, decode(d, 'base64'), err, a, p
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::boolean[])
         AS r(t, b, e, s, d, err, a, p)
       ON CONFLICT (tenant_id, binding, event_id) DO NOTHING
       RETURNING tenant_id, binding, event_id, state, decision, published`,
      [
        batch.map((o) => o.tenant),
        batch.map((o) => o.binding),
        batch.map((o) => o.eventId),
        batch.map((o) => o.state),
        batch.map((o) => (o.decision ? Buffer.from(o.decision).toString("base64") : null)),
        batch.map((o) => o.error),
        batch.map((o) => o.attempts),
        batch.map((o) => o.published),
      ],
    );
    const key = (t: string, b: string, e: string) => `${t}\u0000${b}\u0000${e}`;
    const written = new Map(rows.map((r) => [key(r.tenant_id, r.binding, r.event_id), r]));
    return Promise.all(
      batch.map(async (o) => {
        const row =
          written.get(key(o.tenant, o.binding, o.eventId)) ?? (await this.event(o.tenant, o.binding, o.eventId));
        if (!row) throw new NotFoundError("stream event", o.eventId);
        return { state: row.state, decision: row.decision, published: row.published };
      }),
    );
  });

  /** Marks an event's decision published. */
  async markPublished(tenant: string, binding: string, eventId: string): Promise<void> {
    await this.db
      .forTenant(tenant)
      .query("UPDATE stream_events SET published = true WHERE tenant_id = $1 AND binding = $2 AND event_id = $3", [
        tenant,
        binding,
        eventId,
      ]);
  }
}

/** The selector column of a binding (empty: the pipeline's default version). */
export function selectorBytes(binding: StreamBinding): Uint8Array {
  return binding.selector ? toBinary(VersionSelectorSchema, binding.selector) : new Uint8Array(0);
}
