/**
 * The `model` node kind: runs a registered model inside a pipeline, in process. The version the
 * node's selector picks is resolved through the registry (and remembered for a few seconds, so an
 * alias promotion takes effect within them); the model is loaded on this node if it is not yet
 * and called through its batcher, so pipeline calls are batched with every other request for it
 * and no bus hop is spent per node.
 */
import { InvalidArgumentError, type ModelRef, RefreshingCache } from "@arbiter/core";
import type { Tensor as NativeTensor } from "@arbiter/inference-native";
import type { ModelNode, VersionSelector } from "@arbiter/proto";
import {
  type NodeCall,
  type NodeKindRunner,
  type NodeResult,
  type NodeValues,
  type TensorValue,
  tensorFromRaw,
  tensorToRaw,
} from "../pipelines/index.ts";
import type { ModelStore } from "../registry/model-store.ts";
import { runOnModel } from "../serving/inference-handlers.ts";
import type { ModelHost } from "../serving/model-host.ts";

/** How long a resolved (model, selector) → version is reused before it is looked up again (in the background). */
export const MODEL_VERSION_CACHE_MS = 2000;

/** A model node after `prepare`. */
export interface PreparedModelNode {
  readonly node: string;
  readonly model: string;
  readonly selector: VersionSelector | undefined;
  /** Cache key of the selector. */
  readonly selectorKey: string;
}

export interface ModelNodeOptions {
  store: ModelStore;
  host: ModelHost;
}

function isTensor(value: unknown): value is TensorValue {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "tensor";
}

/** Creates the runner of `model` nodes. */
export function createModelRunner(options: ModelNodeOptions): NodeKindRunner<ModelNode, PreparedModelNode> {
  const { store, host } = options;
  const versions = new RefreshingCache<ModelRef>(MODEL_VERSION_CACHE_MS);

  const resolve = (tenant: string, prepared: PreparedModelNode): Promise<ModelRef> =>
    versions.get(`${tenant}\u0000${prepared.model}\u0000${prepared.selectorKey}`, async () => {
      const model = await store.get(tenant, prepared.model, prepared.selector);
      return { tenant, name: prepared.model, version: Number(model.version) };
    });

  return {
    prepare(node, config) {
      const sel = config.selector?.selector;
      return {
        node,
        model: config.model,
        selector: config.selector,
        selectorKey: sel?.case === undefined ? "" : `${sel.case}\u0000${sel.value}`,
      };
    },

    async run(prepared, call: NodeCall): Promise<NodeResult> {
      const ref = await resolve(call.tenant, prepared);
      const loaded = await host.ensureLoaded(ref);
      const outputs = await runOnModel(
        loaded,
        { tenant: call.tenant, deadline: call.deadline },
        () => {
          const inputs: Record<string, NativeTensor> = {};
          for (const [name, value] of Object.entries(call.inputs)) {
            if (!isTensor(value)) {
              throw new InvalidArgumentError(
                `node "${prepared.node}" input "${name}"`,
                "a tensor (build one with tensor(...) in a transform)",
                value === null ? "null" : typeof value,
              );
            }
            inputs[name] = { datatype: value.datatype, shape: [...value.shape], data: tensorToRaw(value) };
          }
          return { inputs };
        },
        (native) => {
          const values: NodeValues = {};
          for (const [name, t] of Object.entries(native)) values[name] = tensorFromRaw(t.datatype, t.shape, t.data);
          return values;
        },
      );
      return { outputs, models: [{ model: prepared.model, version: ref.version }] };
    },
  };
}
