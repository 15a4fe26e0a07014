/**
 * Runs one request through a compiled pipeline (compiled-pipeline.ts).
 *
 * ## Order and concurrency
 * A node starts as soon as every node feeding it has settled; independent branches run
 * concurrently (every ready node is started in the same turn of the event loop, and runners are
 * asynchronous).
 *
 * ## Skipping
 * - A node whose `when` is false is skipped: it produces no outputs.
 * - A node whose every upstream node produced no outputs (skipped, or optional and failed without
 *   a fallback) is skipped too, and so on down the branch.
 * - A node with some inputs from such nodes and some from nodes that produced outputs runs with
 *   the missing inputs absent when its kind accepts partial inputs (transform, rules: CEL sees the
 *   input missing, which is how exclusive branches merge), and is skipped otherwise (model,
 *   vector search, plugin, remote).
 * - Pipeline outputs fed by a node without outputs are absent from the result.
 *
 * ## Early exit
 * After a node yields outputs (its own or its fallback's), its `exit_when` is evaluated with the
 * node's variables plus `result` (its outputs). When true the pipeline ends at once with the
 * outputs produced so far: running nodes are aborted through their AbortSignal and reported as
 * skipped, nodes not started are skipped, and `exitedAt` names the node.
 *
 * ## Failures and fallbacks
 * A node fails when its runner throws or rejects, its `when` cannot be evaluated, or its budget
 * runs out. A failing non-optional node fails the pipeline with an error naming the node (the
 * runner's status code is kept). An optional node never fails the pipeline:
 * - with a fallback value, every output that edges read from it takes that value (status
 *   "fallback");
 * - with a fallback node, that node's outputs stand in for it (status "fallback"). A fallback node
 *   nothing else reads from is on standby: it runs only when needed, once its own inputs are
 *   ready, with the depth of the node it replaces for its budget. A fallback node that is read by
 *   other nodes runs anyway, and the failed node waits for it;
 * - without a fallback, or when the fallback node yields nothing, it is reported "failed" and
 *   treated like a node without outputs (see Skipping).
 * An error evaluating `exit_when` fails the pipeline (INVALID_ARGUMENT naming node and field).
 *
 * ## Deadline budgets
 * Each node's budget is fixed when it starts, from the time left before the request deadline:
 * `timeout_ms` when the node sets one (capped by the time left), otherwise the time left divided
 * by the node's depth, the number of nodes on the longest path from it to the end of the pipeline
 * (itself included). So a chain of three nodes with 300 ms left gives the first 100 ms; when it
 * finishes in 10 ms the second gets 290 / 2 = 145 ms. A node with no time left fails at once; a
 * node still running when its budget is spent is aborted (its signal fires with a
 * DeadlineExceededError) and fails with DEADLINE_EXCEEDED naming it, without waiting for the
 * runner to notice. Without a request deadline only `timeout_ms` limits a node.
 *
 * ## Tracing
 * While tracing is on, a run is a span (`pipeline <name>`, a child of the active span) and each
 * node that starts is a span of its own under it (`node <name>`, with its kind and status), active
 * while its runner runs, so what the runner does (a model call, a remote request) nests under it.
 */
import {
  ArbiterError,
  ATTR_ARBITER_NODE_KIND,
  ATTR_ARBITER_NODE_NAME,
  ATTR_ARBITER_NODE_STATUS,
  ATTR_ARBITER_PIPELINE,
  ATTR_ARBITER_PIPELINE_VERSION,
  ATTR_ARBITER_TENANT,
  CancelledError,
  type Context,
  contextWithSpan,
  DeadlineExceededError,
  endSpan,
  InternalError,
  type Span,
  SpanKind,
  startSpan,
  tracingActive,
  withSpan,
} from "@arbiter/core";
import { CelScope } from "./cel.ts";
import type { CompiledPipeline, PlannedNode } from "./compiled-pipeline.ts";
import type { NodeCall, NodeResult, NodeValue, NodeValues } from "./node-kind.ts";
import { checkInputs } from "./pipeline-inputs.ts";

/** One request to run. */
export interface ExecuteRequest {
  /** Pipeline inputs by name (checked against the declared inputs first). */
  readonly inputs: NodeValues;
  /** Request attributes, visible to CEL as `attributes`. */
  readonly attributes?: Readonly<Record<string, string>>;
  /** Absolute deadline, epoch milliseconds; absent means none. */
  readonly deadline?: number;
  /**
   * Cancels the run: running nodes are aborted and the run rejects with the abort reason when it is
   * an ArbiterError, DeadlineExceededError for `AbortSignal.timeout()`, CancelledError otherwise.
   */
  readonly signal?: AbortSignal;
}

/** What happened to a node: the values of `NodeTrace.status`. */
export type NodeStatus = "ok" | "skipped" | "fallback" | "failed";

/** One node's trace (`arbiter.v1.NodeTrace`). */
export interface NodeTraceRecord {
  readonly node: string;
  readonly status: NodeStatus;
  /** Wall time from start to settle; 0 for nodes that never started. */
  readonly durationMicros: number;
  /** Why it failed, fell back or was skipped; "" when it ran fine. */
  readonly error: string;
}

/** A model version a node used (`arbiter.v1.ModelUse`). */
export interface ModelUseRecord {
  readonly node: string;
  readonly model: string;
  readonly version: number;
}

/** The result of a run. */
export interface PipelineRunResult {
  /** Pipeline outputs (edges to `output.<name>`) that were produced. */
  readonly outputs: NodeValues;
  /** Outputs of every node that yielded some (ok or fallback), by node name. */
  readonly nodeOutputs: Readonly<Record<string, NodeValues>>;
  /** One trace per node, in the pipeline's node order. */
  readonly traces: readonly NodeTraceRecord[];
  readonly models: readonly ModelUseRecord[];
  /** The node whose `exit_when` ended the pipeline, if any. */
  readonly exitedAt: string | undefined;
}

/**
 * Runs a request. Rejects with InvalidArgumentError for inputs that do not match the declaration,
 * with the failing node's error (naming it) when a non-optional node fails, and with the
 * cancellation reason when `signal` aborts.
 */
export function executePipeline(plan: CompiledPipeline, request: ExecuteRequest): Promise<PipelineRunResult> {
  try {
    checkInputs(plan.inputs, request.inputs);
  } catch (err) {
    return Promise.reject(err);
  }
  if (tracingActive()) return tracedRun(plan, request);
  return new PipelineRun(plan, request, undefined).start();
}

/** {@link executePipeline} in a span of its own, the parent of the nodes' spans. */
function tracedRun(plan: CompiledPipeline, request: ExecuteRequest): Promise<PipelineRunResult> {
  const span = startSpan(`pipeline ${plan.name}`, SpanKind.INTERNAL, {
    [ATTR_ARBITER_PIPELINE]: plan.name,
    [ATTR_ARBITER_PIPELINE_VERSION]: plan.version,
    [ATTR_ARBITER_TENANT]: plan.tenant,
  });
  const run = new PipelineRun(plan, request, contextWithSpan(span));
  return withSpan(span, () => run.start()).then(
    (result) => {
      if (result.exitedAt !== undefined) span.setAttribute("arbiter.pipeline.exited_at", result.exitedAt);
      endSpan(span);
      return result;
    },
    (err: unknown) => {
      endSpan(span, err);
      throw err;
    },
  );
}

// Node states during a run.
const WAITING = 0;
const STANDBY = 1;
const RUNNING = 2;
const OK = 3;
const FALLBACK = 4;
const SKIPPED = 5;
const FAILED = 6;
/** Failed, optional, waiting for its fallback node to settle. */
const AWAITING_FALLBACK = 7;
/** Was running when the pipeline ended. */
const CANCELLED = 8;

const STATUS: readonly NodeStatus[] = [
  "skipped",
  "skipped",
  "skipped",
  "ok",
  "fallback",
  "skipped",
  "failed",
  "failed",
  "skipped",
];

/** setTimeout fires at once for delays past 2^31 - 1 ms; longer budgets get no timer. */
const MAX_TIMER_MS = 2_147_483_647;

function onBudgetSpent(run: PipelineRun, index: number): void {
  run.budgetSpent(index);
}

/** The state of one request. Arrays indexed by node; nothing is shared with other requests. */
class PipelineRun {
  readonly plan: CompiledPipeline;
  readonly inputs: NodeValues;
  readonly attributes: Readonly<Record<string, string>>;
  readonly outputs: (NodeValues | undefined)[];
  readonly #deadline: number;
  readonly #signal: AbortSignal | undefined;
  readonly #state: Uint8Array;
  readonly #pending: Int32Array;
  readonly #depth: Int32Array;
  readonly #startedAt: Float64Array;
  readonly #endedAt: Float64Array;
  readonly #budget: Float64Array;
  readonly #errors: (string | undefined)[];
  readonly #calls: (ExecutorCall | undefined)[];
  readonly #controllers: (AbortController | undefined)[];
  readonly #abortReasons: (ArbiterError | undefined)[];
  readonly #timers: (ReturnType<typeof setTimeout> | undefined)[];
  readonly #waiters: (number[] | undefined)[];
  readonly #models: ModelUseRecord[] = [];
  /** While tracing: the pipeline span's context (the nodes' parent) and each running node's span. */
  readonly #traceContext: Context | undefined;
  readonly #spans: (Span | undefined)[] | undefined;
  #unsettled: number;
  #exitedAt: string | undefined;
  #done = false;
  #resolve: (result: PipelineRunResult) => void = () => {};
  #reject: (error: unknown) => void = () => {};

  constructor(plan: CompiledPipeline, request: ExecuteRequest, traceContext: Context | undefined) {
    const n = plan.nodes.length;
    this.#traceContext = traceContext;
    this.#spans = traceContext === undefined ? undefined : new Array(n).fill(undefined);
    this.plan = plan;
    this.inputs = request.inputs;
    this.attributes = request.attributes ?? {};
    this.#deadline = request.deadline ?? Number.POSITIVE_INFINITY;
    this.#signal = request.signal;
    this.outputs = new Array(n).fill(undefined);
    this.#state = new Uint8Array(n);
    this.#pending = new Int32Array(n);
    this.#depth = new Int32Array(n);
    this.#startedAt = new Float64Array(n);
    this.#endedAt = new Float64Array(n);
    this.#budget = new Float64Array(n);
    this.#errors = new Array(n).fill(undefined);
    this.#calls = new Array(n).fill(undefined);
    this.#controllers = new Array(n).fill(undefined);
    this.#abortReasons = new Array(n).fill(undefined);
    this.#timers = new Array(n).fill(undefined);
    this.#waiters = new Array(n).fill(undefined);
    for (const node of plan.nodes) {
      this.#pending[node.index] = node.upstream.length;
      this.#depth[node.index] = node.depth;
      if (node.standby) this.#state[node.index] = STANDBY;
    }
    this.#unsettled = plan.activeCount;
  }

  start(): Promise<PipelineRunResult> {
    const result = new Promise<PipelineRunResult>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    const signal = this.#signal;
    if (signal !== undefined) {
      if (signal.aborted) {
        this.handleEvent();
        return result;
      }
      signal.addEventListener("abort", this);
    }
    for (const root of this.plan.roots) this.#tryStart(root);
    return result;
  }

  /** The request's signal aborted (this object is its event listener: no closure per request). */
  handleEvent(): void {
    const reason: unknown = this.#signal?.reason;
    if (reason instanceof ArbiterError) this.#finish(reason);
    else if (reason instanceof Error && reason.name === "TimeoutError") {
      // AbortSignal.timeout(): the caller's deadline, not a cancellation.
      this.#finish(new DeadlineExceededError("request deadline exceeded"));
    } else this.#finish(new CancelledError("pipeline run cancelled"));
  }

  /** A node's budget timer fired. */
  budgetSpent(i: number): void {
    this.#timers[i] = undefined;
    if (this.#done || this.#state[i] !== RUNNING) return;
    const node = this.plan.nodes[i] as PlannedNode;
    const budget = Math.max(0, Math.round(this.#budget[i] as number));
    const error = new DeadlineExceededError(`node "${node.name}" did not finish within its budget of ${budget} ms`, {
      node: node.name,
      budgetMs: budget,
    });
    this.#abort(i, error);
    this.#nodeFailed(i, error);
  }

  /**
   * Node `i`'s AbortSignal, created on first read: most runners never read it, and a controller
   * per node is measurable on a pipeline of small nodes. One created after the node was aborted
   * is aborted already.
   */
  signalOf(i: number): AbortSignal {
    let controller = this.#controllers[i];
    if (controller === undefined) {
      controller = new AbortController();
      const reason = this.#abortReasons[i];
      if (reason !== undefined) controller.abort(reason);
      this.#controllers[i] = controller;
    }
    return controller.signal;
  }

  /** Aborts node `i`'s signal (a no-op when it was aborted already). */
  #abort(i: number, reason: ArbiterError): void {
    if (this.#abortReasons[i] !== undefined) return;
    this.#abortReasons[i] = reason;
    this.#controllers[i]?.abort(reason);
  }

  #tryStart(i: number): void {
    if (this.#done) return;
    const node = this.plan.nodes[i] as PlannedNode;
    const upstream = node.upstream;
    if (upstream.length > 0) {
      let missing = -1;
      let missingCount = 0;
      for (const u of upstream) {
        if (this.outputs[u] === undefined) {
          missingCount++;
          if (missing < 0) missing = u;
        }
      }
      if (missingCount === upstream.length) {
        this.#skip(i, "no upstream node produced outputs");
        return;
      }
      if (missingCount > 0 && !node.partialInputs) {
        this.#skip(i, `upstream node "${this.plan.nodes[missing]?.name}" produced no outputs`);
        return;
      }
    }
    const now = Date.now();
    const remaining = this.#deadline - now;
    const budget = node.timeoutMs > 0 ? Math.min(node.timeoutMs, remaining) : remaining / (this.#depth[i] as number);
    const call = new ExecutorCall(this, node, this.#inputsOf(node), now + budget);
    this.#calls[i] = call;
    this.#budget[i] = budget;
    this.#startedAt[i] = performance.now();
    this.#state[i] = RUNNING;
    let span: Span | undefined;
    if (this.#spans !== undefined) {
      span = startSpan(
        `node ${node.name}`,
        SpanKind.INTERNAL,
        { [ATTR_ARBITER_NODE_NAME]: node.name, [ATTR_ARBITER_NODE_KIND]: node.kind },
        this.#traceContext,
      );
      this.#spans[i] = span;
    }
    if (node.when !== undefined) {
      let go: boolean;
      try {
        go = node.when.evaluateBool(new CelScope(call));
      } catch (err) {
        this.#nodeFailed(i, err);
        return;
      }
      if (!go) {
        this.#skip(i, "when is false");
        return;
      }
    }
    if (budget <= 0) {
      const error = new DeadlineExceededError(`node "${node.name}" has no time left before the request deadline`, {
        node: node.name,
        budgetMs: 0,
      });
      this.#nodeFailed(i, error);
      return;
    }
    if (budget < MAX_TIMER_MS) this.#timers[i] = setTimeout(onBudgetSpent, budget, this, i);
    let promise: Promise<NodeResult>;
    try {
      promise =
        span === undefined
          ? node.runner.run(node.prepared, call)
          : withSpan(span, () => node.runner.run(node.prepared, call), this.#traceContext);
    } catch (err) {
      promise = Promise.reject(err);
    }
    promise.then(
      (result) => this.#nodeSucceeded(i, result),
      (err) => this.#nodeFailed(i, err),
    );
  }

  #inputsOf(node: PlannedNode): NodeValues {
    const inputs: NodeValues = {};
    for (const b of node.bindings) {
      const source = b.node < 0 ? this.inputs : this.outputs[b.node];
      if (source !== undefined && Object.hasOwn(source, b.output)) inputs[b.input] = source[b.output] as NodeValue;
    }
    return inputs;
  }

  #nodeSucceeded(i: number, result: NodeResult): void {
    if (this.#done || this.#state[i] !== RUNNING) return;
    const node = this.plan.nodes[i] as PlannedNode;
    if (
      typeof result !== "object" ||
      result === null ||
      typeof result.outputs !== "object" ||
      result.outputs === null
    ) {
      this.#nodeFailed(i, new InternalError(`node "${node.name}" returned no outputs`, { node: node.name }));
      return;
    }
    this.#stopClock(i);
    this.outputs[i] = result.outputs;
    if (result.models !== undefined) {
      for (const m of result.models) this.#models.push({ node: node.name, model: m.model, version: m.version });
    }
    this.#state[i] = OK;
    if (this.#spans !== undefined) this.#endSpan(i, "ok");
    this.#yielded(i);
  }

  #nodeFailed(i: number, err: unknown): void {
    if (this.#done || this.#state[i] !== RUNNING) return;
    this.#stopClock(i);
    const node = this.plan.nodes[i] as PlannedNode;
    const error = nodeError(node.name, err);
    // Tell the runner to stop (a no-op when the budget timer already did).
    this.#abort(i, error);
    this.#errors[i] = error.message;
    if (this.#spans !== undefined) {
      const fallsBack = node.optional && (node.hasFallbackValue || node.fallbackNode >= 0);
      this.#endSpan(i, fallsBack ? "fallback" : "failed", error);
    }
    if (!node.optional) {
      this.#finish(error);
      return;
    }
    if (node.hasFallbackValue) {
      const outputs: NodeValues = {};
      for (const name of node.consumedOutputs) outputs[name] = node.fallbackValue as NodeValue;
      this.outputs[i] = outputs;
      this.#state[i] = FALLBACK;
      this.#yielded(i);
      return;
    }
    if (node.fallbackNode >= 0) {
      this.#awaitFallback(i, node.fallbackNode);
      return;
    }
    this.#state[i] = FAILED;
    this.#settle(i);
  }

  #awaitFallback(i: number, f: number): void {
    this.#state[i] = AWAITING_FALLBACK;
    const state = this.#state[f];
    if (state === OK || state === FALLBACK || state === SKIPPED || state === FAILED) {
      this.#takeFallback(i, f);
      return;
    }
    const waiters = this.#waiters[f];
    if (waiters === undefined) this.#waiters[f] = [i];
    else waiters.push(i);
    if (state === STANDBY) {
      this.#state[f] = WAITING;
      this.#unsettled++;
      this.#depth[f] = this.#depth[i] as number;
      if (this.#pending[f] === 0) this.#tryStart(f);
    }
  }

  #takeFallback(i: number, f: number): void {
    const outputs = this.outputs[f];
    if (outputs !== undefined) {
      this.outputs[i] = outputs;
      this.#state[i] = FALLBACK;
      this.#yielded(i);
      return;
    }
    this.#errors[i] = `${this.#errors[i]}; fallback node "${this.plan.nodes[f]?.name}" produced no outputs`;
    this.#state[i] = FAILED;
    this.#settle(i);
  }

  /** The node has outputs (its own or a fallback's): check its exit condition, then release its dependents. */
  #yielded(i: number): void {
    const node = this.plan.nodes[i] as PlannedNode;
    if (node.exitWhen !== undefined) {
      let exit: boolean;
      try {
        exit = node.exitWhen.evaluateBool(new CelScope(this.#calls[i] as ExecutorCall, this.outputs[i]));
      } catch (err) {
        this.#finish(nodeError(node.name, err));
        return;
      }
      if (exit) {
        this.#exitedAt = node.name;
        this.#finish();
        return;
      }
    }
    this.#settle(i);
  }

  #skip(i: number, reason: string): void {
    this.#state[i] = SKIPPED;
    this.#errors[i] = reason;
    if (this.#spans !== undefined) this.#endSpan(i, "skipped");
    this.#settle(i);
  }

  /** Ends node `i`'s span, if it has one, with its status (and the error it failed with). */
  #endSpan(i: number, status: NodeStatus, error?: ArbiterError): void {
    const spans = this.#spans as (Span | undefined)[];
    const span = spans[i];
    if (span === undefined) return;
    spans[i] = undefined;
    span.setAttribute(ATTR_ARBITER_NODE_STATUS, status);
    endSpan(span, error);
  }

  #settle(i: number): void {
    this.#unsettled--;
    const node = this.plan.nodes[i] as PlannedNode;
    for (const d of node.downstream) {
      const pending = (this.#pending[d] as number) - 1;
      this.#pending[d] = pending;
      if (pending === 0 && this.#state[d] === WAITING) this.#tryStart(d);
      if (this.#done) return;
    }
    const waiters = this.#waiters[i];
    if (waiters !== undefined) {
      this.#waiters[i] = undefined;
      for (const w of waiters) {
        this.#takeFallback(w, i);
        if (this.#done) return;
      }
    }
    if (this.#unsettled === 0) this.#finish();
  }

  #stopClock(i: number): void {
    const timer = this.#timers[i];
    if (timer !== undefined) {
      clearTimeout(timer);
      this.#timers[i] = undefined;
    }
    this.#endedAt[i] = performance.now();
  }

  #finish(error?: ArbiterError): void {
    if (this.#done) return;
    this.#done = true;
    this.#signal?.removeEventListener("abort", this);
    const exitedAt = this.#exitedAt;
    const why = exitedAt === undefined ? "pipeline ended" : `pipeline exited at node "${exitedAt}"`;
    // Built only when a node is still running: an error object (and its stack) per run is measurable.
    let reason: ArbiterError | undefined = error;
    const state = this.#state;
    for (let i = 0; i < state.length; i++) {
      switch (state[i]) {
        case RUNNING:
          this.#stopClock(i);
          reason ??= new CancelledError(why, exitedAt === undefined ? {} : { exitedAt });
          this.#abort(i, reason);
          state[i] = CANCELLED;
          this.#errors[i] = `cancelled: ${error === undefined ? why : "pipeline failed"}`;
          if (this.#spans !== undefined) this.#endSpan(i, "skipped");
          break;
        case WAITING:
          this.#errors[i] = error === undefined ? why : "pipeline failed";
          break;
        case STANDBY:
          this.#errors[i] = "fallback not needed";
          break;
      }
    }
    if (error !== undefined) this.#reject(error);
    else this.#resolve(this.#result());
  }

  #result(): PipelineRunResult {
    const nodes = this.plan.nodes;
    const traces: NodeTraceRecord[] = new Array(nodes.length);
    const nodeOutputs: Record<string, NodeValues> = {};
    for (let i = 0; i < nodes.length; i++) {
      const name = (nodes[i] as PlannedNode).name;
      const ended = this.#endedAt[i] as number;
      traces[i] = {
        node: name,
        status: STATUS[this.#state[i] as number] as NodeStatus,
        durationMicros: ended > 0 ? Math.round((ended - (this.#startedAt[i] as number)) * 1000) : 0,
        error: this.#errors[i] ?? "",
      };
      const out = this.outputs[i];
      if (out !== undefined) nodeOutputs[name] = out;
    }
    const outputs: NodeValues = {};
    for (const o of this.plan.outputs) {
      const source = o.node < 0 ? this.inputs : this.outputs[o.node];
      if (source !== undefined && Object.hasOwn(source, o.output)) outputs[o.name] = source[o.output] as NodeValue;
    }
    return { outputs, nodeOutputs, traces, models: this.#models, exitedAt: this.#exitedAt };
  }
}

/** The NodeCall handed to runners; `upstream` is built only if read. */
class ExecutorCall implements NodeCall {
  readonly tenant: string;
  readonly pipeline: string;
  readonly pipelineVersion: number;
  readonly node: string;
  readonly inputs: NodeValues;
  readonly attributes: Readonly<Record<string, string>>;
  readonly deadline: number;
  readonly #index: number;
  readonly #run: PipelineRun;
  readonly #ancestors: readonly number[];
  #upstream: Record<string, NodeValues> | undefined;

  constructor(run: PipelineRun, node: PlannedNode, inputs: NodeValues, deadline: number) {
    const plan = run.plan;
    this.tenant = plan.tenant;
    this.pipeline = plan.name;
    this.pipelineVersion = plan.version;
    this.node = node.name;
    this.inputs = inputs;
    this.attributes = run.attributes;
    this.deadline = deadline;
    this.#index = node.index;
    this.#run = run;
    this.#ancestors = node.ancestors;
  }

  get signal(): AbortSignal {
    return this.#run.signalOf(this.#index);
  }

  get upstream(): Readonly<Record<string, NodeValues>> {
    if (this.#upstream === undefined) {
      const run = this.#run;
      const upstream: Record<string, NodeValues> = { input: run.inputs };
      for (const a of this.#ancestors) {
        const out = run.outputs[a];
        if (out !== undefined) upstream[(run.plan.nodes[a] as PlannedNode).name] = out;
      }
      this.#upstream = upstream;
    }
    return this.#upstream;
  }
}

/** The error a node failed with, naming the node (unless its message already does). */
function nodeError(node: string, err: unknown): ArbiterError {
  if (err instanceof ArbiterError) {
    if (err.message.includes(`node "${node}"`)) return err;
    return new ArbiterError(err.code, `node "${node}": ${err.message}`, { ...err.details, node }, { cause: err });
  }
  return new InternalError(`node "${node}" failed`, { node }, { cause: err });
}
