/**
 * The size bounds of a pipeline definition, enforced at the gateway before any scheduler sees it:
 * at most 256 nodes and 4096 edges (the contract's protovalidate rules). A definition over either
 * is refused INVALID_ARGUMENT naming the field, the bound and what was sent; one at the bounds is
 * accepted.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { PipelineService } from "@arbiter/proto";
import { Code, ConnectError } from "@connectrpc/connect";
import { client, grpcTransport } from "../support/clients.ts";
import { type Mesh, startEmbeddedMesh } from "../support/mesh.ts";

const ADMIN_KEY = "pipeline-bounds-test-admin-key-0123456789abcdef";
const headers = { "x-api-key": ADMIN_KEY };

/** A transform node that sets `out` from its input `x`. */
const transform = (name: string) => ({
  name,
  kind: { case: "transform" as const, value: { assignments: [{ name: "out", expression: "x" }] } },
});

/** `nodes` transforms in a chain fed by pipeline input `x`, plus `extraEdges` more edges into the first. */
function definition(name: string, nodes: number, extraEdges = 0) {
  const names = Array.from({ length: nodes }, (_, i) => `n${i}`);
  const edges = names.map((n, i) => ({ from: i === 0 ? "input.x" : `${names[i - 1]}.out`, to: `${n}.x` }));
  for (let i = 0; i < extraEdges; i++) edges.push({ from: "input.x", to: `n0.x${i}` });
  return { name, inputs: [{ name: "x", type: "number" }], nodes: names.map(transform), edges };
}

async function refusal(call: Promise<unknown>): Promise<ConnectError> {
  const err = await call.then(
    () => assert.fail("expected INVALID_ARGUMENT"),
    (e: unknown) => e,
  );
  assert.ok(err instanceof ConnectError);
  assert.equal(err.code, Code.InvalidArgument, err.message);
  return err;
}

describe("pipeline size bounds (embedded)", () => {
  let mesh: Mesh;
  before(async () => {
    mesh = await startEmbeddedMesh({ ARBITER_AUTH_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY, ARBITER_AUTH_ENABLED: "true" });
  });
  after(async () => {
    await mesh?.stop();
  });

  it("refuses a pipeline of more than 256 nodes, naming the field", async () => {
    const pipelines = client(PipelineService, grpcTransport(mesh.gatewayUrl));
    const err = await refusal(pipelines.createPipeline({ pipeline: definition("wide", 257) }, { headers }));
    assert.match(err.rawMessage, /pipeline\.nodes/);
    assert.match(err.rawMessage, /256/);
  });

  it("refuses a pipeline of more than 4096 edges, naming the field", async () => {
    const pipelines = client(PipelineService, grpcTransport(mesh.gatewayUrl));
    const err = await refusal(pipelines.createPipeline({ pipeline: definition("fan", 1, 4096) }, { headers }));
    assert.match(err.rawMessage, /pipeline\.edges/);
    assert.match(err.rawMessage, /4096/);
  });

  it("accepts a pipeline of exactly 256 nodes", async () => {
    const pipelines = client(PipelineService, grpcTransport(mesh.gatewayUrl));
    const { pipeline } = await pipelines.createPipeline({ pipeline: definition("deep", 256) }, { headers });
    assert.equal(pipeline?.nodes.length, 256);
  });
});
