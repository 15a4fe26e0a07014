/**
 * Tasks in PostgreSQL: the record of every task, its items and their results. Each change of an
 * item's state happens in one transaction with the task's counters and the event WatchTask streams;
 * the work notices JetStream carries are written to the outbox in the transaction that submits the
 * task. Nothing here trusts a notice: a worker claims items by their state and lease, and writes a
 * result only while its lease holds, so a notice delivered twice runs nothing twice.
 */
import { randomUUID } from "node:crypto";
import {
  type Database,
  decodePageToken,
  encodePageToken,
  InvalidArgumentError,
  NotFoundError,
  type Queryable,
  STAGED_ITEMS_HEADER,
  sqlState,
  subjectToken,
  UNIQUE_VIOLATION,
} from "@arbiter/core";
import { type Task, TaskSchema, TaskState } from "@arbiter/proto";
import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";

/** JetStream stream that carries work units. */
export const TASK_STREAM = "ARBITER_TASKS";
/** Subjects of {@link TASK_STREAM}: one per tenant. */
export const TASK_SUBJECTS = "arbiter.tasks.>";
/** The durable consumer every scheduler takes work units from. */
export const TASK_CONSUMER = "arbiter-task-workers";

/** The subject of a tenant's work units. */
export function taskSubject(tenant: string): string {
  return `arbiter.tasks.${subjectToken(tenant)}`;
}

/** A work unit: items `from`..`to` (inclusive) of one task; the payload of a work notice. */
export interface WorkUnit {
  readonly task: string;
  readonly tenant: string;
  readonly from: number;
  readonly to: number;
}

/** What a worker needs of a task to run its items. */
export interface TaskTarget {
  readonly id: string;
  readonly tenant: string;
  readonly target: "model" | "pipeline";
  readonly targetName: string;
  readonly selector: Uint8Array;
  readonly maxAttempts: number;
  readonly state: string;
  readonly totalItems: number;
  /** The submit's W3C traceparent ("" when it was not traced). */
  readonly traceparent: string;
}

/** An item a worker claimed: its input and which attempt this is. */
export interface ClaimedItem {
  readonly index: number;
  readonly input: Uint8Array;
  readonly attempts: number;
}

/** What became of one claimed item. */
export type ItemOutcome =
  | { readonly index: number; readonly kind: "succeeded"; readonly result: Uint8Array }
  | { readonly index: number; readonly kind: "dead_lettered"; readonly error: string }
  | { readonly index: number; readonly kind: "retry"; readonly error: string; readonly delayMs: number };

/** A task to record. */
export interface NewTask {
  readonly tenant: string;
  readonly idempotencyKey: string;
  readonly target: "model" | "pipeline";
  readonly targetName: string;
  readonly selector: Uint8Array;
  readonly maxAttempts: number;
  readonly labels: Record<string, string>;
  /** The submit's W3C traceparent ("" when not traced). */
  readonly traceparent: string;
  /** Each item's arbiter.v1.TaskItem in protobuf binary. */
  readonly items: readonly Uint8Array[];
  /** Instead of `items`: the items staged under this id (see stage), and how many there must be. */
  readonly staged?: { readonly id: string; readonly count: number };
  readonly unitSize: number;
}

/** An item's row as results are listed. */
export interface ItemRow {
  readonly index: number;
  readonly state: string;
  readonly attempts: number;
  readonly error: string;
  readonly result: Uint8Array | null;
}

const STATES: Record<string, TaskState> = {
  pending: TaskState.PENDING,
  running: TaskState.RUNNING,
  completed: TaskState.COMPLETED,
  cancelled: TaskState.CANCELLED,
  failed: TaskState.FAILED,
};

/** The state names of the database for a TaskState filter. */
export function stateName(state: TaskState): string | undefined {
  return Object.entries(STATES).find(([, s]) => s === state)?.[0];
}

/** True when a task in this state will change no more. */
export function isFinal(state: string): boolean {
  return state === "completed" || state === "cancelled" || state === "failed";
}

interface TaskRow {
  id: string;
  tenant_id: string;
  idempotency_key: string;
  state: string;
  error: string;
  labels: Record<string, string>;
  total_items: number;
  succeeded_items: number;
  dead_lettered_items: number;
  cancelled_items: number;
  redeliveries: number;
  running_items?: number;
  create_time: Date;
  update_time: Date;
}

const TASK_COLUMNS = `id, tenant_id, idempotency_key, state, error, labels, total_items, succeeded_items,
  dead_lettered_items, cancelled_items, redeliveries, create_time, update_time`;

/**
 * The task's items running now, read by the statement that reads the task, so that its counters and
 * this add up. A cancelled task still has running items (those taken before the cancel run to their
 * end); only a completed or failed one has none, and is not counted.
 */
const RUNNING_ITEMS = `CASE WHEN tasks.state IN ('completed', 'failed') THEN 0 ELSE
  (SELECT count(*)::int FROM task_items i WHERE i.task_id = tasks.id AND i.state = 'running') END AS running_items`;

function toTask(row: TaskRow): Task {
  return create(TaskSchema, {
    id: row.id,
    state: STATES[row.state] ?? TaskState.UNSPECIFIED,
    idempotencyKey: row.idempotency_key,
    totalItems: BigInt(row.total_items),
    succeededItems: BigInt(row.succeeded_items),
    deadLetteredItems: BigInt(row.dead_lettered_items),
    cancelledItems: BigInt(row.cancelled_items),
    runningItems: BigInt(row.running_items ?? 0),
    redeliveries: BigInt(row.redeliveries),
    error: row.error,
    labels: row.labels,
    createTime: timestampFromDate(row.create_time),
    updateTime: timestampFromDate(row.update_time),
  });
}

/** create_time in whole microseconds: a page token's exact sort key (a JS Date keeps only ms). */
const CREATE_MICROS = "(extract(epoch FROM create_time) * 1000000)::int8";

/** Task ids are UUIDs; anything else names no task (and must not reach a uuid comparison). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Rows per INSERT statement when items are written (keeps each statement's parameters bounded). */
const INSERT_CHUNK = 1000;

/** Task records of one database. */
export class TaskStore {
  constructor(private readonly db: Database) {}

  /**
   * Records a task, its items, its first event and one work notice per unit, in one transaction.
   * Returns the existing task instead when the tenant already has one with the idempotency key.
   */
  async submit(task: NewTask): Promise<{ task: Task; created: boolean }> {
    if (task.idempotencyKey !== "") {
      const existing = await this.findByKey(task.tenant, task.idempotencyKey);
      if (existing) return { task: existing, created: false };
    }
    const id = randomUUID();
    const total = task.staged?.count ?? task.items.length;
    try {
      await this.db.forTenant(task.tenant).transaction(async (tx) => {
        await tx.query(
          `INSERT INTO tasks (id, tenant_id, idempotency_key, target, target_name, selector, max_attempts, labels,
             total_items, unit_size, traceparent)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [
            id,
            task.tenant,
            task.idempotencyKey,
            task.target,
            task.targetName,
            task.selector,
            task.maxAttempts,
            JSON.stringify(task.labels),
            total,
            task.unitSize,
            task.traceparent,
          ],
        );
        if (task.staged) await takeStaged(tx, id, task.tenant, task.staged);
        for (let start = 0; start < task.items.length; start += INSERT_CHUNK) {
          const inputs = task.items.slice(start, start + INSERT_CHUNK);
          await tx.query(
            `INSERT INTO task_items (task_id, tenant_id, item_index, input)
             SELECT $1, $4, $2 + ordinality - 1, decode(input, 'base64')
             FROM unnest($3::text[]) WITH ORDINALITY AS t(input, ordinality)`,
            [id, start, inputs.map(base64), task.tenant],
          );
        }
        await this.appendEvent(tx, id);
        const subject = taskSubject(task.tenant);
        const units: WorkUnit[] = [];
        for (let from = 0; from < total; from += task.unitSize)
          units.push({ task: id, tenant: task.tenant, from, to: Math.min(total, from + task.unitSize) - 1 });
        await enqueueUnits(tx, subject, units, "");
      });
    } catch (err) {
      // Another submit with the same key committed first: it is the task.
      if (sqlState(err) === UNIQUE_VIOLATION && task.idempotencyKey !== "") {
        const existing = await this.findByKey(task.tenant, task.idempotencyKey);
        if (existing) return { task: existing, created: false };
      }
      throw err;
    }
    return { task: await this.get(task.tenant, id), created: true };
  }

  /**
   * Stores a piece of a large submit's items (`offset`: the index of its first). Storing the same
   * piece again (a retried call) changes nothing.
   */
  async stage(tenant: string, stagingId: string, offset: number, items: readonly Uint8Array[]): Promise<void> {
    for (let start = 0; start < items.length; start += INSERT_CHUNK) {
      await this.db.forTenant(tenant).query(
        `INSERT INTO task_staging (staging_id, tenant_id, item_index, input)
         SELECT $1, $2, $3 + ordinality - 1, decode(input, 'base64')
         FROM unnest($4::text[]) WITH ORDINALITY AS t(input, ordinality)
         ON CONFLICT (staging_id, item_index) DO NOTHING`,
        [stagingId, tenant, offset + start, items.slice(start, start + INSERT_CHUNK).map(base64)],
      );
    }
  }

  /** Deletes staged items older than `maxAgeMs` (their submit never came); returns how many. */
  async sweepStaged(maxAgeMs: number): Promise<number> {
    const { rowCount } = await this.db.query(
      "DELETE FROM task_staging WHERE create_time < now() - make_interval(secs => $1::double precision / 1000)",
      [maxAgeMs],
    );
    return rowCount;
  }

  private async findByKey(tenant: string, key: string): Promise<Task | undefined> {
    const { rows } = await this.db
      .forTenant(tenant)
      .query<TaskRow>(
        `SELECT ${TASK_COLUMNS}, ${RUNNING_ITEMS} FROM tasks WHERE tenant_id = $1 AND idempotency_key = $2`,
        [tenant, key],
      );
    return rows[0] ? toTask(rows[0]) : undefined;
  }

  /** The task, or NOT_FOUND (also for another tenant's task: its existence is not revealed). */
  async get(tenant: string, id: string): Promise<Task> {
    return toTask(await this.row(tenant, id, `${TASK_COLUMNS}, ${RUNNING_ITEMS}`));
  }

  private async row(tenant: string, id: string, columns = TASK_COLUMNS): Promise<TaskRow> {
    if (!UUID.test(id)) throw new NotFoundError("task", id);
    const { rows } = await this.db
      .forTenant(tenant)
      .query<TaskRow>(`SELECT ${columns} FROM tasks WHERE id = $1 AND tenant_id = $2`, [id, tenant]);
    const row = rows[0];
    if (!row) throw new NotFoundError("task", id);
    return row;
  }

  /** A page of the tenant's tasks, newest first. */
  async list(
    tenant: string,
    state: string | undefined,
    pageSize: number,
    pageToken: string,
  ): Promise<{ tasks: Task[]; nextPageToken: string }> {
    const size = pageSize > 0 ? pageSize : 100;
    const params: unknown[] = [tenant, size + 1];
    let where = "tenant_id = $1";
    if (state !== undefined) {
      params.push(state);
      where += ` AND state = $${params.length}`;
    }
    if (pageToken !== "") {
      const [micros, id] = decodePageToken<[number, string]>(pageToken, ["number", "string"], "ListTasks");
      params.push(micros, id);
      where += ` AND (${CREATE_MICROS}, id::text) < ($${params.length - 1}::int8, $${params.length})`;
    }
    const { rows } = await this.db.forTenant(tenant).query<TaskRow & { create_micros: number }>(
      `SELECT ${TASK_COLUMNS}, ${RUNNING_ITEMS}, ${CREATE_MICROS} AS create_micros FROM tasks WHERE ${where}
       ORDER BY create_time DESC, id::text DESC LIMIT $2`,
      params,
    );
    const page = rows.slice(0, size);
    const last = page[page.length - 1];
    return {
      tasks: page.map(toTask),
      nextPageToken: rows.length > size && last ? encodePageToken([last.create_micros, last.id]) : "",
    };
  }

  /**
   * Item rows in item order from `afterIndex + 1`: at most `limit` rows, and no more once their
   * results add up to `maxBytes` (so a page of large results stays within a message's size).
   */
  async items(tenant: string, id: string, afterIndex: number, limit: number, maxBytes: number): Promise<ItemRow[]> {
    await this.row(tenant, id);
    const { rows } = await this.db.forTenant(tenant).query<{
      item_index: number;
      state: string;
      attempts: number;
      error: string;
      result: Uint8Array | null;
    }>(
      `SELECT item_index, state, attempts, error, result FROM task_items
       WHERE task_id = $1 AND item_index > $2 ORDER BY item_index LIMIT $3`,
      [id, afterIndex, limit],
    );
    const out: ItemRow[] = [];
    let bytes = 0;
    for (const r of rows) {
      bytes += r.result?.byteLength ?? 0;
      if (out.length > 0 && bytes > maxBytes) break;
      out.push({ index: r.item_index, state: r.state, attempts: r.attempts, error: r.error, result: r.result });
    }
    return out;
  }

  /** The task's events after `afterSeq`, oldest first, as Task snapshots with their sequence. */
  async events(tenant: string, id: string, afterSeq: number): Promise<{ seq: number; task: Task }[]> {
    const row = await this.row(tenant, id);
    const { rows } = await this.db.forTenant(tenant).query<{
      seq: number;
      state: string;
      succeeded_items: number;
      dead_lettered_items: number;
      cancelled_items: number;
      running_items: number;
      redeliveries: number;
      error: string;
      event_time: Date;
    }>(
      `SELECT seq, state, succeeded_items, dead_lettered_items, cancelled_items, running_items, redeliveries, error,
         create_time AS event_time
       FROM task_events WHERE task_id = $1 AND seq > $2 ORDER BY seq LIMIT 1000`,
      [id, afterSeq],
    );
    return rows.map((e) => ({
      seq: e.seq,
      task: toTask({ ...row, ...e, update_time: e.event_time }),
    }));
  }

  /** Cancels the items not yet taken; items running finish. NOT_FOUND for an unknown task. */
  async cancel(tenant: string, id: string): Promise<Task> {
    await this.row(tenant, id);
    await this.db.forTenant(tenant).transaction(async (tx) => {
      const { rows } = await tx.query<{ state: string }>("SELECT state FROM tasks WHERE id = $1 FOR UPDATE", [id]);
      if (isFinal(rows[0]?.state ?? "completed")) return;
      const cancelled = await tx.query(
        "UPDATE task_items SET state = 'cancelled' WHERE task_id = $1 AND state = 'pending'",
        [id],
      );
      await tx.query(
        `UPDATE tasks SET state = 'cancelled', cancelled_items = cancelled_items + $2, update_time = now()
         WHERE id = $1`,
        [id, cancelled.rowCount],
      );
      await this.appendEvent(tx, id);
    });
    return this.get(tenant, id);
  }

  /** Marks a task failed as a whole (its target no longer exists), cancelling what did not run. */
  async fail(id: string, error: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ state: string }>("SELECT state FROM tasks WHERE id = $1 FOR UPDATE", [id]);
      if (isFinal(rows[0]?.state ?? "completed")) return;
      const cancelled = await tx.query(
        "UPDATE task_items SET state = 'cancelled' WHERE task_id = $1 AND state IN ('pending', 'running')",
        [id],
      );
      await tx.query(
        `UPDATE tasks SET state = 'failed', error = $2, cancelled_items = cancelled_items + $3, update_time = now()
         WHERE id = $1`,
        [id, error, cancelled.rowCount],
      );
      await this.appendEvent(tx, id);
    });
  }

  /** What a worker needs of a task, or undefined when it no longer exists. */
  async target(id: string): Promise<TaskTarget | undefined> {
    if (!UUID.test(id)) return undefined;
    const { rows } = await this.db.query<{
      id: string;
      tenant_id: string;
      target: "model" | "pipeline";
      target_name: string;
      selector: Uint8Array;
      max_attempts: number;
      state: string;
      total_items: number;
      traceparent: string;
    }>(
      `SELECT id, tenant_id, target, target_name, selector, max_attempts, state, total_items, traceparent
       FROM tasks WHERE id = $1`,
      [id],
    );
    const r = rows[0];
    return r
      ? {
          id: r.id,
          tenant: r.tenant_id,
          target: r.target,
          targetName: r.target_name,
          selector: r.selector,
          maxAttempts: r.max_attempts,
          state: r.state,
          totalItems: r.total_items,
          traceparent: r.traceparent,
        }
      : undefined;
  }

  /**
   * Takes the unit's items that are free to run — pending and due, or running under a lease that
   * ran out — for `leaseMs`, counting an attempt each; the first claim moves the task to running.
   */
  async claim(unit: WorkUnit, owner: string, leaseMs: number): Promise<ClaimedItem[]> {
    return this.db.transaction(async (tx) => {
      // The task's row first, as every writer of a task's items takes it: no two lock in another order.
      const { rows: task } = await tx.query<{ state: string }>("SELECT state FROM tasks WHERE id = $1 FOR UPDATE", [
        unit.task,
      ]);
      const before = task[0]?.state;
      if (before === undefined || isFinal(before)) throw new TaskEndedError();
      const { rows } = await tx.query<{ item_index: number; input: Uint8Array; attempts: number; retried: boolean }>(
        `WITH free AS (
           SELECT item_index, state = 'running' AS taken_over FROM task_items
           WHERE task_id = $1 AND item_index BETWEEN $2 AND $3
             AND ((state = 'pending' AND not_before <= now()) OR (state = 'running' AND lease_until < now()))
           FOR UPDATE SKIP LOCKED)
         UPDATE task_items i SET state = 'running', attempts = i.attempts + 1, lease_owner = $4,
           lease_until = now() + make_interval(secs => $5::double precision / 1000)
         FROM free WHERE i.task_id = $1 AND i.item_index = free.item_index
         RETURNING i.item_index, i.input, i.attempts, (i.attempts > 1) AS retried`,
        [unit.task, unit.from, unit.to, owner, leaseMs],
      );
      if (rows.length === 0) return [];
      const retried = rows.filter((r) => r.retried).length;
      await tx.query(
        `UPDATE tasks SET state = 'running', redeliveries = redeliveries + $2, update_time = now() WHERE id = $1`,
        [unit.task, retried],
      );
      // The state change (or a redelivery) is an event; an ordinary claim of a running task is not.
      if (retried > 0 || before === "pending") await this.appendEvent(tx, unit.task);
      rows.sort((a, b) => a.item_index - b.item_index);
      return rows.map((r) => ({ index: r.item_index, input: r.input, attempts: r.attempts }));
    });
  }

  /** Renews the lease of the items `owner` holds in the unit; returns how many it still holds. */
  async renew(unit: WorkUnit, owner: string, leaseMs: number): Promise<number> {
    const { rowCount } = await this.db.query(
      `UPDATE task_items SET lease_until = now() + make_interval(secs => $5::double precision / 1000)
       WHERE task_id = $1 AND item_index BETWEEN $2 AND $3 AND state = 'running' AND lease_owner = $4`,
      [unit.task, unit.from, unit.to, owner, leaseMs],
    );
    return rowCount;
  }

  /** Gives back every item `owner` holds (a draining worker): pending again, the attempt not counted. */
  async release(owner: string): Promise<number> {
    const { rowCount } = await this.db.query(
      `UPDATE task_items SET state = 'pending', attempts = greatest(attempts - 1, 0), lease_owner = NULL,
         lease_until = NULL
       WHERE lease_owner = $1 AND state = 'running'`,
      [owner],
    );
    return rowCount;
  }

  /**
   * Writes the outcomes of the items `owner` still holds, with the task's counters, state and an
   * event, in one transaction. An item whose lease another worker took over is left to that worker.
   */
  async commit(taskId: string, owner: string, outcomes: readonly ItemOutcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    await this.db.transaction(async (tx) => {
      const { rows: task } = await tx.query<{ state: string }>("SELECT state FROM tasks WHERE id = $1 FOR UPDATE", [
        taskId,
      ]);
      // A task cancelled while these items ran runs nothing again: an item that would be retried is
      // cancelled instead (left pending, it would never run nor be counted).
      const ended = isFinal(task[0]?.state ?? "cancelled");
      const held = new Set(
        (
          await tx.query<{ item_index: number }>(
            `SELECT item_index FROM task_items
             WHERE task_id = $1 AND item_index = ANY($2::int[]) AND state = 'running' AND lease_owner = $3`,
            [taskId, outcomes.map((o) => o.index), owner],
          )
        ).rows.map((r) => r.item_index),
      );
      const mine = outcomes.filter((o) => held.has(o.index));
      if (mine.length === 0) return;
      const succeeded = mine.filter((o) => o.kind === "succeeded");
      const dead = mine.filter((o) => o.kind === "dead_lettered");
      const retry = mine.filter((o) => o.kind === "retry");
      if (succeeded.length > 0) {
        await tx.query(
          `UPDATE task_items i SET state = 'succeeded', result = decode(r.result, 'base64'), error = '',
             lease_owner = NULL, lease_until = NULL
           FROM unnest($2::int[], $3::text[]) AS r(item_index, result)
           WHERE i.task_id = $1 AND i.item_index = r.item_index`,
          [taskId, succeeded.map((o) => o.index), succeeded.map((o) => base64(o.result))],
        );
      }
      if (dead.length > 0) {
        await tx.query(
          `UPDATE task_items i SET state = 'dead_lettered', error = r.error, lease_owner = NULL, lease_until = NULL
           FROM unnest($2::int[], $3::text[]) AS r(item_index, error)
           WHERE i.task_id = $1 AND i.item_index = r.item_index`,
          [taskId, dead.map((o) => o.index), dead.map((o) => o.error)],
        );
      }
      if (retry.length > 0) {
        await tx.query(
          `UPDATE task_items i SET state = $5, error = r.error, lease_owner = NULL, lease_until = NULL,
             not_before = now() + make_interval(secs => r.delay_ms / 1000)
           FROM unnest($2::int[], $3::text[], $4::double precision[]) AS r(item_index, error, delay_ms)
           WHERE i.task_id = $1 AND i.item_index = r.item_index`,
          [
            taskId,
            retry.map((o) => o.index),
            retry.map((o) => o.error),
            retry.map((o) => o.delayMs),
            ended ? "cancelled" : "pending",
          ],
        );
      }
      await tx.query(
        `UPDATE tasks SET succeeded_items = succeeded_items + $2, dead_lettered_items = dead_lettered_items + $3,
           cancelled_items = cancelled_items + $4, update_time = now(),
           state = CASE WHEN state = 'running'
             AND succeeded_items + $2 + dead_lettered_items + $3 + cancelled_items >= total_items
             THEN 'completed' ELSE state END
         WHERE id = $1`,
        [taskId, succeeded.length, dead.length, ended ? retry.length : 0],
      );
      await this.appendEvent(tx, taskId);
    });
  }

  /** How the unit stands: items not yet final, and when the earliest of them may run again. */
  async unitProgress(unit: WorkUnit): Promise<{ unfinished: number; nextDueMs: number }> {
    const { rows } = await this.db.query<{ unfinished: number; next_due_ms: number | null }>(
      `SELECT count(*)::int AS unfinished,
         (extract(epoch FROM min(CASE WHEN state = 'pending' THEN not_before ELSE lease_until END) - now()) * 1000)::float8
           AS next_due_ms
       FROM task_items
       WHERE task_id = $1 AND item_index BETWEEN $2 AND $3 AND state IN ('pending', 'running')`,
      [unit.task, unit.from, unit.to],
    );
    const r = rows[0];
    return { unfinished: r?.unfinished ?? 0, nextDueMs: Math.max(0, r?.next_due_ms ?? 0) };
  }

  /**
   * Cancels the items of ended (cancelled or failed) tasks that are still marked running under a
   * lease that ran out: their worker died after the task ended, and nobody claims an ended task's
   * items. Returns how many items it settled.
   */
  async settleAbandoned(): Promise<number> {
    const { rows } = await this.db.query<{ task_id: string }>(
      `SELECT DISTINCT i.task_id FROM task_items i JOIN tasks t ON t.id = i.task_id
       WHERE i.state = 'running' AND i.lease_until < now() AND t.state IN ('cancelled', 'failed') LIMIT 100`,
    );
    let settled = 0;
    for (const { task_id: id } of rows) {
      settled += await this.db.transaction(async (tx) => {
        await tx.query("SELECT 1 FROM tasks WHERE id = $1 FOR UPDATE", [id]);
        const { rowCount } = await tx.query(
          `UPDATE task_items SET state = 'cancelled', lease_owner = NULL, lease_until = NULL
           WHERE task_id = $1 AND state = 'running' AND lease_until < now()`,
          [id],
        );
        if (rowCount === 0) return 0;
        await tx.query("UPDATE tasks SET cancelled_items = cancelled_items + $2, update_time = now() WHERE id = $1", [
          id,
          rowCount,
        ]);
        await this.appendEvent(tx, id);
        return rowCount;
      });
    }
    return settled;
  }

  /**
   * Publishes again the work notices of tasks unfinished and without progress for `staleMs`: the
   * recovery of a notice JetStream lost. One scheduler at a time does it (an advisory lock).
   * Returns how many units were enqueued.
   */
  async recoverStale(staleMs: number): Promise<number> {
    return this.db.transaction(async (tx) => {
      const { rows: locked } = await tx.query<{ ok: boolean }>("SELECT pg_try_advisory_xact_lock($1) AS ok", [
        RECOVERY_LOCK_KEY,
      ]);
      if (!locked[0]?.ok) return 0;
      const { rows } = await tx.query<{ id: string; tenant_id: string; unit_size: number; from_index: number }>(
        `SELECT t.id, t.tenant_id, t.unit_size, (i.item_index / t.unit_size) * t.unit_size AS from_index
         FROM tasks t JOIN task_items i ON i.task_id = t.id
         WHERE t.state IN ('pending', 'running')
           AND t.update_time < now() - make_interval(secs => $1::double precision / 1000)
           AND (i.state = 'pending' OR (i.state = 'running' AND i.lease_until < now()))
         GROUP BY t.id, t.tenant_id, t.unit_size, from_index`,
        [staleMs],
      );
      if (rows.length === 0) return 0;
      const byTenant = new Map<string, WorkUnit[]>();
      const totals = new Map<string, number>();
      for (const r of rows) {
        if (!totals.has(r.id)) {
          const { rows: t } = await tx.query<{ total_items: number }>("SELECT total_items FROM tasks WHERE id = $1", [
            r.id,
          ]);
          totals.set(r.id, t[0]?.total_items ?? 0);
        }
        const total = totals.get(r.id) ?? 0;
        const units = byTenant.get(r.tenant_id) ?? [];
        units.push({
          task: r.id,
          tenant: r.tenant_id,
          from: r.from_index,
          to: Math.min(total, r.from_index + r.unit_size) - 1,
        });
        byTenant.set(r.tenant_id, units);
      }
      // A fresh message id: the first notice may still sit in JetStream's duplicate window.
      const suffix = `:recovered-${Date.now()}`;
      for (const [tenant, units] of byTenant) await enqueueUnits(tx, taskSubject(tenant), units, suffix);
      // Touch the tasks so the next pass waits another staleMs for their progress.
      await tx.query("UPDATE tasks SET update_time = now() WHERE id = ANY($1::uuid[])", [[...totals.keys()]]);
      return rows.length;
    });
  }

  /** Appends the task's current counters and state as its next event. */
  private async appendEvent(tx: Queryable, id: string): Promise<void> {
    await tx.query(
      `INSERT INTO task_events (task_id, tenant_id, state, succeeded_items, dead_lettered_items, cancelled_items,
         running_items, redeliveries, error)
       SELECT id, tenant_id, state, succeeded_items, dead_lettered_items, cancelled_items,
         (SELECT count(*)::int FROM task_items WHERE task_id = $1 AND state = 'running'), redeliveries, error
       FROM tasks WHERE id = $1`,
      [id],
    );
  }
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/** Arbitrary constant naming the recovery pass among advisory locks. */
const RECOVERY_LOCK_KEY = 0x5441534b;

/** Thrown inside a claim when the task was cancelled or failed: the claim rolls back. */
export class TaskEndedError extends Error {
  constructor() {
    super("the task ended");
  }
}

/** Moves the staged items of a submit into its task; INVALID_ARGUMENT when pieces are missing. */
async function takeStaged(
  tx: Queryable,
  taskId: string,
  tenant: string,
  staged: { readonly id: string; readonly count: number },
): Promise<void> {
  const { rowCount } = await tx.query(
    `INSERT INTO task_items (task_id, tenant_id, item_index, input)
     SELECT $1, tenant_id, item_index, input FROM task_staging
     WHERE staging_id = $2 AND tenant_id = $3 AND item_index < $4`,
    [taskId, staged.id, tenant, staged.count],
  );
  if (rowCount !== staged.count) {
    throw new InvalidArgumentError(STAGED_ITEMS_HEADER, `${staged.count} staged items`, `${rowCount}`);
  }
  await tx.query("DELETE FROM task_staging WHERE staging_id = $1", [staged.id]);
}

/** Writes one outbox row per unit (message id: task and first item, plus `suffix`). */
async function enqueueUnits(tx: Queryable, subject: string, units: readonly WorkUnit[], suffix: string): Promise<void> {
  for (let start = 0; start < units.length; start += INSERT_CHUNK) {
    const chunk = units.slice(start, start + INSERT_CHUNK);
    await tx.query(
      `INSERT INTO outbox (tenant_id, subject, msg_id, payload)
       SELECT t, $1, m, convert_to(p, 'UTF8') FROM unnest($2::text[], $3::text[], $4::text[]) AS r(m, p, t)`,
      [
        subject,
        chunk.map((u) => `${u.task}:${u.from}${suffix}`),
        chunk.map((u) => JSON.stringify(u)),
        chunk.map((u) => u.tenant),
      ],
    );
  }
}
