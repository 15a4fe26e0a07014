/**
 * The distributed mode at the scale of a small cluster, on one machine: a three-member JetStream
 * cluster, PostgreSQL, two gateways and four schedulers, each its own process, with every role
 * given all three NATS URLs. Twenty models (copies of the examples under other names) each
 * declare a memory limit; a node's budget holds seven, so no node can hold them all, but the four
 * together (and the three left after a crash) can. Every model is wanted on one node, so placement
 * spreads them; traffic to all twenty goes through both gateways and every answer is checked.
 * Then one scheduler and one nats-server are killed with SIGKILL under that traffic: every model
 * must answer correctly again, be loaded on a live node, and no node may exceed its budget.
 * The figures (requests, failures while recovering, re-placement time) are printed, not asserted.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { NODES_BUCKET } from "@arbiter/core";
import {
  ClusterService,
  InferenceService,
  type InferResponse,
  ModelRegistryService,
  type NodeInfo,
  RegisterModelRequestSchema,
} from "@arbiter/proto";
import { create } from "@bufbuild/protobuf";
import type { Client } from "@connectrpc/connect";
import { connect } from "nats";
import { chunksOf, client, grpcTransport } from "../support/clients.ts";
import { closeTo, decodeRaw, EXPECTED, exampleModel, fp32Bytes } from "../support/examples.ts";
import { type DistributedMesh, type RoleProcess, startDistributedMesh } from "../support/mesh.ts";

const EXAMPLES = ["risk-classifier", "digits-classifier", "diabetes-regressor"] as const;
const MODEL_COUNT = 20;
const SCHEDULERS = 4;
const GATEWAYS = 2;
const NATS_SERVERS = 3;
/** What each model declares it needs (config.memory_limit_bytes), and what placement counts. */
const MODEL_MEMORY = 64 * 1024 * 1024;
/** Seven models per node: 20 do not fit on one, 28 slots on four nodes, 21 on the three left after a crash. */
const MODELS_PER_NODE = 7;
const BUDGET = MODELS_PER_NODE * MODEL_MEMORY;
/** Parallel clients driving traffic (the machine has few cores; more only queue). */
const CLIENTS = 8;
/** Traffic before the faults: the rate it reaches is printed beside the recovery figures. */
const TRAFFIC_BEFORE_FAULTS_MS = 2000;
/** How long recovery may take before the test gives up (heartbeat TTL, reconnects and loads are far shorter). */
const RECOVERY_TIMEOUT_MS = 60_000;

interface ScaleModel {
  name: string;
  example: (typeof EXAMPLES)[number];
}

const MODELS: ScaleModel[] = Array.from({ length: MODEL_COUNT }, (_, i) => {
  const example = EXAMPLES[i % EXAMPLES.length] as (typeof EXAMPLES)[number];
  return { name: `${example}-${String(i + 1).padStart(2, "0")}`, example };
});

/** Why an answer differs from the example's known outputs, or undefined when it is right. */
function wrongAnswer(model: ScaleModel, res: InferResponse): string | undefined {
  const expected = EXPECTED[model.example];
  if (!expected) return `no expected outputs for ${model.example}`;
  for (const [name, tensor] of Object.entries(expected.outputs)) {
    const output = res.outputs.find((o) => o.name === name);
    if (output?.data.case !== "rawContents") return `${model.name}: output "${name}" missing`;
    const actual = decodeRaw(tensor.datatype, output.data.value);
    const want = (tensor.data as unknown[]).flat(Number.POSITIVE_INFINITY) as number[];
    const same = tensor.datatype === "INT64" ? actual.join() === want.join() : closeTo(actual, want, 1e-4);
    if (!same) return `${model.name}: output "${name}" is [${actual.join(", ")}], expected [${want.join(", ")}]`;
  }
  return undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(`scale: ${NATS_SERVERS} nats-servers, ${GATEWAYS} gateways, ${SCHEDULERS} schedulers, ${MODEL_COUNT} models`, () => {
  let mesh: DistributedMesh;
  let inference: Client<typeof InferenceService>[];
  let clusters: Client<typeof ClusterService>[];
  /** Every node list read during the test, for the budget check. */
  const overBudget: string[] = [];
  let requests = 0;

  const infer = async (model: ScaleModel, gateway: number, timeoutMs: number): Promise<InferResponse> => {
    const features = EXPECTED[model.example]?.inputs.features;
    assert.ok(features);
    const via = inference[gateway];
    assert.ok(via);
    requests++;
    return via.infer(
      {
        model: model.name,
        inputs: [
          {
            name: "features",
            datatype: "FP32",
            shape: features.shape.map(BigInt),
            data: { case: "rawContents", value: fp32Bytes(features.data) },
          },
        ],
      },
      { timeoutMs },
    );
  };

  /** The live nodes, asked through any gateway that answers (one may be reconnecting to NATS). */
  const listNodes = async (): Promise<NodeInfo[]> => {
    let lastError: unknown;
    for (const cluster of clusters) {
      try {
        const { nodes } = await cluster.listNodes({}, { timeoutMs: 3000 });
        for (const node of nodes) {
          if (node.memoryUsedBytes > node.memoryBudgetBytes)
            overBudget.push(`${node.id} held ${node.memoryUsedBytes} of ${node.memoryBudgetBytes} bytes`);
        }
        return nodes;
      } catch (err) {
        lastError = err;
      }
    }
    throw lastError;
  };

  /** Names of the models loaded on each live node. */
  const residency = (nodes: NodeInfo[]) => new Map(nodes.map((n) => [n.id, n.models.map((m) => m.name)]));

  /** Polls the node list until `done` holds; resolves with the last list. */
  const waitForNodes = async (done: (nodes: NodeInfo[]) => boolean, timeoutMs: number): Promise<NodeInfo[]> => {
    const deadline = Date.now() + timeoutMs;
    let nodes: NodeInfo[] = [];
    while (Date.now() < deadline) {
      try {
        nodes = await listNodes();
        if (done(nodes)) return nodes;
      } catch {
        // every gateway is between NATS servers; ask again
      }
      await sleep(100);
    }
    return nodes;
  };
  const everyModelResident = (nodes: NodeInfo[]) => {
    const held = new Set(nodes.flatMap((n) => n.models.map((m) => m.name)));
    return MODELS.every((m) => held.has(m.name));
  };

  before(async () => {
    mesh = await startDistributedMesh({
      schedulers: SCHEDULERS,
      gateways: GATEWAYS,
      natsServers: NATS_SERVERS,
      settings: {
        ARBITER_SCHEDULER_MEMORY_BUDGET_BYTES: String(BUDGET),
        // Six processes share one PostgreSQL; none needs many connections here.
        ARBITER_DATABASE_MAX_CONNECTIONS: "4",
      },
    });
    inference = mesh.gatewayUrls.map((url) => client(InferenceService, grpcTransport(url)));
    clusters = mesh.gatewayUrls.map((url) => client(ClusterService, grpcTransport(url)));
    // Half the models are registered through each gateway.
    for (const [i, model] of MODELS.entries()) {
      const registry = client(ModelRegistryService, grpcTransport(mesh.gatewayUrls[i % GATEWAYS] ?? ""));
      await registry.registerModel(
        (async function* () {
          yield create(RegisterModelRequestSchema, {
            part: {
              case: "metadata",
              value: {
                name: model.name,
                version: 1n,
                config: { memoryLimitBytes: BigInt(MODEL_MEMORY), desiredReplicas: 1 },
              },
            },
          });
          for (const c of chunksOf(exampleModel(model.example), 64 * 1024))
            yield create(RegisterModelRequestSchema, { part: { case: "chunk", value: c } });
        })(),
      );
    }
  });
  after(async () => mesh?.stop());

  it("places every model on some node without exceeding any node's budget", async () => {
    const nodes = await waitForNodes(everyModelResident, RECOVERY_TIMEOUT_MS);
    assert.deepEqual(
      nodes.map((n) => n.id),
      mesh.schedulers.map((s) => s.id),
    );
    assert.ok(everyModelResident(nodes), `resident: ${JSON.stringify([...residency(nodes)])}`);
    for (const node of nodes) assert.ok(node.models.length <= MODELS_PER_NODE, `${node.id}: ${node.models.length}`);
    assert.deepEqual(overBudget, []);
  });

  it("answers every model correctly through both gateways", async () => {
    for (let gateway = 0; gateway < GATEWAYS; gateway++) {
      await Promise.all(
        MODELS.map(async (model) => {
          const res = await infer(model, gateway, 15_000);
          assert.equal(wrongAnswer(model, res), undefined);
        }),
      );
    }
  });

  it("keeps every model servable when a scheduler and a nats-server are killed with SIGKILL", async () => {
    const wrong: string[] = [];
    let failuresAfterKill = 0;
    let killedAt = 0;
    /** When each model first answered correctly after the kill. */
    const recoveredAt = new Map<string, number>();
    let running = true;
    let next = 0;
    const driver = async () => {
      while (running) {
        const i = next++;
        const model = MODELS[i % MODEL_COUNT] as ScaleModel;
        const gateway = Math.floor(i / MODEL_COUNT) % GATEWAYS;
        const sentAt = Date.now();
        try {
          const res = await infer(model, gateway, 5000);
          const why = wrongAnswer(model, res);
          if (why !== undefined) wrong.push(why);
          else if (killedAt > 0 && sentAt >= killedAt && !recoveredAt.has(model.name))
            recoveredAt.set(model.name, Date.now());
        } catch {
          if (killedAt > 0) failuresAfterKill++;
          await sleep(50);
        }
      }
    };
    const drivers = Array.from({ length: CLIENTS }, driver);
    try {
      const trafficFrom = Date.now();
      const requestsFrom = requests;
      await sleep(TRAFFIC_BEFORE_FAULTS_MS);
      assert.ok(
        requests > requestsFrom && wrong.length === 0,
        "traffic flows and is answered correctly before the faults",
      );

      // The victims: the scheduler holding the most models, and the nats-server that leads the
      // heartbeat bucket's stream (the state every node and gateway reads).
      const before = await listNodes();
      const victimNode = [...before].sort((a, b) => b.models.length - a.models.length)[0];
      assert.ok(victimNode);
      const displaced = victimNode.models.map((m) => m.name);
      const scheduler = mesh.schedulers.find((s) => s.id === victimNode.id) as RoleProcess;
      const nc = await connect({ servers: mesh.natsServers.map((s) => s.url) });
      const stream = await (await nc.jetstreamManager()).streams.info(`KV_${NODES_BUCKET}`);
      await nc.close();
      const natsVictim = mesh.natsServers.find((s) => s.name === stream.cluster?.leader) ?? mesh.nats;

      const requestsBeforeFaults = requests - requestsFrom;
      killedAt = Date.now();
      const rateBefore = Math.round((requestsBeforeFaults * 1000) / (killedAt - trafficFrom));
      scheduler.child.kill("SIGKILL");
      await Promise.all([scheduler.exited, natsVictim.kill("SIGKILL")]);

      // Recovered: every model has answered correctly since the kill (the clients' view), and the
      // dead node is gone from the list with every model loaded on a live node (the cluster's).
      const deadline = killedAt + RECOVERY_TIMEOUT_MS;
      const [answeredMs, [after, replacedMs]] = await Promise.all([
        (async () => {
          while (recoveredAt.size < MODEL_COUNT && Date.now() < deadline) await sleep(50);
          return Math.max(...recoveredAt.values()) - killedAt;
        })(),
        (async () => {
          const nodes = await waitForNodes(
            (list) => !list.some((n) => n.id === victimNode.id) && everyModelResident(list),
            deadline - Date.now(),
          );
          return [nodes, Date.now() - killedAt] as const;
        })(),
      ]);
      running = false;
      await Promise.all(drivers);

      const figures = [
        `scale test: ${MODEL_COUNT} models, ${SCHEDULERS} schedulers (budget ${MODELS_PER_NODE} models each), ${GATEWAYS} gateways, ${NATS_SERVERS} nats-servers`,
        `  killed with SIGKILL: ${victimNode.id} (held ${displaced.length} models) and ${natsVictim.name} (led the heartbeat bucket)`,
        `  requests: ${requests} in all; ${requestsBeforeFaults} in the ${TRAFFIC_BEFORE_FAULTS_MS} ms before the faults (${rateBefore}/s); wrong answers: ${wrong.length}`,
        `  requests failed after the kill, before recovery: ${failuresAfterKill}`,
        `  every model answered again: ${answeredMs} ms after the kill`,
        `  re-placement (dead node gone, every model loaded on a live node): ${replacedMs} ms after the kill (heartbeat TTL ${mesh.env.ARBITER_SCHEDULER_HEARTBEAT_TTL_MS} ms)`,
      ];
      console.log(figures.join("\n"));

      assert.deepEqual(wrong, [], "every answer equals the model's known output");
      assert.deepEqual(
        MODELS.filter((m) => !recoveredAt.has(m.name)).map((m) => m.name),
        [],
        "models that never answered after the faults",
      );
      assert.deepEqual(
        after.map((n) => n.id),
        mesh.schedulers.filter((s) => s !== scheduler).map((s) => s.id),
        "the killed node leaves the node list",
      );
      assert.ok(everyModelResident(after), `resident: ${JSON.stringify([...residency(after)])}`);
      assert.deepEqual(overBudget, [], "no node ever held more than its budget");
    } finally {
      running = false;
      await Promise.all(drivers);
    }
  });

  it("answers every model through both gateways without a retry once recovered", async () => {
    for (let gateway = 0; gateway < GATEWAYS; gateway++) {
      await Promise.all(
        MODELS.map(async (model) => {
          const res = await infer(model, gateway, 15_000);
          assert.equal(wrongAnswer(model, res), undefined);
        }),
      );
    }
    const nodes = await listNodes();
    assert.equal(nodes.length, SCHEDULERS - 1);
    assert.deepEqual(overBudget, []);
  });
});
