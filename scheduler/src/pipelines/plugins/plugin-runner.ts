/**
 * The `plugin` node kind: runs a built-in plugin in-process, or a user plugin in its worker pool.
 *
 * `prepare` resolves the plugin by name (loading a user plugin from the directory when needed)
 * and validates the node's config: built-ins check it themselves; a user plugin's `init(config)`
 * runs once in a worker and a throw rejects the pipeline. `run` maps every failure to an error
 * naming the node and plugin:
 * - the plugin rejected its input → INVALID_ARGUMENT; it threw otherwise, crashed its worker or
 *   returned something that is not a set of values → INTERNAL ({@link PluginFailedError});
 * - the node's deadline passed → DEADLINE_EXCEEDED (the worker is terminated and replaced);
 * - the call was cancelled → CANCELLED.
 */
import {
  type ArbiterError,
  CancelledError,
  Code,
  DeadlineExceededError,
  InvalidArgumentError,
  UnavailableError,
} from "@arbiter/core";
import type { PluginNode } from "@arbiter/proto";
import type { NodeCall, NodeKindRunner, NodeResult, NodeValues } from "../node-kind.ts";
import { isDeadlineAbort } from "./abort-reason.ts";
import type { BuiltinPlugin } from "./builtin-plugin.ts";
import type { LoadedPlugin, PluginCatalog } from "./plugin-catalog.ts";
import { PluginFailedError } from "./plugin-errors.ts";
import { describeValue, findInvalidValue } from "./values.ts";
import { PoolCallError, type PoolFailure } from "./worker-pool.ts";

/** A plugin node ready to run. */
export type PreparedPluginNode =
  | { readonly kind: "builtin"; readonly plugin: BuiltinPlugin; readonly prepared: unknown }
  | {
      readonly kind: "user";
      readonly name: string;
      /** Identifies this node's config in the workers (init runs once per key and worker). */
      readonly key: string;
      readonly config: Readonly<Record<string, unknown>>;
    };

let nextKey = 1;

/** Creates the runner of `plugin` nodes over `catalog`. */
export function createPluginRunner(catalog: PluginCatalog): NodeKindRunner<PluginNode, PreparedPluginNode> {
  return {
    async prepare(node, config) {
      const name = config.plugin;
      const builtin = catalog.builtin(name);
      if (builtin !== undefined)
        return { kind: "builtin", plugin: builtin, prepared: builtin.prepare(node, config.config) };
      const user = await catalog.resolve(name);
      if (user === undefined) {
        throw new InvalidArgumentError(
          `node "${node}" plugin`,
          "a built-in plugin (tokenizer, normalizer, vectorizer) or a plugin in the plugin directory",
          JSON.stringify(name),
        );
      }
      const prepared: PreparedPluginNode = {
        kind: "user",
        name,
        key: `${nextKey++}`,
        config: structuredClone(config.config ?? {}),
      };
      const deadline = Date.now() + catalog.initTimeoutMs;
      const never = new AbortController().signal;
      try {
        await user.pool.call({ type: "init", key: prepared.key, config: prepared.config }, deadline, never);
      } catch (err) {
        if (err instanceof PoolCallError && err.failure.kind === "threw") {
          throw new InvalidArgumentError(
            `node "${node}" config`,
            `a configuration that plugin "${name}" accepts`,
            `one its init rejected: ${err.failure.message}`,
          );
        }
        throw failure(node, name, err, never, deadline);
      }
      return prepared;
    },

    async run(prepared, call) {
      if (prepared.kind === "builtin") return runBuiltin(prepared.plugin, prepared.prepared, call);
      const user = catalog.loaded(prepared.name) ?? (await catalog.resolve(prepared.name));
      if (user === undefined) {
        throw new UnavailableError(
          `node "${call.node}" plugin "${prepared.name}" is no longer in the plugin directory`,
          {
            node: call.node,
            plugin: prepared.name,
          },
        );
      }
      let outputs: unknown;
      try {
        outputs = await user.pool.call(
          {
            type: "process",
            key: prepared.key,
            config: prepared.config,
            inputs: call.inputs,
            context: {
              node: call.node,
              pipeline: call.pipeline,
              pipelineVersion: call.pipelineVersion,
              tenant: call.tenant,
              attributes: call.attributes,
              deadline: call.deadline,
            },
          },
          call.deadline,
          call.signal,
        );
      } catch (err) {
        throw failure(call.node, prepared.name, err, call.signal, call.deadline);
      }
      return { outputs: checkOutputs(call.node, user, outputs) };
    },
  };
}

/**
 * A built-in plugin runs synchronously as its node starts, before anything can abort it, so its
 * signal is never read (the executor creates a node's AbortController only when it is).
 */
function runBuiltin(plugin: BuiltinPlugin, prepared: unknown, call: NodeCall): Promise<NodeResult> {
  return Promise.resolve({ outputs: plugin.run(prepared, call.node, call.inputs) });
}

function abortError(node: string, plugin: string, signal: AbortSignal, deadline: number): ArbiterError {
  return isDeadlineAbort(signal, deadline)
    ? new DeadlineExceededError(`node "${node}" plugin "${plugin}" did not finish before its deadline`, {
        node,
        plugin,
      })
    : new CancelledError(`node "${node}" plugin "${plugin}" was cancelled`, { node, plugin });
}

/** The error a node reports for a failed pool call. */
function failure(node: string, plugin: string, err: unknown, signal: AbortSignal, deadline: number): ArbiterError {
  if (!(err instanceof PoolCallError)) {
    return new PluginFailedError(node, plugin, Code.Internal, err instanceof Error ? err.message : String(err), {
      cause: err,
    });
  }
  const f: PoolFailure = err.failure;
  switch (f.kind) {
    case "deadline":
      return new DeadlineExceededError(
        `node "${node}" plugin "${plugin}" did not finish before its deadline; its worker was stopped`,
        { node, plugin },
      );
    case "cancelled":
      return abortError(node, plugin, signal, deadline);
    case "threw":
      return new PluginFailedError(
        node,
        plugin,
        f.code === "INVALID_ARGUMENT" ? Code.InvalidArgument : Code.Internal,
        f.stage === "init" ? `its init threw: ${f.message}` : f.message,
      );
    case "load":
      return new PluginFailedError(node, plugin, Code.Internal, `its module could not be loaded: ${f.message}`);
    case "crash":
      return new PluginFailedError(node, plugin, Code.Internal, `its worker stopped: ${f.message}`);
    case "closed":
      return new UnavailableError(`node "${node}" plugin "${plugin}" is being reloaded or shut down; retry`, {
        node,
        plugin,
      });
  }
}

/** Checks that what a user plugin returned is a set of values with its declared outputs. */
function checkOutputs(node: string, plugin: LoadedPlugin, outputs: unknown): NodeValues {
  const fail = (reason: string) => new PluginFailedError(node, plugin.name, Code.Internal, reason);
  if (typeof outputs !== "object" || outputs === null || Array.isArray(outputs) || ArrayBuffer.isView(outputs)) {
    throw fail(`process returned ${describeValue(outputs)}, expected an object of outputs`);
  }
  // An output set to undefined is an output left out.
  const values = Object.fromEntries(Object.entries(outputs).filter(([, v]) => v !== undefined));
  for (const port of plugin.meta.outputs) {
    if (!port.optional && values[port.name] === undefined) {
      throw fail(
        `its output "${port.name}" is missing (it returned ${Object.keys(values).join(", ") || "no outputs"})`,
      );
    }
  }
  for (const [name, value] of Object.entries(values)) {
    const problem = findInvalidValue(value, `output "${name}"`);
    if (problem !== undefined) throw fail(problem);
  }
  return values as NodeValues;
}
