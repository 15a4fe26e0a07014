/**
 * Runtime log levels. Across a distributed mesh (one gateway, two schedulers, NATS, PostgreSQL),
 * started at `info`: one ClusterService.SetLogLevel call through the gateway changes what the
 * gateway and every scheduler write to their logs, names every process that applied it, refuses
 * an unknown level naming the field, and with duration_seconds puts the previous level back.
 *
 * The debug lines watched are the ones a failed call leaves: the gateway's "call failed" and the
 * answering scheduler's "request failed" (GetNode of a node that does not exist). In embedded mode
 * one process holds both, and the call names both.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { ClusterService } from "@arbiter/proto";
import { type Client, Code, ConnectError } from "@connectrpc/connect";
import { client, grpcTransport } from "../support/clients.ts";
import { type DistributedMesh, type RoleProcess, startDistributedMesh, startEmbeddedMesh } from "../support/mesh.ts";

/** How many of a process's log lines are at `level` with message `msg`. */
function logged(role: RoleProcess, level: string, msg: string): number {
  return readFileSync(role.logFile, "utf8")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { level?: string; msg?: string })
    .filter((entry) => entry.level === level && entry.msg === msg).length;
}

/** Polls `check` until it holds, or fails naming `what`. */
async function eventually(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  const until = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("log levels changed at runtime through the admin API", () => {
  let mesh: DistributedMesh;
  let cluster: Client<typeof ClusterService>;

  /** A call that fails with NOT_FOUND, logged at debug by the gateway and the scheduler answering it. */
  const failingCall = async () => {
    await assert.rejects(
      cluster.getNode({ id: "no-such-node" }),
      (e: unknown) => e instanceof ConnectError && e.code === Code.NotFound,
    );
  };

  before(async () => {
    mesh = await startDistributedMesh({ schedulers: 2, settings: { ARBITER_LOG_LEVEL: "info" } });
    cluster = client(ClusterService, grpcTransport(mesh.gatewayUrl));
    // Both schedulers heartbeat before the broadcast, so both are waited for.
    await eventually("two live schedulers", async () => (await cluster.listNodes({})).nodes.length === 2);
  });
  after(async () => mesh?.stop());

  it("at info, a failed call leaves no debug line anywhere", async () => {
    for (let i = 0; i < 10; i++) await failingCall();
    assert.equal(logged(mesh.gateway, "debug", "call failed"), 0);
    for (const s of mesh.schedulers) assert.equal(logged(s, "debug", "request failed"), 0, s.id);
  });

  it("SetLogLevel debug reaches the gateway and every scheduler, and names them", async () => {
    const { nodes } = await cluster.setLogLevel({ level: "debug" });
    assert.equal(nodes.length, 3, `nodes: ${nodes.join(", ")}`);
    assert.match(nodes[0] ?? "", /^gateway-/);
    assert.deepEqual(nodes.slice(1), ["scheduler-1", "scheduler-2"]);

    const levels = await cluster.getLogLevel({});
    assert.deepEqual(
      levels.processes.map((p) => [p.node, p.level]),
      nodes.map((n) => [n, "debug"]),
    );

    // Calls go to one scheduler of the queue group each: call until both have logged one.
    await eventually("a debug line from every scheduler", async () => {
      await failingCall();
      return mesh.schedulers.every((s) => logged(s, "debug", "request failed") > 0);
    });
    await eventually(
      "the gateway logging failed calls at debug",
      () => logged(mesh.gateway, "debug", "call failed") > 0,
    );
  });

  it("SetLogLevel warn silences info lines; a component of its own keeps its level", async () => {
    const { nodes } = await cluster.setLogLevel({ level: "warn" });
    assert.equal(nodes.length, 3);
    await cluster.setLogLevel({ level: "debug", component: "gateway" });
    const { processes } = await cluster.getLogLevel({});
    for (const p of processes) {
      assert.equal(p.level, "warn", p.node);
      assert.deepEqual(p.components, { gateway: "debug" }, p.node);
    }
    const gatewayBefore = logged(mesh.gateway, "debug", "call failed");
    const schedulersBefore = mesh.schedulers.map((s) => logged(s, "debug", "request failed"));
    for (let i = 0; i < 10; i++) await failingCall();
    // The gateway writes its log through an asynchronous stream: a line may reach the file a moment after the answer.
    await eventually(
      "the gateway component at debug",
      () => logged(mesh.gateway, "debug", "call failed") >= gatewayBefore + 10,
    );
    assert.deepEqual(
      mesh.schedulers.map((s) => logged(s, "debug", "request failed")),
      schedulersBefore,
      "schedulers at warn log no debug lines",
    );
  });

  it("an unknown level is INVALID_ARGUMENT naming the field", async () => {
    await assert.rejects(
      cluster.setLogLevel({ level: "loud" }),
      (e: unknown) => e instanceof ConnectError && e.code === Code.InvalidArgument && /\blevel\b/.test(e.message),
    );
  });

  it("duration_seconds puts the previous level back", async () => {
    await cluster.setLogLevel({ level: "info" });
    const { nodes } = await cluster.setLogLevel({ level: "debug", durationSeconds: 1 });
    assert.equal(nodes.length, 3);
    assert.ok((await cluster.getLogLevel({})).processes.every((p) => p.level === "debug"));
    await eventually("every process back at info", async () =>
      (await cluster.getLogLevel({})).processes.every((p) => p.level === "info"),
    );
    const gatewayBefore = logged(mesh.gateway, "debug", "call failed");
    const schedulersBefore = mesh.schedulers.map((s) => logged(s, "debug", "request failed"));
    for (let i = 0; i < 10; i++) await failingCall();
    assert.equal(logged(mesh.gateway, "debug", "call failed"), gatewayBefore);
    assert.deepEqual(
      mesh.schedulers.map((s) => logged(s, "debug", "request failed")),
      schedulersBefore,
    );
  });
});

describe("log levels in embedded mode", () => {
  it("one process: the gateway and its scheduler both apply the change", async () => {
    const mesh = await startEmbeddedMesh();
    try {
      const cluster = client(ClusterService, grpcTransport(mesh.gatewayUrl));
      await eventually("the node's heartbeat", async () => (await cluster.listNodes({})).nodes.length === 1);
      // warn, not debug: this process's own loggers would write to the test's output.
      const { nodes } = await cluster.setLogLevel({ level: "warn" });
      assert.equal(nodes.length, 2, `nodes: ${nodes.join(", ")}`);
      assert.match(nodes[0] ?? "", /^gateway-/);
      assert.equal(nodes[1], mesh.scheduler.nodeId);
      const { processes } = await cluster.getLogLevel({});
      assert.deepEqual(
        processes.map((p) => p.level),
        ["warn", "warn"],
      );
      await cluster.setLogLevel({ level: "silent" });
    } finally {
      await mesh.stop();
    }
  });
});
