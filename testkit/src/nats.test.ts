import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { AckPolicy, connect, type NatsConnection, StorageType, StringCodec } from "nats";
import { type NatsCluster, type NatsServer, startNats, startNatsCluster } from "./index.ts";

const sc = StringCodec();

async function withConnection<T>(servers: string | string[], body: (nc: NatsConnection) => Promise<T>): Promise<T> {
  const nc = await connect({ servers, reconnect: false });
  try {
    return await body(nc);
  } finally {
    await nc.close();
  }
}

async function streamMessages(url: string, stream: string): Promise<string[]> {
  return withConnection(url, async (nc) => {
    const jsm = await nc.jetstreamManager();
    const info = await jsm.streams.info(stream);
    const out: string[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
      out.push(sc.decode((await jsm.streams.getMessage(stream, { seq })).data));
    }
    return out;
  });
}

async function publishToNewStream(url: string, stream: string, bodies: string[]): Promise<void> {
  await withConnection(url, async (nc) => {
    const jsm = await nc.jetstreamManager();
    await jsm.streams.add({ name: stream, subjects: [`${stream}.>`], storage: StorageType.File });
    const js = nc.jetstream();
    for (const body of bodies) await js.publish(`${stream}.created`, sc.encode(body));
  });
}

describe("startNats", () => {
  let nats: NatsServer;
  before(async () => {
    nats = await startNats();
  });
  after(async () => {
    await nats.stop();
  });

  test("serves core NATS on 127.0.0.1: a published message reaches a subscriber", async () => {
    assert.match(nats.url, /^nats:\/\/127\.0\.0\.1:\d+$/);
    const received = await withConnection(nats.url, async (nc) => {
      const sub = nc.subscribe("greetings", { max: 1 });
      nc.publish("greetings", sc.encode("hello"));
      for await (const m of sub) return sc.decode(m.data);
      return undefined;
    });
    assert.equal(received, "hello");
  });

  test("has JetStream: a KV bucket returns what was put", async () => {
    const value = await withConnection(nats.url, async (nc) => {
      const kv = await nc.jetstream().views.kv("heartbeats");
      await kv.put("node-1", sc.encode('{"load":0.5}'));
      return (await kv.get("node-1"))?.string();
    });
    assert.equal(value, '{"load":0.5}');
  });

  test("restart keeps the port, the store directory and a stream's messages", async () => {
    const { url, storeDir, pid } = nats;
    await publishToNewStream(url, "ORDERS", ["a", "b", "c"]);
    await nats.restart();
    assert.equal(nats.url, url);
    assert.equal(nats.storeDir, storeDir);
    assert.notEqual(nats.pid, pid);
    assert.deepEqual(await streamMessages(nats.url, "ORDERS"), ["a", "b", "c"]);
  });

  test("kill -9 then restart keeps acknowledged stream messages and durable consumers", async () => {
    await publishToNewStream(nats.url, "TASKS", ["t1", "t2"]);
    await withConnection(nats.url, async (nc) => {
      const jsm = await nc.jetstreamManager();
      await jsm.consumers.add("TASKS", { durable_name: "workers", ack_policy: AckPolicy.Explicit });
    });
    await nats.kill("SIGKILL");
    assert.equal(nats.running, false);
    await assert.rejects(connect({ servers: nats.url, reconnect: false }));
    await nats.restart();
    assert.deepEqual(await streamMessages(nats.url, "TASKS"), ["t1", "t2"]);
    const pending = await withConnection(nats.url, async (nc) => {
      const jsm = await nc.jetstreamManager();
      return (await jsm.consumers.info("TASKS", "workers")).num_pending;
    });
    assert.equal(pending, 2);
  });
});

test("startNats with jetstream: false serves core NATS without JetStream", async () => {
  const nats = await startNats({ jetstream: false });
  try {
    await withConnection(nats.url, async (nc) => {
      // No JetStream API answers: the request gets "no responders" (503).
      await assert.rejects(nc.jetstreamManager(), (error: Error & { code?: string }) => error.code === "503");
    });
  } finally {
    await nats.stop();
  }
});

describe("startNatsCluster", () => {
  let cluster: NatsCluster;
  before(async () => {
    cluster = await startNatsCluster(3);
  });
  after(async () => {
    await cluster.stop();
  });

  test("forms one JetStream cluster whose replicated stream survives a member's crash and restart", async () => {
    assert.equal(cluster.servers.length, 3);
    assert.equal(new Set(cluster.urls).size, 3);
    await withConnection([...cluster.urls], async (nc) => {
      const jsm = await nc.jetstreamManager();
      const info = await jsm.streams.add({ name: "EVENTS", subjects: ["events.>"], num_replicas: 3 });
      assert.equal(info.config.num_replicas, 3);
      await nc.jetstream().publish("events.one", sc.encode("before"));
    });

    const member = cluster.servers[1];
    assert.ok(member);
    await member.kill("SIGKILL");
    // Two of three members are a quorum: writes still succeed while one is down (once a new
    // stream leader is elected, if the killed member led the stream).
    await withConnection([...cluster.urls], async (nc) => {
      const deadline = Date.now() + 20_000;
      for (;;) {
        try {
          await nc.jetstream().publish("events.two", sc.encode("during"), { msgID: "during-1" });
          break;
        } catch (error) {
          if (Date.now() > deadline) throw error;
          await sleep(200);
        }
      }
    });
    await member.restart();
    assert.equal(member.running, true);

    const varz = (await (await fetch(`${member.monitorUrl}/varz`)).json()) as { cluster?: { name?: string } };
    assert.equal(varz.cluster?.name, "arbiter-test");
    assert.deepEqual(await streamMessages(member.url, "EVENTS"), ["before", "during"]);
  });
});
