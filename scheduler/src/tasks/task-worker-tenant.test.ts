/**
 * A work notice names its tenant twice, in its subject and in its payload; the task's row is the
 * authority. A notice routed as another tenant's is refused and leaves the task as it was, while
 * the task's own notice runs it.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  type Bus,
  createMemoryBus,
  createPgliteDatabase,
  createRootLogger,
  type Database,
  type DurableStream,
  migrate,
  SERVICE_ROLE,
} from "@arbiter/core";
import { TaskItemSchema, TaskState } from "@arbiter/proto";
import { create, toBinary } from "@bufbuild/protobuf";
import type { DecisionEngine } from "../decisions/decision-engine.ts";
import { ModelStore } from "../registry/model-store.ts";
import type { ModelHost } from "../serving/model-host.ts";
import { TASK_CONSUMER, TASK_STREAM, TASK_SUBJECTS, TaskStore, taskSubject, type WorkUnit } from "./task-store.ts";
import { startTaskWorker, type TaskWorker } from "./task-worker.ts";

const encode = (unit: WorkUnit) => new TextEncoder().encode(JSON.stringify(unit));

describe("task work notices and their tenant", () => {
  let db: Database;
  let bus: Bus;
  let stream: DurableStream;
  let store: TaskStore;
  let worker: TaskWorker;

  before(async () => {
    db = await createPgliteDatabase({});
    await migrate(db);
    await db.useServiceRole(SERVICE_ROLE);
    await db.query("INSERT INTO tenants (id) VALUES ('acme'), ('globex')");
    bus = createMemoryBus();
    stream = await bus.durableStream({
      name: TASK_STREAM,
      subjects: [TASK_SUBJECTS],
      retention: "workqueue",
      duplicateWindowMs: 60_000,
    });
    store = new TaskStore(db);
    // Units of a model task resolve the model first; this one does not exist, so a unit that runs
    // fails the task, naming the model. The host and the decision engine are never reached.
    worker = await startTaskWorker({
      stream,
      store,
      deps: { store: new ModelStore(db), host: {} as ModelHost, decisions: {} as DecisionEngine },
      nodeId: "node-1",
      logger: createRootLogger({ level: "silent" }),
      leaseMs: 5_000,
      unitsInFlight: 2,
      retryBackoffMs: 100,
    });
  });
  after(async () => {
    await worker?.stop(1_000);
    await bus?.close();
    await db?.close();
  });

  /** Resolves once the worker has settled every notice published so far. */
  async function settled(): Promise<void> {
    for (let waited = 0; waited < 10_000; waited += 20) {
      const state = await stream.consumerState(TASK_CONSUMER);
      if (state && state.pending === 0 && state.ackPending === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error("the worker left notices unsettled after 10 s");
  }

  it("refuses notices for acme's task sent on globex's subject, and runs the one on acme's", async () => {
    // Submitted without its outbox relayed: the only notices are the ones this test publishes.
    const { task } = await store.submit({
      tenant: "acme",
      idempotencyKey: "",
      target: "model",
      targetName: "no-such-model",
      selector: new Uint8Array(0),
      maxAttempts: 1,
      labels: {},
      traceparent: "",
      items: [toBinary(TaskItemSchema, create(TaskItemSchema, {}))],
      unitSize: 10,
    });
    const unit: WorkUnit = { task: task.id, tenant: "acme", from: 0, to: 0 };

    await stream.publish(taskSubject("globex"), encode(unit));
    await stream.publish(taskSubject("globex"), encode({ ...unit, tenant: "globex" }));
    await stream.publish(taskSubject("acme"), encode({ ...unit, tenant: "globex" }));
    await settled();
    const untouched = await store.get("acme", task.id);
    assert.equal(untouched.state, TaskState.PENDING);
    assert.equal(untouched.error, "");

    await stream.publish(taskSubject("acme"), encode(unit));
    await settled();
    const ran = await store.get("acme", task.id);
    assert.equal(ran.state, TaskState.FAILED);
    assert.match(ran.error, /no-such-model/);
  });
});
