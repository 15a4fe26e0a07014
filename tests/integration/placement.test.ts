/**
 * Model lifecycle across nodes, distributed mode: two schedulers whose memory budget holds one
 * model each, three models in use. Every request succeeds; models are loaded on demand and the
 * least recently used is evicted to make room; no node ever holds more than its budget; killing a
 * node leaves every model servable (a client sees at most one retry).
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ClusterService, InferenceService, ModelRegistryService, RegisterModelRequestSchema } from "@arbiter/proto";
import { create } from "@bufbuild/protobuf";
import type { Client } from "@connectrpc/connect";
import { chunksOf, client, grpcTransport } from "../support/clients.ts";
import { decodeRaw, EXPECTED, exampleModel, fp32Bytes } from "../support/examples.ts";
import { type DistributedMesh, startDistributedMesh } from "../support/mesh.ts";

const MODELS = ["risk-classifier", "digits-classifier", "diabetes-regressor"] as const;
const MODEL_MEMORY = 100_000_000;
const BUDGET = 150_000_000;

describe("placement: two nodes, a budget of one model each, three models", () => {
  let mesh: DistributedMesh;
  let inference: Client<typeof InferenceService>;
  let cluster: Client<typeof ClusterService>;

  before(async () => {
    mesh = await startDistributedMesh({
      schedulers: 2,
      settings: { ARBITER_SCHEDULER_MEMORY_BUDGET_BYTES: String(BUDGET) },
    });
    const registry = client(ModelRegistryService, grpcTransport(mesh.gatewayUrl));
    inference = client(InferenceService, grpcTransport(mesh.gatewayUrl));
    cluster = client(ClusterService, grpcTransport(mesh.gatewayUrl));
    for (const name of MODELS) {
      await registry.registerModel(
        (async function* () {
          yield create(RegisterModelRequestSchema, {
            part: {
              case: "metadata",
              value: { name, version: 1n, config: { memoryLimitBytes: BigInt(MODEL_MEMORY) } },
            },
          });
          for (const c of chunksOf(exampleModel(name), 64 * 1024))
            yield create(RegisterModelRequestSchema, { part: { case: "chunk", value: c } });
        })(),
      );
    }
  });
  after(async () => mesh?.stop());

  const inferOnce = async (name: (typeof MODELS)[number]) => {
    const example = EXPECTED[name];
    const features = example?.inputs.features;
    assert.ok(example && features);
    const res = await inference.infer(
      {
        model: name,
        inputs: [
          {
            name: "features",
            datatype: "FP32",
            shape: features.shape.map(BigInt),
            data: { case: "rawContents", value: fp32Bytes(features.data) },
          },
        ],
      },
      { timeoutMs: 15_000 },
    );
    const first = res.outputs.find((o) => o.name === "label" || o.name === "prediction");
    assert.ok(first?.data.case === "rawContents");
    if (first.name === "label") assert.deepEqual(decodeRaw("INT64", first.data.value), example.outputs.label?.data);
  };

  it("serves every model, evicting the least recently used, never above a node's budget", async () => {
    let maxLoaded = 0;
    for (let round = 0; round < 4; round++) {
      for (const name of MODELS) {
        await inferOnce(name);
        const { nodes } = await cluster.listNodes({});
        for (const node of nodes) {
          assert.ok(node.memoryUsedBytes <= BigInt(BUDGET), `${node.id} holds ${node.memoryUsedBytes} bytes`);
          assert.ok(node.models.length <= 1, `${node.id} holds ${node.models.map((m) => m.name).join(", ")}`);
        }
        maxLoaded = Math.max(
          maxLoaded,
          nodes.reduce((n, node) => n + node.models.length, 0),
        );
      }
    }
    assert.ok(maxLoaded >= 1 && maxLoaded <= 2);
    const log = await (await import("node:fs/promises")).readFile(mesh.schedulers[0]!.logFile, "utf8");
    const log2 = await (await import("node:fs/promises")).readFile(mesh.schedulers[1]!.logFile, "utf8");
    assert.match(log + log2, /evicting the least recently used model/);
  });

  it("keeps every model servable when a node dies (at most one retry per request)", async () => {
    mesh.schedulers[0]!.child.kill("SIGKILL");
    await mesh.schedulers[0]!.exited;
    for (const name of MODELS) {
      try {
        await inferOnce(name);
      } catch {
        await inferOnce(name); // the one retry a client may need while the dead node's queue group empties
      }
    }
    for (const name of MODELS) await inferOnce(name);
  });
});
