/**
 * The scheduler role's health port, as Kubernetes `grpc:` probes use it: grpc.health.v1 on
 * `scheduler.healthPort`, with liveness (service "liveness") SERVING while the process runs and
 * readiness (service "") SERVING only between "connected and started" and SIGTERM. Real
 * nats-server and PostgreSQL; the scheduler runs as `arbiter scheduler`, as in a pod. The
 * embedded mesh (`arbiter start`) opens no such port.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { ClusterService, ModelRegistryService, RegisterModelRequestSchema } from "@arbiter/proto";
import { Health, HealthCheckResponse_ServingStatus as Status } from "@arbiter/proto/grpc";
import {
  createTempDir,
  freePort,
  type NatsServer,
  type PostgresServer,
  startNats,
  startPostgres,
  type TempDir,
} from "@arbiter/testkit";
import { create } from "@bufbuild/protobuf";
import { type Client, ConnectError } from "@connectrpc/connect";
import { client, grpcTransport } from "../support/clients.ts";
import { exampleModel } from "../support/examples.ts";
import { type RoleProcess, spawnRole } from "../support/mesh.ts";

const CLI = fileURLToPath(new URL("../../cli/src/main.ts", import.meta.url));
const REPO = fileURLToPath(new URL("../../", import.meta.url));

/** Asks `service`'s status until the port answers (the process is still loading), for up to 60 s. */
async function checkWhenListening(health: Client<typeof Health>, service: string): Promise<Status> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      return (await health.check({ service }, { timeoutMs: 2_000 })).status;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await sleep(100);
    }
  }
}

/** Collects the statuses a Watch stream reports until the server ends it. */
function watchAll(health: Client<typeof Health>, service: string): { seen: Status[]; ended: Promise<void> } {
  const seen: Status[] = [];
  const ended = (async () => {
    try {
      for await (const res of health.watch({ service })) seen.push(res.status);
    } catch (err) {
      // The server closing the connection at exit ends the stream with an error: expected.
      if (!(err instanceof ConnectError)) throw err;
    }
  })();
  return { seen, ended };
}

async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

describe("scheduler health port (grpc.health.v1 for Kubernetes probes)", () => {
  let nats: NatsServer;
  let postgres: PostgresServer;
  let logDir: TempDir;
  let env: Record<string, string>;
  const children: RoleProcess["child"][] = [];

  before(async () => {
    [nats, postgres, logDir] = await Promise.all([
      startNats({ jetstream: true }),
      startPostgres(),
      createTempDir({ prefix: "arbiter-health-" }),
    ]);
    env = {
      ARBITER_BUS_NATS_URLS: nats.url,
      ARBITER_DATABASE_URL: postgres.url,
      ARBITER_SCHEDULER_HEARTBEAT_INTERVAL_MS: "200",
      // Processes of tests running side by side must not share the default metrics port.
      ARBITER_METRICS_PORT: "0",
    };
  });
  after(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await postgres?.kill("SIGCONT");
    await Promise.all([nats?.stop(), postgres?.stop(), logDir?.remove()]);
  });

  it("is live but not ready while the database does not answer, and exits when it gives up", async () => {
    // A stopped postmaster: connections are accepted by the kernel, nothing answers them.
    await postgres.kill("SIGSTOP");
    const port = await freePort();
    const child = spawn(process.execPath, ["--import", "tsx", CLI, "scheduler"], {
      cwd: REPO,
      env: {
        PATH: process.env.PATH ?? "",
        ...env,
        ARBITER_SCHEDULER_HEALTH_PORT: String(port),
        ARBITER_METRICS_PORT: "0",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    child.stdout?.pipe(createWriteStream(join(logDir.path, "unready.log")));
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      const health = client(Health, grpcTransport(`http://127.0.0.1:${port}`));
      assert.equal(await checkWhenListening(health, "liveness"), Status.SERVING);
      assert.equal((await health.check({ service: "" })).status, Status.NOT_SERVING);
      // Nothing else is served on the port.
      await assert.rejects(health.check({ service: "arbiter.v1.InferenceService" }), /unknown service/);
      // The connection attempt times out; the health port must not keep the failed process alive.
      assert.equal(await exited, 1);
      assert.match(stderr, /cannot open the database/);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      await postgres.kill("SIGCONT");
    }
  });

  it("is ready once connected and started, and not ready (while still live) as it drains on SIGTERM", async () => {
    const port = await freePort();
    const scheduler = await spawnRole(
      "scheduler",
      { ...env, ARBITER_SCHEDULER_HEALTH_PORT: String(port), ARBITER_SCHEDULER_NODE_ID: "probed" },
      logDir.path,
    );
    children.push(scheduler.child);
    const health = client(Health, grpcTransport(`http://127.0.0.1:${port}`));
    assert.equal((await health.check({ service: "" })).status, Status.SERVING);
    assert.equal((await health.check({ service: "liveness" })).status, Status.SERVING);
    assert.equal((await health.check({ service: "grpc.health.v1.Health" })).status, Status.SERVING);

    const readiness = watchAll(health, "");
    const liveness = watchAll(health, "liveness");
    await until(() => readiness.seen.length > 0 && liveness.seen.length > 0, "the first Watch responses");
    scheduler.child.kill("SIGTERM");
    await until(() => readiness.seen.includes(Status.NOT_SERVING), "readiness NOT_SERVING after SIGTERM");
    assert.equal(await scheduler.exited, 0);
    await Promise.all([readiness.ended, liveness.ended]);
    assert.deepEqual(readiness.seen, [Status.SERVING, Status.NOT_SERVING]);
    assert.deepEqual(liveness.seen, [Status.SERVING], "liveness stays SERVING until the process exits");
    await assert.rejects(health.check({ service: "" }, { timeoutMs: 2_000 }), "the port is closed after exit");
  });

  it("waits for its required models: not ready until the model is registered and loaded on it", async () => {
    const port = await freePort();
    const scheduler = await spawnRole(
      "scheduler",
      {
        ...env,
        ARBITER_SCHEDULER_HEALTH_PORT: String(port),
        ARBITER_SCHEDULER_NODE_ID: "needs-a-model",
        ARBITER_SCHEDULER_REQUIRED_MODELS: "risk-classifier:1",
      },
      logDir.path,
    );
    children.push(scheduler.child);
    const gateway = await spawnRole("gateway", { ...env, ARBITER_GATEWAY_PORT: "0" }, logDir.path);
    children.push(gateway.child);
    const health = client(Health, grpcTransport(`http://127.0.0.1:${port}`));
    // Started and connected, but the model it must hold does not exist yet.
    await sleep(1000);
    assert.equal((await health.check({ service: "" })).status, Status.NOT_SERVING);
    assert.equal((await health.check({ service: "liveness" })).status, Status.SERVING);

    await client(ModelRegistryService, grpcTransport(`http://127.0.0.1:${gateway.id}`)).registerModel(
      (async function* () {
        yield create(RegisterModelRequestSchema, {
          part: { case: "metadata", value: { name: "risk-classifier", version: 1n } },
        });
        yield create(RegisterModelRequestSchema, { part: { case: "chunk", value: exampleModel("risk-classifier") } });
      })(),
    );
    const deadline = Date.now() + 30_000;
    while ((await health.check({ service: "" })).status !== Status.SERVING) {
      if (Date.now() > deadline) assert.fail("still not ready 30 s after its required model was registered");
      await sleep(100);
    }
    // Its next heartbeat names the model among those it holds.
    const cluster = client(ClusterService, grpcTransport(`http://127.0.0.1:${gateway.id}`));
    const holds = async () =>
      (await cluster.listNodes({})).nodes
        .find((n) => n.id === "needs-a-model")
        ?.models.map((m) => `${m.name}:${m.version}`) ?? [];
    while (!(await holds()).includes("risk-classifier:1")) {
      if (Date.now() > deadline) assert.fail(`the node that required the model holds ${await holds()}`);
      await sleep(100);
    }
    scheduler.child.kill("SIGTERM");
    gateway.child.kill("SIGTERM");
    await Promise.all([scheduler.exited, gateway.exited]);
  });

  it("is not opened by the embedded mesh, whose gateway port answers health", async () => {
    const port = await freePort();
    const dataDir = await createTempDir({ prefix: "arbiter-embedded-" });
    try {
      const embedded = await spawnRole(
        "start",
        {
          ARBITER_DATA_DIR: dataDir.path,
          ARBITER_GATEWAY_PORT: "0",
          ARBITER_METRICS_PORT: "0",
          ARBITER_SCHEDULER_HEALTH_PORT: String(port),
        },
        logDir.path,
      );
      children.push(embedded.child);
      const gateway = client(Health, grpcTransport(`http://127.0.0.1:${embedded.id}`));
      assert.equal((await gateway.check({ service: "" })).status, Status.SERVING);
      await assert.rejects(
        client(Health, grpcTransport(`http://127.0.0.1:${port}`)).check({ service: "" }, { timeoutMs: 2_000 }),
        /ECONNREFUSED|unavailable/i,
      );
      embedded.child.kill("SIGTERM");
      assert.equal(await embedded.exited, 0);
    } finally {
      await dataDir.remove();
    }
  });
});
