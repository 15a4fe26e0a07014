/**
 * Distributed mode under a scheduler crash: one gateway, two schedulers, real NATS and
 * PostgreSQL. Both schedulers serve the same registry; `kill -9` of one under a steady stream of
 * Get/List calls leaves every call succeeding through the other, and the gateway SERVING.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  ANONYMOUS_PRINCIPAL,
  contextToHeaders,
  createRequestContext,
  NODE_HEADER,
  rpcSubject,
  tenantRpcSubject,
} from "@arbiter/core";
import {
  ClusterService,
  GetModelRequestSchema,
  ModelRegistryService,
  RegisterModelRequestSchema,
} from "@arbiter/proto";
import { Health, HealthCheckResponse_ServingStatus } from "@arbiter/proto/grpc";
import { create, toBinary } from "@bufbuild/protobuf";
import type { Client } from "@connectrpc/connect";
import { connect, headers as natsHeaders } from "nats";
import { client, grpcTransport } from "../support/clients.ts";
import { exampleModel } from "../support/examples.ts";
import { type DistributedMesh, spawnRole, startDistributedMesh } from "../support/mesh.ts";

describe("distributed mesh: two schedulers, one killed", () => {
  let mesh: DistributedMesh;
  let registry: Client<typeof ModelRegistryService>;
  let health: Client<typeof Health>;

  before(async () => {
    mesh = await startDistributedMesh({ schedulers: 2 });
    registry = client(ModelRegistryService, grpcTransport(mesh.gatewayUrl));
    health = client(Health, grpcTransport(mesh.gatewayUrl));
    await registry.registerModel(
      (async function* () {
        yield create(RegisterModelRequestSchema, { part: { case: "metadata", value: { name: "risk", version: 1n } } });
        yield create(RegisterModelRequestSchema, { part: { case: "chunk", value: exampleModel("risk-classifier") } });
      })(),
    );
  });
  after(async () => mesh?.stop());

  it("a model registered through the gateway is visible from both schedulers", async () => {
    // Ask the schedulers' queue group directly until both have answered.
    const nc = await connect({ servers: mesh.nats.url });
    try {
      const subject = rpcSubject(ModelRegistryService.typeName, "GetModel");
      const body = toBinary(GetModelRequestSchema, create(GetModelRequestSchema, { name: "risk" }));
      const answeredBy = new Map<string, number>();
      for (let i = 0; i < 200 && answeredBy.size < 2; i++) {
        const ctx = createRequestContext(ANONYMOUS_PRINCIPAL, Date.now() + 5000);
        const headers = natsHeaders();
        for (const [k, v] of Object.entries(contextToHeaders(ctx))) headers.set(k, v);
        const reply = await nc.request(tenantRpcSubject(subject, ctx.tenant), body, { timeout: 5000, headers });
        assert.equal(reply.headers?.get("arbiter-error-code") ?? "", "", "the scheduler answered with an error");
        const node = reply.headers?.get(NODE_HEADER) ?? "";
        answeredBy.set(node, (answeredBy.get(node) ?? 0) + 1);
      }
      assert.deepEqual([...answeredBy.keys()].sort(), ["scheduler-1", "scheduler-2"]);
    } finally {
      await nc.close();
    }
  });

  it("lists both schedulers from their heartbeats", async () => {
    const cluster = client(ClusterService, grpcTransport(mesh.gatewayUrl));
    const { nodes } = await cluster.listNodes({});
    assert.deepEqual(
      nodes.map((n) => [n.id, n.role, n.accepting]),
      [
        ["scheduler-1", "scheduler", true],
        ["scheduler-2", "scheduler", true],
      ],
    );
  });

  it("keeps answering Get and List through the survivor when a scheduler is killed with SIGKILL", async () => {
    const results = { ok: 0, failed: [] as string[] };
    let running = true;
    const worker = async () => {
      while (running) {
        try {
          const [got, listed] = await Promise.all([
            registry.getModel({ name: "risk" }, { timeoutMs: 10_000 }),
            registry.listModels({}, { timeoutMs: 10_000 }),
          ]);
          assert.equal(got.model?.name, "risk");
          assert.equal(listed.models.length, 1);
          results.ok++;
        } catch (err) {
          results.failed.push(String(err));
        }
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const before = results.ok;
    const victim = mesh.schedulers[0];
    assert.ok(victim);
    victim.child.kill("SIGKILL");
    assert.equal(await victim.exited, "SIGKILL");
    const healthDuring = await health.check({ service: "" });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    running = false;
    await Promise.all(workers);
    assert.deepEqual(results.failed, []);
    assert.ok(before > 0, "calls were flowing before the kill");
    assert.ok(results.ok > before, "calls kept succeeding after the kill");
    assert.equal(healthDuring.status, HealthCheckResponse_ServingStatus.SERVING);
    assert.equal((await health.check({ service: "" })).status, HealthCheckResponse_ServingStatus.SERVING);
  });

  it("drops the killed scheduler from the cluster once its heartbeats stop", async () => {
    const cluster = client(ClusterService, grpcTransport(mesh.gatewayUrl));
    const deadline = Date.now() + 10_000;
    let ids: string[] = [];
    while (Date.now() < deadline) {
      ids = (await cluster.listNodes({})).nodes.map((n) => n.id);
      if (ids.length === 1) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.deepEqual(ids, ["scheduler-2"]);
  });

  it("a scheduler stopped with SIGTERM drains, leaves the cluster at once and exits 0", async () => {
    const extra = await spawnRole("scheduler", { ...mesh.env, ARBITER_SCHEDULER_NODE_ID: "scheduler-3" }, mesh.logDir);
    const cluster = client(ClusterService, grpcTransport(mesh.gatewayUrl));
    assert.deepEqual(
      (await cluster.listNodes({})).nodes.map((n) => n.id),
      ["scheduler-2", "scheduler-3"],
    );
    extra.child.kill("SIGTERM");
    assert.equal(await extra.exited, 0);
    // Gone without waiting for the heartbeat TTL: a draining node removes its own entry.
    assert.deepEqual(
      (await cluster.listNodes({})).nodes.map((n) => n.id),
      ["scheduler-2"],
    );
    assert.equal((await registry.getModel({ name: "risk" })).model?.name, "risk");
  });
});
