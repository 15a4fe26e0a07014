/**
 * Registration checks for a pipeline definition (CreatePipeline, ValidatePipeline). Every problem
 * found is reported, each naming the node (or "" for the pipeline) and the field, with a stable
 * message:
 *
 * - structure (pipeline-graph.ts): duplicate or reserved node names, malformed edges, edges from
 *   or to unknown nodes or undeclared pipeline inputs, inputs fed twice, cycles
 *   (`pipeline has a cycle: a -> b -> a`);
 * - declared pipeline inputs: duplicate names, unknown types;
 * - references: models (with their selector), collections and plugins exist for the tenant;
 * - ports: every required input fed (`missing input "features": no edge feeds it`), edges only
 *   into inputs and from outputs that exist, where the kind knows them (model signatures, vector
 *   search's `query`, transform and rules outputs, and whatever a runner's `describe` reports);
 * - types: a declared pipeline input or a model output feeding a model input must match its
 *   datatype and shape (`type mismatch: ...`, `shape mismatch: ...`);
 * - CEL: `when`, `exit_when`, transform assignments, rules (conditions, reports, score) and vector
 *   filters compile, call only known functions and reference only variables the node has;
 * - fallbacks: only on optional nodes; the fallback node exists, is not the node itself, does
 *   not depend on it, and has the outputs read from the node it replaces.
 */

import {
  type ModelSignature,
  type Node,
  type Pipeline,
  type PipelineProblem,
  PipelineProblemSchema,
  RulesMode,
  type TensorSpec,
  type VersionSelector,
} from "@arbiter/proto";
import { create } from "@bufbuild/protobuf";
import { checkCel } from "./cel.ts";
import type { NodeKinds } from "./compiled-pipeline.ts";
import type { NodePorts } from "./node-kind.ts";
import { ancestorsOf, buildGraph, type GraphEdge, PIPELINE, type Problem } from "./pipeline-graph.ts";
import { formatValueType, parseValueType, shapeFits, type ValueType } from "./pipeline-inputs.ts";
import { RULES_OUTPUTS } from "./rules.ts";

/** Looks up what a pipeline refers to, within a tenant. Results may be synchronous or promised. */
export interface PipelineResolver {
  /** The signature of the model version the selector picks (latest when unset), or undefined when there is none. */
  resolveModel(
    tenant: string,
    name: string,
    selector: VersionSelector | undefined,
  ): Promise<ModelSignature | undefined> | ModelSignature | undefined;
  collectionExists(tenant: string, name: string): Promise<boolean> | boolean;
  pluginExists(tenant: string, name: string): Promise<boolean> | boolean;
}

/** Options of {@link validatePipeline}. */
export interface ValidateOptions {
  readonly tenant: string;
  readonly resolver: PipelineResolver;
  /** Runners whose `describe` tells the ports of plugin, remote and vector search nodes; optional. */
  readonly kinds?: NodeKinds;
}

/** What is known about one node's ports and the types of its model inputs/outputs. */
interface NodeFacts {
  ports: NodePorts;
  /** Model nodes: the signature's specs by name. */
  inputSpecs?: ReadonlyMap<string, TensorSpec>;
  outputSpecs?: ReadonlyMap<string, TensorSpec>;
}

/** Runs every registration check; an empty list means the pipeline is valid. */
export async function validatePipeline(pipeline: Pipeline, options: ValidateOptions): Promise<PipelineProblem[]> {
  const problems: Problem[] = [];
  const report = (node: string, field: string, message: string) => problems.push({ node, field, message });
  const graph = buildGraph(pipeline);
  problems.push(...graph.problems);

  const inputTypes = new Map<string, ValueType>();
  const inputNames = new Set<string>();
  pipeline.inputs.forEach((input, i) => {
    const duplicate = inputNames.has(input.name);
    if (duplicate) report("", `inputs[${i}].name`, `duplicate pipeline input "${input.name}"`);
    inputNames.add(input.name);
    const type = parseValueType(input.type, input.shape);
    if (typeof type === "string") report("", `inputs[${i}].type`, type);
    else if (!duplicate) inputTypes.set(input.name, type);
  });

  // Inputs fed into each node, and outputs read from each node, by edges.
  const fedInputs = pipeline.nodes.map(() => new Set<string>());
  const readOutputs = pipeline.nodes.map(() => new Set<string>());
  for (const e of graph.edges) {
    if (e.toNode !== PIPELINE) fedInputs[e.toNode]?.add(e.toPort);
    if (e.fromNode !== PIPELINE) readOutputs[e.fromNode]?.add(e.fromPort);
  }

  const facts = await Promise.all(
    pipeline.nodes.map((node, i): Promise<NodeFacts> | NodeFacts =>
      graph.indexOf.get(node.name) === i
        ? nodeFacts(node, fedInputs[i] as Set<string>, options, report)
        : { ports: {} },
    ),
  );

  pipeline.nodes.forEach((node, i) => {
    if (graph.indexOf.get(node.name) !== i) return; // a duplicate: reported already
    checkConditions(node, fedInputs[i] as Set<string>, report);
    checkFallback(node, i, graph, facts, readOutputs[i] as Set<string>, report);
    const required = facts[i]?.ports.requiredInputs ?? [];
    for (const input of required) {
      if (!fedInputs[i]?.has(input)) report(node.name, `inputs.${input}`, `missing input "${input}": no edge feeds it`);
    }
  });

  for (const e of graph.edges) checkEdge(pipeline, e, graph.names, facts, inputTypes, report);

  return problems.map((p) => create(PipelineProblemSchema, p));
}

/** Kind checks and references for one node; returns what is known of its ports. */
async function nodeFacts(
  node: Node,
  fed: ReadonlySet<string>,
  options: ValidateOptions,
  report: (node: string, field: string, message: string) => void,
): Promise<NodeFacts> {
  const { tenant, resolver, kinds } = options;
  const name = node.name;
  const variables = fed;
  const cel = (field: string, source: string, extra?: readonly string[]) => {
    const vars = extra === undefined ? variables : new Set([...variables, ...extra]);
    const problem = checkCel(source, { variables: vars });
    if (problem !== undefined) report(name, field, problem);
  };
  const described = async (): Promise<NodePorts> => {
    const runner = kinds?.[node.kind.case as keyof NodeKinds] as
      | { describe?: (config: unknown, tenant: string) => Promise<NodePorts | undefined> | NodePorts | undefined }
      | undefined;
    return (await runner?.describe?.(node.kind.value, tenant)) ?? {};
  };
  const kind = node.kind;
  switch (kind.case) {
    case undefined:
      report(name, "kind", "node has no kind");
      return { ports: {} };
    case "model": {
      const signature = await resolver.resolveModel(tenant, kind.value.model, kind.value.selector);
      if (signature === undefined) {
        report(name, "model.model", `model "${kind.value.model}"${selectorText(kind.value.selector)} not found`);
        return { ports: {} };
      }
      const inputs = signature.inputs.map((s) => s.name);
      return {
        ports: { requiredInputs: inputs, inputs, outputs: signature.outputs.map((s) => s.name) },
        inputSpecs: new Map(signature.inputs.map((s) => [s.name, s])),
        outputSpecs: new Map(signature.outputs.map((s) => [s.name, s])),
      };
    }
    case "vectorSearch": {
      if (!(await resolver.collectionExists(tenant, kind.value.collection))) {
        report(name, "vector_search.collection", `collection "${kind.value.collection}" not found`);
      }
      for (const [key, source] of Object.entries(kind.value.filter)) cel(`vector_search.filter[${key}]`, source);
      const ports = await described();
      return { ports: { ...ports, requiredInputs: [...new Set(["query", ...(ports.requiredInputs ?? [])])] } };
    }
    case "transform": {
      const seen: string[] = [];
      if (kind.value.assignments.length === 0)
        report(name, "transform.assignments", "at least one assignment is required");
      kind.value.assignments.forEach((a, i) => {
        if (seen.includes(a.name)) report(name, `transform.assignments[${i}].name`, `duplicate assignment "${a.name}"`);
        cel(`transform.assignments[${a.name}]`, a.expression, seen);
        seen.push(a.name);
      });
      return { ports: { outputs: seen } };
    }
    case "rules": {
      const rules = kind.value;
      if (rules.mode !== RulesMode.FIRST_MATCH && rules.mode !== RulesMode.SCORE_WEIGHTED) {
        report(name, "rules.mode", "mode must be FIRST_MATCH or SCORE_WEIGHTED");
      }
      if (rules.rules.length === 0) report(name, "rules.rules", "at least one rule is required");
      const seen = new Set<string>();
      rules.rules.forEach((rule, i) => {
        if (seen.has(rule.name)) report(name, `rules.rules[${i}].name`, `duplicate rule "${rule.name}"`);
        seen.add(rule.name);
        if (rule.label === "") report(name, `rules.rules[${rule.name}].label`, `rule "${rule.name}" has no label`);
        cel(`rules.rules[${rule.name}].when`, rule.when);
        for (const r of rule.report) cel(`rules.rules[${rule.name}].report[${r.name}]`, r.expression);
      });
      if (rules.score !== "") cel("rules.score", rules.score, ["label", "scores"]);
      return { ports: { outputs: Object.values(RULES_OUTPUTS) } };
    }
    case "plugin":
      if (!(await resolver.pluginExists(tenant, kind.value.plugin))) {
        report(name, "plugin.plugin", `plugin "${kind.value.plugin}" not found`);
        return { ports: {} };
      }
      return { ports: await described() };
    case "remote":
      return { ports: await described() };
  }
}

function selectorText(selector: VersionSelector | undefined): string {
  switch (selector?.selector.case) {
    case "version":
      return ` version ${selector.selector.value}`;
    case "alias":
      return ` alias "${selector.selector.value}"`;
    default:
      return "";
  }
}

function checkConditions(
  node: Node,
  fed: ReadonlySet<string>,
  report: (node: string, field: string, message: string) => void,
): void {
  for (const [field, source] of [
    ["when", node.when],
    ["exit_when", node.exitWhen],
  ] as const) {
    if (source === "") continue;
    const problem = checkCel(source, { variables: fed });
    if (problem !== undefined) report(node.name, field, problem);
  }
}

function checkFallback(
  node: Node,
  index: number,
  graph: ReturnType<typeof buildGraph>,
  facts: readonly NodeFacts[],
  readOutputs: ReadonlySet<string>,
  report: (node: string, field: string, message: string) => void,
): void {
  const fallback = node.fallback?.kind;
  if (fallback === undefined || fallback.case === undefined) return;
  if (!node.optional) report(node.name, "fallback", "fallback is set but the node is not optional");
  if (fallback.case === "value") {
    if (fallback.value.kind.case === undefined) report(node.name, "fallback.value", "fallback value is empty");
    return;
  }
  const target = graph.indexOf.get(fallback.value);
  if (target === undefined) {
    report(node.name, "fallback.node", `fallback node "${fallback.value}" not found`);
    return;
  }
  if (target === index) {
    report(node.name, "fallback.node", "a node cannot be its own fallback");
    return;
  }
  if (ancestorsOf(graph, target).includes(index)) {
    report(node.name, "fallback.node", `fallback node "${fallback.value}" depends on "${node.name}"`);
    return;
  }
  const outputs = facts[target]?.ports.outputs;
  if (outputs === undefined) return;
  for (const output of readOutputs) {
    if (!outputs.includes(output)) {
      report(node.name, "fallback.node", `fallback node "${fallback.value}" has no output "${output}"`);
    }
  }
}

function checkEdge(
  pipeline: Pipeline,
  e: GraphEdge,
  names: readonly string[],
  facts: readonly NodeFacts[],
  inputTypes: ReadonlyMap<string, ValueType>,
  report: (node: string, field: string, message: string) => void,
): void {
  const edge = pipeline.edges[e.index];
  if (edge === undefined) return;
  const target = e.toNode === PIPELINE ? "" : (names[e.toNode] as string);
  const field = `edges[${e.index}]`;
  if (e.fromNode !== PIPELINE) {
    const outputs = facts[e.fromNode]?.ports.outputs;
    if (outputs !== undefined && !outputs.includes(e.fromPort)) {
      report(target, `${field}.from`, `node "${names[e.fromNode]}" has no output "${e.fromPort}"`);
      return;
    }
  }
  if (e.toNode === PIPELINE) return;
  const toFacts = facts[e.toNode];
  const inputs = toFacts?.ports.inputs;
  if (inputs !== undefined && !inputs.includes(e.toPort)) {
    report(target, `${field}.to`, `node "${target}" has no input "${e.toPort}"`);
    return;
  }
  const expected = toFacts?.inputSpecs?.get(e.toPort);
  if (expected === undefined) return;
  let source: ValueType | undefined;
  if (e.fromNode === PIPELINE) {
    source = inputTypes.get(e.fromPort);
  } else {
    const spec = facts[e.fromNode]?.outputSpecs?.get(e.fromPort);
    if (spec !== undefined) source = specType(spec);
  }
  if (source === undefined || source.kind === "list") return; // unknown, or a list the model layer may pack
  const want = specType(expected);
  if (want.kind !== "tensor") return;
  if (source.kind !== "tensor" || source.datatype !== want.datatype) {
    const have = source.kind === "tensor" ? `tensor:${source.datatype}` : source.kind;
    report(
      target,
      field,
      `type mismatch: "${edge.from}" is ${have} but "${edge.to}" expects ${formatValueType({ ...want, shape: undefined })}`,
    );
    return;
  }
  if (source.shape !== undefined && want.shape !== undefined && !shapeFits(want.shape, source.shape)) {
    report(
      target,
      field,
      `shape mismatch: "${edge.from}" has shape [${source.shape.join(", ")}] but "${edge.to}" expects [${want.shape.join(", ")}]`,
    );
  }
}

function specType(spec: TensorSpec): ValueType {
  const parsed = parseValueType(`tensor:${spec.datatype}`, spec.shape);
  return typeof parsed === "string" ? { kind: "object" } : parsed;
}
