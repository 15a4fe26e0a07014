/**
 * The task service's RPCs on the scheduler: SubmitTask, GetTask, ListTasks, ListTaskResults and
 * CancelTask, and the internal events subject WatchTask follows. (WatchTask and StreamTaskResults
 * are the gateway's: it streams what these return.)
 *
 * A task is checked before it is recorded: its model or pipeline must exist, and every item must
 * carry what its target takes (tensors for a model, values for a pipeline). What only running an
 * item can tell (a tensor of the wrong shape, a rule that fails) dead-letters that item with the
 * exact error while the others go on.
 *
 * A submit too large for one bus message arrives in pieces (TASK_STAGE_SUBJECT, each piece's items
 * checked as it comes) and then as a submit without items that names them; the task takes the
 * staged items in the transaction that records it.
 */
import {
  AFTER_SEQ_HEADER,
  activeTraceparent,
  type BusHeaders,
  decodePageToken,
  decodeRequest,
  encodePageToken,
  InvalidArgumentError,
  rpcSubject,
  STAGED_ITEMS_HEADER,
  STAGED_OFFSET_HEADER,
  STAGING_ID_HEADER,
  TASK_EVENTS_SUBJECT,
  TASK_STAGE_SUBJECT,
} from "@arbiter/core";
import {
  DecisionSchema,
  GetTaskRequestSchema,
  InferResponseSchema,
  ItemState,
  ListTasksResponseSchema,
  type SubmitTaskRequest,
  SubmitTaskRequestSchema,
  SubmitTaskResponseSchema,
  TaskItemSchema,
  TaskResultSchema,
  TaskService,
  VersionSelectorSchema,
} from "@arbiter/proto";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import type { CompiledPipelines } from "../decisions/index.ts";
import type { ModelStore } from "../registry/model-store.ts";
import { type HandlerTable, handle } from "../rpc-router.ts";
import { stateName, type TaskStore } from "./task-store.ts";

const methods = TaskService.method;

/** The most items one task takes (SubmitTaskRequest.items' max_items). */
const MAX_ITEMS = 1_000_000;
/** Attempts per item when the request leaves max_attempts at 0. */
export const DEFAULT_MAX_ATTEMPTS = 5;
/** Results per ListTaskResults page when page_size is 0. */
const DEFAULT_RESULTS_PAGE = 1000;
/** A results page stops growing past this many bytes of results (the rest is on the next page). */
const RESULTS_PAGE_BYTES = 2 * 1024 * 1024;

const ITEM_STATES: Record<string, ItemState> = {
  pending: ItemState.PENDING,
  running: ItemState.RUNNING,
  succeeded: ItemState.SUCCEEDED,
  dead_lettered: ItemState.DEAD_LETTERED,
  cancelled: ItemState.CANCELLED,
};

export interface TaskHandlerDeps {
  readonly tasks: TaskStore;
  readonly models: ModelStore;
  readonly pipelines: CompiledPipelines;
  readonly unitSize: number;
  /** Wakes the outbox relays after a submit commits. */
  readonly wakeRelays: () => void;
}

/** Checks the target exists; throws NOT_FOUND naming it. */
async function checkTarget(req: SubmitTaskRequest, tenant: string, deps: TaskHandlerDeps): Promise<void> {
  const target = req.target;
  if (target.case === "model") {
    await deps.models.get(tenant, target.value.model, target.value.selector);
  } else if (target.case === "pipeline") {
    await deps.pipelines.get(tenant, target.value.pipeline, target.value.selector);
  }
}

/** Checks every item has what its target takes (`offset`: the index of the first); INVALID_ARGUMENT naming it. */
function checkItems(req: SubmitTaskRequest, offset: number): void {
  const target = req.target;
  req.items.forEach((item, i) => {
    if (target.case === "model" && item.tensors.length === 0) {
      throw new InvalidArgumentError(
        `items[${offset + i}].tensors`,
        "at least one input tensor for a model task",
        "none",
      );
    }
    if (target.case === "pipeline" && Object.keys(item.values).length === 0) {
      throw new InvalidArgumentError(`items[${offset + i}].values`, "the pipeline's input values", "none");
    }
  });
}

/** A header holding a whole number in [min, max]; INVALID_ARGUMENT naming it otherwise. */
function numberHeader(headers: BusHeaders, name: string, min: number, max: number): number {
  const value = Number(headers[name]);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new InvalidArgumentError(name, `a whole number from ${min} to ${max}`, String(headers[name]));
  }
  return value;
}

/** The staging id of a staged submit or piece; INVALID_ARGUMENT when it is not a UUID. */
function stagingId(headers: BusHeaders): string {
  const id = headers[STAGING_ID_HEADER] ?? "";
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) {
    throw new InvalidArgumentError(STAGING_ID_HEADER, "a UUID", JSON.stringify(id));
  }
  return id;
}

/** Registers the task service's handlers in `table`. */
export function registerTaskHandlers(table: HandlerTable, deps: TaskHandlerDeps): void {
  const { tasks } = deps;

  // Raw rather than through handle(): a submit of staged items names them in headers.
  table.set(rpcSubject(TaskService.typeName, methods.submitTask.name), async (data, ctx, message) => {
    const req = decodeRequest(SubmitTaskRequestSchema, data);
    const staged =
      message.headers[STAGING_ID_HEADER] === undefined
        ? undefined
        : { id: stagingId(message.headers), count: numberHeader(message.headers, STAGED_ITEMS_HEADER, 1, MAX_ITEMS) };
    if (staged && req.items.length > 0) {
      throw new InvalidArgumentError("items", "none beside staged items", `${req.items.length} items`);
    }
    await checkTarget(req, ctx.tenant, deps);
    checkItems(req, 0);
    const target = req.target;
    const name = target.case === "model" ? target.value.model : target.case === "pipeline" ? target.value.pipeline : "";
    const selector = target.value?.selector;
    const result = await tasks.submit({
      tenant: ctx.tenant,
      idempotencyKey: req.idempotencyKey,
      target: target.case === "model" ? "model" : "pipeline",
      targetName: name,
      selector: selector ? toBinary(VersionSelectorSchema, selector) : new Uint8Array(0),
      maxAttempts: req.maxAttempts || DEFAULT_MAX_ATTEMPTS,
      labels: req.labels,
      traceparent: activeTraceparent(),
      items: req.items.map((item) => toBinary(TaskItemSchema, item)),
      ...(staged ? { staged } : {}),
      unitSize: deps.unitSize,
    });
    if (result.created) deps.wakeRelays();
    return toBinary(SubmitTaskResponseSchema, create(SubmitTaskResponseSchema, result));
  });

  table.set(TASK_STAGE_SUBJECT, async (data, ctx, message) => {
    const req = decodeRequest(SubmitTaskRequestSchema, data);
    const offset = numberHeader(message.headers, STAGED_OFFSET_HEADER, 0, MAX_ITEMS - 1);
    checkItems(req, offset);
    await tasks.stage(
      ctx.tenant,
      stagingId(message.headers),
      offset,
      req.items.map((item) => toBinary(TaskItemSchema, item)),
    );
    return new Uint8Array(0);
  });

  handle(table, methods.getTask, async (req, ctx) => ({ task: await tasks.get(ctx.tenant, req.id) }));

  handle(table, methods.listTasks, async (req, ctx) =>
    tasks.list(ctx.tenant, req.state === 0 ? undefined : stateName(req.state), req.pageSize, req.pageToken),
  );

  handle(table, methods.listTaskResults, async (req, ctx) => {
    const after =
      req.pageToken === "" ? -1 : decodePageToken<[number]>(req.pageToken, ["number"], "ListTaskResults")[0];
    const size = req.pageSize > 0 ? req.pageSize : DEFAULT_RESULTS_PAGE;
    const rows = await tasks.items(ctx.tenant, req.id, after, size, RESULTS_PAGE_BYTES);
    const task = await tasks.target(req.id);
    const last = rows[rows.length - 1];
    const more = last !== undefined && last.index + 1 < (task?.totalItems ?? 0);
    return {
      results: rows.map((r) =>
        create(TaskResultSchema, {
          itemIndex: BigInt(r.index),
          state: ITEM_STATES[r.state] ?? ItemState.UNSPECIFIED,
          attempts: r.attempts,
          error: r.error,
          ...(r.result && r.state === "succeeded"
            ? task?.target === "model"
              ? { inference: fromBinary(InferResponseSchema, r.result) }
              : { decision: fromBinary(DecisionSchema, r.result) }
            : {}),
        }),
      ),
      nextPageToken: more && last ? encodePageToken([last.index]) : "",
    };
  });

  handle(table, methods.cancelTask, async (req, ctx) => ({ task: await tasks.cancel(ctx.tenant, req.id) }));

  table.set(TASK_EVENTS_SUBJECT, async (data, ctx, message) => {
    const req = decodeRequest(GetTaskRequestSchema, data);
    const after = Number(message.headers[AFTER_SEQ_HEADER] ?? "0");
    if (!Number.isSafeInteger(after) || after < 0) {
      throw new InvalidArgumentError(AFTER_SEQ_HEADER, "a non-negative event sequence", String(after));
    }
    const events = await tasks.events(ctx.tenant, req.id, after);
    const last = events[events.length - 1];
    return toBinary(
      ListTasksResponseSchema,
      create(ListTasksResponseSchema, {
        tasks: events.map((e) => e.task),
        nextPageToken: last ? String(last.seq) : "",
      }),
    );
  });
}
