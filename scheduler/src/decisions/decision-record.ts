/**
 * Building the arbiter.v1.Decision a caller receives from a pipeline run: the decision of its
 * rules node (label, score, the rules that fired with their values), the pipeline's outputs, the
 * model versions used and one trace per node.
 */
import { randomUUID } from "node:crypto";
import type { RequestContext } from "@arbiter/core";
import { type Decision, DecisionSchema, type PipelineValue } from "@arbiter/proto";
import { create } from "@bufbuild/protobuf";
import { timestampNow } from "@bufbuild/protobuf/wkt";
import {
  type CompiledPipeline,
  type PipelineRunResult,
  readDecision,
  toPipelineValue,
  toProtoValue,
} from "../pipelines/index.ts";

/** The trace id of a W3C traceparent (`00-<trace id>-<span id>-<flags>`), or "". */
export function traceIdOf(traceparent: string | undefined): string {
  return traceparent?.split("-")[1] ?? "";
}

/**
 * The decision of a run. The deciding node is the last rules node (in the pipeline's order) that
 * produced outputs; a pipeline without one decides nothing (label "", score 0) and returns its
 * outputs only.
 */
export function decisionOf(
  plan: CompiledPipeline,
  result: PipelineRunResult,
  ctx: Pick<RequestContext, "traceparent">,
  requestId: string,
): Decision {
  let decided: ReturnType<typeof readDecision>;
  for (let i = plan.nodes.length - 1; i >= 0 && decided === undefined; i--) {
    const node = plan.nodes[i];
    if (node?.kind === "rules") decided = readDecision(result.nodeOutputs[node.name]);
  }
  const outputs: Record<string, PipelineValue> = {};
  for (const [name, value] of Object.entries(result.outputs)) outputs[name] = toPipelineValue(value);
  return create(DecisionSchema, {
    id: randomUUID(),
    pipeline: plan.name,
    pipelineVersion: BigInt(plan.version),
    requestId,
    label: decided?.label ?? "",
    score: decided?.score ?? 0,
    firedRules: (decided?.firedRules ?? []).map((r) => ({
      name: r.name,
      label: r.label,
      weight: r.weight,
      reason: r.reason,
      values: Object.fromEntries(Object.entries(r.values).map(([k, v]) => [k, toProtoValue(v)])),
    })),
    outputs,
    models: result.models.map((m) => ({ node: m.node, model: m.model, version: BigInt(m.version) })),
    exitedAt: result.exitedAt ?? "",
    nodes: result.traces.map((t) => ({
      node: t.node,
      status: t.status,
      durationMicros: BigInt(Math.round(t.durationMicros)),
      error: t.error,
    })),
    traceId: traceIdOf(ctx.traceparent),
    createTime: timestampNow(),
  });
}

/** The decision as an audit record keeps it: every node's outputs added as `<node>.<output>`. */
export function withNodeOutputs(decision: Decision, result: PipelineRunResult): Decision {
  const outputs: Record<string, PipelineValue> = { ...decision.outputs };
  for (const [node, values] of Object.entries(result.nodeOutputs)) {
    for (const [name, value] of Object.entries(values)) outputs[`${node}.${name}`] = toPipelineValue(value);
  }
  return create(DecisionSchema, { ...decision, outputs });
}
