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
  /**
   * Outputs of every node this node depends on through edges, directly or transitively, keyed by
   * node name (only nodes that yielded outputs: ok or fallback), plus the pipeline's inputs under
   * `"input"`. CEL expressions see it as `outputs`. Built lazily by the executor on first read;
   * absent in calls built by hand (tests), which runners treat as empty.
   */
  readonly upstream?: Readonly<Record<string, NodeValues>>;
}

/** What a runner returns: the node's outputs, plus model versions used (reported in the decision). */
export interface NodeResult {
  readonly outputs: NodeValues;
  readonly models?: readonly { readonly model: string; readonly version: number }[];
}

/**
 * The inputs and outputs of a node where its kind knows them before running (a plugin's declared
 * ports, a model's signature). Registration checks edges against them: a required input nobody
 * feeds, an edge into an input that does not exist, an edge from an output that does not exist.
 * An absent list means "not known": anything goes.
 */
export interface NodePorts {
  /** Inputs the node cannot run without. */
  readonly requiredInputs?: readonly string[];
  /** Every input the node accepts (required ones included); edges into other names are rejected. */
  readonly inputs?: readonly string[];
  /** Every output the node may produce; edges from other names are rejected. */
  readonly outputs?: readonly string[];
}

/**
 * Runs one kind of node. `prepare` is called once when a pipeline version is registered or loaded
 * (compile expressions, resolve plugins, check referenced objects) and throws an ArbiterError
 * naming the node and field when the node's configuration is invalid; `run` executes it.
 */
export interface NodeKindRunner<Config, Prepared = unknown> {
  prepare(node: string, config: Config, tenant: string): Promise<Prepared> | Prepared;
  run(prepared: Prepared, call: NodeCall): Promise<NodeResult>;
  /**
   * Optional: the node's ports, for registration checks (see {@link NodePorts}). Undefined (or no
   * method) means the kind cannot tell before running.
   */
  describe?(config: Config, tenant: string): Promise<NodePorts | undefined> | NodePorts | undefined;
  /**
   * When true, a node of this kind still runs when some (not all) of the nodes feeding it were
   * skipped; the inputs they would have fed are simply absent (CEL sees them missing: `has()`,
   * `in inputs`). Kinds that need every input (models, searches, plugins, remotes) leave it unset
   * and are skipped with the branch. A node whose every upstream node was skipped is always skipped.
   */
  readonly acceptsPartialInputs?: boolean;
}

/** True when `value` is a {@link TensorValue} (an object with `kind: "tensor"` and a datatype). */
export function isTensorValue(value: unknown): value is TensorValue {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { kind?: unknown }).kind === "tensor" &&
    typeof (value as { datatype?: unknown }).datatype === "string"
  );
}
