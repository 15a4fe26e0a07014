/**
 * The graph of a pipeline definition: nodes by index, parsed edges, the problems of its structure
 * (duplicate names, malformed or dangling edges, inputs fed twice, cycles) and, when acyclic, a
 * topological order. Registration checks (validate-pipeline.ts) and the execution plan
 * (compiled-pipeline.ts) are both built on it, so they agree on what an edge means.
 */
import type { Pipeline } from "@arbiter/proto";

/** One problem in a pipeline definition; the shape of `arbiter.v1.PipelineProblem`. */
export interface Problem {
  /** The node concerned, or "" for the pipeline itself. */
  readonly node: string;
  /** The field: `name`, `when`, `model.model`, `edges[3].from`, `inputs[0].type`, ... */
  readonly field: string;
  readonly message: string;
}

/** Node index standing for the pipeline itself: `input.<name>` as a source, `output.<name>` as a target. */
export const PIPELINE = -1;

/** A well-formed edge between existing endpoints. */
export interface GraphEdge {
  /** Position in `Pipeline.edges`, for messages (`edges[3]`). */
  readonly index: number;
  /** Source node index, or {@link PIPELINE} for `input.<name>`. */
  readonly fromNode: number;
  /** Output name (or pipeline input name). */
  readonly fromPort: string;
  /** Target node index, or {@link PIPELINE} for `output.<name>`. */
  readonly toNode: number;
  /** Input name (or pipeline output name). */
  readonly toPort: string;
}

/** The analysed structure of a pipeline. */
export interface PipelineGraph {
  /** Node names by index (`Pipeline.nodes` order). */
  readonly names: readonly string[];
  /** Index of each node name (the first node of a duplicated name). */
  readonly indexOf: ReadonlyMap<string, number>;
  /** Well-formed edges, in definition order. */
  readonly edges: readonly GraphEdge[];
  /** Distinct nodes each node reads from, ascending. */
  readonly upstream: readonly (readonly number[])[];
  /** Distinct nodes reading from each node, ascending. */
  readonly downstream: readonly (readonly number[])[];
  /** Structural problems, in a stable order. */
  readonly problems: readonly Problem[];
  /** Nodes in a topological order (lowest index first among ready nodes); undefined when there is a cycle. */
  readonly order: readonly number[] | undefined;
}

const RESERVED_NODE_NAMES = new Set(["input", "output"]);
const ENDPOINT = /^([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_.:-]*)$/;

/** Analyses the nodes and edges of a pipeline. Never throws; what is wrong lands in `problems`. */
export function buildGraph(pipeline: Pipeline): PipelineGraph {
  const problems: Problem[] = [];
  const names = pipeline.nodes.map((n) => n.name);
  const indexOf = new Map<string, number>();
  names.forEach((name, i) => {
    if (RESERVED_NODE_NAMES.has(name)) {
      problems.push({ node: name, field: "name", message: `node name "${name}" is reserved` });
    } else if (indexOf.has(name)) {
      problems.push({ node: name, field: "name", message: `duplicate node name "${name}"` });
    } else {
      indexOf.set(name, i);
    }
  });
  const declaredInputs = new Set(pipeline.inputs.map((i) => i.name));

  const edges: GraphEdge[] = [];
  const fedBy = new Map<string, number>();
  pipeline.edges.forEach((edge, index) => {
    const to = ENDPOINT.exec(edge.to);
    const from = ENDPOINT.exec(edge.from);
    const toName = to?.[1];
    const target = toName !== undefined && indexOf.has(toName) ? toName : "";
    const problem = (side: "from" | "to", message: string) =>
      problems.push({ node: target, field: `edges[${index}].${side}`, message });
    let ok = true;
    let fromNode = PIPELINE;
    if (from === null) {
      problem("from", `expected "<node>.<output>" or "input.<name>", got ${JSON.stringify(edge.from)}`);
      ok = false;
    } else if (from[1] === "output") {
      problem("from", `"${edge.from}" is a pipeline output, not a source`);
      ok = false;
    } else if (from[1] === "input") {
      if (!declaredInputs.has(from[2] as string)) {
        problem("from", `unknown pipeline input "${from[2]}"`);
        ok = false;
      }
    } else {
      const i = indexOf.get(from[1] as string);
      if (i === undefined) {
        problem("from", `unknown node "${from[1]}"`);
        ok = false;
      } else {
        fromNode = i;
      }
    }
    let toNode = PIPELINE;
    if (to === null) {
      problem("to", `expected "<node>.<input>" or "output.<name>", got ${JSON.stringify(edge.to)}`);
      ok = false;
    } else if (to[1] === "input") {
      problem("to", `"${edge.to}" is a pipeline input, not a target`);
      ok = false;
    } else if (to[1] !== "output") {
      const i = indexOf.get(to[1] as string);
      if (i === undefined) {
        problem("to", `unknown node "${to[1]}"`);
        ok = false;
      } else {
        toNode = i;
      }
    }
    if (to !== null && ok) {
      const key = edge.to;
      const earlier = fedBy.get(key);
      if (earlier !== undefined) {
        problem(
          "to",
          to[1] === "output"
            ? `pipeline output "${to[2]}" is already fed by edges[${earlier}]`
            : `input "${to[2]}" of node "${to[1]}" is already fed by edges[${earlier}]`,
        );
        ok = false;
      } else {
        fedBy.set(key, index);
      }
    }
    if (ok && from !== null && to !== null) {
      edges.push({ index, fromNode, fromPort: from[2] as string, toNode, toPort: to[2] as string });
    }
  });

  const up = names.map(() => new Set<number>());
  const down = names.map(() => new Set<number>());
  for (const e of edges) {
    if (e.fromNode === PIPELINE || e.toNode === PIPELINE) continue;
    up[e.toNode]?.add(e.fromNode);
    down[e.fromNode]?.add(e.toNode);
  }
  const upstream = up.map((s) => [...s].sort((a, b) => a - b));
  const downstream = down.map((s) => [...s].sort((a, b) => a - b));

  for (const cycle of findCycles(downstream)) {
    const path = cycle.map((i) => names[i]).join(" -> ");
    problems.push({
      node: names[cycle[0] as number] as string,
      field: "edges",
      message: `pipeline has a cycle: ${path}`,
    });
  }
  return { names, indexOf, edges, upstream, downstream, problems, order: topologicalOrder(upstream, downstream) };
}

/** Kahn's algorithm, always taking the lowest ready index so the order is stable. */
function topologicalOrder(upstream: readonly (readonly number[])[], downstream: readonly (readonly number[])[]) {
  const pending = upstream.map((u) => u.length);
  const ready: number[] = [];
  pending.forEach((n, i) => {
    if (n === 0) ready.push(i);
  });
  const order: number[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => a - b);
    const i = ready.shift() as number;
    order.push(i);
    for (const d of downstream[i] ?? []) {
      pending[d] = (pending[d] as number) - 1;
      if (pending[d] === 0) ready.push(d);
    }
  }
  return order.length === upstream.length ? order : undefined;
}

/**
 * One cycle per strongly connected component that has one, as a closed path starting and ending
 * at the component's lowest node index (`[a, b, a]`), shortest first, components by lowest index.
 */
function findCycles(downstream: readonly (readonly number[])[]): number[][] {
  const components = stronglyConnected(downstream);
  const cycles: number[][] = [];
  for (const component of components) {
    const members = new Set(component);
    const start = Math.min(...component);
    const selfLoop = downstream[start]?.includes(start) ?? false;
    if (component.length === 1 && !selfLoop) continue;
    if (selfLoop) {
      cycles.push([start, start]);
      continue;
    }
    // Breadth-first from `start` inside the component back to `start`: the shortest such cycle.
    const previous = new Map<number, number>();
    const queue = [start];
    let found = false;
    while (queue.length > 0 && !found) {
      const at = queue.shift() as number;
      for (const next of downstream[at] ?? []) {
        if (!members.has(next)) continue;
        if (next === start) {
          previous.set(-1, at);
          found = true;
          break;
        }
        if (!previous.has(next)) {
          previous.set(next, at);
          queue.push(next);
        }
      }
    }
    const path = [start];
    for (let at = previous.get(-1) as number; at !== start; at = previous.get(at) as number) path.push(at);
    path.push(start);
    // `path` walks backwards from start; reverse the inner part to read along the edges.
    cycles.push([start, ...path.slice(1, -1).reverse(), start]);
  }
  return cycles.sort((a, b) => (a[0] as number) - (b[0] as number));
}

/** Tarjan's algorithm (iterative: pipelines may hold 256 nodes in a chain). */
function stronglyConnected(downstream: readonly (readonly number[])[]): number[][] {
  const n = downstream.length;
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    const work: [number, number][] = [[root, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1] as [number, number];
      const [v, child] = frame;
      if (child === 0) {
        index[v] = low[v] = counter++;
        stack.push(v);
        onStack[v] = true;
      }
      const next = downstream[v] ?? [];
      if (child < next.length) {
        frame[1]++;
        const w = next[child] as number;
        if (index[w] === -1) {
          work.push([w, 0]);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v] as number, index[w] as number);
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) low[parent[0]] = Math.min(low[parent[0]] as number, low[v] as number);
      if (low[v] === index[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = false;
          component.push(w);
        } while (w !== v);
        components.push(component);
      }
    }
  }
  return components;
}

/** Every node `node` depends on through edges, directly or transitively, ascending. */
export function ancestorsOf(graph: PipelineGraph, node: number): number[] {
  const seen = new Set<number>();
  const stack = [...(graph.upstream[node] ?? [])];
  while (stack.length > 0) {
    const at = stack.pop() as number;
    if (seen.has(at)) continue;
    seen.add(at);
    for (const u of graph.upstream[at] ?? []) stack.push(u);
  }
  return [...seen].sort((a, b) => a - b);
}
