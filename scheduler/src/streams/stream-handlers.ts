/**
 * The stream service's RPCs on the scheduler: Create, Get, List and DeleteStreamBinding. A binding
 * is checked before it is recorded: its pipeline must exist, and its output subject must be under
 * the tenant's `arbiter.decisions.<tenant>.` (where the ARBITER_DECISIONS stream stores decisions
 * and where no other tenant's decisions go).
 */
import { type DurableStream, InvalidArgumentError } from "@arbiter/core";
import { type StreamBinding, StreamOrdering, StreamService, StreamStatsSchema } from "@arbiter/proto";
import { create } from "@bufbuild/protobuf";
import type { CompiledPipelines } from "../decisions/index.ts";
import { type HandlerTable, handle } from "../rpc-router.ts";
import {
  type BindingRow,
  type BindingStore,
  consumerName,
  decisionPrefix,
  inputSubject,
  selectorBytes,
  toBinding,
} from "./binding-store.ts";

const methods = StreamService.method;

/** Deliveries per event before it is dead-lettered when max_attempts is 0. */
export const DEFAULT_EVENT_ATTEMPTS = 5;
/** Events processed at once by a parallel binding whose max_in_flight is 0. */
export const DEFAULT_MAX_IN_FLIGHT = 64;

export interface StreamHandlerDeps {
  readonly store: BindingStore;
  readonly pipelines: CompiledPipelines;
  readonly events: DurableStream;
  /** Tells every scheduler the bindings changed. */
  readonly bindingsChanged: () => void;
}

/** The binding to record for a CreateStreamBinding request. */
function bindingRow(tenant: string, b: StreamBinding): BindingRow {
  const prefix = decisionPrefix(tenant);
  const outputSubject = b.outputSubject === "" ? `${prefix}${b.name}` : b.outputSubject;
  if (!outputSubject.startsWith(prefix) || outputSubject.length === prefix.length || /[\s*>]/.test(outputSubject)) {
    throw new InvalidArgumentError(
      "binding.output_subject",
      `a subject under ${prefix} without wildcards (or empty for ${prefix}${b.name})`,
      JSON.stringify(b.outputSubject),
    );
  }
  const ordered = b.ordering !== StreamOrdering.PARALLEL;
  return {
    tenant,
    name: b.name,
    pipeline: b.pipeline,
    selector: selectorBytes(b),
    inputSubject: inputSubject(tenant, b.name),
    outputSubject,
    ordering: ordered ? "ordered" : "parallel",
    maxInFlight: ordered ? 1 : b.maxInFlight || DEFAULT_MAX_IN_FLIGHT,
    maxAttempts: b.maxAttempts || DEFAULT_EVENT_ATTEMPTS,
  };
}

/** Registers the stream service's handlers in `table`. */
export function registerStreamHandlers(table: HandlerTable, deps: StreamHandlerDeps): void {
  const { store, events } = deps;

  /** The binding with its statistics: JetStream's consumer state and the recorded outcomes. */
  const withStats = async (row: BindingRow): Promise<StreamBinding> => {
    const [consumer, counts] = await Promise.all([
      events.consumerState(consumerName(row.tenant, row.name)),
      store.counts(row.tenant, row.name),
    ]);
    return {
      ...toBinding(row),
      stats: create(StreamStatsSchema, {
        lag: BigInt(consumer?.pending ?? 0),
        inFlight: BigInt(consumer?.ackPending ?? 0),
        redeliveries: BigInt(consumer?.redelivered ?? 0),
        processed: BigInt(counts.processed),
        deadLettered: BigInt(counts.deadLettered),
      }),
    };
  };

  handle(table, methods.createStreamBinding, async (req, ctx) => {
    const requested = req.binding;
    if (!requested) throw new InvalidArgumentError("binding", "a stream binding", "nothing");
    const row = bindingRow(ctx.tenant, requested);
    await deps.pipelines.get(ctx.tenant, row.pipeline, requested.selector);
    await store.create(row);
    deps.bindingsChanged();
    return { binding: await withStats(row) };
  });

  handle(table, methods.getStreamBinding, async (req, ctx) => ({
    binding: await withStats(await store.get(ctx.tenant, req.name)),
  }));

  handle(table, methods.listStreamBindings, async (req, ctx) => {
    const { rows, next } = await store.list(ctx.tenant, req.pageSize, req.pageToken);
    return { bindings: await Promise.all(rows.map(withStats)), nextPageToken: next };
  });

  handle(table, methods.deleteStreamBinding, async (req, ctx) => {
    await store.delete(ctx.tenant, req.name);
    deps.bindingsChanged();
    // The record is gone either way; a consumer left behind (JetStream away) holds only its position.
    await events.deleteConsumer(consumerName(ctx.tenant, req.name)).catch(() => {});
    return {};
  });
}
