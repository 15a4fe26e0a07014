/**
 * The task service's streaming methods, served by the gateway from what the schedulers return:
 * - WatchTask follows the task's events (every state change and progress update, recorded in the
 *   transaction that made it) in order, and ends after the event that ends the task;
 * - StreamTaskResults pages through ListTaskResults and sends every item result in item order.
 * Each poll is a call of its own, retried like any read, so a scheduler restarting mid-stream does
 * not end it.
 */
import { AFTER_SEQ_HEADER, type Bus, rpcSubject, TASK_EVENTS_SUBJECT } from "@arbiter/core";
import {
  GetTaskRequestSchema,
  ListTaskResultsRequestSchema,
  ListTaskResultsResponseSchema,
  ListTasksResponseSchema,
  type StreamTaskResultsRequest,
  type StreamTaskResultsResponse,
  StreamTaskResultsResponseSchema,
  TaskService,
  TaskState,
  type WatchTaskRequest,
  type WatchTaskResponse,
  WatchTaskResponseSchema,
} from "@arbiter/proto";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import type { HandlerContext } from "@connectrpc/connect";
import { type DeadlinePolicy, requestContextOf } from "../request-context.ts";
import { sendWithRetry } from "./forward.ts";

/** How often WatchTask looks for new events while the task runs. */
export const WATCH_POLL_MS = 200;
/** Results per page StreamTaskResults asks for. */
const RESULTS_PAGE = 1000;

const LIST_RESULTS_SUBJECT = rpcSubject(TaskService.typeName, TaskService.method.listTaskResults.name);

function isFinal(state: TaskState): boolean {
  return state === TaskState.COMPLETED || state === TaskState.CANCELLED || state === TaskState.FAILED;
}

/** The WatchTask handler. */
export function watchTaskHandler(bus: Bus, policy: DeadlinePolicy) {
  return async function* watchTask(req: WatchTaskRequest, hctx: HandlerContext): AsyncGenerator<WatchTaskResponse> {
    const request = toBinary(GetTaskRequestSchema, create(GetTaskRequestSchema, { id: req.id }));
    let after = "0";
    for (;;) {
      const ctx = requestContextOf(hctx, policy);
      const reply = await sendWithRetry(bus, TASK_EVENTS_SUBJECT, request, ctx, true, hctx.signal, {
        [AFTER_SEQ_HEADER]: after,
      });
      const page = fromBinary(ListTasksResponseSchema, reply);
      for (const task of page.tasks) {
        yield create(WatchTaskResponseSchema, { task });
        if (isFinal(task.state)) return;
      }
      if (page.nextPageToken !== "") after = page.nextPageToken;
      if (page.tasks.length === 0) await pause(WATCH_POLL_MS, hctx.signal);
    }
  };
}

/** The StreamTaskResults handler. */
export function streamTaskResultsHandler(bus: Bus, policy: DeadlinePolicy) {
  return async function* streamTaskResults(
    req: StreamTaskResultsRequest,
    hctx: HandlerContext,
  ): AsyncGenerator<StreamTaskResultsResponse> {
    let pageToken = "";
    do {
      const ctx = requestContextOf(hctx, policy);
      const ask = create(ListTaskResultsRequestSchema, { id: req.id, pageSize: RESULTS_PAGE, pageToken });
      const reply = await sendWithRetry(
        bus,
        LIST_RESULTS_SUBJECT,
        toBinary(ListTaskResultsRequestSchema, ask),
        ctx,
        true,
        hctx.signal,
      );
      const page = fromBinary(ListTaskResultsResponseSchema, reply);
      for (const result of page.results) yield create(StreamTaskResultsResponseSchema, { result });
      pageToken = page.nextPageToken;
    } while (pageToken !== "");
  };
}

/** Waits `ms`, or less when the call is cancelled. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
