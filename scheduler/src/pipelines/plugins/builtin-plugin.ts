/**
 * The shape of a built-in plugin: code that runs in-process, synchronously, on the scheduler's
 * event loop. Built-ins must be fast (microseconds per call) and deterministic.
 */
import type { NodeValues } from "../node-kind.ts";
import type { PluginPort } from "./plugin-api.ts";

/** A built-in plugin. `prepare` validates the node's config once; `run` executes one call. */
export interface BuiltinPlugin<Prepared = unknown> {
  readonly name: string;
  readonly description: string;
  readonly inputs: readonly PluginPort[];
  readonly outputs: readonly PluginPort[];
  /** Validates and compiles `config`; throws InvalidArgumentError naming `node` and the config field. */
  prepare(node: string, config: Readonly<Record<string, unknown>> | undefined): Prepared;
  /** Computes the outputs; throws InvalidArgumentError naming `node` and the input on bad input. */
  run(prepared: Prepared, node: string, inputs: NodeValues): NodeValues;
}
