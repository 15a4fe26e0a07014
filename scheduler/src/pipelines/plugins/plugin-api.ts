/**
 * The interface a user plugin implements. A user plugin is an ES module (`.js` or `.mjs`) in the
 * configured plugin directory whose default export is an {@link ArbiterPlugin}. It runs in a
 * worker thread, never on the scheduler's event loop: values reach it by structured clone (typed
 * arrays included), and a plugin that throws or hangs fails only the node that called it.
 *
 * See README.md in this folder for a worked example.
 */
import type { NodeValue, NodeValues } from "../node-kind.ts";

/** Describes one input or output of a plugin, for listings and documentation. */
export interface PluginPort {
  /** The input or output name, as used in pipeline edges (`node.<name>`). */
  readonly name: string;
  /**
   * The value's type, in the notation of pipeline inputs: `"tensor:FP32"`, `"number"`,
   * `"string"`, `"bool"`, `"list"`, `"object"`; optional.
   */
  readonly type?: string;
  /** What the value means; optional. */
  readonly description?: string;
  /** Outputs only: when true the plugin may leave this output out. */
  readonly optional?: boolean;
}

/** What `process` receives beside its inputs. Everything here is a copy: changing it has no effect. */
export interface PluginContext {
  /** The node's name in the pipeline. */
  readonly node: string;
  /** Pipeline name and version. */
  readonly pipeline: string;
  readonly pipelineVersion: number;
  /** The tenant the pipeline belongs to. */
  readonly tenant: string;
  /** Request attributes (DecideRequest.attributes). */
  readonly attributes: Readonly<Record<string, string>>;
  /** Absolute deadline (epoch milliseconds); the worker is terminated when it passes. */
  readonly deadline: number;
  /** The node's `config` (the PluginNode's Struct as a plain object; `{}` when absent). */
  readonly config: Readonly<Record<string, unknown>>;
  /** What `init(config)` returned for this node's config in this worker (undefined without `init`). */
  readonly state: unknown;
}

/**
 * The default export of a user plugin module.
 *
 * - `name` identifies the plugin in `PluginNode.plugin`; 1 to 64 characters of `A-Z a-z 0-9 _ . -`,
 *   unique in the directory, and not one of the built-in names (`tokenizer`, `normalizer`,
 *   `vectorizer`).
 * - `init(config)` is optional. It is called with a node's config when a pipeline using the
 *   plugin is registered (a throw rejects the pipeline with INVALID_ARGUMENT naming the node), and
 *   again in each worker before the first `process` call for that config; what it returns (or
 *   resolves to) is passed to `process` as `context.state`.
 * - `process(inputs, context)` turns the node's inputs into its outputs: an object whose values
 *   are null, booleans, numbers, bigints, strings, Uint8Arrays, lists, plain objects or tensors
 *   (`{ kind: "tensor", datatype: "FP32", shape: [1, 4], data: Float32Array }`). It may be async.
 *   Throwing fails the node with INTERNAL, or with INVALID_ARGUMENT when the thrown error has
 *   `code: "INVALID_ARGUMENT"` (the input was bad); the message is reported with the node and
 *   plugin names. Running past the node's deadline fails the node with DEADLINE_EXCEEDED and the
 *   worker is terminated and replaced, so module-level state does not survive a timeout.
 * - When `outputs` is given, every output not marked `optional` must be present in the result.
 */
export interface ArbiterPlugin {
  readonly name: string;
  readonly version?: string;
  readonly description?: string;
  readonly inputs?: readonly PluginPort[];
  readonly outputs?: readonly PluginPort[];
  init?(config: Readonly<Record<string, unknown>>): unknown;
  process(inputs: Readonly<Record<string, NodeValue>>, context: PluginContext): NodeValues | Promise<NodeValues>;
}

/** Plugin names: what `ArbiterPlugin.name` must match. */
export const PLUGIN_NAME_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

/** The error code a plugin sets on a thrown error to report bad input (INVALID_ARGUMENT). */
export const INVALID_ARGUMENT = "INVALID_ARGUMENT";
