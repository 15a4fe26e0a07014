/**
 * The gateway's readiness follows its bus while its liveness follows only the process: with the
 * distributed mesh's nats-server killed, grpc.health.v1 service "" (what a Kubernetes readiness
 * probe or a load balancer asks) turns NOT_SERVING while service "liveness" stays SERVING, and
 * readiness returns to SERVING once the nats-server is back and the gateway has reconnected.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { Health, HealthCheckResponse_ServingStatus as Status } from "@arbiter/proto/grpc";
import type { Client } from "@connectrpc/connect";
import { client, grpcTransport } from "../support/clients.ts";
import { type DistributedMesh, startDistributedMesh } from "../support/mesh.ts";

/** Asks `service`'s status until it is `wanted`, for up to 30 s; returns every status seen. */
async function waitForStatus(health: Client<typeof Health>, service: string, wanted: Status): Promise<Status[]> {
  const seen: Status[] = [];
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { status } = await health.check({ service }, { timeoutMs: 2_000 });
    seen.push(status);
    if (status === wanted) return seen;
    if (Date.now() > deadline) assert.fail(`${service || "readiness"} never became ${Status[wanted]}: ${seen}`);
    await sleep(50);
  }
}

describe("gateway readiness follows the bus; liveness follows the process", () => {
  let mesh: DistributedMesh;
  let health: Client<typeof Health>;

  before(async () => {
    mesh = await startDistributedMesh({ schedulers: 1 });
    health = client(Health, grpcTransport(mesh.gatewayUrl));
  });
  after(async () => mesh?.stop());

  it("is ready and alive with the bus connected", async () => {
    assert.equal((await health.check({ service: "" })).status, Status.SERVING);
    assert.equal((await health.check({ service: "liveness" })).status, Status.SERVING);
    assert.equal((await health.check({ service: "arbiter.v1.InferenceService" })).status, Status.SERVING);
  });

  it("turns not ready while NATS is down, stays alive, and is ready again once it is back", async () => {
    await mesh.nats.kill();
    await waitForStatus(health, "", Status.NOT_SERVING);
    // Every served service follows readiness: none of them can work without the bus.
    assert.equal((await health.check({ service: "arbiter.v1.InferenceService" })).status, Status.NOT_SERVING);
    assert.equal((await health.check({ service: "liveness" })).status, Status.SERVING);

    await mesh.nats.restart();
    await waitForStatus(health, "", Status.SERVING);
    assert.equal((await health.check({ service: "liveness" })).status, Status.SERVING);
    assert.equal((await health.check({ service: "arbiter.v1.InferenceService" })).status, Status.SERVING);
  });
});
