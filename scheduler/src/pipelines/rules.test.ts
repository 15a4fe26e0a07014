import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ArbiterError, Code } from "@arbiter/core";
import { RulesMode, RulesNodeSchema } from "@arbiter/proto";
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import type { NodeCall, NodeValues } from "./node-kind.ts";
import { createRulesRunner, readDecision } from "./rules.ts";

const runner = createRulesRunner();

function callWith(inputs: NodeValues, attributes: Record<string, string> = {}, upstream?: Record<string, NodeValues>) {
  return {
    tenant: "t",
    pipeline: "p",
    pipelineVersion: 1,
    node: "decide",
    inputs,
    attributes,
    deadline: Number.POSITIVE_INFINITY,
    signal: new AbortController().signal,
    ...(upstream === undefined ? {} : { upstream }),
  } satisfies NodeCall;
}

async function decide(config: MessageInitShape<typeof RulesNodeSchema>, call: NodeCall) {
  const prepared = await runner.prepare("decide", create(RulesNodeSchema, config), "t");
  const result = await runner.run(prepared, call);
  return { outputs: result.outputs, decision: readDecision(result.outputs) };
}

const riskRules = [
  {
    name: "fraud_score",
    when: "p > 0.9",
    label: "decline",
    weight: 3,
    reason: "model says fraud",
    report: [{ name: "p", expression: "p" }],
  },
  { name: "large_amount", when: "amount > 1000.0", label: "review", weight: 2, reason: "large amount" },
  { name: "foreign", when: "attributes.country != 'FR'", label: "review", weight: 1.5, reason: "foreign card" },
];

describe("rules: first match", () => {
  test("the first rule that holds decides; only it is reported", async () => {
    const { decision, outputs } = await decide(
      { mode: RulesMode.FIRST_MATCH, rules: riskRules, defaultLabel: "approve" },
      callWith({ p: 0.95, amount: 5000 }, { country: "US" }),
    );
    assert.deepEqual(decision, {
      label: "decline",
      score: 3,
      firedRules: [
        { name: "fraud_score", label: "decline", weight: 3, reason: "model says fraud", values: { p: 0.95 } },
      ],
    });
    assert.deepEqual(outputs.scores, { decline: 3 });
  });

  test("later rules decide when earlier ones do not hold", async () => {
    const { decision } = await decide(
      { mode: RulesMode.FIRST_MATCH, rules: riskRules, defaultLabel: "approve" },
      callWith({ p: 0.1, amount: 5000 }, { country: "FR" }),
    );
    assert.equal(decision?.label, "review");
    assert.deepEqual(
      decision?.firedRules.map((r) => r.name),
      ["large_amount"],
    );
  });

  test("no rule holds: the default label with score 0", async () => {
    const { decision } = await decide(
      { mode: RulesMode.FIRST_MATCH, rules: riskRules, defaultLabel: "approve" },
      callWith({ p: 0.1, amount: 10 }, { country: "FR" }),
    );
    assert.deepEqual(decision, { label: "approve", score: 0, firedRules: [] });
  });
});

describe("rules: score weighted", () => {
  test("every rule that holds adds its weight to its label; the highest total wins", async () => {
    const { decision, outputs } = await decide(
      { mode: RulesMode.SCORE_WEIGHTED, rules: riskRules, defaultLabel: "approve" },
      callWith({ p: 0.95, amount: 5000 }, { country: "US" }),
    );
    // decline: 3; review: 2 + 1.5 = 3.5
    assert.equal(decision?.label, "review");
    assert.equal(decision?.score, 3.5);
    assert.deepEqual(
      decision?.firedRules.map((r) => r.name),
      ["fraud_score", "large_amount", "foreign"],
    );
    assert.deepEqual(outputs.scores, { decline: 3, review: 3.5 });
  });

  test("on a tie, the label whose first rule fired earliest wins", async () => {
    const { decision } = await decide(
      {
        mode: RulesMode.SCORE_WEIGHTED,
        rules: [
          { name: "a1", when: "true", label: "a", weight: 1 },
          { name: "b1", when: "true", label: "b", weight: 2 },
          { name: "a2", when: "true", label: "a", weight: 1 },
        ],
      },
      callWith({}),
    );
    assert.equal(decision?.label, "a");
    assert.equal(decision?.score, 2);
  });

  test("a score expression sees the decided label and the scores", async () => {
    const { decision } = await decide(
      {
        mode: RulesMode.SCORE_WEIGHTED,
        rules: riskRules,
        defaultLabel: "approve",
        score: "label == 'approve' ? 0.0 : scores[label] / 10.0 + p",
      },
      callWith({ p: 0.95, amount: 5000 }, { country: "US" }),
    );
    assert.equal(decision?.label, "review");
    assert.equal(decision?.score, 0.35 + 0.95);
  });
});

describe("rules: expressions over upstream outputs and errors", () => {
  test("rules read other nodes' outputs through `outputs`", async () => {
    const { decision } = await decide(
      {
        mode: RulesMode.FIRST_MATCH,
        rules: [{ name: "r", when: "outputs.risk.p > 0.5 && outputs['input.amount'] < 10.0", label: "odd" }],
        defaultLabel: "fine",
      },
      callWith({}, {}, { risk: { p: 0.7 }, input: { amount: 3 } }),
    );
    assert.equal(decision?.label, "odd");
  });

  test("a condition that is not a bool is INVALID_ARGUMENT naming the node and rule", async () => {
    const prepared = await runner.prepare(
      "decide",
      create(RulesNodeSchema, { mode: RulesMode.FIRST_MATCH, rules: [{ name: "oops", when: "p", label: "x" }] }),
      "t",
    );
    await assert.rejects(
      runner.run(prepared, callWith({ p: 0.7 })),
      (err: unknown) =>
        err instanceof ArbiterError &&
        err.code === Code.InvalidArgument &&
        err.message === 'node "decide" field "rules[oops].when": expected bool, got double 0.7',
    );
  });

  test("a missing input is INVALID_ARGUMENT naming the node, rule and variable", async () => {
    const prepared = await runner.prepare(
      "decide",
      create(RulesNodeSchema, {
        mode: RulesMode.FIRST_MATCH,
        rules: [{ name: "big", when: "amount > 10.0", label: "x" }],
      }),
      "t",
    );
    await assert.rejects(runner.run(prepared, callWith({})), {
      code: Code.InvalidArgument,
      message: 'node "decide" field "rules[big].when": expected bool, got error: no value for "amount"',
    });
  });

  test("prepare rejects bad configurations naming the field", () => {
    const prepare = (config: MessageInitShape<typeof RulesNodeSchema>) =>
      runner.prepare("decide", create(RulesNodeSchema, config), "t");
    assert.throws(() => prepare({ mode: RulesMode.FIRST_MATCH, rules: [{ name: "r", when: "1 +", label: "x" }] }), {
      code: Code.InvalidArgument,
      message:
        'node "decide" field "rules[r].when": expected a valid CEL expression, got syntax error at 1:3: found + but expecting end of input',
    });
    assert.throws(() => prepare({ mode: RulesMode.UNSPECIFIED, rules: [{ name: "r", when: "true", label: "x" }] }), {
      message: 'node "decide" field "mode": expected FIRST_MATCH or SCORE_WEIGHTED, got mode 0',
    });
    assert.throws(() => prepare({ mode: RulesMode.FIRST_MATCH, rules: [{ name: "r", when: "true", label: "" }] }), {
      message: 'node "decide" field "rules[r].label": expected a label, got an empty string',
    });
  });
});
