/**
 * The `vector_search` node kind: searches one of the tenant's vector collections, in process, with
 * the node's `query` input (an FP32 tensor or a list of numbers; a tensor of several rows uses its
 * first). Each `filter` entry is a CEL expression over the node's inputs for one payload field; it
 * yields a string or bool (equality), a list of strings (any of), or a map with `gte`/`gt`/`lte`/
 * `lt` bounds (a numeric range); all entries must hold.
 *
 * Outputs: `hits` (a list of `{id, distance, payload}`, nearest first), `ids`, `distances`
 * (smaller is closer) and `payloads` as parallel lists.
 */
import { InvalidArgumentError } from "@arbiter/core";
import type { VectorSearchNode } from "@arbiter/proto";
import {
  type CelProgram,
  CelScope,
  compileCel,
  type NodeCall,
  type NodeKindRunner,
  type NodePorts,
  type NodeValue,
  type NodeValues,
} from "../pipelines/index.ts";
import type { FieldMatch, VectorCollections, VectorFilter } from "../vectors/index.ts";

/** Output names of a vector_search node. */
export const VECTOR_SEARCH_OUTPUTS = Object.freeze(["hits", "ids", "distances", "payloads"] as const);

/** A vector_search node after `prepare`. */
export interface PreparedVectorSearch {
  readonly node: string;
  readonly collection: string;
  readonly k: number;
  readonly efSearch: number;
  readonly filter: readonly { readonly field: string; readonly program: CelProgram }[];
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "a map" : `${typeof value} ${JSON.stringify(value)}`;
}

/** The query vector of a node input. */
function queryOf(node: string, value: NodeValue | undefined): Float32Array | readonly number[] {
  const where = `node "${node}" input "query"`;
  if (value !== null && typeof value === "object" && (value as { kind?: unknown }).kind === "tensor") {
    const tensor = value as { datatype: string; shape: readonly number[]; data: ArrayLike<number> };
    if (tensor.datatype !== "FP32" && tensor.datatype !== "FP64") {
      throw new InvalidArgumentError(where, "an FP32 tensor or a list of numbers", `a ${tensor.datatype} tensor`);
    }
    const dim = tensor.shape.length === 0 ? 1 : (tensor.shape[tensor.shape.length - 1] as number);
    return Float32Array.from({ length: dim }, (_, i) => tensor.data[i] as number);
  }
  if (Array.isArray(value) && value.every((v) => typeof v === "number")) return value as number[];
  throw new InvalidArgumentError(where, "an FP32 tensor or a list of numbers", describe(value));
}

/** A filter expression's value as a payload condition. */
function matchOf(node: string, field: string, value: NodeValue): FieldMatch {
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value as string[];
  if (value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Uint8Array)) {
    const range: Record<string, number> = {};
    for (const [bound, v] of Object.entries(value as Record<string, NodeValue>)) {
      const n = typeof v === "bigint" ? Number(v) : v;
      if (!["gte", "gt", "lte", "lt"].includes(bound) || typeof n !== "number") {
        throw new InvalidArgumentError(
          `node "${node}" field "filter.${field}"`,
          "a map of numeric bounds gte, gt, lte, lt",
          `${bound}: ${describe(v)}`,
        );
      }
      range[bound] = n;
    }
    return range;
  }
  throw new InvalidArgumentError(
    `node "${node}" field "filter.${field}"`,
    "a string, a bool, a list of strings or a {gte, lte} range",
    describe(value),
  );
}

/** Creates the runner of `vector_search` nodes over this node's collections. */
export function createVectorSearchRunner(
  vectors: VectorCollections,
): NodeKindRunner<VectorSearchNode, PreparedVectorSearch> {
  return {
    prepare(node, config) {
      const filter = Object.entries(config.filter)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([field, expression]) => ({
          field,
          program: compileCel(expression, { node, field: `filter.${field}` }),
        }));
      return { node, collection: config.collection, k: config.k, efSearch: config.efSearch, filter };
    },

    async run(prepared, call: NodeCall) {
      const query = queryOf(prepared.node, call.inputs.query);
      let filter: VectorFilter | undefined;
      if (prepared.filter.length > 0) {
        const scope = new CelScope(call);
        const conditions: Record<string, FieldMatch> = {};
        for (const { field, program } of prepared.filter) {
          conditions[field] = matchOf(prepared.node, field, program.evaluateValue(scope));
        }
        filter = conditions;
      }
      const hits = await vectors.search(call.tenant, prepared.collection, query, {
        k: prepared.k,
        ...(prepared.efSearch > 0 ? { efSearch: prepared.efSearch } : {}),
        ...(filter ? { filter } : {}),
        signal: call.signal,
      });
      const outputs: NodeValues = {
        hits: hits.map((h) => ({ id: h.id, distance: h.distance, payload: { ...(h.payload ?? {}) } })),
        ids: hits.map((h) => h.id),
        distances: hits.map((h) => h.distance),
        payloads: hits.map((h) => ({ ...(h.payload ?? {}) })),
      };
      return { outputs };
    },

    describe(): NodePorts {
      return { requiredInputs: ["query"], outputs: [...VECTOR_SEARCH_OUTPUTS] };
    },
  };
}
