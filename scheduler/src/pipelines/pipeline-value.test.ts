import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Code } from "@arbiter/core";
import { PipelineValueSchema, TensorSchema } from "@arbiter/proto";
import { create } from "@bufbuild/protobuf";
import type { NodeValue, TensorValue } from "./node-kind.ts";
import { fromPipelineValue, tensorFromProto, tensorToProto, toJsonValue, toPipelineValue } from "./pipeline-value.ts";

function roundTrip(value: NodeValue): NodeValue {
  return fromPipelineValue(toPipelineValue(value), "x");
}

describe("pipeline values", () => {
  test("JSON-like values round-trip through google.protobuf.Value", () => {
    const value = { a: 1.5, b: "s", c: [true, null], d: { e: -2 } };
    assert.deepEqual(roundTrip(value), value);
  });

  test("tensors round-trip as raw contents, keeping datatype, shape and values", () => {
    const cases: TensorValue[] = [
      { kind: "tensor", datatype: "FP32", shape: [2, 2], data: new Float32Array([1.5, -2, 0, 8]) },
      { kind: "tensor", datatype: "INT64", shape: [3], data: new BigInt64Array([1n, -2n, 2n ** 40n]) },
      { kind: "tensor", datatype: "UINT8", shape: [2], data: new Uint8Array([0, 255]) },
      { kind: "tensor", datatype: "BOOL", shape: [2], data: [true, false] },
      { kind: "tensor", datatype: "BYTES", shape: [2], data: [new Uint8Array([104, 105]), new Uint8Array([])] },
      { kind: "tensor", datatype: "FP16", shape: [3], data: new Float32Array([1, -0.5, 65504]) },
      { kind: "tensor", datatype: "BF16", shape: [2], data: new Float32Array([1, -2.5]) },
    ];
    for (const tensor of cases) {
      const back = roundTrip(tensor) as TensorValue;
      assert.equal(back.datatype, tensor.datatype);
      assert.deepEqual(back.shape, tensor.shape);
      assert.deepEqual(
        Array.from(back.data as ArrayLike<unknown>),
        Array.from(tensor.data as ArrayLike<unknown>),
        tensor.datatype,
      );
    }
  });

  test("typed contents are accepted and checked against the shape", () => {
    const ok = create(TensorSchema, {
      datatype: "INT32",
      shape: [2n],
      data: { case: "contents", value: { intContents: [7, 8] } },
    });
    assert.deepEqual(Array.from(tensorFromProto(ok, "inputs.x").data as Int32Array), [7, 8]);
    const short = create(PipelineValueSchema, {
      kind: {
        case: "tensor",
        value: { datatype: "FP32", shape: [3n], data: { case: "contents", value: { fp32Contents: [1] } } },
      },
    });
    assert.throws(() => fromPipelineValue(short, "inputs.x"), {
      code: Code.InvalidArgument,
      message: "inputs.x.contents: expected 3 values for shape [3], got 1 values",
    });
  });

  test("raw contents of the wrong size are rejected naming the field", () => {
    const bad = create(TensorSchema, {
      datatype: "FP32",
      shape: [2n],
      data: { case: "rawContents", value: new Uint8Array(4) },
    });
    assert.throws(() => tensorFromProto(bad, "inputs.x"), { code: Code.InvalidArgument });
  });

  test("tensors go to JSON (audit, reported values) as {datatype, shape, data}", () => {
    const t: TensorValue = { kind: "tensor", datatype: "INT64", shape: [1], data: new BigInt64Array([5n]) };
    assert.deepEqual(toJsonValue({ t, b: new Uint8Array([255]) }), {
      t: { datatype: "INT64", shape: [1], data: [5] },
      b: "/w==",
    });
    assert.equal(tensorToProto(t, "out").name, "out");
  });
});
