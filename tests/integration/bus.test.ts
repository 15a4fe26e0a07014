/**
 * The bus contract, run against both implementations: the in-process bus of embedded mode and
 * NATS (a real nats-server with JetStream). Same subjects, headers, queue groups, deadlines, "no
 * responders" and error round trips, so the services behave the same in both modes.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  ANONYMOUS_PRINCIPAL,
  type Bus,
  CancelledError,
  Code,
  callRpc,
  createMemoryBus,
  createNatsBus,
  createRequestContext,
  createRootLogger,
  DeadlineExceededError,
  InvalidArgumentError,
  ModelNotFoundError,
  serveRpc,
  UnavailableError,
} from "@arbiter/core";
import { type NatsServer, startNats } from "@arbiter/testkit";

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const silent = createRootLogger({ level: "silent" });
const ctx = (ms = 5000) =>
  createRequestContext(ANONYMOUS_PRINCIPAL, Date.now() + ms, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

function conformance(name: string, open: () => Promise<Bus>, close: () => Promise<void>) {
  describe(`bus contract: ${name}`, () => {
    let bus: Bus;
    before(async () => {
      bus = await open();
    });
    after(async () => {
      await bus.close();
      await close();
    });

    it("answers a request with the reply of a subscriber, headers included", async () => {
      const sub = bus.subscribe("t.echo", (m) =>
        m.respond(bytes(`echo:${text(m.data)}`), { "x-seen": m.headers["x-in"] ?? "" }),
      );
      const reply = await bus.request("t.echo", bytes("hi"), { timeoutMs: 2000, headers: { "x-in": "v1" } });
      assert.equal(text(reply.data), "echo:hi");
      assert.equal(reply.headers["x-seen"], "v1");
      sub.unsubscribe();
    });

    it("fails at once with UNAVAILABLE when nobody listens", async () => {
      const started = Date.now();
      await assert.rejects(bus.request("t.nobody", bytes("x"), { timeoutMs: 5000 }), (err) => {
        assert.ok(err instanceof UnavailableError);
        assert.match(err.message, /no responders for t\.nobody/);
        return true;
      });
      assert.ok(Date.now() - started < 4000, "no-responders must not wait for the timeout");
    });

    it("fails with DEADLINE_EXCEEDED when the reply does not come in time", async () => {
      const sub = bus.subscribe("t.slow", () => {});
      await assert.rejects(bus.request("t.slow", bytes("x"), { timeoutMs: 150 }), DeadlineExceededError);
      sub.unsubscribe();
    });

    it("fails with CANCELLED when the caller aborts", async () => {
      const sub = bus.subscribe("t.hang", () => {});
      const abort = new AbortController();
      const pending = bus.request("t.hang", bytes("x"), { timeoutMs: 5000, signal: abort.signal });
      setTimeout(() => abort.abort(), 50);
      await assert.rejects(pending, CancelledError);
      sub.unsubscribe();
    });

    it("delivers each message to exactly one member of a queue group, and to every plain subscriber", async () => {
      const got = { a: 0, b: 0, plain: 0 };
      const subs = [
        bus.subscribe("t.work.*", () => got.a++, { queue: "workers" }),
        bus.subscribe("t.work.*", () => got.b++, { queue: "workers" }),
        bus.subscribe("t.work.>", () => got.plain++),
      ];
      for (let i = 0; i < 200; i++) bus.publish(`t.work.${i % 3}`, bytes(String(i)));
      await bus.flush();
      const deadline = Date.now() + 3000;
      while (got.a + got.b < 200 || got.plain < 200) {
        if (Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      assert.equal(got.a + got.b, 200);
      assert.equal(got.plain, 200);
      assert.ok(got.a > 0 && got.b > 0, `both members should get work (got ${got.a} and ${got.b})`);
      for (const s of subs) s.unsubscribe();
    });

    it("keeps the order of messages sent in one turn, a large one among small ones included", async () => {
      const got: number[] = [];
      const sub = bus.subscribe("t.order", (m) => got.push(m.data.byteLength > 8 ? -1 : Number(text(m.data))));
      // A payload this close to NATS's default max_payload (1 MiB) is handed to the server at once
      // rather than with the rest of the turn's messages: it must still leave in its turn.
      const large = new Uint8Array(1024 * 1024 - 16 * 1024);
      for (let i = 0; i < 100; i++) {
        bus.publish("t.order", i === 50 ? large : bytes(String(i)));
      }
      await bus.flush();
      const deadline = Date.now() + 3000;
      while (got.length < 100 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      assert.deepEqual(
        got,
        Array.from({ length: 100 }, (_, i) => (i === 50 ? -1 : i)),
      );
      sub.unsubscribe();
    });

    it("rebuilds the server's typed error, with its fields, on the caller's side", async () => {
      const server = serveRpc(
        bus,
        "t.rpc.>",
        "rpc",
        async (data, c) => {
          if (text(data) === "missing") throw new ModelNotFoundError(c.tenant, "fraud", "3");
          if (text(data) === "bad") throw new InvalidArgumentError("inputs[0].shape", "[1, 30]", "[1, 29]");
          return bytes(`${c.tenant}:${c.traceparent?.slice(3, 11)}`);
        },
        silent,
      );
      assert.equal(text(await callRpc(bus, "t.rpc.ok", bytes("x"), ctx())), "default:0af76519");
      await assert.rejects(callRpc(bus, "t.rpc.a", bytes("missing"), ctx()), (err) => {
        assert.ok(err instanceof ModelNotFoundError);
        assert.equal(err.code, Code.NotFound);
        assert.equal(err.modelName, "fraud");
        assert.equal(err.version, "3");
        assert.equal(err.message, 'model "fraud" version 3 not found');
        return true;
      });
      await assert.rejects(callRpc(bus, "t.rpc.b", bytes("bad"), ctx()), (err) => {
        assert.ok(err instanceof InvalidArgumentError);
        assert.equal(err.field, "inputs[0].shape");
        assert.equal(err.message, "inputs[0].shape: expected [1, 30], got [1, 29]");
        return true;
      });
      await server.drain();
    });

    it("does not send a request whose deadline has passed, and the server refuses stale ones", async () => {
      let ran = 0;
      const server = serveRpc(
        bus,
        "t.stale",
        "stale",
        async () => {
          ran++;
          return bytes("ran");
        },
        silent,
      );
      await assert.rejects(callRpc(bus, "t.stale", bytes("x"), ctx(-1)), DeadlineExceededError);
      assert.equal(ran, 0);
      await server.drain();
    });

    it("waits for requests in flight when a server drains", async () => {
      let finished = 0;
      const server = serveRpc(
        bus,
        "t.drain",
        "drain",
        async () => {
          await new Promise((r) => setTimeout(r, 300));
          finished++;
          return bytes("done");
        },
        silent,
      );
      const pending = callRpc(bus, "t.drain", bytes("x"), ctx());
      await new Promise((r) => setTimeout(r, 100));
      await server.drain();
      assert.equal(finished, 1);
      assert.equal(text(await pending), "done");
      await assert.rejects(callRpc(bus, "t.drain", bytes("x"), ctx()), UnavailableError);
    });

    it("keeps key-value entries until their TTL passes", async () => {
      const kv = await bus.keyValue("test-ttl", { ttlMs: 1000 });
      await kv.put("node-a", bytes("1"));
      await kv.put("node-b", bytes("2"));
      assert.equal(text((await kv.get("node-a")) ?? new Uint8Array()), "1");
      assert.deepEqual([...(await kv.entries()).keys()].sort(), ["node-a", "node-b"]);
      await kv.delete("node-b");
      assert.equal(await kv.get("node-b"), undefined);
      await new Promise((r) => setTimeout(r, 1600));
      assert.equal(await kv.get("node-a"), undefined);
      assert.equal((await kv.entries()).size, 0);
    });
  });
}

conformance(
  "in-process",
  async () => createMemoryBus(),
  async () => {},
);

let nats: NatsServer | undefined;
conformance(
  "NATS",
  async () => {
    nats = await startNats({ jetstream: true });
    return createNatsBus({ servers: [nats.url], name: "bus-test" });
  },
  async () => nats?.stop(),
);
