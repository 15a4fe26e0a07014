/**
 * The fault suite of durable work. On a distributed mesh (real nats-server with JetStream, real
 * PostgreSQL, three scheduler processes, one gateway) it submits task items and publishes stream
 * events, each carrying a sequence number, while it injects faults:
 *
 *   kill -9 of a scheduler mid-item · restart of nats-server · kill -9 and restart of PostgreSQL ·
 *   SIGSTOP of a scheduler past its lease, then SIGCONT · a rolling restart of two schedulers
 *
 * Then it checks every sequence number with a bitset: none lost (each item and event ended
 * succeeded, or dead-lettered with a reason), none with two effects (a task's counters against its
 * item rows, one recorded decision per request id, one published decision per event), and every
 * result the right one for its input. A few poison inputs (a tensor of the wrong shape, an event
 * that is not JSON) are mixed in and must end dead-lettered, not retried forever.
 */
import { createNatsBus, type Database } from "@arbiter/core";
import {
  DecisionSchema,
  InferResponseSchema,
  StreamOrdering,
  StreamService,
  type SubmitTaskRequest,
  SubmitTaskRequestSchema,
  TaskService,
} from "@arbiter/proto";
import { create, fromBinary, fromJsonString } from "@bufbuild/protobuf";
import { client, grpcTransport } from "../support/clients.ts";
import { openEventStreams } from "../support/event-streams.ts";
import { decodeRaw, EXPECTED, fp32Bytes } from "../support/examples.ts";
import { type DistributedMesh, type RoleProcess, spawnRole, startDistributedMesh } from "../support/mesh.ts";
import {
  registerTransactionRisk,
  TRANSACTION_RISK,
  transactionEvent,
  transactionInputs,
} from "../support/transaction-risk.ts";

/** What the suite found. */
export interface FaultReport {
  faults: number;
  items: number;
  events: number;
  lost: number;
  duplicates: number;
  deadLettered: number;
  /** One line per problem found (empty when the run is clean). */
  problems: string[];
}

export interface FaultSuiteOptions {
  /** Task items in all (half model items, half pipeline items). */
  items: number;
  /** Stream events. */
  events: number;
  /** Progress lines. */
  log: (line: string) => void;
}

const LEASE_MS = 3000;
const BINDING = "faults";
const EVENT_SUBJECT = `arbiter.events.default.${BINDING}`;
const DECISION_SUBJECT = `arbiter.decisions.default.${BINDING}`;
/** Every this-many items of a model task has a tensor of the wrong shape. */
const POISON_ITEM_EVERY = 997;
/** Every this-many events is not JSON. */
const POISON_EVENT_EVERY = 1009;
/** How long everything may take to settle after the last fault. */
const SETTLE_TIMEOUT_MS = 300_000;

const ROWS = (EXPECTED["risk-classifier"]?.inputs.features?.data ?? []) as number[][];
const LABELS = (EXPECTED["risk-classifier"]?.outputs.label?.data ?? []) as number[];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls `fn` until it succeeds (the mesh may be mid-fault), giving up after `timeoutMs`. */
async function persist<T>(what: string, fn: () => Promise<T>, timeoutMs = 120_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (let delay = 100; ; delay = Math.min(delay * 2, 2000)) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > until) throw new Error(`${what} kept failing: ${(err as Error).message}`);
      await sleep(delay);
    }
  }
}

/** A planned task: its items are sequence numbers `first`..`first + count - 1`. */
interface PlannedTask {
  key: string;
  kind: "model" | "pipeline";
  first: number;
  count: number;
  id?: string;
}

function isPoisonItem(task: PlannedTask, index: number): boolean {
  return task.kind === "model" && index % POISON_ITEM_EVERY === POISON_ITEM_EVERY - 1;
}

function submitRequest(task: PlannedTask): SubmitTaskRequest {
  const items = Array.from({ length: task.count }, (_, index) => {
    const seq = task.first + index;
    if (task.kind === "pipeline") return { values: transactionInputs(seq) };
    const row = ROWS[seq % ROWS.length] ?? [];
    const features = isPoisonItem(task, index) ? row.slice(1) : row;
    return {
      tensors: [
        {
          name: "features",
          datatype: "FP32",
          shape: [1n, BigInt(features.length)],
          data: { case: "rawContents" as const, value: fp32Bytes(features) },
        },
      ],
    };
  });
  return create(SubmitTaskRequestSchema, {
    idempotencyKey: task.key,
    target:
      task.kind === "model"
        ? { case: "model", value: { model: "risk-classifier" } }
        : { case: "pipeline", value: { pipeline: TRANSACTION_RISK } },
    items,
    maxAttempts: 10,
  });
}

/** Runs the suite and returns what it found; the mesh is stopped before it returns. */
export async function runFaultSuite(options: FaultSuiteOptions): Promise<FaultReport> {
  const { log } = options;
  const mesh = await startDistributedMesh({
    schedulers: 3,
    settings: {
      ARBITER_LOG_LEVEL: "info",
      ARBITER_TASKS_LEASE_MS: String(LEASE_MS),
      ARBITER_TASKS_RETRY_BACKOFF_MS: "200",
      ARBITER_TASKS_RECOVERY_AFTER_MS: "20000",
      ARBITER_TASKS_UNIT_SIZE: "50",
      ARBITER_SCHEDULER_DRAIN_TIMEOUT_MS: "5000",
    },
  });
  const extra: RoleProcess[] = [];
  const producer = await createNatsBus({ servers: [mesh.nats.url], name: "fault-suite-producer" });
  try {
    const transport = grpcTransport(mesh.gatewayUrl);
    await registerTransactionRisk(transport);
    const tasks = client(TaskService, transport);
    const streams = client(StreamService, transport);
    await streams.createStreamBinding({
      binding: { name: BINDING, pipeline: TRANSACTION_RISK, ordering: StreamOrdering.PARALLEL, maxInFlight: 32 },
    });
    const { events } = await openEventStreams(producer);

    // The work: half the items in model tasks, half in pipeline tasks, submitted over the first faults.
    const planned: PlannedTask[] = [];
    const perTask = Math.ceil(options.items / 4);
    for (let first = 0, k = 0; first < options.items; first += perTask, k++) {
      const count = Math.min(perTask, options.items - first);
      planned.push({ key: `fault-suite-${k}`, kind: k % 2 === 0 ? "model" : "pipeline", first, count });
    }
    const submitAll = (async () => {
      for (const task of planned) {
        // A submit whose answer was lost is sent again with its key: the same task comes back.
        const { task: made } = await persist(`submitting ${task.key}`, () => tasks.submitTask(submitRequest(task)));
        task.id = made?.id;
        log(`submitted ${task.kind} task ${task.key} (${task.count} items)`);
        await sleep(3000);
      }
    })();
    const publishAll = (async () => {
      for (let seq = 0; seq < options.events; seq++) {
        const body =
          seq % POISON_EVENT_EVERY === POISON_EVENT_EVERY - 1
            ? new TextEncoder().encode(`not json ${seq}`)
            : transactionEvent(seq);
        await persist(`publishing event ${seq}`, () => events.publish(EVENT_SUBJECT, body, { msgId: `ev-${seq}` }));
        if (seq % 50 === 49) await sleep(100);
      }
      log(`published ${options.events} events`);
    })();

    // The faults, one after another, while the work runs.
    let faults = 0;
    const schedulers = mesh.schedulers;
    const replace = async (old: RoleProcess, how: "SIGKILL" | "SIGTERM"): Promise<void> => {
      old.child.kill(how);
      await old.exited;
      const next = await spawnRole(
        "scheduler",
        { ...mesh.env, ARBITER_SCHEDULER_NODE_ID: `${old.id}-r${faults}` },
        mesh.logDir,
      );
      extra.push(next);
      schedulers[schedulers.indexOf(old)] = next;
    };
    await waitForProgress(mesh.db, "the first task's items to run");
    await replace(schedulers[0] as RoleProcess, "SIGKILL");
    faults++;
    log("fault: kill -9 of a scheduler mid-item, replaced");
    await sleep(4000);
    await mesh.nats.restart();
    faults++;
    log("fault: nats-server restarted");
    await sleep(4000);
    await mesh.postgres.kill("SIGKILL");
    await sleep(500);
    await mesh.postgres.restart();
    faults++;
    log("fault: PostgreSQL killed (-9) and restarted");
    await sleep(4000);
    const stopped = schedulers[1] as RoleProcess;
    stopped.child.kill("SIGSTOP");
    await sleep(LEASE_MS * 2 + 1000);
    stopped.child.kill("SIGCONT");
    faults++;
    log(
      `fault: SIGSTOP of a scheduler for ${(LEASE_MS * 2 + 1000) / 1000} s (lease ${LEASE_MS / 1000} s), then SIGCONT`,
    );
    await sleep(2000);
    for (const old of [schedulers[1], schedulers[2]] as RoleProcess[]) {
      await replace(old, "SIGTERM");
      faults++;
    }
    log("fault: rolling restart of two schedulers");

    await Promise.all([submitAll, publishAll]);
    log("waiting for every item and event to settle");
    await settle(mesh.db, planned, options.events);
    const report = await check(mesh, planned, options, producer);
    return { ...report, faults };
  } finally {
    await producer.close().catch(() => {});
    for (const p of extra) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGTERM");
    await Promise.all(extra.map((p) => p.exited));
    for (const s of mesh.schedulers) if (s.child.signalCode === "SIGSTOP") s.child.kill("SIGCONT");
    await mesh.stop();
  }
}

/** Waits until some item of some task has succeeded. */
async function waitForProgress(db: Database, what: string): Promise<void> {
  const until = Date.now() + 120_000;
  for (;;) {
    const { rows } = await db
      .query<{ n: number }>("SELECT count(*)::int AS n FROM task_items WHERE state = 'succeeded'")
      .catch(() => ({ rows: [{ n: 0 }] }));
    if ((rows[0]?.n ?? 0) > 0) return;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Waits until every task has ended and every event has a record. */
async function settle(db: Database, planned: PlannedTask[], events: number): Promise<void> {
  const until = Date.now() + SETTLE_TIMEOUT_MS;
  const ids = planned.map((t) => t.id);
  for (;;) {
    try {
      const { rows: open } = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM tasks WHERE id = ANY($1::uuid[]) AND state IN ('pending', 'running')",
        [ids],
      );
      const { rows: settled } = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM stream_events WHERE binding = $1",
        [BINDING],
      );
      if (open[0]?.n === 0 && (settled[0]?.n ?? 0) >= events) return;
    } catch {
      // PostgreSQL still coming back
    }
    if (Date.now() > until) return; // what is missing is counted as lost by the check
    await sleep(500);
  }
}

/** A bitset of sequence numbers. */
class Bitset {
  private readonly bits: Uint8Array;
  constructor(readonly size: number) {
    this.bits = new Uint8Array(Math.ceil(size / 8));
  }
  /** Sets bit `i`; false when it was set already. */
  set(i: number): boolean {
    const byte = i >> 3;
    const mask = 1 << (i & 7);
    const was = ((this.bits[byte] ?? 0) & mask) !== 0;
    this.bits[byte] = (this.bits[byte] ?? 0) | mask;
    return !was;
  }
  count(): number {
    let n = 0;
    for (let i = 0; i < this.size; i++) if (((this.bits[i >> 3] ?? 0) & (1 << (i & 7))) !== 0) n++;
    return n;
  }
}

async function check(
  mesh: DistributedMesh,
  planned: PlannedTask[],
  options: FaultSuiteOptions,
  producer: Awaited<ReturnType<typeof createNatsBus>>,
): Promise<Omit<FaultReport, "faults">> {
  const db = mesh.db;
  const problems: string[] = [];
  let duplicates = 0;
  let deadLettered = 0;

  // Task items: one row per sequence number, final, with the right result; counters match the rows.
  const items = new Bitset(options.items);
  for (const task of planned) {
    if (!task.id) {
      problems.push(`task ${task.key} was never accepted`);
      continue;
    }
    const { rows } = await db.query<{ item_index: number; state: string; error: string; result: Uint8Array | null }>(
      "SELECT item_index, state, error, result FROM task_items WHERE task_id = $1 ORDER BY item_index",
      [task.id],
    );
    let succeeded = 0;
    let dead = 0;
    for (const r of rows) {
      const seq = task.first + r.item_index;
      if (r.state === "succeeded") {
        succeeded++;
        const wrong = wrongResult(task, r.item_index, seq, r.result);
        if (wrong) problems.push(`item ${seq}: ${wrong}`);
        else items.set(seq);
      } else if (r.state === "dead_lettered") {
        dead++;
        if (r.error === "") problems.push(`item ${seq} dead-lettered without a reason`);
        else if (!isPoisonItem(task, r.item_index)) problems.push(`item ${seq} dead-lettered: ${r.error}`);
        else items.set(seq);
      } else problems.push(`item ${seq} still ${r.state}`);
    }
    const { rows: counters } = await db.query<{ succeeded_items: number; dead_lettered_items: number; state: string }>(
      "SELECT succeeded_items, dead_lettered_items, state FROM tasks WHERE id = $1",
      [task.id],
    );
    const c = counters[0];
    // A counter above its rows is an item whose outcome was committed twice.
    const excess = (c?.succeeded_items ?? 0) - succeeded + ((c?.dead_lettered_items ?? 0) - dead);
    if (excess !== 0) problems.push(`task ${task.key}: counters differ from the item rows by ${excess}`);
    duplicates += Math.max(0, excess);
    deadLettered += dead;
    if (c?.state !== "completed") problems.push(`task ${task.key} ended ${c?.state}`);
  }

  // Recorded decisions: at most one per request id (pipeline task items and events).
  const { rows: twice } = await db.query<{ request_id: string; n: number }>(
    `SELECT request_id, count(*)::int AS n FROM decisions
     WHERE kind = 'live' AND (request_id LIKE 'task:%' OR request_id LIKE 'event:%')
     GROUP BY request_id HAVING count(*) > 1`,
  );
  for (const r of twice) problems.push(`request ${r.request_id} recorded ${r.n} decisions`);
  duplicates += twice.reduce((n, r) => n + r.n - 1, 0);

  // Events: each published decision once, for the right event; every event decided or dead-lettered.
  const events = new Bitset(options.events);
  const { decisions } = await openEventStreams(producer);
  for await (const m of decisions.read(DECISION_SUBJECT)) {
    const seq = Number((m.headers["arbiter-event-id"] ?? "").replace(/^ev-/, ""));
    const decision = fromJsonString(DecisionSchema, new TextDecoder().decode(m.data));
    if (decision.requestId !== `event:${BINDING}:ev-${seq}`)
      problems.push(`decision for ev-${seq} answers ${decision.requestId}`);
    if (!events.set(seq)) {
      duplicates++;
      problems.push(`event ${seq} has more than one published decision`);
    }
  }
  const { rows: deadEvents } = await db.query<{ event_id: string; error: string }>(
    "SELECT event_id, error FROM stream_events WHERE binding = $1 AND state = 'dead_lettered'",
    [BINDING],
  );
  for (const e of deadEvents) {
    const seq = Number(e.event_id.replace(/^ev-/, ""));
    if (seq % POISON_EVENT_EVERY !== POISON_EVENT_EVERY - 1) problems.push(`event ${seq} dead-lettered: ${e.error}`);
    else if (e.error === "") problems.push(`event ${seq} dead-lettered without a reason`);
    else if (!events.set(seq)) problems.push(`event ${seq} both decided and dead-lettered`);
  }
  deadLettered += deadEvents.length;

  const lostItems = options.items - items.count();
  const lostEvents = options.events - events.count();
  if (lostItems > 0) problems.push(`${lostItems} items lost`);
  if (lostEvents > 0) problems.push(`${lostEvents} events lost`);
  return {
    items: options.items,
    events: options.events,
    lost: lostItems + lostEvents,
    duplicates,
    deadLettered,
    problems,
  };
}

/** What is wrong with a succeeded item's result, or undefined when it is the right one. */
function wrongResult(task: PlannedTask, index: number, seq: number, result: Uint8Array | null): string | undefined {
  if (!result) return "succeeded without a result";
  if (task.kind === "pipeline") {
    const decision = fromBinary(DecisionSchema, result);
    return decision.requestId === `task:${task.id}:${index}` ? undefined : `decision answers ${decision.requestId}`;
  }
  const response = fromBinary(InferResponseSchema, result);
  const label = response.outputs.find((o) => o.name === "label");
  const raw = label?.data.case === "rawContents" ? label.data.value : undefined;
  const got = raw ? decodeRaw("INT64", raw)[0] : undefined;
  const want = LABELS[seq % ROWS.length];
  if (response.id !== String(index)) return `result answers item ${response.id}`;
  return got === want ? undefined : `label ${got}, expected ${want}`;
}

/** The summary line `npm run test:faults` ends with. */
export function summaryLine(report: FaultReport): string {
  return `faults=${report.faults} items=${report.items} events=${report.events} lost=${report.lost} duplicates=${report.duplicates} dead_lettered=${report.deadLettered}`;
}
