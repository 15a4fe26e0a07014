/**
 * Builders shared by the pipeline tests in this folder: pipeline messages from compact literals,
 * and a scripted runner that records when each node started and ended.
 */

import { type NodeSchema, type Pipeline, PipelineSchema } from "@arbiter/proto";
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import type { NodeCall, NodeKindRunner, NodeResult, NodeValues } from "./node-kind.ts";

/** A node as accepted by `create(NodeSchema, ...)`. */
export type NodeInit = MessageInitShape<typeof NodeSchema>;

/** Builds a pipeline message: edges as `[from, to]` pairs. */
export function pipelineOf(init: {
  inputs?: { name: string; type: string; shape?: number[]; required?: boolean }[];
  nodes: NodeInit[];
  edges?: [string, string][];
}): Pipeline {
  return create(PipelineSchema, {
    name: "test",
    version: 1n,
    inputs: (init.inputs ?? []).map((i) => ({ ...i, shape: (i.shape ?? []).map(BigInt) })),
    nodes: init.nodes,
    edges: (init.edges ?? []).map(([from, to]) => ({ from, to })),
  });
}

/** A transform node computing `assignments` in order. */
export function transformNode(name: string, assignments: Record<string, string>, extra: Partial<NodeInit> = {}) {
  const list = Object.entries(assignments).map(([n, expression]) => ({ name: n, expression }));
  return { name, ...extra, kind: { case: "transform", value: { assignments: list } } } as NodeInit;
}

/** A plugin node: in executor tests, the kind that {@link scriptedRunner} plays. */
export function scriptedNode(name: string, extra: Partial<NodeInit> = {}) {
  return { name, ...extra, kind: { case: "plugin", value: { plugin: name } } } as NodeInit;
}

/** What a scripted node does with its call. */
export type Script = (call: NodeCall) => Promise<NodeValues | NodeResult> | NodeValues | NodeResult;

/** One recorded execution of a scripted node. */
export interface ScriptedCall {
  readonly node: string;
  readonly call: NodeCall;
  /** performance.now() when the runner was called and when it returned (undefined until then). */
  readonly startedAt: number;
  endedAt: number | undefined;
}

/** Waits `ms` milliseconds, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/**
 * A runner whose nodes do what `scripts[node]` says (a node without a script echoes its inputs),
 * recording every call in `calls`.
 */
export function scriptedRunner(
  scripts: Record<string, Script>,
  calls: ScriptedCall[] = [],
): NodeKindRunner<unknown, string> {
  return {
    prepare: (node) => node,
    async run(node, call) {
      const record: ScriptedCall = { node, call, startedAt: performance.now(), endedAt: undefined };
      calls.push(record);
      try {
        const script = scripts[node];
        const result = script === undefined ? { ...call.inputs } : await script(call);
        return "outputs" in result && typeof result.outputs === "object" && result.outputs !== null
          ? (result as NodeResult)
          : { outputs: result as NodeValues };
      } finally {
        record.endedAt = performance.now();
      }
    },
  };
}
