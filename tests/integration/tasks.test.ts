/**
 * Durable asynchronous tasks (arbiter.v1.TaskService) as a user sees them, run unchanged against an
 * embedded mesh and a distributed one (two scheduler processes over real NATS and PostgreSQL):
 * a model task completes with each item's label and its results page and stream in item order;
 * WatchTask streams snapshots that only move forward; an idempotency key returns the same task;
 * a cancelled task stops with every item accounted for; bad input is refused up front, or
 * dead-letters only its item with the exact error; a transient failure is retried, then
 * dead-lettered; a pipeline task decides each item as Decide does.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer, type Socket } from "node:net";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import {
  DecisionService,
  ItemState,
  ModelRegistryService,
  PipelineSchema,
  PipelineService,
  type PipelineValueSchema,
  RegisterModelRequestSchema,
  RemoteProtocol,
  type SubmitTaskRequestSchema,
  type Task,
  type TaskItemSchema,
  type TaskResult,
  TaskSchema,
  TaskService,
  TaskState,
} from "@arbiter/proto";
import { create, fromJson, type JsonValue, type MessageInitShape, toJsonString } from "@bufbuild/protobuf";
import { ValueSchema } from "@bufbuild/protobuf/wkt";
import { type Client, Code } from "@connectrpc/connect";
import { client, grpcTransport } from "../support/clients.ts";
import { decodeRaw, EXPECTED, exampleModel, fp32Bytes } from "../support/examples.ts";
import { expectCode } from "../support/expect-code.ts";
import { type Mesh, startDistributedMesh, startEmbeddedMesh } from "../support/mesh.ts";

type TaskItemInit = MessageInitShape<typeof TaskItemSchema>;
type SubmitInit = MessageInitShape<typeof SubmitTaskRequestSchema>;
type PipelineValueInit = MessageInitShape<typeof PipelineValueSchema>;

const REPO = fileURLToPath(new URL("../../", import.meta.url));

/**
 * Small units, so a large task is many work notices (a cancel finds most of them not yet run), and
 * a short retry backoff, so retried items come back quickly. Remote nodes may call loopback hosts:
 * the retry case points one at a closed local port.
 */
const SETTINGS = {
  ARBITER_TASKS_UNIT_SIZE: "16",
  ARBITER_TASKS_RETRY_BACKOFF_MS: "50",
  ARBITER_REMOTE_ALLOW_LOOPBACK: "true",
};

/** How long the hanging model server's callers wait for it. */
const HANG_TIMEOUT_MS = 1500;

/** How long a task may take to end before a test gives up on it (a bound, not a measurement). */
const TASK_WAIT_MS = 90_000;

const CASE = EXPECTED["risk-classifier"];
const ROWS = (CASE?.inputs.features?.data ?? []) as number[][];
const LABELS = (CASE?.outputs.label?.data ?? []) as number[];

/** The expected case row item `i` carries (the rows cycle). */
const rowOf = (i: number): number[] => ROWS[i % ROWS.length] ?? [];

/** A model item: one row of features as an FP32 [1, n] tensor. */
function modelItem(row: number[]): TaskItemInit {
  return {
    tensors: [
      {
        name: "features",
        datatype: "FP32",
        shape: [1n, BigInt(row.length)],
        data: { case: "rawContents", value: fp32Bytes([row]) },
      },
    ],
  };
}

const modelItems = (n: number): TaskItemInit[] => Array.from({ length: n }, (_, i) => modelItem(rowOf(i)));

/** A pipeline input holding a plain JSON value. */
const jsonValue = (v: JsonValue): PipelineValueInit => ({
  kind: { case: "value", value: fromJson(ValueSchema, v) },
});

const AMOUNTS = [120, 9000, 35, 2400, 6100];
/** Inputs of transaction-risk for item `i`: an example row and an amount, so the rules pick different labels. */
const pipelineInputs = (i: number): Record<string, PipelineValueInit> => ({
  features: jsonValue(rowOf(i)),
  amount: jsonValue(AMOUNTS[i % AMOUNTS.length] ?? 0),
});

/** The predicted class in an item's inference result. */
function labelOf(result: TaskResult): number | undefined {
  const out = result.inference?.outputs.find((t) => t.name === "label");
  if (!out) return undefined;
  if (out.data.case === "rawContents") return decodeRaw(out.datatype, out.data.value)[0];
  if (out.data.case === "contents") return Number(out.data.value.int64Contents[0]);
  return undefined;
}

/** A task as JSON, for failure messages. */
const show = (task: Task): string => toJsonString(TaskSchema, task);

const isFinal = (s: TaskState) => s === TaskState.COMPLETED || s === TaskState.CANCELLED || s === TaskState.FAILED;

/** A port on loopback that nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  return address.port;
}

/** A server on loopback that accepts connections and never answers (a model server that hangs). */
async function silentServer(): Promise<{ port: number; close(): void }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  return {
    port: address.port,
    close() {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

/**
 * A pipeline of one remote node, `far`, calling model "scorer" over the Open Inference Protocol at
 * `url`. The node does not retry by itself and its circuit stays closed, so every item attempt
 * calls the server and fails with what happened to that call.
 */
function remoteScorer(name: string, url: string, timeoutMs: number): MessageInitShape<typeof PipelineSchema> {
  return {
    name,
    inputs: [{ name: "x", type: "number", required: true }],
    nodes: [
      {
        name: "far",
        kind: {
          case: "remote",
          value: {
            protocol: RemoteProtocol.OIP,
            url,
            model: "scorer",
            timeoutMs,
            retries: 0,
            breakerFailureThreshold: 1000,
          },
        },
      },
    ],
    edges: [
      { from: "input.x", to: "far.x" },
      { from: "far.y", to: "output.y" },
    ],
  };
}

/** Pipeline items `{x: 0}`, `{x: 1}`, ... */
const numberItems = (n: number): TaskItemInit[] =>
  Array.from({ length: n }, (_, i) => ({ values: { x: jsonValue(i) } }));

/** The task service's acceptance tests against the mesh `start` returns. */
function tasksSuite(name: string, start: () => Promise<Mesh>): void {
  describe(`tasks (${name})`, () => {
    let mesh: Mesh;
    let tasks: Client<typeof TaskService>;
    let deadPort: number;
    let hanging: { port: number; close(): void } | undefined;

    const submit = (init: SubmitInit) => tasks.submitTask(init);

    /** Polls GetTask until `done` holds of the task; fails the test with its last state after TASK_WAIT_MS. */
    async function waitFor(id: string, done: (t: Task) => boolean): Promise<Task> {
      const giveUpAt = Date.now() + TASK_WAIT_MS;
      for (;;) {
        const { task } = await tasks.getTask({ id });
        assert.ok(task);
        if (done(task)) return task;
        if (Date.now() > giveUpAt) {
          assert.fail(`task ${id} still ${TaskState[task.state]} after ${TASK_WAIT_MS} ms: ${show(task)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    const waitEnded = (id: string) => waitFor(id, (t) => isFinal(t.state));

    /** Submits a model task of `total` example rows, checks it was created whole, and waits until it completes. */
    async function runModelTask(total: number): Promise<{ submitted: Task; done: Task }> {
      const { task: submitted, created } = await submit({
        target: { case: "model", value: { model: "risk-classifier" } },
        items: modelItems(total),
      });
      assert.ok(submitted);
      assert.equal(created, true);
      assert.equal(submitted.totalItems, BigInt(total));
      const done = await waitEnded(submitted.id);
      assert.equal(done.state, TaskState.COMPLETED, done.error);
      return { submitted, done };
    }

    /** Every result of the task through ListTaskResults, page by page; also returns the page sizes. */
    async function allResults(id: string, pageSize: number): Promise<{ results: TaskResult[]; pages: number[] }> {
      const results: TaskResult[] = [];
      const pages: number[] = [];
      let pageToken = "";
      do {
        const page = await tasks.listTaskResults({ id, pageSize, pageToken });
        results.push(...page.results);
        pages.push(page.results.length);
        pageToken = page.nextPageToken;
      } while (pageToken !== "");
      return { results, pages };
    }

    /** Every snapshot WatchTask streams until it ends. */
    async function watch(id: string): Promise<Task[]> {
      const seen: Task[] = [];
      for await (const { task } of tasks.watchTask({ id })) if (task) seen.push(task);
      return seen;
    }

    /** Every task ListTasks shows, over all pages. */
    async function listAll(): Promise<Task[]> {
      const all: Task[] = [];
      let pageToken = "";
      do {
        const page = await tasks.listTasks({ pageSize: 7, pageToken });
        all.push(...page.tasks);
        pageToken = page.nextPageToken;
      } while (pageToken !== "");
      return all;
    }

    before(async () => {
      mesh = await start();
      const transport = grpcTransport(mesh.gatewayUrl);
      tasks = client(TaskService, transport);
      await client(ModelRegistryService, transport).registerModel(
        (async function* () {
          yield create(RegisterModelRequestSchema, {
            part: { case: "metadata", value: { name: "risk-classifier", version: 1n } },
          });
          yield create(RegisterModelRequestSchema, {
            part: { case: "chunk", value: exampleModel("risk-classifier") },
          });
        })(),
      );
      const pipelines = client(PipelineService, transport);
      const example = JSON.parse(readFileSync(join(REPO, "examples/pipelines/transaction-risk.json"), "utf8"));
      await pipelines.createPipeline({ pipeline: fromJson(PipelineSchema, example as JsonValue) });
      // Model servers that are down (every call refused: UNAVAILABLE) or hang (every call times out).
      deadPort = await closedPort();
      await pipelines.createPipeline({
        pipeline: remoteScorer("unreachable-scorer", `http://127.0.0.1:${deadPort}`, 2000),
      });
      hanging = await silentServer();
      await pipelines.createPipeline({
        pipeline: remoteScorer("hanging-scorer", `http://127.0.0.1:${hanging.port}`, HANG_TIMEOUT_MS),
      });
    });
    after(async () => {
      await mesh?.stop();
      hanging?.close();
    });

    it("runs a model task to completion: counts, paged and streamed results in item order, each row's label", async () => {
      const total = 200;
      const { submitted, done } = await runModelTask(total);
      assert.deepEqual(
        {
          total: done.totalItems,
          succeeded: done.succeededItems,
          dead: done.deadLetteredItems,
          running: done.runningItems,
        },
        { total: BigInt(total), succeeded: BigInt(total), dead: 0n, running: 0n },
      );

      const { results, pages } = await allResults(submitted.id, 37);
      assert.deepEqual(pages, [37, 37, 37, 37, 37, 15], "pages of page_size, the last one the rest");
      assert.deepEqual(
        results.map((r) => Number(r.itemIndex)),
        Array.from({ length: total }, (_, i) => i),
        "every item once, in item order",
      );
      for (const r of results) {
        const i = Number(r.itemIndex);
        assert.equal(r.state, ItemState.SUCCEEDED, `item ${i}: ${r.error}`);
        assert.equal(r.attempts, 1, `item ${i}`);
        assert.equal(labelOf(r), LABELS[i % ROWS.length], `label of item ${i}`);
      }

      const streamed: TaskResult[] = [];
      for await (const { result } of tasks.streamTaskResults({ id: submitted.id })) if (result) streamed.push(result);
      assert.deepEqual(
        streamed.map((r) => [Number(r.itemIndex), r.state, labelOf(r)]),
        results.map((r) => [Number(r.itemIndex), r.state, labelOf(r)]),
        "StreamTaskResults gives what the pages give, in the same order",
      );
    });

    it("WatchTask streams snapshots that only move forward and ends with the completed task", async () => {
      const total = 200;
      const { task: submitted } = await submit({
        target: { case: "model", value: { model: "risk-classifier" } },
        items: modelItems(total),
      });
      assert.ok(submitted);
      const seen = await watch(submitted.id);
      assert.ok(seen.length >= 2, `at least the submitted and the completed snapshot, got ${seen.length}`);
      assert.equal(seen[0]?.state, TaskState.PENDING, "the first snapshot is the task as submitted");
      const order = [TaskState.PENDING, TaskState.RUNNING, TaskState.COMPLETED];
      for (let i = 1; i < seen.length; i++) {
        const [prev, cur] = [seen[i - 1] as Task, seen[i] as Task];
        assert.ok(order.indexOf(cur.state) >= order.indexOf(prev.state), `state went back at snapshot ${i}`);
        assert.ok(cur.succeededItems >= prev.succeededItems, `succeeded went down at snapshot ${i}`);
      }
      assert.ok(
        seen.some((t) => t.state === TaskState.RUNNING),
        "the task is seen running before it completes",
      );
      const last = seen.at(-1);
      assert.equal(last?.state, TaskState.COMPLETED);
      assert.equal(last?.succeededItems, BigInt(total));
      assert.equal(last?.totalItems, BigInt(total));
      assert.equal(last?.id, submitted.id);
      for (const t of seen) {
        assert.deepEqual(t.createTime, submitted.createTime, "every snapshot keeps the task's create time");
      }
      assert.ok(
        seen.some((t) => t.runningItems > 0n),
        "some snapshot shows items running",
      );
    });

    it("returns the same task for the same idempotency key, a new one for another key", async () => {
      const before = (await listAll()).length;
      const key = `nightly-scoring-${mesh.mode}`;
      const first = await submit({
        idempotencyKey: key,
        target: { case: "model", value: { model: "risk-classifier" } },
        items: modelItems(4),
      });
      assert.equal(first.created, true);
      const again = await submit({
        idempotencyKey: key,
        target: { case: "model", value: { model: "risk-classifier" } },
        items: modelItems(4),
      });
      assert.equal(again.created, false);
      assert.equal(again.task?.id, first.task?.id);
      assert.equal(again.task?.idempotencyKey, key);
      const other = await submit({
        idempotencyKey: `${key}-rerun`,
        target: { case: "model", value: { model: "risk-classifier" } },
        items: modelItems(4),
      });
      assert.equal(other.created, true);
      assert.notEqual(other.task?.id, first.task?.id);

      // A client retrying a submit it saw no answer to sends it again while the first is in flight.
      const racedKey = `${key}-raced`;
      const raced = await Promise.all(
        Array.from({ length: 4 }, () =>
          submit({
            idempotencyKey: racedKey,
            target: { case: "model", value: { model: "risk-classifier" } },
            items: modelItems(4),
          }),
        ),
      );
      assert.equal(raced.filter((r) => r.created).length, 1, "one of the racing submits created the task");
      assert.equal(new Set(raced.map((r) => r.task?.id)).size, 1, "they all answer with that task");

      const listed = await listAll();
      assert.equal(listed.length, before + 3, "the repeated submits added no task");
      assert.equal(listed.filter((t) => t.idempotencyKey === key).length, 1);
      assert.equal(listed.filter((t) => t.idempotencyKey === racedKey).length, 1);
      assert.ok(listed.some((t) => t.id === other.task?.id));
      for (const id of [first.task?.id, other.task?.id, raced[0]?.task?.id]) await waitEnded(id ?? "");
    });

    it("cancels a large task: what had not run is cancelled, every item accounted for", async () => {
      const total = 3000;
      const { task: submitted } = await submit({
        target: { case: "model", value: { model: "risk-classifier" } },
        items: modelItems(total),
      });
      assert.ok(submitted);
      const { task: cancelled } = await tasks.cancelTask({ id: submitted.id });
      assert.equal(cancelled?.state, TaskState.CANCELLED);

      // Items already running when the cancel came finish; wait until none runs any more.
      const settled = await waitFor(submitted.id, (t) => t.runningItems === 0n);
      assert.equal(settled.state, TaskState.CANCELLED);
      assert.ok(settled.cancelledItems > 0n, "most items had not run yet");
      assert.equal(
        settled.succeededItems + settled.deadLetteredItems + settled.cancelledItems,
        BigInt(total),
        show(settled),
      );

      const { results } = await allResults(submitted.id, 0);
      assert.equal(results.length, total);
      const count = (s: ItemState) => BigInt(results.filter((r) => r.state === s).length);
      assert.equal(count(ItemState.PENDING), 0n, "no item is left pending");
      assert.equal(count(ItemState.RUNNING), 0n, "no item is left running");
      assert.equal(count(ItemState.CANCELLED), settled.cancelledItems);
      assert.equal(count(ItemState.SUCCEEDED), settled.succeededItems);

      const seen = await watch(submitted.id);
      assert.equal(seen.at(-1)?.state, TaskState.CANCELLED, "WatchTask ends with the cancel");
    });

    it("cancels a task while its items run: they count as running, and one that then fails is cancelled, not retried", async () => {
      const total = 4;
      const { task: submitted } = await submit({
        target: { case: "pipeline", value: { pipeline: "hanging-scorer" } },
        items: numberItems(total),
        maxAttempts: 3,
      });
      assert.ok(submitted);
      // Every item is waiting for the hanging server now.
      await waitFor(submitted.id, (t) => t.runningItems === BigInt(total));
      const { task: cancelled } = await tasks.cancelTask({ id: submitted.id });
      assert.ok(cancelled);
      assert.equal(cancelled.state, TaskState.CANCELLED);
      assert.deepEqual(
        { running: cancelled.runningItems, cancelled: cancelled.cancelledItems },
        { running: BigInt(total), cancelled: 0n },
        `the items still run after the cancel: ${show(cancelled)}`,
      );

      // Their calls time out; a cancelled task runs nothing again, so the items end cancelled.
      const settled = await waitFor(submitted.id, (t) => t.runningItems === 0n);
      assert.equal(settled.state, TaskState.CANCELLED);
      assert.deepEqual(
        { succeeded: settled.succeededItems, dead: settled.deadLetteredItems, cancelled: settled.cancelledItems },
        { succeeded: 0n, dead: 0n, cancelled: BigInt(total) },
        show(settled),
      );
      assert.equal(settled.redeliveries, 0n, "nothing ran a second time");
      const { results } = await allResults(submitted.id, 0);
      for (const r of results) {
        assert.equal(r.state, ItemState.CANCELLED, `item ${r.itemIndex}`);
        assert.equal(r.attempts, 1);
        assert.match(r.error, new RegExp(`DEADLINE_EXCEEDED: .*did not answer within ${HANG_TIMEOUT_MS} ms`));
      }
    });

    it("refuses an unknown target or an item without tensors up front, and unknown task ids", async () => {
      const before = (await listAll()).length;
      await expectCode(
        submit({
          target: { case: "pipeline", value: { pipeline: "no-such-pipeline" } },
          items: [{ values: { x: jsonValue(1) } }],
        }),
        Code.NotFound,
        /no-such-pipeline/,
      );
      await expectCode(
        submit({ target: { case: "model", value: { model: "no-such-model" } }, items: modelItems(1) }),
        Code.NotFound,
        /no-such-model/,
      );
      await expectCode(
        submit({ target: { case: "model", value: { model: "risk-classifier" } }, items: [...modelItems(2), {}] }),
        Code.InvalidArgument,
        /items\[2\]\.tensors/,
      );
      assert.equal((await listAll()).length, before, "no task was recorded for a refused submit");

      for (const id of ["00000000-0000-4000-8000-000000000000", "not-a-task-id"]) {
        await expectCode(tasks.getTask({ id }), Code.NotFound, new RegExp(id));
        await expectCode(tasks.listTaskResults({ id }), Code.NotFound, new RegExp(id));
        await expectCode(tasks.cancelTask({ id }), Code.NotFound, new RegExp(id));
        await expectCode(watch(id), Code.NotFound, new RegExp(id));
        await expectCode(
          (async () => {
            for await (const _ of tasks.streamTaskResults({ id })) {
              // nothing is expected
            }
          })(),
          Code.NotFound,
          new RegExp(id),
        );
      }
    });

    it("dead-letters an item of the wrong shape after one attempt with the exact error; the others succeed", async () => {
      const items = modelItems(10);
      const bad = 3;
      items[bad] = modelItem(rowOf(bad).slice(0, 29));
      const { task: submitted } = await submit({
        target: { case: "model", value: { model: "risk-classifier" } },
        items,
      });
      assert.ok(submitted);
      const done = await waitEnded(submitted.id);
      assert.equal(done.state, TaskState.COMPLETED);
      assert.equal(done.succeededItems, 9n);
      assert.equal(done.deadLetteredItems, 1n);
      assert.equal(done.redeliveries, 0n, "a permanent error is not retried");
      const { results } = await allResults(submitted.id, 0);
      for (const r of results) {
        if (Number(r.itemIndex) === bad) {
          assert.equal(r.state, ItemState.DEAD_LETTERED);
          assert.equal(r.attempts, 1);
          assert.equal(r.error, 'attempt 1: INVALID_ARGUMENT: input "features" shape: expected [-1, 30], got [1, 29]');
        } else {
          assert.equal(r.state, ItemState.SUCCEEDED, `item ${r.itemIndex}: ${r.error}`);
          assert.equal(labelOf(r), LABELS[Number(r.itemIndex) % ROWS.length]);
        }
      }
    });

    it("retries an item whose remote model server is down, then dead-letters it after max_attempts", async () => {
      const maxAttempts = 3;
      const { task: submitted } = await submit({
        target: { case: "pipeline", value: { pipeline: "unreachable-scorer" } },
        items: numberItems(2),
        maxAttempts,
      });
      assert.ok(submitted);
      const done = await waitEnded(submitted.id);
      assert.equal(done.state, TaskState.COMPLETED, "a task whose items were all dead-lettered is complete");
      assert.equal(done.deadLetteredItems, 2n);
      assert.equal(done.succeededItems, 0n);
      assert.equal(done.redeliveries, BigInt(2 * (maxAttempts - 1)), "each item was tried again twice");
      const { results } = await allResults(submitted.id, 0);
      assert.equal(results.length, 2);
      for (const r of results) {
        assert.equal(r.state, ItemState.DEAD_LETTERED);
        assert.equal(r.attempts, maxAttempts);
        assert.match(
          r.error,
          new RegExp(
            `^attempt ${maxAttempts}: UNAVAILABLE: .*node "far": cannot reach http://127\\.0\\.0\\.1:${deadPort}`,
          ),
        );
      }
    });

    it("takes a task larger than one bus message whole: every item recorded, run and answered in order", async () => {
      // About 1.7 MB of items: over NATS's 1 MiB max_payload, so the gateway stages it in pieces.
      const total = 12_000;
      const { submitted, done } = await runModelTask(total);
      assert.equal(done.succeededItems, BigInt(total));
      const { results } = await allResults(submitted.id, 5000);
      assert.deepEqual(
        results.map((r) => Number(r.itemIndex)),
        Array.from({ length: total }, (_, i) => i),
      );
      for (const r of results.filter((_, i) => i % 997 === 0)) {
        assert.equal(labelOf(r), LABELS[Number(r.itemIndex) % ROWS.length], `item ${r.itemIndex}`);
      }
      const { rows } = await mesh.db.query<{ n: number }>("SELECT count(*)::int AS n FROM task_staging");
      assert.equal(rows[0]?.n, 0, "no staged item is left behind");
    });

    it("runs a pipeline task: one decision per item, the one Decide gives for the same inputs", async () => {
      const total = 20;
      const { task: submitted } = await submit({
        target: { case: "pipeline", value: { pipeline: "transaction-risk" } },
        items: Array.from({ length: total }, (_, i) => ({ values: pipelineInputs(i) })),
      });
      assert.ok(submitted);
      const done = await waitEnded(submitted.id);
      assert.equal(done.state, TaskState.COMPLETED, done.error);
      assert.equal(done.succeededItems, BigInt(total));
      const { results } = await allResults(submitted.id, 0);
      assert.equal(results.length, total);
      const decisions = client(DecisionService, grpcTransport(mesh.gatewayUrl));
      const labels = new Set<string>();
      for (const r of results) {
        const i = Number(r.itemIndex);
        assert.equal(r.state, ItemState.SUCCEEDED, `item ${i}: ${r.error}`);
        const { decision } = await decisions.decide({ pipeline: "transaction-risk", inputs: pipelineInputs(i) });
        assert.ok(decision?.label);
        assert.equal(r.decision?.label, decision.label, `item ${i}`);
        labels.add(decision.label);
      }
      assert.ok(labels.size > 1, `the items were decided differently, got only ${[...labels]}`);
    });
  });
}

tasksSuite("embedded: PGlite + in-process bus", () => startEmbeddedMesh(SETTINGS));
tasksSuite("distributed: PostgreSQL + NATS, two scheduler processes", () =>
  startDistributedMesh({ schedulers: 2, settings: SETTINGS }),
);
