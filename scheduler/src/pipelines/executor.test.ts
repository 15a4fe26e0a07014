import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ArbiterError, Code, InvalidArgumentError } from "@arbiter/core";
import { RulesMode } from "@arbiter/proto";
import { compilePipeline, type NodeKinds } from "./compiled-pipeline.ts";
import { type ExecuteRequest, executePipeline, type PipelineRunResult } from "./executor.ts";
import type { NodeValues } from "./node-kind.ts";
import { createRulesRunner } from "./rules.ts";
import {
  type NodeInit,
  pipelineOf,
  type Script,
  type ScriptedCall,
  scriptedNode,
  scriptedRunner,
  sleep,
  transformNode,
} from "./test-fixtures.ts";
import { createTransformRunner } from "./transform.ts";

interface Setup {
  inputs?: { name: string; type: string; shape?: number[]; required?: boolean }[];
  nodes: NodeInit[];
  edges?: [string, string][];
  scripts?: Record<string, Script>;
}

async function setup(s: Setup) {
  const calls: ScriptedCall[] = [];
  const kinds: NodeKinds = {
    plugin: scriptedRunner(s.scripts ?? {}, calls),
    transform: createTransformRunner(),
    rules: createRulesRunner(),
  };
  const plan = await compilePipeline(pipelineOf(s), { tenant: "t1", kinds });
  const run = (request: Partial<ExecuteRequest> = {}) => executePipeline(plan, { inputs: {}, ...request });
  const callOf = (node: string) => calls.find((c) => c.node === node);
  return { plan, calls, run, callOf };
}

function statuses(result: PipelineRunResult): Record<string, string> {
  return Object.fromEntries(result.traces.map((t) => [t.node, t.status]));
}

async function rejection(promise: Promise<unknown>): Promise<ArbiterError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ArbiterError, `expected an ArbiterError, got ${String(err)}`);
    return err;
  }
  assert.fail("expected the run to fail");
}

describe("executor: order and concurrency", () => {
  test("runs a chain and returns the pipeline outputs, node outputs and traces", async () => {
    const { run } = await setup({
      inputs: [{ name: "x", type: "number", required: true }],
      nodes: [transformNode("double", { y: "x * 2.0" }), scriptedNode("shift")],
      edges: [
        ["input.x", "double.x"],
        ["double.y", "shift.v"],
        ["shift.v", "output.result"],
      ],
      scripts: { shift: (call) => ({ v: (call.inputs.v as number) + 1 }) },
    });
    const result = await run({ inputs: { x: 4 } });
    assert.deepEqual(result.outputs, { result: 9 });
    assert.deepEqual(result.nodeOutputs, { double: { y: 8 }, shift: { v: 9 } });
    assert.deepEqual(statuses(result), { double: "ok", shift: "ok" });
    assert.equal(result.exitedAt, undefined);
    assert.ok(result.traces.every((t) => t.error === ""));
  });

  test("independent branches run at the same time (their run intervals overlap)", async () => {
    const slow: Script = async (call) => {
      await sleep(50, call.signal);
      return { v: call.node };
    };
    const { run, callOf } = await setup({
      inputs: [{ name: "x", type: "number" }],
      nodes: [scriptedNode("left"), scriptedNode("right"), scriptedNode("join")],
      edges: [
        ["input.x", "left.x"],
        ["input.x", "right.x"],
        ["left.v", "join.a"],
        ["right.v", "join.b"],
        ["join.a", "output.a"],
        ["join.b", "output.b"],
      ],
      scripts: { left: slow, right: slow },
    });
    const result = await run({ inputs: { x: 1 } });
    assert.deepEqual(result.outputs, { a: "left", b: "right" });
    const left = callOf("left");
    const right = callOf("right");
    const join = callOf("join");
    assert.ok(left?.endedAt !== undefined && right?.endedAt !== undefined && join !== undefined);
    // Overlap: each started before the other ended.
    assert.ok(right.startedAt < left.endedAt, "right started after left had finished");
    assert.ok(left.startedAt < right.endedAt, "left started after right had finished");
    // The join waited for both.
    assert.ok(join.startedAt >= Math.max(left.endedAt, right.endedAt));
  });

  test("reports the model versions nodes used", async () => {
    const { run } = await setup({
      nodes: [scriptedNode("score")],
      edges: [["score.p", "output.p"]],
      scripts: { score: () => ({ outputs: { p: 0.3 }, models: [{ model: "risk", version: 4 }] }) },
    });
    const result = await run();
    assert.deepEqual(result.models, [{ node: "score", model: "risk", version: 4 }]);
  });

  test("rules see every upstream node's outputs and the pipeline inputs through `outputs`", async () => {
    const { run } = await setup({
      inputs: [{ name: "amount", type: "number" }],
      nodes: [
        scriptedNode("risk"),
        {
          name: "decide",
          kind: {
            case: "rules",
            value: {
              mode: RulesMode.FIRST_MATCH,
              defaultLabel: "approve",
              rules: [
                {
                  name: "big_and_risky",
                  when: "outputs.risk.p > 0.5 && outputs['input.amount'] > 100.0",
                  label: "decline",
                  weight: 1,
                },
              ],
            },
          },
        },
      ],
      edges: [
        ["input.amount", "risk.amount"],
        ["risk.p", "decide.p"],
        ["decide.label", "output.label"],
      ],
      scripts: { risk: () => ({ p: 0.9 }) },
    });
    assert.deepEqual((await run({ inputs: { amount: 500 } })).outputs, { label: "decline" });
    assert.deepEqual((await run({ inputs: { amount: 50 } })).outputs, { label: "approve" });
  });
});

describe("executor: when", () => {
  const branchy = () =>
    setup({
      inputs: [{ name: "country", type: "string", required: true }],
      nodes: [
        scriptedNode("us_model", { when: "country == 'US'" }),
        scriptedNode("us_post"),
        scriptedNode("eu_model", { when: "country != 'US'" }),
        transformNode("merge", { score: "has(inputs.us) ? inputs.us : inputs.eu" }),
      ],
      edges: [
        ["input.country", "us_model.country"],
        ["input.country", "eu_model.country"],
        ["us_model.country", "us_post.c"],
        ["us_post.c", "merge.us"],
        ["eu_model.country", "merge.eu"],
        ["us_post.c", "output.us"],
        ["merge.score", "output.score"],
      ],
    });

  test("a false `when` skips the node and the nodes that depend only on it", async () => {
    const { run, calls } = await branchy();
    const result = await run({ inputs: { country: "FR" } });
    assert.deepEqual(statuses(result), { us_model: "skipped", us_post: "skipped", eu_model: "ok", merge: "ok" });
    assert.deepEqual(
      result.traces.filter((t) => t.status === "skipped").map((t) => t.error),
      ["when is false", "no upstream node produced outputs"],
    );
    assert.deepEqual(
      calls.map((c) => c.node),
      ["eu_model"],
    );
    // The merge ran with the EU branch only; the skipped branch's pipeline output is absent.
    assert.deepEqual(result.outputs, { score: "FR" });
  });

  test("the other branch is taken when the condition flips", async () => {
    const { run } = await branchy();
    const result = await run({ inputs: { country: "US" } });
    assert.deepEqual(statuses(result), { us_model: "ok", us_post: "ok", eu_model: "skipped", merge: "ok" });
    assert.deepEqual(result.outputs, { us: "US", score: "US" });
  });

  test("a node that needs all its inputs is skipped when one comes from a skipped node", async () => {
    const { run, calls } = await setup({
      inputs: [{ name: "x", type: "number" }],
      nodes: [scriptedNode("maybe", { when: "x > 10.0" }), scriptedNode("always"), scriptedNode("both")],
      edges: [
        ["input.x", "maybe.x"],
        ["input.x", "always.x"],
        ["maybe.x", "both.a"],
        ["always.x", "both.b"],
      ],
    });
    const result = await run({ inputs: { x: 1 } });
    assert.deepEqual(statuses(result), { maybe: "skipped", always: "ok", both: "skipped" });
    assert.equal(result.traces[2]?.error, 'upstream node "maybe" produced no outputs');
    assert.ok(!calls.some((c) => c.node === "both"));
  });

  test("a `when` that fails to evaluate fails the pipeline with INVALID_ARGUMENT naming node and field", async () => {
    const { run } = await setup({
      inputs: [{ name: "x", type: "string" }],
      nodes: [scriptedNode("n", { when: "x > 1.0" })],
      edges: [["input.x", "n.x"]],
    });
    const err = await rejection(run({ inputs: { x: "abc" } }));
    assert.equal(err.code, Code.InvalidArgument);
    assert.equal(
      err.message,
      `node "n" field "when": expected bool, got error: found no matching overload for '_>_' applied to '(string, double)'`,
    );
  });
});

describe("executor: exit_when", () => {
  test("ends the pipeline early with the outputs so far and aborts running nodes", async () => {
    let slowSignal: AbortSignal | undefined;
    const { run, calls } = await setup({
      inputs: [{ name: "x", type: "number" }],
      nodes: [scriptedNode("gate", { exitWhen: "result.block" }), scriptedNode("slow"), scriptedNode("after")],
      edges: [
        ["input.x", "gate.x"],
        ["input.x", "slow.x"],
        ["gate.block", "after.block"],
        ["slow.x", "after.x"],
        ["gate.block", "output.blocked"],
        ["after.x", "output.x"],
      ],
      scripts: {
        gate: async () => {
          await sleep(5);
          return { block: true };
        },
        slow: async (call) => {
          slowSignal = call.signal;
          await sleep(5_000, call.signal);
          return { x: 1 };
        },
      },
    });
    const result = await run({ inputs: { x: 1 } });
    assert.equal(result.exitedAt, "gate");
    assert.deepEqual(result.outputs, { blocked: true });
    assert.deepEqual(statuses(result), { gate: "ok", slow: "skipped", after: "skipped" });
    assert.equal(result.traces[1]?.error, 'cancelled: pipeline exited at node "gate"');
    assert.equal(result.traces[2]?.error, 'pipeline exited at node "gate"');
    assert.equal(slowSignal?.aborted, true);
    assert.ok(!calls.some((c) => c.node === "after"));
  });

  test("a false exit condition lets the pipeline continue", async () => {
    const { run } = await setup({
      inputs: [{ name: "x", type: "number" }],
      nodes: [transformNode("gate", { block: "x > 100.0" }, { exitWhen: "result.block" }), scriptedNode("after")],
      edges: [
        ["input.x", "gate.x"],
        ["gate.block", "after.block"],
        ["after.block", "output.block"],
      ],
    });
    const result = await run({ inputs: { x: 1 } });
    assert.equal(result.exitedAt, undefined);
    assert.deepEqual(result.outputs, { block: false });
  });
});

describe("executor: failures and fallbacks", () => {
  const boom: Script = () => {
    throw new InvalidArgumentError("text", "a short text", "10000 characters");
  };

  test("a failing non-optional node fails the pipeline, naming the node and keeping its code", async () => {
    const { run } = await setup({
      nodes: [scriptedNode("tok")],
      scripts: { tok: boom },
    });
    const err = await rejection(run());
    assert.equal(err.code, Code.InvalidArgument);
    assert.equal(err.message, 'node "tok": text: expected a short text, got 10000 characters');
    assert.equal(err.details.node, "tok");
  });

  test("an error that is not an ArbiterError fails with INTERNAL and does not leak its message", async () => {
    const { run } = await setup({
      nodes: [scriptedNode("bad")],
      scripts: { bad: () => Promise.reject(new Error("secret path /etc")) },
    });
    const err = await rejection(run());
    assert.equal(err.code, Code.Internal);
    assert.equal(err.message, 'node "bad" failed');
  });

  test("an optional node with a fallback value yields that value for every output read from it", async () => {
    const { run } = await setup({
      nodes: [
        scriptedNode("enrich", {
          optional: true,
          fallback: {
            kind: {
              case: "value",
              value: { kind: { case: "value", value: { kind: { case: "numberValue", value: 0.5 } } } },
            },
          },
        }),
        scriptedNode("use"),
      ],
      edges: [
        ["enrich.a", "use.a"],
        ["enrich.b", "output.b"],
        ["use.a", "output.a"],
      ],
      scripts: { enrich: boom },
    });
    const result = await run();
    assert.deepEqual(result.outputs, { a: 0.5, b: 0.5 });
    assert.deepEqual(statuses(result), { enrich: "fallback", use: "ok" });
    assert.equal(result.traces[0]?.error, 'node "enrich": text: expected a short text, got 10000 characters');
  });

  test("a standby fallback node runs only when the node it backs fails, and its outputs stand in", async () => {
    let primaryFails = true;
    const { run, calls } = await setup({
      inputs: [{ name: "x", type: "number" }],
      nodes: [
        scriptedNode("primary", { optional: true, fallback: { kind: { case: "node", value: "backup" } } }),
        scriptedNode("backup"),
        scriptedNode("use"),
      ],
      edges: [
        ["input.x", "primary.x"],
        ["input.x", "backup.x"],
        ["primary.p", "use.p"],
        ["use.p", "output.p"],
      ],
      scripts: {
        primary: () => (primaryFails ? boom({} as never) : { p: "primary" }),
        backup: () => ({ p: "backup" }),
      },
    });
    const failed = await run({ inputs: { x: 1 } });
    assert.deepEqual(failed.outputs, { p: "backup" });
    assert.deepEqual(statuses(failed), { primary: "fallback", backup: "ok", use: "ok" });

    primaryFails = false;
    calls.length = 0;
    const fine = await run({ inputs: { x: 1 } });
    assert.deepEqual(fine.outputs, { p: "primary" });
    assert.deepEqual(statuses(fine), { primary: "ok", backup: "skipped", use: "ok" });
    assert.equal(fine.traces[1]?.error, "fallback not needed");
    assert.ok(!calls.some((c) => c.node === "backup"));
  });

  test("a standby fallback node waits for its own inputs before standing in", async () => {
    const { run, callOf } = await setup({
      inputs: [{ name: "x", type: "number" }],
      nodes: [
        scriptedNode("primary", { optional: true, fallback: { kind: { case: "node", value: "backup" } } }),
        scriptedNode("features"),
        scriptedNode("backup"),
      ],
      edges: [
        ["input.x", "primary.x"],
        ["input.x", "features.x"],
        ["features.f", "backup.f"],
        ["primary.f", "output.f"],
      ],
      scripts: {
        primary: boom,
        features: async () => {
          await sleep(20);
          return { f: "slow features" };
        },
      },
    });
    const result = await run({ inputs: { x: 1 } });
    assert.deepEqual(result.outputs, { f: "slow features" });
    assert.deepEqual(statuses(result), { primary: "fallback", features: "ok", backup: "ok" });
    const features = callOf("features");
    const backup = callOf("backup");
    assert.ok(features?.endedAt !== undefined && backup !== undefined);
    assert.ok(backup.startedAt >= features.endedAt);
  });

  test("an optional node without a fallback is reported failed and its branch is skipped", async () => {
    const { run } = await setup({
      nodes: [scriptedNode("extra", { optional: true }), scriptedNode("after"), scriptedNode("other")],
      edges: [
        ["extra.v", "after.v"],
        ["other.v", "output.v"],
      ],
      scripts: { extra: boom, other: () => ({ v: 1 }) },
    });
    const result = await run();
    assert.deepEqual(statuses(result), { extra: "failed", after: "skipped", other: "ok" });
    assert.deepEqual(result.outputs, { v: 1 });
  });

  test("a transform whose expression fails on the input is INVALID_ARGUMENT naming node and assignment", async () => {
    const { run } = await setup({
      inputs: [{ name: "features", type: "object" }],
      nodes: [transformNode("norm", { z: "(features.amount - 10.0) / 2.0" })],
      edges: [["input.features", "norm.features"]],
    });
    const err = await rejection(run({ inputs: { features: { count: 3 } } }));
    assert.equal(err.code, Code.InvalidArgument);
    assert.equal(
      err.message,
      'node "norm" field "assignments[z]": expected a value, got error: field not found: amount',
    );
  });
});

describe("executor: deadline budgets", () => {
  test("a node past its timeout_ms is aborted and fails fast with DEADLINE_EXCEEDED naming it", async () => {
    let signal: AbortSignal | undefined;
    const { run } = await setup({
      nodes: [scriptedNode("slow", { timeoutMs: 20 })],
      scripts: {
        slow: (call) => {
          signal = call.signal;
          return new Promise<NodeValues>(() => {}); // never settles and ignores the signal
        },
      },
    });
    const err = await rejection(run());
    assert.equal(err.code, Code.DeadlineExceeded);
    assert.equal(err.message, 'node "slow" did not finish within its budget of 20 ms');
    assert.ok(signal?.aborted);
    assert.equal((signal.reason as ArbiterError).code, Code.DeadlineExceeded);
  });

  test("an optional node that runs out of time yields its fallback", async () => {
    const { run } = await setup({
      nodes: [
        scriptedNode("slow", {
          timeoutMs: 10,
          optional: true,
          fallback: {
            kind: {
              case: "value",
              value: { kind: { case: "value", value: { kind: { case: "stringValue", value: "late" } } } },
            },
          },
        }),
      ],
      edges: [["slow.v", "output.v"]],
      scripts: { slow: (call) => sleep(5_000, call.signal).then(() => ({ v: "on time" })) },
    });
    const result = await run();
    assert.deepEqual(result.outputs, { v: "late" });
    assert.deepEqual(statuses(result), { slow: "fallback" });
    assert.equal(result.traces[0]?.error, 'node "slow" did not finish within its budget of 10 ms');
  });

  test("without timeout_ms a node gets the time left divided by its depth", async () => {
    const { run, callOf } = await setup({
      nodes: [scriptedNode("a"), scriptedNode("b"), scriptedNode("c"), scriptedNode("fixed", { timeoutMs: 40 })],
      edges: [
        ["a.v", "b.v"],
        ["b.v", "c.v"],
      ],
      scripts: {
        a: () => ({ v: Date.now() }),
        b: () => ({ v: Date.now() }),
        c: () => ({ v: Date.now() }),
        fixed: () => ({ v: Date.now() }),
      },
    });
    const deadline = Date.now() + 3_000;
    const result = await run({ deadline });
    // Each budget was fixed when the node started (no later than the time its script saw):
    // a: 1/3 of what was left, b: 1/2, c: all of it; `fixed`: its own 40 ms.
    const at = (node: string) => result.nodeOutputs[node]?.v as number;
    const budgetEnd = (node: string) => callOf(node)?.call.deadline as number;
    assert.ok(budgetEnd("a") <= at("a") + (deadline - at("a")) / 3);
    assert.ok(budgetEnd("a") > at("a"));
    assert.ok(budgetEnd("b") <= at("b") + (deadline - at("b")) / 2);
    assert.ok(budgetEnd("b") > at("a") + (deadline - at("a")) / 3, "b did not get more than a third");
    assert.ok(budgetEnd("c") <= deadline);
    assert.ok(budgetEnd("c") > at("b") + (deadline - at("b")) / 2, "c did not get everything left");
    assert.ok(budgetEnd("fixed") <= at("fixed") + 40);
  });

  test("a node that starts after the request deadline fails at once", async () => {
    const { run, calls } = await setup({ nodes: [scriptedNode("late")] });
    const err = await rejection(run({ deadline: Date.now() - 1 }));
    assert.equal(err.code, Code.DeadlineExceeded);
    assert.equal(err.message, 'node "late" has no time left before the request deadline');
    assert.equal(calls.length, 0);
  });
});

describe("executor: requests", () => {
  test("checks inputs against the declaration before running anything", async () => {
    const { run, calls } = await setup({
      inputs: [
        { name: "amount", type: "number", required: true },
        { name: "features", type: "tensor:FP32", shape: [-1, 2] },
      ],
      nodes: [scriptedNode("n")],
      edges: [["input.amount", "n.amount"]],
    });
    const message = async (inputs: NodeValues) => (await rejection(run({ inputs }))).message;
    assert.equal(await message({}), "inputs.amount: expected number (required), got nothing");
    assert.equal(await message({ amount: "12" }), 'inputs.amount: expected number, got string "12"');
    assert.equal(
      await message({
        amount: 1,
        features: { kind: "tensor", datatype: "FP32", shape: [1, 3], data: new Float32Array(3) },
      }),
      "inputs.features: expected tensor:FP32 [-1, 2], got tensor:FP32 [1, 3]",
    );
    assert.equal(
      await message({ amount: 1, amout: 2 }),
      "inputs.amout: expected one of the declared inputs (amount, features), got an undeclared input",
    );
    assert.equal(calls.length, 0);
  });

  test("a request signal from AbortSignal.timeout() rejects with DEADLINE_EXCEEDED", async () => {
    const { run } = await setup({
      nodes: [scriptedNode("slow")],
      scripts: { slow: (call) => sleep(5_000, call.signal).then(() => ({})) },
    });
    const err = await rejection(run({ signal: AbortSignal.timeout(10) }));
    assert.equal(err.code, Code.DeadlineExceeded);
    assert.equal(err.message, "request deadline exceeded");
  });

  test("a cancelled request aborts its running nodes and rejects with CANCELLED", async () => {
    let signal: AbortSignal | undefined;
    const { run } = await setup({
      nodes: [scriptedNode("slow")],
      scripts: {
        slow: async (call) => {
          signal = call.signal;
          await sleep(5_000, call.signal);
          return {};
        },
      },
    });
    const controller = new AbortController();
    const pending = run({ signal: controller.signal });
    await sleep(5);
    controller.abort();
    const err = await rejection(pending);
    assert.equal(err.code, Code.Canceled);
    assert.equal(signal?.aborted, true);
  });
});
