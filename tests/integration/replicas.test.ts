/**
 * Desired replicas across nodes, distributed mode with three schedulers: a model whose
 * configuration asks for two replicas is loaded on two nodes without any request; when one of
 * them is killed, the third takes its place once the dead node's heartbeats expire.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ClusterService, ModelRegistryService, RegisterModelRequestSchema } from "@arbiter/proto";
import { create } from "@bufbuild/protobuf";
import type { Client } from "@connectrpc/connect";
import { client, grpcTransport } from "../support/clients.ts";
import { exampleModel } from "../support/examples.ts";
import { type DistributedMesh, startDistributedMesh } from "../support/mesh.ts";

describe("desired replicas: three schedulers, a model wanted on two", () => {
  let mesh: DistributedMesh;
  let cluster: Client<typeof ClusterService>;

  const holders = async () =>
    (await cluster.listNodes({})).nodes
      .filter((n) => n.models.some((m) => m.name === "risk-classifier"))
      .map((n) => n.id);
  const waitFor = async (check: (ids: string[]) => boolean, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    let ids = await holders();
    while (!check(ids) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      ids = await holders();
    }
    return ids;
  };

  before(async () => {
    mesh = await startDistributedMesh({ schedulers: 3 });
    cluster = client(ClusterService, grpcTransport(mesh.gatewayUrl));
    const registry = client(ModelRegistryService, grpcTransport(mesh.gatewayUrl));
    await registry.registerModel(
      (async function* () {
        yield create(RegisterModelRequestSchema, {
          part: { case: "metadata", value: { name: "risk-classifier", version: 1n } },
        });
        yield create(RegisterModelRequestSchema, { part: { case: "chunk", value: exampleModel("risk-classifier") } });
      })(),
    );
    await registry.updateModelConfig({ name: "risk-classifier", version: 1n, config: { desiredReplicas: 2 } });
  });
  after(async () => mesh?.stop());

  it("loads the model on two nodes before any request", async () => {
    const ids = await waitFor((x) => x.length === 2, 10_000);
    assert.equal(ids.length, 2, `holders: ${ids.join(", ")}`);
  });

  it("re-places the replica of a killed node on the third", async () => {
    const before = await holders();
    const victim = mesh.schedulers.find((s) => s.id === before[0]);
    assert.ok(victim);
    const killedAt = Date.now();
    victim.child.kill("SIGKILL");
    await victim.exited;
    const after = await waitFor((x) => x.length === 2 && !x.includes(victim.id), 15_000);
    const seconds = ((Date.now() - killedAt) / 1000).toFixed(1);
    console.log(
      `re-placement after kill -9: ${seconds} s (heartbeat TTL ${mesh.env.ARBITER_SCHEDULER_HEARTBEAT_TTL_MS} ms)`,
    );
    assert.equal(after.length, 2, `holders: ${after.join(", ")}`);
    assert.ok(!after.includes(victim.id));
  });
});
