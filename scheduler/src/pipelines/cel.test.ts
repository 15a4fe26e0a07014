import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CelScope, checkCel, compileCel, fromCelValue, toCelValue } from "./cel.ts";
import type { NodeValue, NodeValues, TensorValue } from "./node-kind.ts";

const at = { node: "n", field: "f" };

function evaluate(
  source: string,
  inputs: NodeValues = {},
  extra: { attributes?: Record<string, string>; upstream?: Record<string, NodeValues> } = {},
) {
  const scope = new CelScope({
    inputs,
    attributes: extra.attributes ?? {},
    ...(extra.upstream ? { upstream: extra.upstream } : {}),
  });
  return compileCel(source, at).evaluateValue(scope);
}

const vec: TensorValue = { kind: "tensor", datatype: "FP32", shape: [4], data: new Float32Array([1, 3, 2, -1]) };

describe("cel: functions", () => {
  const cases: [string, NodeValue][] = [
    ["normalize([3.0, 4.0])", [0.6, 0.8]],
    ["normalize([0.0, 0.0])", [0, 0]],
    ["standardize(15.0, 10.0, 2.0)", 2.5],
    ["rescale([5.0, 10.0], 0.0, 10.0)", [0.5, 1]],
    ["clamp([-2.0, 0.5, 3.0], 0.0, 1.0)", [0, 0.5, 1]],
    ["concat([1.0], [2.0, 3.0], 4.0)", [1, 2, 3, 4]],
    ["concat(v, [9.0])", [1, 3, 2, -1, 9]],
    ["pick(v, [3, 0])", [-1, 1]],
    ["pick(['a', 'b'], 1)", "b"],
    ["threshold(0.7, 0.5)", 1],
    ["one_hot(2, 4)", [0, 0, 1, 0]],
    ["one_hot('pos', ['web', 'pos'])", [0, 1]],
    ["one_hot('other', ['web', 'pos'])", [0, 0]],
    ["argmax(v)", 1n],
    ["argmin(v)", 3n],
    ["top_k(v, 2)", [1n, 2n]],
    ["sum(v)", 5],
    ["mean([1, 2, 3])", 2],
    ["min(v)", -1],
    ["max(v)", 3],
    ["max(2, 3.5)", 3.5],
    ["dot([1.0, 2.0], [3.0, 4.0])", 11],
    ["softmax([0.0, 0.0])", [0.5, 0.5]],
    ["sigmoid(0.0)", 0.5],
    ["round(2.5) + floor(1.9) + ceil(0.1) + abs(-1.0) + sqrt(4.0)", 3 + 1 + 1 + 1 + 2],
    ["get(attributes, 'missing', 'dflt')", "dflt"],
    ["'Hello'.lowerAscii()", "hello"],
    ["v.shape[0] == 4 && v.datatype == 'FP32' && v.data[1] == 3.0", true],
  ];
  for (const [source, expected] of cases) {
    test(source, () => {
      assert.deepEqual(evaluate(source, { v: vec }), expected);
    });
  }

  test("function misuse is reported with the function's name", () => {
    assert.throws(() => evaluate("argmax([])"), {
      message: 'node "n" field "f": expected a value, got error: argmax: expected a non-empty list',
    });
    assert.throws(() => evaluate("one_hot(5, 3)"), {
      message: 'node "n" field "f": expected a value, got error: one_hot: index 5 out of range [0, 3)',
    });
    assert.throws(() => evaluate("sum('abc')"), {
      message:
        'node "n" field "f": expected a value, got error: sum: expected a list of numbers or a tensor, got string "abc"',
    });
  });
});

describe("cel: variables and values", () => {
  test("inputs by name, `inputs`, `attributes` and `outputs` (flat and nested)", () => {
    const upstream = { risk: { p: 0.25 }, input: { amount: 12 } };
    assert.equal(evaluate("x + inputs.x", { x: 1 }), 2);
    assert.equal(evaluate("'y' in inputs", { x: 1 }), false);
    assert.equal(evaluate("attributes.country", {}, { attributes: { country: "FR" } }), "FR");
    assert.equal(evaluate("outputs.risk.p + outputs['risk.p'] + outputs.input.amount", {}, { upstream }), 12.5);
  });

  test("tensors: integer data are ints, UINT64 uints; tensors built by tensor() come back typed", () => {
    const ints: TensorValue = { kind: "tensor", datatype: "INT32", shape: [2], data: new Int32Array([4, 5]) };
    assert.equal(evaluate("t.data[0] + 1", { t: ints }), 5n);
    const made = evaluate("tensor('INT64', [2], [1, 2])") as TensorValue;
    assert.equal(made.datatype, "INT64");
    assert.deepEqual(Array.from(made.data as BigInt64Array), [1n, 2n]);
    const bytes = evaluate("tensor('BYTES', [1], ['hi'])") as TensorValue;
    assert.deepEqual(
      Array.from(bytes.data as Uint8Array[], (b) => Buffer.from(b).toString()),
      ["hi"],
    );
  });

  test("values round-trip between edges and CEL", () => {
    const value: NodeValue = { a: [1, "x", true, null], b: { c: 2n }, d: new Uint8Array([1, 2]) };
    assert.deepEqual(fromCelValue(toCelValue(value)), value);
  });

  test("CEL strictness: int and double do not mix in arithmetic, but compare", () => {
    assert.equal(evaluate("x > 1", { x: 2.5 }), true);
    assert.throws(() => evaluate("x + 1", { x: 2.5 }), {
      message:
        "node \"n\" field \"f\": expected a value, got error: found no matching overload for '_+_' applied to '(double, int)'",
    });
  });

  test("a missing variable is named", () => {
    assert.throws(() => evaluate("amount * 2.0"), {
      message: 'node "n" field "f": expected a value, got error: no value for "amount"',
    });
  });

  test("only the variables an expression mentions are converted", () => {
    let reads = 0;
    const inputs = {
      used: 1,
      get unused(): NodeValue {
        reads++;
        return 2;
      },
    };
    assert.equal(evaluate("used + 1.0", inputs), 2);
    assert.equal(reads, 0);
  });
});

describe("cel: compile-time checks", () => {
  test("syntax errors carry line and column", () => {
    assert.equal(checkCel("a +"), "invalid CEL expression: syntax error at 1:3: found + but expecting end of input");
  });

  test("unknown functions and, given the variables, undeclared references", () => {
    assert.equal(checkCel("nope(1)"), 'invalid CEL expression: unknown function "nope"');
    assert.equal(
      checkCel("x.exists(e, e > y)", { variables: new Set(["x"]) }),
      'invalid CEL expression: undeclared reference to "y"',
    );
    assert.equal(
      checkCel("x.exists(e, e > 1) && type(x) == list && inputs.z", { variables: new Set(["x"]) }),
      undefined,
    );
    assert.equal(checkCel("strings.quote(x)", { variables: new Set(["x"]) }), undefined);
  });

  test("compile errors name the node and field", () => {
    assert.throws(() => compileCel("", at), {
      message: 'node "n" field "f": expected a valid CEL expression, got empty expression',
    });
  });
});
