/**
 * TaskService.SubmitTask at the gateway. A task of up to a million items can be far larger than
 * one bus message (NATS max_payload, 1 MiB by default), so a request that does not fit is sent in
 * pieces: its items staged under one id (each piece small enough, each retried safely: a piece
 * stored twice is stored once), then the submit without items, naming the staging id and the
 * count; the scheduler records the task with the staged items in one transaction. A request that
 * fits goes as it is.
 */
import { randomUUID } from "node:crypto";
import {
  type Bus,
  ResourceExhaustedError,
  rpcSubject,
  STAGED_ITEMS_HEADER,
  STAGED_OFFSET_HEADER,
  STAGING_ID_HEADER,
  TASK_STAGE_SUBJECT,
} from "@arbiter/core";
import {
  type SubmitTaskRequest,
  SubmitTaskRequestSchema,
  type SubmitTaskResponse,
  SubmitTaskResponseSchema,
  type TaskItem,
  TaskItemSchema,
  TaskService,
} from "@arbiter/proto";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import type { HandlerContext } from "@connectrpc/connect";
import { type DeadlinePolicy, requestContextOf } from "../request-context.ts";
import { sendWithRetry } from "./forward.ts";

const SUBMIT_SUBJECT = rpcSubject(TaskService.typeName, TaskService.method.submitTask.name);
/** Room left in each message for headers and the request's other fields. */
const HEADROOM_BYTES = 64 * 1024;

/** The SubmitTask handler. */
export function submitTaskHandler(bus: Bus, policy: DeadlinePolicy) {
  return async (req: SubmitTaskRequest, hctx: HandlerContext): Promise<SubmitTaskResponse> => {
    const ctx = requestContextOf(hctx, policy);
    const whole = toBinary(SubmitTaskRequestSchema, req);
    const limit = bus.maxPayload() - HEADROOM_BYTES;
    if (whole.byteLength <= limit) {
      return fromBinary(
        SubmitTaskResponseSchema,
        await sendWithRetry(bus, SUBMIT_SUBJECT, whole, ctx, false, hctx.signal),
      );
    }
    const staging = randomUUID();
    let offset = 0;
    for (const piece of pieces(req.items, limit)) {
      const request = create(SubmitTaskRequestSchema, { target: req.target, items: piece });
      // Idempotent: a piece stored twice is stored once.
      await sendWithRetry(bus, TASK_STAGE_SUBJECT, toBinary(SubmitTaskRequestSchema, request), ctx, true, hctx.signal, {
        [STAGING_ID_HEADER]: staging,
        [STAGED_OFFSET_HEADER]: String(offset),
      });
      offset += piece.length;
    }
    const submit = toBinary(SubmitTaskRequestSchema, create(SubmitTaskRequestSchema, { ...req, items: [] }));
    const reply = await sendWithRetry(bus, SUBMIT_SUBJECT, submit, ctx, false, hctx.signal, {
      [STAGING_ID_HEADER]: staging,
      [STAGED_ITEMS_HEADER]: String(req.items.length),
    });
    return fromBinary(SubmitTaskResponseSchema, reply);
  };
}

/** Splits items into runs whose encoded size stays within `limit`; RESOURCE_EXHAUSTED for an item alone above it. */
function* pieces(items: readonly TaskItem[], limit: number): Generator<TaskItem[]> {
  let piece: TaskItem[] = [];
  let bytes = 0;
  for (const [i, item] of items.entries()) {
    // The item's bytes plus its field tag and length prefix.
    const size = toBinary(TaskItemSchema, item).byteLength + 6;
    if (size > limit) {
      throw new ResourceExhaustedError(
        "bus.max_payload",
        `items[${i}] is ${size} bytes, more than one bus message carries (${limit} bytes with headers)`,
      );
    }
    if (bytes + size > limit && piece.length > 0) {
      yield piece;
      piece = [];
      bytes = 0;
    }
    piece.push(item);
    bytes += size;
  }
  if (piece.length > 0) yield piece;
}
