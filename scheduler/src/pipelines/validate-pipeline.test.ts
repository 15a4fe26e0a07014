import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type ModelSignature, ModelSignatureSchema, RulesMode, type VersionSelector } from "@arbiter/proto";
import { create } from "@bufbuild/protobuf";
import type { NodeKinds } from "./compiled-pipeline.ts";
import { type NodeInit, pipelineOf, scriptedNode, transformNode } from "./test-fixtures.ts";
import { type PipelineResolver, validatePipeline } from "./validate-pipeline.ts";

const riskSignature = create(ModelSignatureSchema, {
  inputs: [{ name: "features", datatype: "FP32", shape: [-1n, 4n] }],
  outputs: [{ name: "probability", datatype: "FP32", shape: [-1n, 1n] }],
});

const resolver: PipelineResolver = {
  resolveModel(tenant: string, name: string, selector: VersionSelector | undefined): ModelSignature | undefined {
    if (tenant !== "acme") return undefined;
    if (name !== "risk" && name !== "risk_v1") return undefined;
    if (selector?.selector.case === "version" && selector.selector.value !== 1n) return undefined;
    return riskSignature;
  },
  collectionExists: (tenant, name) => tenant === "acme" && name === "catalog",
  pluginExists: async (tenant, name) => tenant === "acme" && name === "tokenizer",
};

function modelNode(name: string, model: string, extra: Partial<NodeInit> = {}): NodeInit {
  return { name, ...extra, kind: { case: "model", value: { model } } } as NodeInit;
}

async function problems(init: Parameters<typeof pipelineOf>[0], kinds?: NodeKinds) {
  const found = await validatePipeline(pipelineOf(init), { tenant: "acme", resolver, ...(kinds ? { kinds } : {}) });
  return found.map((p) => ({ node: p.node, field: p.field, message: p.message }));
}

const features = { name: "features", type: "tensor:FP32", shape: [-1, 4], required: true };

describe("validatePipeline", () => {
  test("a valid pipeline has no problems", async () => {
    assert.deepEqual(
      await problems({
        inputs: [features, { name: "amount", type: "number" }],
        nodes: [
          modelNode("risk", "risk"),
          {
            name: "decide",
            kind: {
              case: "rules",
              value: {
                mode: RulesMode.FIRST_MATCH,
                rules: [{ name: "high", when: "p > 0.8 && outputs.input.amount > 10.0", label: "decline" }],
                defaultLabel: "approve",
              },
            },
          },
        ],
        edges: [
          ["input.features", "risk.features"],
          ["risk.probability", "decide.p"],
          ["decide.label", "output.label"],
        ],
      }),
      [],
    );
  });

  test("a cycle names its nodes in order", async () => {
    assert.deepEqual(
      await problems({
        nodes: [transformNode("a", { x: "1.0" }), transformNode("b", { x: "1.0" }), transformNode("c", { x: "1.0" })],
        edges: [
          ["a.x", "b.x"],
          ["b.x", "c.x"],
          ["c.x", "a.x"],
        ],
      }),
      [{ node: "a", field: "edges", message: "pipeline has a cycle: a -> b -> c -> a" }],
    );
  });

  test("a node feeding itself is a cycle", async () => {
    assert.deepEqual(await problems({ nodes: [transformNode("loop", { x: "1.0" })], edges: [["loop.x", "loop.y"]] }), [
      { node: "loop", field: "edges", message: "pipeline has a cycle: loop -> loop" },
    ]);
  });

  test("a model input that no edge feeds is missing", async () => {
    assert.deepEqual(await problems({ nodes: [modelNode("risk", "risk")] }), [
      { node: "risk", field: "inputs.features", message: 'missing input "features": no edge feeds it' },
    ]);
  });

  test("vector search needs its query", async () => {
    assert.deepEqual(
      await problems({
        nodes: [{ name: "search", kind: { case: "vectorSearch", value: { collection: "catalog", k: 5 } } }],
      }),
      [{ node: "search", field: "inputs.query", message: 'missing input "query": no edge feeds it' }],
    );
  });

  test("unknown models, collections and plugins are reported with their selector", async () => {
    assert.deepEqual(
      await problems({
        inputs: [features, { name: "q", type: "list" }],
        nodes: [
          modelNode("a", "nope"),
          {
            name: "b",
            kind: { case: "model", value: { model: "risk", selector: { selector: { case: "version", value: 7n } } } },
          },
          {
            name: "c",
            kind: { case: "model", value: { model: "risk", selector: { selector: { case: "alias", value: "prod" } } } },
          },
          { name: "s", kind: { case: "vectorSearch", value: { collection: "films", k: 5 } } },
          { name: "p", kind: { case: "plugin", value: { plugin: "stemmer" } } },
        ],
        edges: [
          ["input.features", "a.features"],
          ["input.q", "s.query"],
        ],
      }).then((list) => list.filter((p) => !p.field.startsWith("inputs."))),
      [
        { node: "a", field: "model.model", message: 'model "nope" not found' },
        { node: "b", field: "model.model", message: 'model "risk" version 7 not found' },
        { node: "s", field: "vector_search.collection", message: 'collection "films" not found' },
        { node: "p", field: "plugin.plugin", message: 'plugin "stemmer" not found' },
      ],
    );
  });

  test("models are looked up in the caller's tenant only", async () => {
    const found = await validatePipeline(
      pipelineOf({
        inputs: [features],
        nodes: [modelNode("risk", "risk")],
        edges: [["input.features", "risk.features"]],
      }),
      { tenant: "other", resolver },
    );
    assert.deepEqual(
      found.map((p) => p.message),
      ['model "risk" not found'],
    );
  });

  test("a tensor datatype or shape that does not fit the model input is a mismatch", async () => {
    assert.deepEqual(
      await problems({
        inputs: [
          { name: "ints", type: "tensor:INT64", shape: [-1, 4] },
          { name: "narrow", type: "tensor:FP32", shape: [-1, 3] },
          { name: "amount", type: "number" },
        ],
        nodes: [modelNode("a", "risk"), modelNode("b", "risk"), modelNode("c", "risk")],
        edges: [
          ["input.ints", "a.features"],
          ["input.narrow", "b.features"],
          ["input.amount", "c.features"],
        ],
      }),
      [
        {
          node: "a",
          field: "edges[0]",
          message: 'type mismatch: "input.ints" is tensor:INT64 but "a.features" expects tensor:FP32',
        },
        {
          node: "b",
          field: "edges[1]",
          message: 'shape mismatch: "input.narrow" has shape [-1, 3] but "b.features" expects [-1, 4]',
        },
        {
          node: "c",
          field: "edges[2]",
          message: 'type mismatch: "input.amount" is number but "c.features" expects tensor:FP32',
        },
      ],
    );
  });

  test("model outputs are checked against the next model's inputs", async () => {
    assert.deepEqual(
      await problems({
        inputs: [features],
        nodes: [modelNode("first", "risk"), modelNode("second", "risk_v1")],
        edges: [
          ["input.features", "first.features"],
          ["first.probability", "second.features"],
        ],
      }),
      [
        {
          node: "second",
          field: "edges[1]",
          message: 'shape mismatch: "first.probability" has shape [-1, 1] but "second.features" expects [-1, 4]',
        },
      ],
    );
  });

  test("edges from outputs and into inputs that do not exist", async () => {
    assert.deepEqual(
      await problems({
        inputs: [features],
        nodes: [modelNode("risk", "risk"), transformNode("t", { y: "1.0" })],
        edges: [
          ["input.features", "risk.features"],
          ["input.features", "risk.extra"],
          ["risk.score", "t.s"],
          ["t.z", "output.z"],
        ],
      }),
      [
        { node: "risk", field: "edges[1].to", message: 'node "risk" has no input "extra"' },
        { node: "t", field: "edges[2].from", message: 'node "risk" has no output "score"' },
        { node: "", field: "edges[3].from", message: 'node "t" has no output "z"' },
      ],
    );
  });

  test("structural problems: duplicates, reserved names, dangling and malformed edges, inputs fed twice", async () => {
    assert.deepEqual(
      await problems({
        inputs: [{ name: "x", type: "number" }],
        nodes: [
          transformNode("a", { y: "1.0" }),
          transformNode("a", { y: "2.0" }),
          transformNode("input", { y: "1.0" }),
        ],
        edges: [
          ["ghost.y", "a.y"],
          ["input.nope", "a.z"],
          ["a.y", "nowhere.in"],
          ["a", "output.a"],
          ["input.x", "a.x"],
          ["input.x", "a.x"],
        ],
      }),
      [
        { node: "a", field: "name", message: 'duplicate node name "a"' },
        { node: "input", field: "name", message: 'node name "input" is reserved' },
        { node: "a", field: "edges[0].from", message: 'unknown node "ghost"' },
        { node: "a", field: "edges[1].from", message: 'unknown pipeline input "nope"' },
        { node: "", field: "edges[2].to", message: 'unknown node "nowhere"' },
        { node: "", field: "edges[3].from", message: 'expected "<node>.<output>" or "input.<name>", got "a"' },
        { node: "a", field: "edges[5].to", message: 'input "x" of node "a" is already fed by edges[4]' },
      ],
    );
  });

  test("declared pipeline inputs: unknown types and duplicates", async () => {
    assert.deepEqual(
      await problems({
        inputs: [
          { name: "a", type: "tensr:FP32" },
          { name: "b", type: "tensor:FP33" },
          { name: "a", type: "number" },
        ],
        nodes: [transformNode("t", { y: "1.0" })],
      }),
      [
        {
          node: "",
          field: "inputs[0].type",
          message:
            'unknown type "tensr:FP32"; expected "tensor:<DATATYPE>", "number", "string", "bool", "list" or "object"',
        },
        { node: "", field: "inputs[1].type", message: 'unknown datatype "FP33" in "tensor:FP33"' },
        { node: "", field: "inputs[2].name", message: 'duplicate pipeline input "a"' },
      ],
    );
  });

  test("CEL: syntax errors, unknown functions and undeclared variables, per field", async () => {
    assert.deepEqual(
      await problems({
        inputs: [{ name: "amount", type: "number" }],
        nodes: [
          transformNode(
            "t",
            { a: "amount +", b: "frobnicate(amount)", c: "amout * 2.0", d: "a * 2.0" },
            { when: "amount > 1.0" },
          ),
          {
            name: "r",
            exitWhen: "result.label == 'x' &&",
            kind: {
              case: "rules",
              value: {
                mode: RulesMode.SCORE_WEIGHTED,
                rules: [{ name: "hi", when: "d > 1.0", label: "x", report: [{ name: "why", expression: "d ? " }] }],
                score: "scores[label] * 2.0 + nope",
              },
            },
          },
        ],
        edges: [
          ["input.amount", "t.amount"],
          ["t.d", "r.d"],
        ],
      }),
      [
        {
          node: "t",
          field: "transform.assignments[a]",
          message: "invalid CEL expression: syntax error at 1:8: found + but expecting end of input",
        },
        {
          node: "t",
          field: "transform.assignments[b]",
          message: 'invalid CEL expression: unknown function "frobnicate"',
        },
        {
          node: "t",
          field: "transform.assignments[c]",
          message: 'invalid CEL expression: undeclared reference to "amout"',
        },
        {
          node: "r",
          field: "rules.rules[hi].report[why]",
          message: "invalid CEL expression: syntax error at 1:3: found ? but expecting end of input",
        },
        { node: "r", field: "rules.score", message: 'invalid CEL expression: undeclared reference to "nope"' },
        {
          node: "r",
          field: "exit_when",
          message: "invalid CEL expression: syntax error at 1:21: found & but expecting end of input",
        },
      ],
    );
  });

  test("rules: modes, labels and duplicate names", async () => {
    assert.deepEqual(
      await problems({
        nodes: [
          {
            name: "r",
            kind: {
              case: "rules",
              value: {
                mode: RulesMode.UNSPECIFIED,
                rules: [
                  { name: "a", when: "true", label: "" },
                  { name: "a", when: "true", label: "x" },
                ],
              },
            },
          },
        ],
      }),
      [
        { node: "r", field: "rules.mode", message: "mode must be FIRST_MATCH or SCORE_WEIGHTED" },
        { node: "r", field: "rules.rules[a].label", message: 'rule "a" has no label' },
        { node: "r", field: "rules.rules[1].name", message: 'duplicate rule "a"' },
      ],
    );
  });

  test("fallbacks: only on optional nodes, to existing nodes that do not depend on the node and have its outputs", async () => {
    assert.deepEqual(
      await problems({
        nodes: [
          transformNode("a", { v: "1.0" }, { fallback: { kind: { case: "node", value: "ghost" } } }),
          transformNode("b", { v: "1.0" }, { optional: true, fallback: { kind: { case: "node", value: "b" } } }),
          transformNode("c", { v: "1.0" }, { optional: true, fallback: { kind: { case: "node", value: "d" } } }),
          transformNode("d", { v: "w" }),
          transformNode("e", { v: "1.0" }, { optional: true, fallback: { kind: { case: "node", value: "f" } } }),
          transformNode("f", { other: "2.0" }),
        ],
        edges: [
          ["c.v", "d.w"],
          ["e.v", "output.e"],
        ],
      }),
      [
        { node: "a", field: "fallback", message: "fallback is set but the node is not optional" },
        { node: "a", field: "fallback.node", message: 'fallback node "ghost" not found' },
        { node: "b", field: "fallback.node", message: "a node cannot be its own fallback" },
        { node: "c", field: "fallback.node", message: 'fallback node "d" depends on "c"' },
        { node: "e", field: "fallback.node", message: 'fallback node "f" has no output "v"' },
      ],
    );
  });

  test("runner ports from `describe` are checked for plugin nodes", async () => {
    const kinds: NodeKinds = {
      plugin: {
        prepare: () => undefined,
        run: async () => ({ outputs: {} }),
        describe: () => ({ requiredInputs: ["text"], inputs: ["text", "lang"], outputs: ["ids", "mask"] }),
      },
    };
    assert.deepEqual(
      await problems(
        {
          inputs: [{ name: "q", type: "string" }],
          nodes: [{ name: "tok", kind: { case: "plugin", value: { plugin: "tokenizer" } } }, scriptedNode("tokenizer")],
          edges: [
            ["input.q", "tok.txt"],
            ["tok.tokens", "output.t"],
          ],
        },
        kinds,
      ).then((list) => list.filter((p) => p.node !== "tokenizer")),
      [
        { node: "tok", field: "inputs.text", message: 'missing input "text": no edge feeds it' },
        { node: "tok", field: "edges[0].to", message: 'node "tok" has no input "txt"' },
        { node: "", field: "edges[1].from", message: 'node "tok" has no output "tokens"' },
      ],
    );
  });
});
