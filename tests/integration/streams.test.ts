/**
 * Stream bindings, in both deployment modes: events published on arbiter.events.<tenant>.<name>
 * run through the transaction-risk pipeline and each decision lands once in ARBITER_DECISIONS on
 * the binding's output subject — in event order for an ordered binding, deduplicated by event id,
 * with malformed events dead-lettered while the rest go on — and the binding's API answers with its
 * statistics and the right error codes. Events are published the way a producer does: to the
 * JetStream stream, with a message id (in embedded mode, through the mesh's in-process bus).
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Bus, createNatsBus, type DurableMessage, type DurableStream, processMetrics } from "@arbiter/core";
import { type Decision, DecisionSchema, StreamOrdering, StreamService, TaskService } from "@arbiter/proto";
import { fromJsonString } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { client, grpcTransport } from "../support/clients.ts";
import { openEventStreams } from "../support/event-streams.ts";
import { type Mesh, startDistributedMesh, startEmbeddedMesh } from "../support/mesh.ts";
import {
  decidedLabel,
  registerTransactionRisk,
  TRANSACTION_RISK,
  transactionEvent,
  transactionInputs,
} from "../support/transaction-risk.ts";

/** Every decision stored on `subject`, with the event id it answers. */
async function decisionsOn(
  decisions: DurableStream,
  subject: string,
): Promise<{ eventId: string; decision: Decision }[]> {
  const out: { eventId: string; decision: Decision }[] = [];
  for await (const m of decisions.read(subject) as AsyncIterable<DurableMessage>) {
    out.push({
      eventId: m.headers["arbiter-event-id"] ?? "",
      decision: fromJsonString(DecisionSchema, new TextDecoder().decode(m.data)),
    });
  }
  return out;
}

/** Polls `check` until it holds, or fails naming `what`. */
async function eventually(what: string, check: () => Promise<boolean>): Promise<void> {
  const until = Date.now() + 60_000;
  while (!(await check())) {
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function streamSuite(mode: string, startMesh: () => Promise<{ mesh: Mesh; bus: Bus; close(): Promise<void> }>) {
  describe(`stream bindings (${mode})`, () => {
    let mesh: Mesh;
    let close: () => Promise<void>;
    let events: DurableStream;
    let decisions: DurableStream;
    let streams: ReturnType<typeof client<typeof StreamService>>;
    const labels = new Map<number, string>();

    before(async () => {
      const started = await startMesh();
      mesh = started.mesh;
      close = started.close;
      ({ events, decisions } = await openEventStreams(started.bus));
      const transport = grpcTransport(mesh.gatewayUrl);
      await registerTransactionRisk(transport);
      streams = client(StreamService, transport);
      // Transactions repeat every 20 (4 example rows, 5 amounts).
      for (let i = 0; i < 20; i++) labels.set(i, await decidedLabel(transport, i));
    });
    after(async () => {
      await close?.();
      await mesh?.stop();
    });

    it("creates a binding with the defaults a user expects, and shows it", async () => {
      const { binding } = await streams.createStreamBinding({
        binding: { name: "payments", pipeline: TRANSACTION_RISK },
      });
      assert.equal(binding?.inputSubject, "arbiter.events.default.payments");
      assert.equal(binding?.outputSubject, "arbiter.decisions.default.payments");
      assert.equal(binding?.ordering, StreamOrdering.ORDERED);
      assert.equal(binding?.maxAttempts, 5);
      const { bindings } = await streams.listStreamBindings({});
      assert.deepEqual(
        bindings.map((b) => b.name),
        ["payments"],
      );
    });

    it("decides every event once, in event order, and drops a republished event id", async () => {
      const count = 40;
      for (let i = 0; i < count; i++) {
        await events.publish("arbiter.events.default.payments", transactionEvent(i), { msgId: `payment-${i}` });
      }
      // A producer retrying after a lost acknowledgement sends the same ids again.
      for (let i = 0; i < 10; i++) {
        const ack = await events.publish("arbiter.events.default.payments", transactionEvent(i), {
          msgId: `payment-${i}`,
        });
        assert.equal(ack.duplicate, true);
      }
      await eventually(`${count} decisions`, async () => {
        const { binding } = await streams.getStreamBinding({ name: "payments" });
        return binding?.stats?.processed === BigInt(count);
      });
      const stored = await decisionsOn(decisions, "arbiter.decisions.default.payments");
      assert.deepEqual(
        stored.map((d) => d.eventId),
        Array.from({ length: count }, (_, i) => `payment-${i}`),
        "one decision per event, in event order",
      );
      for (const [i, { decision }] of stored.entries()) {
        assert.equal(decision.label, labels.get(i % 20), `event ${i}`);
        assert.equal(decision.pipeline, TRANSACTION_RISK);
      }
      const { binding } = await streams.getStreamBinding({ name: "payments" });
      assert.equal(binding?.stats?.lag, 0n);
      assert.equal(binding?.stats?.deadLettered, 0n);
    });

    it("dead-letters a malformed event with its error and goes on with the next", async () => {
      await events.publish("arbiter.events.default.payments", new TextEncoder().encode("{not json"), {
        msgId: "broken-1",
      });
      await events.publish("arbiter.events.default.payments", transactionEvent(1), { msgId: "after-broken" });
      await eventually("the event after the malformed one", async () => {
        const stored = await decisionsOn(decisions, "arbiter.decisions.default.payments");
        return stored.some((d) => d.eventId === "after-broken");
      });
      const { binding } = await streams.getStreamBinding({ name: "payments" });
      assert.equal(binding?.stats?.deadLettered, 1n);
      const { rows } = await mesh.db.query<{ state: string; error: string; attempts: number }>(
        "SELECT state, error, attempts FROM stream_events WHERE binding = 'payments' AND event_id = 'broken-1'",
      );
      assert.equal(rows[0]?.state, "dead_lettered");
      assert.equal(rows[0]?.attempts, 1, "a malformed event is not retried");
      assert.match(rows[0]?.error ?? "", /INVALID_ARGUMENT: .*event body/);
    });

    it("processes a parallel binding's events, each once", async () => {
      await streams.createStreamBinding({
        binding: {
          name: "payments-fast",
          pipeline: TRANSACTION_RISK,
          ordering: StreamOrdering.PARALLEL,
          maxInFlight: 16,
          outputSubject: "arbiter.decisions.default.fast-lane",
        },
      });
      const count = 60;
      await Promise.all(
        Array.from({ length: count }, (_, i) =>
          events.publish("arbiter.events.default.payments-fast", transactionEvent(i), { msgId: `fast-${i}` }),
        ),
      );
      await eventually(`${count} parallel decisions`, async () => {
        const { binding } = await streams.getStreamBinding({ name: "payments-fast" });
        return binding?.stats?.processed === BigInt(count);
      });
      const stored = await decisionsOn(decisions, "arbiter.decisions.default.fast-lane");
      assert.deepEqual(
        stored.map((d) => d.eventId).sort(),
        Array.from({ length: count }, (_, i) => `fast-${i}`).sort(),
      );
    });

    it("refuses bad bindings with the right codes, naming the field", async () => {
      const refused = async (binding: Record<string, unknown>, code: Code, pattern: RegExp) => {
        await assert.rejects(
          streams.createStreamBinding({ binding }),
          (e: unknown) => e instanceof ConnectError && e.code === code && pattern.test(e.message),
        );
      };
      await refused({ name: "orphan", pipeline: "no-such-pipeline" }, Code.NotFound, /no-such-pipeline/);
      await refused(
        { name: "elsewhere", pipeline: TRANSACTION_RISK, outputSubject: "arbiter.decisions.other-tenant.x" },
        Code.InvalidArgument,
        /binding\.output_subject/,
      );
      await refused({ name: "payments", pipeline: TRANSACTION_RISK }, Code.AlreadyExists, /payments/);
      await refused({ name: "bad name!", pipeline: TRANSACTION_RISK }, Code.InvalidArgument, /binding\.name/);
    });

    it("deletes a binding: it is gone from the API and its events stop being decided", async () => {
      await streams.deleteStreamBinding({ name: "payments-fast" });
      await assert.rejects(
        streams.getStreamBinding({ name: "payments-fast" }),
        (e: unknown) => e instanceof ConnectError && e.code === Code.NotFound,
      );
      await assert.rejects(
        streams.deleteStreamBinding({ name: "payments-fast" }),
        (e: unknown) => e instanceof ConnectError && e.code === Code.NotFound,
      );
      const { bindings } = await streams.listStreamBindings({});
      assert.deepEqual(
        bindings.map((b) => b.name),
        ["payments"],
      );
    });
  });
}

streamSuite("embedded", async () => {
  const mesh = await startEmbeddedMesh();
  return { mesh, bus: mesh.bus, close: async () => {} };
});

streamSuite("distributed", async () => {
  const mesh = await startDistributedMesh({ schedulers: 2 });
  const bus = await createNatsBus({ servers: [mesh.nats.url], name: "streams-test" });
  return { mesh, bus, close: () => bus.close() };
});

describe("durable-work metrics (embedded)", () => {
  /** The value of a sample of this process's /metrics text (0 when absent). */
  const sample = (name: string, labels = ""): number => {
    const line = processMetrics()
      .expose()
      .split("\n")
      .find((l) => l.startsWith(`${name}${labels} `) || (labels === "" && l.startsWith(`${name} `)));
    return line ? Number(line.split(" ").at(-1)) : 0;
  };

  it("counts settled events by binding and outcome, and task items by outcome", async () => {
    const mesh = await startEmbeddedMesh();
    try {
      const transport = grpcTransport(mesh.gatewayUrl);
      await registerTransactionRisk(transport);
      const { events } = await openEventStreams(mesh.bus);
      const streams = client(StreamService, transport);
      await streams.createStreamBinding({ binding: { name: "metered", pipeline: TRANSACTION_RISK } });
      for (let i = 0; i < 5; i++) {
        await events.publish("arbiter.events.default.metered", transactionEvent(i), { msgId: `m-${i}` });
      }
      await events.publish("arbiter.events.default.metered", new TextEncoder().encode("[]"), { msgId: "m-bad" });
      await eventually("6 settled events", async () => {
        const { binding } = await streams.getStreamBinding({ name: "metered" });
        return binding?.stats?.processed === 5n && binding.stats.deadLettered === 1n;
      });
      assert.equal(sample("arbiter_stream_events_total", '{binding="metered",outcome="decided"}'), 5);
      assert.equal(sample("arbiter_stream_events_total", '{binding="metered",outcome="dead_lettered"}'), 1);

      const succeededBefore = sample("arbiter_task_items_total", '{outcome="succeeded"}');
      const publishedBefore = sample("arbiter_outbox_published_total");
      const tasks = client(TaskService, transport);
      const { task } = await tasks.submitTask({
        target: { case: "pipeline", value: { pipeline: TRANSACTION_RISK } },
        items: Array.from({ length: 3 }, (_, i) => ({ values: transactionInputs(i) })),
      });
      for await (const _ of tasks.watchTask({ id: task?.id ?? "" })) {
        // until the task ends
      }
      assert.equal(sample("arbiter_task_items_total", '{outcome="succeeded"}') - succeededBefore, 3);
      assert.equal(sample("arbiter_outbox_published_total") - publishedBefore, 1, "one notice for one unit");
      assert.equal(sample("arbiter_task_units_in_flight"), 0);
    } finally {
      await mesh.stop();
    }
  });
});
