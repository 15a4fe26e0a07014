/**
 * The `model` node kind: runs a registered model inside a pipeline, in process. The version the
 * node's selector picks is resolved through the registry (and remembered for a few seconds, so an
 * alias promotion takes effect within them); the model is loaded on this node if it is not yet
 * and called through its batcher, so pipeline calls are batched with every other request for it
 * and no bus hop is spent per node.
 */
import { InvalidArgumentError, type ModelRef } from "@arbiter/core";
import { InferRequestSchema, type ModelNode, type VersionSelector } from "@arbiter/proto";
import { create } from "@bufbuild/protobuf";
import type { NodeCall, NodeKindRunner, NodeResult, NodeValues, TensorValue } from "../pipelines/index.ts";
import { tensorFromProto, tensorToProto } from "../pipelines/index.ts";
import type { ModelStore } from "../registry/model-store.ts";
import { runInference } from "../serving/inference-handlers.ts";
import type { ModelHost } from "../serving/model-host.ts";

/** How long a resolved (model, selector) → version is reused. */
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
  const versions = new Map<string, { version: number; expires: number }>();

  const resolve = async (tenant: string, prepared: PreparedModelNode): Promise<ModelRef> => {
    const key = `${tenant}\u0000${prepared.model}\u0000${prepared.selectorKey}`;
    const known = versions.get(key);
    if (known && known.expires > Date.now()) return { tenant, name: prepared.model, version: known.version };
    const model = await store.get(tenant, prepared.model, prepared.selector);
    const version = Number(model.version);
    versions.set(key, { version, expires: Date.now() + MODEL_VERSION_CACHE_MS });
    return { tenant, name: prepared.model, version };
  };

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
      const inputs = Object.entries(call.inputs).map(([name, value]) => {
        if (!isTensor(value)) {
          throw new InvalidArgumentError(
            `node "${prepared.node}" input "${name}"`,
            "a tensor (build one with tensor(...) in a transform)",
            value === null ? "null" : typeof value,
          );
        }
        return tensorToProto(value, name);
      });
      const ref = await resolve(call.tenant, prepared);
      const loaded = await host.ensureLoaded(ref);
      const response = await runInference(loaded, create(InferRequestSchema, { model: prepared.model, inputs }), {
        tenant: call.tenant,
        deadline: call.deadline,
      });
      const outputs: NodeValues = {};
      for (const t of response.outputs)
        outputs[t.name] = tensorFromProto(t, `node "${prepared.node}" output "${t.name}"`);
      return { outputs, models: [{ model: prepared.model, version: ref.version }] };
    },
  };
}
