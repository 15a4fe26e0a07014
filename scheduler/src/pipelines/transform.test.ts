import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Code } from "@arbiter/core";
import { TransformNodeSchema } from "@arbiter/proto";
import { create } from "@bufbuild/protobuf";
import type { NodeCall, NodeValues, TensorValue } from "./node-kind.ts";
import { createTransformRunner } from "./transform.ts";

const runner = createTransformRunner();

async function transform(assignments: Record<string, string>, inputs: NodeValues, attributes = {}) {
  const config = create(TransformNodeSchema, {
    assignments: Object.entries(assignments).map(([name, expression]) => ({ name, expression })),
  });
  const prepared = await runner.prepare("prep", config, "t");
  const call: NodeCall = {
    tenant: "t",
    pipeline: "p",
    pipelineVersion: 1,
    node: "prep",
    inputs,
    attributes,
    deadline: Number.POSITIVE_INFINITY,
    signal: new AbortController().signal,
  };
  return (await runner.run(prepared, call)).outputs;
}

describe("transform", () => {
  test("assignments run in order and later ones see earlier ones; each is an output", async () => {
    const outputs = await transform(
      { total: "price * quantity", discounted: "total * 0.9", label: "discounted > 100.0 ? 'big' : 'small'" },
      { price: 20, quantity: 10 },
    );
    assert.deepEqual(outputs, { total: 200, discounted: 180, label: "big" });
  });

  test("builds a feature tensor for a model: normalise, one-hot and concatenate", async () => {
    const outputs = await transform(
      {
        scaled: "standardize([amount, age], [100.0, 40.0], [50.0, 10.0])",
        channel: "one_hot(attributes.channel, ['web', 'pos', 'app'])",
        features: "tensor('FP32', [1, 5], concat(scaled, channel))",
      },
      { amount: 150, age: 30 },
      { channel: "pos" },
    );
    assert.deepEqual(outputs.scaled, [1, -1]);
    assert.deepEqual(outputs.channel, [0, 1, 0]);
    const features = outputs.features as TensorValue;
    assert.equal(features.kind, "tensor");
    assert.equal(features.datatype, "FP32");
    assert.deepEqual(features.shape, [1, 5]);
    assert.deepEqual(Array.from(features.data as Float32Array), [1, -1, 0, 1, 0]);
  });

  test("reads model output tensors: pick, argmax, threshold", async () => {
    const probs: TensorValue = {
      kind: "tensor",
      datatype: "FP32",
      shape: [1, 3],
      data: new Float32Array([0.125, 0.75, 0.125]),
    };
    const outputs = await transform(
      { best: "argmax(probs)", p: "pick(probs, 1)", flags: "threshold(probs, 0.5)", same: "probs" },
      { probs },
    );
    assert.equal(outputs.best, 1n);
    assert.equal(outputs.p, 0.75);
    assert.deepEqual(outputs.flags, [0, 1, 0]);
    assert.equal(outputs.same, probs, "a tensor passed through is the same tensor");
  });

  test("an expression that fails on the inputs is INVALID_ARGUMENT naming node and assignment", async () => {
    await assert.rejects(transform({ ratio: "a / b" }, { a: 1, b: "x" }), {
      code: Code.InvalidArgument,
      message:
        "node \"prep\" field \"assignments[ratio]\": expected a value, got error: found no matching overload for '_/_' applied to '(double, string)'",
    });
    await assert.rejects(transform({ t: "tensor('FP32', [2], [1.0])" }, {}), {
      code: Code.InvalidArgument,
      message:
        'node "prep" field "assignments[t]": expected a value, got error: tensor: shape [2] needs 2 elements, got 1',
    });
  });

  test("prepare rejects syntax errors and duplicate names", async () => {
    await assert.rejects(transform({ x: "1.0 +* 2.0" }, {}), {
      code: Code.InvalidArgument,
      message:
        'node "prep" field "assignments[x]": expected a valid CEL expression, got syntax error at 1:5: found + but expecting end of input',
    });
    const duplicated = create(TransformNodeSchema, {
      assignments: [
        { name: "x", expression: "1.0" },
        { name: "x", expression: "2.0" },
      ],
    });
    assert.throws(() => runner.prepare("prep", duplicated, "t"), {
      message: 'node "prep" field "assignments[x]": expected a unique name, got a duplicate',
    });
  });
});
