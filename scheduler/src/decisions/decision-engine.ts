/**
 * Decisions: runs a pipeline version on a request's inputs and turns the run into a Decision;
 * records it for audit when the pipeline's policy samples it; runs the shadow candidate beside it
 * (after the caller has its answer) and records disagreements; answers a repeated request id with
 * the decision already made; replays recorded decisions against another version.
 */
import { DeadlineExceededError, type Logger, type RequestContext } from "@arbiter/core";
import {
  type DecideRequest,
  type Decision,
  type ModelOverride,
  type Pipeline,
  PipelineSchema,
  type PipelineValue,
  type ReplayDifference,
  ReplayDifferenceSchema,
  type ReplayRequest,
  type VersionSelector,
} from "@arbiter/proto";
import { clone, create } from "@bufbuild/protobuf";
import { executePipeline, fromPipelineValue, type NodeValues, type PipelineRunResult } from "../pipelines/index.ts";
import type { AuditWriter } from "./audit-writer.ts";
import type { CompiledPipelines, RunnablePipeline } from "./compiled-pipelines.ts";
import { decisionOf, withNodeOutputs } from "./decision-record.ts";
import type { DecisionStore } from "./decision-store.ts";

/**
 * How long a decision made for a request id is answered from this node's memory; beyond it, and on
 * other nodes, the audit record answers (pipelines that record no decisions de-duplicate per node only).
 */
export const REQUEST_ID_MEMORY_MS = 60_000;
const REQUEST_ID_MEMORY_ENTRIES = 10_000;
/** Replay runs each recorded decision within this budget (bounded by the call's deadline). */
export const REPLAY_DECISION_BUDGET_MS = 10_000;
/** Examples of changed decisions a replay reports. */
export const REPLAY_DIFFERENCES_REPORTED = 100;

export interface DecisionEngineOptions {
  pipelines: CompiledPipelines;
  store: DecisionStore;
  audit: AuditWriter;
  logger: Logger;
  /** Sampling source (tests inject one); default Math.random. */
  random?: () => number;
}

function decodeInputs(inputs: Readonly<Record<string, PipelineValue>>): NodeValues {
  const values: NodeValues = {};
  for (const [name, value] of Object.entries(inputs)) values[name] = fromPipelineValue(value, `inputs.${name}`);
  return values;
}

function versionSelector(version: bigint): VersionSelector {
  return { $typeName: "arbiter.v1.VersionSelector", selector: { case: "version", value: version } };
}

/** The definition with every reference to an overridden model pointing at the override's version. */
function withModelOverrides(definition: Pipeline, overrides: readonly ModelOverride[]): Pipeline {
  const copy = clone(PipelineSchema, definition);
  for (const node of copy.nodes) {
    const kind = node.kind;
    if (kind.case !== "model") continue;
    const override = overrides.find((o) => o.model === kind.value.model);
    if (override) kind.value.selector = override.selector;
  }
  return copy;
}

export class DecisionEngine {
  private readonly recent = new Map<string, { decision: Promise<Decision>; expires: number }>();
  private readonly random: () => number;

  constructor(private readonly options: DecisionEngineOptions) {
    this.random = options.random ?? Math.random;
  }

  /** Makes (or, for a request id seen before, returns) the decision for a request. */
  async decide(req: DecideRequest, ctx: RequestContext): Promise<Decision> {
    if (req.requestId === "") return this.makeDecision(req, ctx);
    const key = `${ctx.tenant}\u0000${req.pipeline}\u0000${req.requestId}`;
    const known = this.recent.get(key);
    if (known && known.expires > Date.now()) return known.decision;
    const pending = this.options.store
      .findByRequestId(ctx.tenant, req.pipeline, req.requestId)
      .then((prior) => prior ?? this.makeDecision(req, ctx));
    this.remember(key, pending);
    return pending;
  }

  private remember(key: string, decision: Promise<Decision>): void {
    // A failed decision is not remembered: the caller may try the same request id again.
    decision.catch(() => this.recent.delete(key));
    this.recent.set(key, { decision, expires: Date.now() + REQUEST_ID_MEMORY_MS });
    if (this.recent.size > REQUEST_ID_MEMORY_ENTRIES) {
      const now = Date.now();
      for (const [k, v] of this.recent)
        if (v.expires <= now || this.recent.size > REQUEST_ID_MEMORY_ENTRIES) this.recent.delete(k);
    }
  }

  private async makeDecision(req: DecideRequest, ctx: RequestContext): Promise<Decision> {
    const { pipelines, audit } = this.options;
    const runnable = await pipelines.get(ctx.tenant, req.pipeline, req.selector);
    const inputs = decodeInputs(req.inputs);
    const result = await executePipeline(runnable.plan, {
      inputs,
      attributes: req.attributes,
      deadline: ctx.deadline,
    });
    const decision = decisionOf(runnable.plan, result, ctx, req.requestId);
    const policy = runnable.definition;
    const rate = policy.audit?.sampleRate ?? 0;
    // A decision with a request id is always recorded when the pipeline records any, and before the
    // answer: the record is how another node recognises the id when the caller retries there.
    if (rate > 0 && (req.requestId !== "" || this.random() < rate)) {
      const row = {
        tenant: ctx.tenant,
        kind: "live" as const,
        decision: withNodeOutputs(decision, result),
        inputs: req.inputs,
        attributes: req.attributes,
      };
      if (req.requestId === "") audit.record(row);
      else if (!(await this.options.store.record(row))) {
        // Another node recorded a decision for this request id first (a retry racing the original):
        // that one is the decision of the request, and this one is dropped unseen.
        const first = await this.options.store.findByRequestId(ctx.tenant, req.pipeline, req.requestId);
        if (first) return first;
      }
    }
    const shadow = policy.shadow;
    if (shadow && shadow.version > 0n && shadow.sampleRate > 0 && this.random() < shadow.sampleRate) {
      // After the caller's answer, never in its way: the candidate's outcome only goes to the audit table.
      setImmediate(() => void this.runShadow(req, ctx, decision, shadow.version, inputs));
    }
    return decision;
  }

  private async runShadow(
    req: DecideRequest,
    ctx: RequestContext,
    live: Decision,
    version: bigint,
    inputs: NodeValues,
  ): Promise<void> {
    try {
      const candidate = await this.options.pipelines.get(ctx.tenant, req.pipeline, versionSelector(version));
      const result = await executePipeline(candidate.plan, {
        inputs,
        attributes: req.attributes,
        deadline: Date.now() + Math.max(ctx.deadline - Date.now(), REPLAY_DECISION_BUDGET_MS),
      });
      const decision = decisionOf(candidate.plan, result, ctx, req.requestId);
      if (decision.label === live.label) return;
      this.options.audit.record({
        tenant: ctx.tenant,
        kind: "shadow",
        shadowOf: live.id,
        decision: withNodeOutputs(decision, result),
        inputs: req.inputs,
        attributes: req.attributes,
      });
    } catch (err) {
      this.options.logger.warn({ err, pipeline: req.pipeline, version: String(version) }, "shadow decision failed");
    }
  }

  /** Re-runs recorded decisions against a candidate version (and model overrides); counts what changed. */
  async replay(
    req: ReplayRequest,
    ctx: RequestContext,
  ): Promise<{ replayed: bigint; changed: bigint; failed: bigint; differences: ReplayDifference[] }> {
    const { pipelines, store } = this.options;
    let candidate: RunnablePipeline = await pipelines.get(ctx.tenant, req.pipeline, req.candidate);
    if (req.modelOverrides.length > 0) {
      candidate = await pipelines.compileOnce(ctx.tenant, withModelOverrides(candidate.definition, req.modelOverrides));
    }
    const recorded = await store.forReplay(ctx.tenant, req.pipeline, req.since, req.until, req.limit || 1000);
    let replayed = 0n;
    let changed = 0n;
    let failed = 0n;
    const differences: ReplayDifference[] = [];
    for (const { decision: original, inputs, attributes } of recorded) {
      if (Date.now() >= ctx.deadline)
        throw new DeadlineExceededError(`replay of "${req.pipeline}" ran out of time after ${replayed} decisions`);
      let result: PipelineRunResult;
      try {
        result = await executePipeline(candidate.plan, {
          inputs: decodeInputs(inputs),
          attributes,
          deadline: Math.min(ctx.deadline, Date.now() + REPLAY_DECISION_BUDGET_MS),
        });
      } catch {
        failed++;
        continue;
      }
      replayed++;
      const now = decisionOf(candidate.plan, result, ctx, original.requestId);
      if (now.label === original.label) continue;
      changed++;
      if (differences.length < REPLAY_DIFFERENCES_REPORTED) {
        differences.push(
          create(ReplayDifferenceSchema, {
            decisionId: original.id,
            originalLabel: original.label,
            replayedLabel: now.label,
            originalScore: original.score,
            replayedScore: now.score,
          }),
        );
      }
    }
    return { replayed, changed, failed, differences };
  }
}
