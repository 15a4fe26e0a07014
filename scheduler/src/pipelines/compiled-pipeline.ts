/**
 * The execution plan of a pipeline version, built once when the version is registered or loaded:
 * every node prepared by its kind's runner, its conditions compiled, its inputs bound to the
 * outputs that feed them, and the graph facts the executor needs per request (who feeds whom,
 * ancestors, depth to the end of the pipeline, which nodes are fallbacks on standby). Running a
 * request then only walks arrays (executor.ts).
 */
import { FailedPreconditionError, InvalidArgumentError } from "@arbiter/core";
import type { Node, Pipeline } from "@arbiter/proto";
import { type CelProgram, compileCel } from "./cel.ts";
import type { NodeKindRunner, NodeValue } from "./node-kind.ts";
import { ancestorsOf, buildGraph, PIPELINE } from "./pipeline-graph.ts";
import { type DeclaredInput, declaredInputs } from "./pipeline-inputs.ts";
import { fromPipelineValue } from "./pipeline-value.ts";

/** The kinds of node: the cases of `Node.kind`. */
export type NodeKindName = NonNullable<Node["kind"]["case"]>;

/** The configuration message of each kind (`ModelNode` for `model`, ...). */
export type NodeConfig<K extends NodeKindName> = Extract<Node["kind"], { case: K }>["value"];

/** The runners a scheduler has, one per kind; a pipeline using a kind without one cannot be compiled. */
export type NodeKinds = { readonly [K in NodeKindName]?: NodeKindRunner<NodeConfig<K>, unknown> };

/** Where one input of a node comes from. */
export interface InputBinding {
  /** The node's input name. */
  readonly input: string;
  /** Source node index, or -1 for the pipeline's inputs. */
  readonly node: number;
  /** Output name of the source (or pipeline input name). */
  readonly output: string;
}

/** One node of the plan. */
export interface PlannedNode {
  readonly index: number;
  readonly name: string;
  readonly kind: NodeKindName;
  readonly runner: NodeKindRunner<unknown, unknown>;
  /** What the runner's `prepare` returned. */
  readonly prepared: unknown;
  readonly when: CelProgram | undefined;
  readonly exitWhen: CelProgram | undefined;
  readonly optional: boolean;
  /** The fixed fallback value (for every output read downstream), if any. */
  readonly fallbackValue: NodeValue | undefined;
  readonly hasFallbackValue: boolean;
  /** Index of the fallback node, or -1. */
  readonly fallbackNode: number;
  /** The node's own budget in milliseconds; 0 splits the remaining deadline (see executor.ts). */
  readonly timeoutMs: number;
  readonly bindings: readonly InputBinding[];
  /** Distinct nodes feeding this one. */
  readonly upstream: readonly number[];
  /** Distinct nodes this one feeds. */
  readonly downstream: readonly number[];
  /** Every node this one depends on, directly or transitively (what `outputs` shows it). */
  readonly ancestors: readonly number[];
  /** Nodes on the longest path from this node to the end of the pipeline, itself included. */
  readonly depth: number;
  /** A fallback node nothing reads from: it runs only when the node it stands in for fails. */
  readonly standby: boolean;
  /** The runner's `acceptsPartialInputs`. */
  readonly partialInputs: boolean;
  /** Outputs of this node that edges read (what a fallback value stands in for). */
  readonly consumedOutputs: readonly string[];
}

/** A pipeline output: edge `<node>.<output> -> output.<name>` (node -1: a pipeline input). */
export interface OutputBinding {
  readonly name: string;
  readonly node: number;
  readonly output: string;
}

/** A pipeline version ready to run. Immutable; shared by every request. */
export interface CompiledPipeline {
  readonly name: string;
  readonly version: number;
  readonly tenant: string;
  readonly inputs: readonly DeclaredInput[];
  readonly nodes: readonly PlannedNode[];
  /** Nodes that start right away: no upstream node and not on standby. */
  readonly roots: readonly number[];
  readonly outputs: readonly OutputBinding[];
  /** Nodes that are not on standby (what a request waits for). */
  readonly activeCount: number;
}

/** Options of {@link compilePipeline}. */
export interface CompileOptions {
  /** Tenant that owns the pipeline; passed to every runner's `prepare`. */
  readonly tenant: string;
  readonly kinds: NodeKinds;
}

/**
 * Builds the plan of a pipeline that passed validation (validate-pipeline.ts). Throws
 * InvalidArgumentError when its structure is broken (naming the node and field as validation
 * would), FailedPreconditionError when this scheduler has no runner for a kind it uses, and
 * whatever a runner's `prepare` throws.
 */
export async function compilePipeline(pipeline: Pipeline, options: CompileOptions): Promise<CompiledPipeline> {
  const graph = buildGraph(pipeline);
  const problem = graph.problems[0];
  if (problem !== undefined) {
    const where = problem.node === "" ? problem.field : `node "${problem.node}" field "${problem.field}"`;
    throw new InvalidArgumentError(where, "a valid pipeline", problem.message);
  }
  const n = pipeline.nodes.length;
  const order = graph.order as readonly number[];
  const bindings: InputBinding[][] = pipeline.nodes.map(() => []);
  const consumed: Set<string>[] = pipeline.nodes.map(() => new Set());
  const outputs: OutputBinding[] = [];
  const feedsSomething = new Array<boolean>(n).fill(false);
  for (const e of graph.edges) {
    if (e.fromNode !== PIPELINE) {
      consumed[e.fromNode]?.add(e.fromPort);
      feedsSomething[e.fromNode] = true;
    }
    if (e.toNode === PIPELINE) outputs.push({ name: e.toPort, node: e.fromNode, output: e.fromPort });
    else bindings[e.toNode]?.push({ input: e.toPort, node: e.fromNode, output: e.fromPort });
  }

  const fallbackOf = pipeline.nodes.map((node, index) => {
    if (node.fallback?.kind.case !== "node") return -1;
    const target = graph.indexOf.get(node.fallback.kind.value);
    if (target === undefined) {
      throw new InvalidArgumentError(
        `node "${node.name}" field "fallback.node"`,
        "a node of the pipeline",
        JSON.stringify(node.fallback.kind.value),
      );
    }
    if (target === index || ancestorsOf(graph, target).includes(index)) {
      // Waiting for a node that waits for us would never end; validation reports this too.
      throw new InvalidArgumentError(
        `node "${node.name}" field "fallback.node"`,
        "a node that does not depend on it",
        JSON.stringify(node.fallback.kind.value),
      );
    }
    return target;
  });
  const standby = new Array<boolean>(n).fill(false);
  for (const f of fallbackOf) if (f >= 0 && !feedsSomething[f]) standby[f] = true;

  // Depth counts only nodes that run in the normal course: standby nodes are off every path.
  const depth = new Array<number>(n).fill(1);
  for (let k = order.length - 1; k >= 0; k--) {
    const i = order[k] as number;
    for (const d of graph.downstream[i] ?? []) {
      if (!standby[d]) depth[i] = Math.max(depth[i] as number, 1 + (depth[d] as number));
    }
  }

  const nodes = await Promise.all(
    pipeline.nodes.map(async (node, index): Promise<PlannedNode> => {
      const kind = node.kind.case;
      if (kind === undefined) {
        throw new InvalidArgumentError(`node "${node.name}" field "kind"`, "a node kind", "none");
      }
      const runner = options.kinds[kind] as NodeKindRunner<unknown, unknown> | undefined;
      if (runner === undefined) {
        throw new FailedPreconditionError(`node "${node.name}": no runner for kind "${kind}" on this scheduler`, {
          node: node.name,
          kind,
        });
      }
      const variables = new Set((bindings[index] ?? []).map((b) => b.input));
      const compile = (source: string, field: string) =>
        source === "" ? undefined : compileCel(source, { node: node.name, field }, { variables });
      const fallback = node.fallback?.kind;
      return {
        index,
        name: node.name,
        kind,
        runner,
        prepared: await runner.prepare(node.name, node.kind.value, options.tenant),
        when: compile(node.when, "when"),
        exitWhen: compile(node.exitWhen, "exit_when"),
        optional: node.optional,
        fallbackValue:
          fallback?.case === "value"
            ? fromPipelineValue(fallback.value, `node "${node.name}" field "fallback.value"`)
            : undefined,
        hasFallbackValue: fallback?.case === "value",
        fallbackNode: fallbackOf[index] as number,
        timeoutMs: node.timeoutMs,
        bindings: bindings[index] ?? [],
        upstream: graph.upstream[index] ?? [],
        downstream: graph.downstream[index] ?? [],
        ancestors: ancestorsOf(graph, index),
        depth: depth[index] as number,
        standby: standby[index] as boolean,
        partialInputs: runner.acceptsPartialInputs === true,
        consumedOutputs: [...(consumed[index] ?? [])],
      };
    }),
  );

  return Object.freeze({
    name: pipeline.name,
    version: Number(pipeline.version),
    tenant: options.tenant,
    inputs: declaredInputs(pipeline.inputs),
    nodes,
    roots: nodes.filter((p) => p.upstream.length === 0 && !p.standby).map((p) => p.index),
    outputs,
    activeCount: nodes.filter((p) => !p.standby).length,
  });
}
