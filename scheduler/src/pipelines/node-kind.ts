/**
 * The contract between the pipeline executor and the code that runs one node of a pipeline.
 *
 * Values flowing along a pipeline's edges are plain JavaScript values (what CEL expressions see and
 * produce) or tensors. Each node kind (model, vector_search, transform, plugin, remote, rules) is a
 * {@link NodeKindRunner}; the executor owns ordering, concurrency, `when`/`exit_when`, fallbacks and
 * deadline budgets, and a runner only turns one node's inputs into its outputs.
 */
import type { Datatype } from "@arbiter/core";

/** A tensor travelling between nodes. `data` holds the elements in row-major order. */
export interface TensorValue {
  readonly kind: "tensor";
  readonly datatype: Datatype;
  readonly shape: readonly number[];
  /** Numbers for numeric datatypes (bigint for INT64/UINT64), booleans for BOOL, Uint8Array for BYTES. */
  readonly data: ArrayLike<number> | ArrayLike<bigint> | readonly boolean[] | readonly Uint8Array[];
}

/** A value on an edge: JSON-like data (as CEL sees it) or a tensor. */
export type NodeValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | TensorValue
  | readonly NodeValue[]
  | { readonly [key: string]: NodeValue };

/** Named values: a node's inputs or outputs, a pipeline's inputs or outputs. */
export type NodeValues = Record<string, NodeValue>;

/** What a runner is given for one execution of one node. */
export interface NodeCall {
  /** Tenant that owns the pipeline; every lookup (models, collections, plugins) is scoped to it. */
  readonly tenant: string;
  /** Pipeline name and version, for messages and telemetry. */
  readonly pipeline: string;
  readonly pipelineVersion: number;
  /** The node's name in the pipeline. */
  readonly node: string;
  /** The node's inputs, keyed by input name (edges `x.y -> node.<input>`). */
  readonly inputs: NodeValues;
  /** Request attributes (DecideRequest.attributes), visible to rules and transforms as `attributes`. */
  readonly attributes: Readonly<Record<string, string>>;
  /** Absolute deadline for this node (epoch milliseconds): the node's share of the request deadline. */
  readonly deadline: number;
  /** Aborted when the deadline passes or the request is cancelled; runners must stop work on it. */
  readonly signal: AbortSignal;
}

/** What a runner returns: the node's outputs, plus model versions used (reported in the decision). */
export interface NodeResult {
  readonly outputs: NodeValues;
  readonly models?: readonly { readonly model: string; readonly version: number }[];
}

/**
 * Runs one kind of node. `prepare` is called once when a pipeline version is registered or loaded
 * (compile expressions, resolve plugins, check referenced objects) and throws an ArbiterError
 * naming the node and field when the node's configuration is invalid; `run` executes it.
 */
export interface NodeKindRunner<Config, Prepared = unknown> {
  prepare(node: string, config: Config, tenant: string): Promise<Prepared> | Prepared;
  run(prepared: Prepared, call: NodeCall): Promise<NodeResult>;
}
