/**
 * Durable streams, one behaviour suite run against both buses: the in-process streams of embedded
 * mode and JetStream on a real nats-server. Publishing, deduplication, acknowledgement,
 * redelivery, the cap on unacknowledged messages, work-queue retention, consumer state and
 * deletion, reading, and (NATS) consumption that carries on across a server crash.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type NatsServer, startNats } from "@arbiter/testkit";
import { FailedPreconditionError } from "../errors.ts";
import type { Bus } from "./bus.ts";
import type { DurableConsumerConfig, DurableMessage, DurableStream, StreamRetention } from "./durable-stream.ts";
import { createMemoryBus } from "./memory-bus.ts";
import { createNatsBus } from "./nats-bus.ts";

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** Polls `predicate` until it holds; fails naming `what` after `timeoutMs`. */
async function until(what: string, predicate: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A handler that keeps every delivery, unsettled, for the test to look at and settle. */
function inbox() {
  const received: DurableMessage[] = [];
  return {
    received,
    handler: async (message: DurableMessage) => {
      received.push(message);
    },
    /** The `n`-th delivery (1-based), once it arrived. */
    async nth(n: number): Promise<DurableMessage> {
      await until(`delivery ${n}`, () => received.length >= n);
      return received[n - 1] as DurableMessage;
    },
  };
}

async function readAll(stream: DurableStream, subject: string): Promise<DurableMessage[]> {
  const out: DurableMessage[] = [];
  for await (const message of stream.read(subject)) out.push(message);
  return out;
}

interface Harness {
  bus: Bus;
  /** The server behind the bus, for NATS. */
  nats?: NatsServer;
}

function behaviour(kind: string, open: () => Promise<Harness>, close: (h: Harness) => Promise<void>) {
  describe(`durable streams: ${kind}`, () => {
    let harness: Harness;
    let serial = 0;
    before(async () => {
      harness = await open();
    });
    after(async () => {
      await close(harness);
    });

    /** A fresh stream on subjects `<name>.>` so that tests never see each other's messages. */
    async function fresh(retention: StreamRetention = "limits") {
      const name = `DS_${kind}_${++serial}`;
      const stream = await harness.bus.durableStream({
        name,
        subjects: [`${name}.>`],
        retention,
        duplicateWindowMs: 60_000,
      });
      return { stream, name, subject: (s: string) => `${name}.${s}` };
    }

    const consumer = (name: string, overrides: Partial<DurableConsumerConfig> = {}): DurableConsumerConfig => ({
      durable: "workers",
      filterSubject: `${name}.>`,
      ackWaitMs: 10_000,
      maxAckPending: 10,
      ...overrides,
    });

    it("delivers what was published, with its subject, headers, id and sequence, once acknowledged", async () => {
      const { stream, name, subject } = await fresh();
      const first = await stream.publish(subject("jobs.a"), bytes("one"), {
        msgId: "m-1",
        headers: { "x-tenant": "acme" },
      });
      const second = await stream.publish(subject("jobs.b"), bytes("two"));
      assert.deepEqual(first, { seq: 1, duplicate: false });
      assert.deepEqual(second, { seq: 2, duplicate: false });

      const box = inbox();
      const consumption = await stream.consume(consumer(name), box.handler);
      const a = await box.nth(1);
      const b = await box.nth(2);
      assert.equal(a.subject, subject("jobs.a"));
      assert.equal(text(a.data), "one");
      assert.deepEqual(a.headers, { "x-tenant": "acme" });
      assert.equal(a.msgId, "m-1");
      assert.equal(a.seq, 1);
      assert.equal(a.deliveryCount, 1);
      assert.equal(text(b.data), "two");
      assert.equal(b.msgId, undefined);
      assert.equal(b.seq, 2);
      await a.ack();
      await b.ack();
      await until("both acknowledged", async () => (await stream.consumerState("workers"))?.ackPending === 0);
      assert.deepEqual(await stream.consumerState("workers"), { pending: 0, ackPending: 0, redelivered: 0 });
      await consumption.stop();
    });

    it("never calls a handler inside publish", async () => {
      const { stream, name, subject } = await fresh();
      let publishing = false;
      let calledDuringPublish: boolean | undefined;
      const consumption = await stream.consume(consumer(name), async (message) => {
        calledDuringPublish = publishing;
        await message.ack();
      });
      publishing = true;
      const published = stream.publish(subject("x"), bytes("x"));
      publishing = false;
      await published;
      await until("the delivery", () => calledDuringPublish !== undefined);
      assert.equal(calledDuringPublish, false);
      await consumption.stop();
    });

    it("stores a message id once within the duplicate window", async () => {
      const { stream, name, subject } = await fresh();
      const first = await stream.publish(subject("jobs"), bytes("original"), { msgId: "same" });
      const again = await stream.publish(subject("jobs"), bytes("copy"), { msgId: "same" });
      const other = await stream.publish(subject("jobs"), bytes("other"), { msgId: "different" });
      assert.deepEqual(first, { seq: 1, duplicate: false });
      assert.deepEqual(again, { seq: 1, duplicate: true });
      assert.deepEqual(other, { seq: 2, duplicate: false });

      const box = inbox();
      const consumption = await stream.consume(consumer(name, { maxAckPending: 1 }), async (message) => {
        await box.handler(message);
        await message.ack();
      });
      // Deliveries come in order: once "other" arrived, the copy would have come before it.
      await box.nth(2);
      assert.deepEqual(
        box.received.map((m) => text(m.data)),
        ["original", "other"],
      );
      assert.deepEqual(
        (await readAll(stream, subject("jobs"))).map((m) => text(m.data)),
        ["original", "other"],
      );
      await consumption.stop();
    });

    it("delivers a message again after the ack wait when nobody acknowledged it", async () => {
      const { stream, name, subject } = await fresh();
      await stream.publish(subject("jobs"), bytes("slow"));
      const box = inbox();
      const consumption = await stream.consume(consumer(name, { ackWaitMs: 400 }), box.handler);
      const first = await box.nth(1);
      assert.equal(first.deliveryCount, 1);
      const second = await box.nth(2);
      assert.equal(second.seq, first.seq);
      assert.equal(text(second.data), "slow");
      assert.equal(second.deliveryCount, 2);
      const state = await stream.consumerState("workers");
      assert.equal(state?.ackPending, 1);
      assert.equal(state?.redelivered, 1);
      await second.ack();
      await until("the acknowledgement", async () => (await stream.consumerState("workers"))?.ackPending === 0);
      assert.deepEqual(await stream.consumerState("workers"), { pending: 0, ackPending: 0, redelivered: 0 });
      await consumption.stop();
    });

    it("keeps a message that reports progress with working() past its ack wait", async () => {
      const { stream, name, subject } = await fresh();
      await stream.publish(subject("jobs"), bytes("long"));
      const box = inbox();
      const consumption = await stream.consume(consumer(name, { ackWaitMs: 500 }), box.handler);
      const message = await box.nth(1);
      // Three times the ack wait, reporting progress every 100 ms: no second delivery meanwhile.
      for (let i = 0; i < 15; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        message.working();
      }
      assert.equal(box.received.length, 1);
      await message.ack();
      await consumption.stop();
    });

    it("delivers a nak'd message again after the requested delay", async () => {
      const { stream, name, subject } = await fresh();
      await stream.publish(subject("jobs"), bytes("retry me"));
      const box = inbox();
      const consumption = await stream.consume(consumer(name), box.handler);
      const first = await box.nth(1);
      const nakAt = Date.now();
      first.nak(700);
      const second = await box.nth(2);
      // The ack wait is 10 s, so this second delivery comes from the nak, and not before its delay.
      assert.ok(Date.now() - nakAt >= 650, `redelivered ${Date.now() - nakAt} ms after a 700 ms nak`);
      assert.equal(second.seq, first.seq);
      assert.equal(second.deliveryCount, 2);
      await second.ack();
      await consumption.stop();
    });

    it("delivers the message of a failed handler again", async () => {
      const { stream, name, subject } = await fresh();
      await stream.publish(subject("jobs"), bytes("fails once"));
      const counts: number[] = [];
      const consumption = await stream.consume(consumer(name), async (message) => {
        counts.push(message.deliveryCount);
        if (message.deliveryCount === 1) throw new Error("handler failed");
        await message.ack();
      });
      await until("the second delivery", () => counts.length >= 2);
      assert.deepEqual(counts, [1, 2]);
      await until("the acknowledgement", async () => (await stream.consumerState("workers"))?.ackPending === 0);
      await consumption.stop();
    });

    it("with maxAckPending 1, hands messages one at a time, in order, across two consumptions", async () => {
      const { stream, name, subject } = await fresh();
      for (let i = 1; i <= 6; i++) await stream.publish(subject("ordered"), bytes(String(i)));
      const handled: string[] = [];
      let open = 0;
      let mostOpen = 0;
      const handler = (who: string) => async (message: DurableMessage) => {
        open++;
        mostOpen = Math.max(mostOpen, open);
        await new Promise((resolve) => setTimeout(resolve, 15));
        handled.push(`${text(message.data)}:${who}`);
        open--;
        await message.ack();
      };
      const config = consumer(name, { maxAckPending: 1 });
      const a = await stream.consume(config, handler("a"));
      const b = await stream.consume(config, handler("b"));
      await until("six messages handled", () => handled.length >= 6);
      assert.deepEqual(
        handled.map((h) => h.split(":")[0]),
        ["1", "2", "3", "4", "5", "6"],
      );
      assert.equal(mostOpen, 1);
      await a.stop();
      await b.stop();
    });

    it("runs at most `concurrency` handler calls at once in one consumption", async () => {
      const { stream, name, subject } = await fresh();
      for (let i = 1; i <= 6; i++) await stream.publish(subject("jobs"), bytes(String(i)));
      let open = 0;
      let mostOpen = 0;
      const handled: string[] = [];
      const consumption = await stream.consume(consumer(name, { maxAckPending: 10, concurrency: 2 }), async (m) => {
        open++;
        mostOpen = Math.max(mostOpen, open);
        await new Promise((resolve) => setTimeout(resolve, 50));
        open--;
        handled.push(text(m.data));
        await m.ack();
      });
      await until("six messages handled", () => handled.length >= 6);
      assert.deepEqual([...handled].sort(), ["1", "2", "3", "4", "5", "6"]);
      assert.equal(mostOpen, 2);
      await consumption.stop();
    });

    it("removes acknowledged messages from a work queue", async () => {
      const { stream, name, subject } = await fresh("workqueue");
      for (let i = 1; i <= 3; i++) await stream.publish(subject("work"), bytes(`job ${i}`));
      assert.equal((await readAll(stream, subject("work"))).length, 3);
      const box = inbox();
      const consumption = await stream.consume(consumer(name), async (message) => {
        await box.handler(message);
        await message.ack();
      });
      await box.nth(3);
      await until("the work queue emptied", async () => (await readAll(stream, `${name}.>`)).length === 0);
      assert.deepEqual(await stream.consumerState("workers"), { pending: 0, ackPending: 0, redelivered: 0 });
      await consumption.stop();
    });

    it("refuses a second work-queue consumer whose filter overlaps the first's", async () => {
      const { stream, name } = await fresh("workqueue");
      const first = await stream.consume(consumer(name, { filterSubject: `${name}.jobs.*` }), async () => {});
      await assert.rejects(
        stream.consume(consumer(name, { durable: "others", filterSubject: `${name}.>` }), async () => {}),
        FailedPreconditionError,
      );
      const disjoint = await stream.consume(
        consumer(name, { durable: "reports", filterSubject: `${name}.reports.*` }),
        async () => {},
      );
      await disjoint.stop();
      await first.stop();
    });

    it("reports what a consumer has left: undelivered, unacknowledged and redelivered", async () => {
      const { stream, name, subject } = await fresh();
      assert.equal(await stream.consumerState("workers"), undefined);
      for (let i = 1; i <= 5; i++) await stream.publish(subject("jobs"), bytes(String(i)));
      const box = inbox();
      const consumption = await stream.consume(consumer(name, { maxAckPending: 2 }), box.handler);
      await box.nth(2);
      await until("two unacknowledged", async () => (await stream.consumerState("workers"))?.ackPending === 2);
      assert.deepEqual(await stream.consumerState("workers"), { pending: 3, ackPending: 2, redelivered: 0 });
      assert.equal(box.received.length, 2, "maxAckPending 2 lets only two out");

      (box.received[0] as DurableMessage).nak();
      await box.nth(3);
      assert.equal(box.received[2]?.deliveryCount, 2);
      await until("one redelivered", async () => (await stream.consumerState("workers"))?.redelivered === 1);
      await (box.received[1] as DurableMessage).ack();
      await box.nth(4);
      assert.equal(box.received[3]?.seq, 3);
      assert.deepEqual(await stream.consumerState("workers"), { pending: 2, ackPending: 2, redelivered: 1 });
      await consumption.stop();
    });

    it("stops delivering to a stopped consumption, and a later one takes over", async () => {
      const { stream, name, subject } = await fresh();
      const first = inbox();
      const consumption = await stream.consume(consumer(name), async (message) => {
        await first.handler(message);
        await message.ack();
      });
      await stream.publish(subject("jobs"), bytes("before"));
      await first.nth(1);
      await consumption.stop();
      await stream.publish(subject("jobs"), bytes("after"));
      const second = inbox();
      const next = await stream.consume(consumer(name), second.handler);
      const message = await second.nth(1);
      assert.equal(text(message.data), "after");
      assert.equal(first.received.length, 1);
      await message.ack();
      await next.stop();
    });

    it("deletes a consumer with what it had left: a new one of that name starts over", async () => {
      const { stream, name, subject } = await fresh();
      await stream.publish(subject("jobs"), bytes("one"));
      await stream.publish(subject("jobs"), bytes("two"));
      const box = inbox();
      const consumption = await stream.consume(consumer(name), async (message) => {
        await box.handler(message);
        await message.ack();
      });
      await box.nth(2);
      await consumption.stop();
      await stream.deleteConsumer("workers");
      assert.equal(await stream.consumerState("workers"), undefined);
      await stream.deleteConsumer("workers");

      const again = inbox();
      const next = await stream.consume(consumer(name), again.handler);
      const message = await again.nth(1);
      assert.equal(text(message.data), "one");
      assert.equal(message.deliveryCount, 1);
      await next.stop();
    });

    it("filters a consumer's messages by subject", async () => {
      const { stream, name, subject } = await fresh();
      await stream.publish(subject("red.1"), bytes("r1"));
      await stream.publish(subject("blue.1"), bytes("b1"));
      await stream.publish(subject("red.2"), bytes("r2"));
      const box = inbox();
      const consumption = await stream.consume(
        consumer(name, { durable: "reds", filterSubject: `${name}.red.*` }),
        box.handler,
      );
      await box.nth(2);
      assert.deepEqual(
        box.received.map((m) => text(m.data)),
        ["r1", "r2"],
      );
      assert.deepEqual(await stream.consumerState("reds"), { pending: 0, ackPending: 2, redelivered: 0 });
      await consumption.stop();
    });

    it("reads every stored message on a subject, in order, without consuming it", async () => {
      const { stream, name, subject } = await fresh();
      assert.deepEqual(await readAll(stream, `${name}.>`), []);
      await stream.publish(subject("a.1"), bytes("a1"), { msgId: "id-a1", headers: { k: "v" } });
      await stream.publish(subject("b.1"), bytes("b1"));
      await stream.publish(subject("a.2"), bytes("a2"));
      const read = await readAll(stream, subject("a.*"));
      assert.deepEqual(
        read.map((m) => [m.seq, m.subject, text(m.data)]),
        [
          [1, subject("a.1"), "a1"],
          [3, subject("a.2"), "a2"],
        ],
      );
      assert.equal(read[0]?.msgId, "id-a1");
      assert.equal(read[0]?.headers.k, "v");
      assert.equal((await readAll(stream, `${name}.>`)).length, 3);
      assert.equal(await stream.consumerState("workers"), undefined);
    });

    it("reopening a stream keeps its messages", async () => {
      const { stream, name, subject } = await fresh();
      await stream.publish(subject("kept"), bytes("kept"));
      const reopened = await harness.bus.durableStream({
        name,
        subjects: [`${name}.>`],
        retention: "limits",
        duplicateWindowMs: 30_000,
      });
      assert.deepEqual(
        (await readAll(reopened, `${name}.>`)).map((m) => text(m.data)),
        ["kept"],
      );
    });

    if (kind === "nats") {
      it("keeps consuming across a nats-server crash, losing no message whose publish succeeded", async () => {
        const { stream, name, subject } = await fresh("workqueue");
        const nats = harness.nats as NatsServer;
        const done = new Set<string>();
        const handler = async (message: DurableMessage) => {
          await message.ack();
          done.add(text(message.data));
        };
        const consumption = await stream.consume(consumer(name, { ackWaitMs: 500 }), handler);
        for (const id of ["a", "b", "c"]) await stream.publish(subject("jobs"), bytes(id), { msgId: id });
        await until("the first three", () => done.size === 3);

        // Stored while nobody consumes, then the server crashes (SIGKILL): the store must have them.
        await consumption.stop();
        for (const id of ["d", "e"]) await stream.publish(subject("jobs"), bytes(id), { msgId: id });
        await nats.kill("SIGKILL");
        await nats.restart();
        const resumed = await stream.consume(consumer(name, { ackWaitMs: 500 }), handler);
        await until("the two stored before the crash", () => done.has("d") && done.has("e"));

        // A running consumption rides out a restart: messages published afterwards still arrive.
        await nats.restart();
        for (const id of ["f", "g"]) await stream.publish(subject("jobs"), bytes(id), { msgId: id });
        await until("the two published after the restart", () => done.has("f") && done.has("g"), 30_000);
        assert.deepEqual([...done].sort(), ["a", "b", "c", "d", "e", "f", "g"]);
        await until("the work queue emptied", async () => (await readAll(stream, `${name}.>`)).length === 0);
        await resumed.stop();
      });
    }
  });
}

behaviour(
  "memory",
  async () => ({ bus: createMemoryBus() }),
  async ({ bus }) => {
    await bus.close();
  },
);

behaviour(
  "nats",
  async () => {
    const nats = await startNats({ jetstream: true });
    const bus = await createNatsBus({ servers: [nats.url], name: "durable-stream-test" });
    return { bus, nats };
  },
  async ({ bus, nats }) => {
    await bus.close();
    await nats?.stop();
  },
);
