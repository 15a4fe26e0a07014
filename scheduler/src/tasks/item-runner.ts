/**
 * How one task item runs: a model item as an inference request through this node's batcher for the
 * model (items of many units running at once share batches), a pipeline item as a decision. The
 * decision of a pipeline item carries the request id `task:<task>:<item>`, so a retried item finds
 * the decision recorded by an earlier attempt instead of making a second one.
 */
import { ANONYMOUS_PRINCIPAL, createRequestContext, type RequestContext } from "@arbiter/core";
import {
  DecideRequestSchema,
  DecisionSchema,
  InferRequestSchema,
  InferResponseSchema,
  TaskItemSchema,
  VersionSelectorSchema,
} from "@arbiter/proto";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import type { DecisionEngine } from "../decisions/index.ts";
import type { ModelStore } from "../registry/model-store.ts";
import { runInference } from "../serving/inference-handlers.ts";
import type { ModelHost } from "../serving/model-host.ts";
import type { TaskTarget } from "./task-store.ts";

/** How long one item may run. */
export const ITEM_BUDGET_MS = 60_000;

/** Runs the items of one task; returns each item's result in protobuf binary. */
export type ItemRunner = (index: number, input: Uint8Array) => Promise<Uint8Array>;

export interface ItemRunnerDeps {
  readonly store: ModelStore;
  readonly host: ModelHost;
  readonly decisions: DecisionEngine;
}

/** The context an item runs under: the task's tenant. */
function itemContext(task: TaskTarget, index: number): RequestContext {
  return createRequestContext(
    { ...ANONYMOUS_PRINCIPAL, id: `task:${task.id}`, tenant: task.tenant },
    Date.now() + ITEM_BUDGET_MS,
    undefined,
    `task:${task.id}:${index}`,
  );
}

/** The runner of a task's items; resolves the model version once for the whole unit. */
export async function itemRunnerFor(task: TaskTarget, deps: ItemRunnerDeps): Promise<ItemRunner> {
  const selector = task.selector.byteLength > 0 ? fromBinary(VersionSelectorSchema, task.selector) : undefined;
  if (task.target === "pipeline") {
    return async (index, input) => {
      const item = fromBinary(TaskItemSchema, input);
      const decision = await deps.decisions.decide(
        create(DecideRequestSchema, {
          pipeline: task.targetName,
          ...(selector ? { selector } : {}),
          inputs: item.values,
          requestId: `task:${task.id}:${index}`,
        }),
        itemContext(task, index),
      );
      return toBinary(DecisionSchema, decision);
    };
  }
  const model = await deps.store.get(task.tenant, task.targetName, selector);
  const ref = { tenant: task.tenant, name: model.name, version: Number(model.version) };
  return async (index, input) => {
    const item = fromBinary(TaskItemSchema, input);
    const loaded = await deps.host.ensureLoaded(ref);
    const request = create(InferRequestSchema, { model: task.targetName, id: String(index), inputs: item.tensors });
    return toBinary(InferResponseSchema, await runInference(loaded, request, itemContext(task, index)));
  };
}
