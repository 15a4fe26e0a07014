/**
 * Durable async work benchmark, on the distributed mesh (one gateway, two schedulers, nats-server
 * with JetStream, PostgreSQL; separate processes, as an operator runs them):
 *   - tasks: one model task of N items (one row each) on the example risk classifier, timed from
 *     SubmitTask until WatchTask reports it COMPLETED, i.e. until the last item's result is
 *     committed; every item must have succeeded;
 *   - streams: a stream binding on the example transaction-risk pipeline; M events are published
 *     to arbiter.events.default.<binding> through JetStream (each with a Nats-Msg-Id), timed from
 *     the first publish until M distinct decisions are stored in ARBITER_DECISIONS on the
 *     binding's output subject.
 *
 *   node --import tsx bench/src/tasks.ts [--items N] [--events M] [--runs R]
 *
 * Defaults: 20,000 items, 10,000 events, 3 task runs (the median is reported: the machine is
 * shared, and one run can land on someone else's burst of load); ARBITER_* variables set for this command are passed
 * to every role (the defaults are measured without them). Writes bench/results/tasks.json:
 * {"task_items_per_s": N, "stream_events_per_s": N, ...the counts, dead-letters and the machine}.
 * The load generator runs in this process and shares the machine's cores with the mesh.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  DecideRequestSchema,
  DecisionSchema,
  ModelRegistryService,
  PipelineSchema,
  PipelineService,
  RegisterModelRequestSchema,
  StreamOrdering,
  StreamService,
  type Task,
  type TaskItemSchema,
  TaskService,
  TaskState,
} from "@arbiter/proto";
import { create, fromJson, type JsonValue, type MessageInitShape, toJsonString } from "@bufbuild/protobuf";
import { ValueSchema } from "@bufbuild/protobuf/wkt";
import { type Client, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { connect, type JsMsg, type NatsConnection } from "nats";
import { EXPECTED, exampleModel, fp32Bytes } from "../../tests/support/examples.ts";
import { type DistributedMesh, startDistributedMesh } from "../../tests/support/mesh.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const MODEL = "risk-classifier";
const PIPELINE = "transaction-risk";
const BINDING = "bench-risk";
/** The stream's events decided at once (the binding's max_in_flight, shared by the schedulers). */
const STREAM_IN_FLIGHT = 256;
/** JetStream publishes awaiting their acknowledgement at once. */
const PUBLISH_WINDOW = 256;
/** A phase that makes no progress for this long has stalled: the benchmark stops and says where. */
const STALL_MS = 60_000;

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name}: expected a positive whole number`);
  return value;
}

const ITEMS = flag("items", 20_000);
const RUNS = flag("runs", 3);
const EVENTS = flag("events", 10_000);
const rows = (EXPECTED[MODEL]?.inputs.features?.data ?? []) as number[][];
const AMOUNTS = [120, 9000, 35, 2400, 6100];

/** Model task items: one 1×30 FP32 row each, raw little-endian bytes (the compact wire form). */
function modelItems(count: number): MessageInitShape<typeof TaskItemSchema>[] {
  const raw = rows.map((row) => fp32Bytes(row));
  return Array.from({ length: count }, (_, i) => ({
    tensors: [
      {
        name: "features",
        datatype: "FP32",
        shape: [1n, 30n],
        data: { case: "rawContents", value: raw[i % raw.length] as Uint8Array },
      },
    ],
  }));
}

async function setUp(url: string): Promise<void> {
  const transport = createGrpcTransport({ baseUrl: url });
  await createClient(ModelRegistryService, transport).registerModel(
    (async function* () {
      yield create(RegisterModelRequestSchema, { part: { case: "metadata", value: { name: MODEL, version: 1n } } });
      yield create(RegisterModelRequestSchema, { part: { case: "chunk", value: exampleModel(MODEL) } });
    })(),
  );
  const pipeline = JSON.parse(readFileSync(join(ROOT, `examples/pipelines/${PIPELINE}.json`), "utf8")) as JsonValue;
  await createClient(PipelineService, transport).createPipeline({ pipeline: fromJson(PipelineSchema, pipeline) });
}

const ENDED = new Set([TaskState.COMPLETED, TaskState.CANCELLED, TaskState.FAILED]);

/** Follows WatchTask until the task ends; a stream that ends early is opened again. */
async function waitForEnd(tasks: Client<typeof TaskService>, id: string): Promise<Task> {
  let last: Task | undefined;
  let progressAt = performance.now();
  let finished = -1n;
  while (last === undefined || !ENDED.has(last.state)) {
    try {
      for await (const { task } of tasks.watchTask({ id })) {
        if (!task) continue;
        last = task;
        const done = task.succeededItems + task.deadLetteredItems + task.cancelledItems;
        if (done !== finished) {
          finished = done;
          progressAt = performance.now();
        }
        if (ENDED.has(task.state)) break;
      }
    } catch (err) {
      process.stderr.write(`watch ${id}: ${(err as Error).message}; watching again\n`);
    }
    if (performance.now() - progressAt > STALL_MS) {
      throw new Error(`task ${id} made no progress for ${STALL_MS / 1000} s: ${JSON.stringify(last)}`);
    }
    if (last === undefined || !ENDED.has(last.state)) {
      last = (await tasks.getTask({ id })).task ?? last;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return last;
}

interface TaskRun {
  items_per_s: number;
  submit_ms: number;
  seconds: number;
  succeeded: number;
  dead_lettered: number;
  redeliveries: number;
}

async function runTask(tasks: Client<typeof TaskService>, count: number): Promise<TaskRun> {
  const items = modelItems(count);
  const started = performance.now();
  const { task } = await tasks.submitTask({ target: { case: "model", value: { model: MODEL } }, items });
  const submitMs = performance.now() - started;
  if (!task) throw new Error("SubmitTask answered without a task");
  const end = await waitForEnd(tasks, task.id);
  const seconds = (performance.now() - started) / 1000;
  if (end.state !== TaskState.COMPLETED) {
    throw new Error(`task ${task.id} ended ${TaskState[end.state]}: ${end.error}`);
  }
  if (end.succeededItems !== BigInt(count)) {
    throw new Error(`task ${task.id}: only ${end.succeededItems} of ${count} items succeeded`);
  }
  return {
    items_per_s: Math.round(count / seconds),
    submit_ms: Math.round(submitMs),
    seconds: Number(seconds.toFixed(2)),
    succeeded: Number(end.succeededItems),
    dead_lettered: Number(end.deadLetteredItems),
    redeliveries: Number(end.redeliveries),
  };
}

interface StreamRun {
  events_per_s: number;
  publish_seconds: number;
  seconds: number;
  decisions: number;
  labels: Record<string, number>;
  dead_lettered: number;
}

/**
 * Counts the distinct events decided on `subject` (by their arbiter-event-id header) until there
 * are `count`; the consumer is ordered and ephemeral, reading ARBITER_DECISIONS from its start.
 */
async function collectDecisions(
  nc: NatsConnection,
  subject: string,
  count: number,
): Promise<{ labels: Record<string, number>; done: Promise<void>; decided: () => number }> {
  const js = nc.jetstream();
  // The stream is created with the binding; allow it a moment to appear.
  let consumer: Awaited<ReturnType<typeof js.consumers.get>> | undefined;
  for (let attempt = 0; consumer === undefined; attempt++) {
    try {
      consumer = await js.consumers.get("ARBITER_DECISIONS", { filterSubjects: [subject] });
    } catch (err) {
      if (attempt >= 50) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const messages = await consumer.consume();
  const seen = new Set<string>();
  const labels: Record<string, number> = {};
  const done = (async () => {
    for await (const m of messages as AsyncIterable<JsMsg>) {
      const eventId = m.headers?.get("arbiter-event-id") ?? "";
      if (eventId === "" || seen.has(eventId)) continue;
      seen.add(eventId);
      const decision = fromJson(DecisionSchema, m.json<JsonValue>(), { ignoreUnknownFields: true });
      labels[decision.label] = (labels[decision.label] ?? 0) + 1;
      if (seen.size >= count) break;
    }
    await messages.close();
  })();
  return { labels, done, decided: () => seen.size };
}

async function runStream(mesh: DistributedMesh, count: number): Promise<StreamRun> {
  const streams = createClient(StreamService, createGrpcTransport({ baseUrl: mesh.gatewayUrl }));
  const { binding } = await streams.createStreamBinding({
    binding: { name: BINDING, pipeline: PIPELINE, ordering: StreamOrdering.PARALLEL, maxInFlight: STREAM_IN_FLIGHT },
  });
  const input = binding?.inputSubject || `arbiter.events.default.${BINDING}`;
  const output = binding?.outputSubject || `arbiter.decisions.default.${BINDING}`;
  const nc = await connect({ servers: mesh.nats.url });
  try {
    const collector = await collectDecisions(nc, output, count);
    const js = nc.jetstream();
    // Event i: row i mod 4 and amount i mod 5, so the rules reach every label; 20 distinct bodies,
    // each the proto3 JSON of a DecideRequest (an input is a PipelineValue: {"value": ...}).
    const bodies = Array.from({ length: rows.length * AMOUNTS.length }, (_, i) =>
      new TextEncoder().encode(
        toJsonString(
          DecideRequestSchema,
          create(DecideRequestSchema, {
            inputs: {
              features: { kind: { case: "value", value: fromJson(ValueSchema, rows[i % rows.length] ?? []) } },
              amount: { kind: { case: "value", value: fromJson(ValueSchema, AMOUNTS[i % AMOUNTS.length] ?? 0) } },
            },
          }),
        ),
      ),
    );
    const started = performance.now();
    const inFlight = new Set<Promise<unknown>>();
    for (let i = 0; i < count; i++) {
      const body = bodies[i % bodies.length] as Uint8Array;
      const p = js.publish(input, body, { msgID: `bench-${i}` }).finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= PUBLISH_WINDOW) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    const publishSeconds = (performance.now() - started) / 1000;
    let lastCount = -1;
    let progressAt = performance.now();
    const stalled = (async () => {
      for (;;) {
        await new Promise((r) => setTimeout(r, 1000));
        if (collector.decided() >= count) return;
        if (collector.decided() !== lastCount) {
          lastCount = collector.decided();
          progressAt = performance.now();
        } else if (performance.now() - progressAt > STALL_MS) {
          const stats = (await streams.getStreamBinding({ name: BINDING })).binding?.stats;
          throw new Error(
            `stream ${BINDING}: ${lastCount} of ${count} decisions, none for ${STALL_MS / 1000} s; binding stats ${JSON.stringify(stats, (_, v) => (typeof v === "bigint" ? Number(v) : v))}`,
          );
        }
      }
    })();
    await Promise.race([collector.done, stalled]);
    const seconds = (performance.now() - started) / 1000;
    const stats = (await streams.getStreamBinding({ name: BINDING })).binding?.stats;
    return {
      events_per_s: Math.round(count / seconds),
      publish_seconds: Number(publishSeconds.toFixed(2)),
      seconds: Number(seconds.toFixed(2)),
      decisions: collector.decided(),
      labels: collector.labels,
      dead_lettered: Number(stats?.deadLettered ?? 0n),
    };
  } finally {
    await nc.close();
  }
}

// ARBITER_* settings in this process's environment reach every role, to try other values
// (e.g. ARBITER_TASKS_UNIT_SIZE, ARBITER_TASKS_UNITS_IN_FLIGHT) without editing the benchmark.
const overrides = Object.fromEntries(
  Object.entries(process.env).filter((e): e is [string, string] => e[0].startsWith("ARBITER_") && e[1] !== undefined),
);
const mesh = await startDistributedMesh({
  schedulers: 2,
  settings: { ARBITER_LOG_LEVEL: "info", ...overrides },
});
let results: { task: TaskRun & { runs_items_per_s: number[] }; stream: StreamRun };
try {
  await setUp(mesh.gatewayUrl);
  const tasks = createClient(TaskService, createGrpcTransport({ baseUrl: mesh.gatewayUrl }));
  // Loads the model on the schedulers and warms the path, outside the measurement.
  await runTask(tasks, 500);
  const runs: TaskRun[] = [];
  for (let r = 0; r < RUNS; r++) runs.push(await runTask(tasks, ITEMS));
  const byRate = [...runs].sort((a, b) => a.items_per_s - b.items_per_s);
  const task = {
    ...(byRate[Math.floor(byRate.length / 2)] as TaskRun),
    runs_items_per_s: runs.map((r) => r.items_per_s),
  };
  const stream = await runStream(mesh, EVENTS);
  results = { task, stream };
} catch (err) {
  process.stderr.write(`bench:tasks failed: ${(err as Error).stack ?? err}\nlogs: ${mesh.logDir}\n`);
  await mesh.stop();
  process.exit(1);
}
await mesh.stop();

const { task, stream } = results;
const lines = [
  "phase    count    seconds    throughput        failed",
  `task     ${String(ITEMS).padStart(6)}  ${task.seconds.toFixed(2).padStart(8)}  ${String(task.items_per_s).padStart(8)} items/s  ${String(task.dead_lettered).padStart(6)} dead-lettered`,
  `stream   ${String(EVENTS).padStart(6)}  ${stream.seconds.toFixed(2).padStart(8)}  ${String(stream.events_per_s).padStart(7)} events/s  ${String(stream.dead_lettered).padStart(6)} dead-lettered`,
  "",
  `task: SubmitTask took ${task.submit_ms} ms; ${task.succeeded}/${ITEMS} items succeeded, ${task.redeliveries} redeliveries`,
  `task: ${task.items_per_s} items/s end to end, median of ${RUNS} runs (${task.runs_items_per_s.join(", ")}) (target ≥ 2000)`,
  `stream: published in ${stream.publish_seconds} s; ${stream.decisions} decisions, labels ${JSON.stringify(stream.labels)}`,
];
console.log(lines.join("\n"));
const cpus = os.cpus();
mkdirSync(join(ROOT, "bench/results"), { recursive: true });
writeFileSync(
  join(ROOT, "bench/results/tasks.json"),
  `${JSON.stringify(
    {
      task_items_per_s: task.items_per_s,
      stream_events_per_s: stream.events_per_s,
      items: ITEMS,
      events: EVENTS,
      dead_lettered: task.dead_lettered,
      stream_dead_lettered: stream.dead_lettered,
      task,
      stream,
      settings: overrides,
      machine: { cpu: cpus[0]?.model ?? "unknown", cores: cpus.length, node: process.version },
    },
    null,
    2,
  )}\n`,
);
process.exit(0);
