/**
 * DecisionService.DecideStream: one decision per incoming event, for real-time feeds. Each event
 * is a Decide sent to the schedulers as soon as it arrives; answers go out in completion order,
 * carrying the event's request id, and an event that fails gets its own error answer while the
 * stream stays open.
 */
import { type Bus, InvalidArgumentError, rpcSubject } from "@arbiter/core";
import {
  DecideRequestSchema,
  DecideResponseSchema,
  type DecideStreamRequest,
  DecideStreamResponseSchema,
  DecisionService,
} from "@arbiter/proto";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import type { HandlerContext } from "@connectrpc/connect";
import { type DeadlinePolicy, requestContextOf } from "../request-context.ts";
import { sendWithRetry } from "./forward.ts";
import { concurrentResponses } from "./stream-responses.ts";

/** Where Decide requests go (the schedulers' queue group). */
export const DECIDE_SUBJECT = rpcSubject(DecisionService.typeName, DecisionService.method.decide.name);

/** The DecideStream handler. */
export function decideStreamHandler(bus: Bus, policy: DeadlinePolicy) {
  return (events: AsyncIterable<DecideStreamRequest>, hctx: HandlerContext) =>
    concurrentResponses(
      events,
      async (event) => {
        if (!event.request) throw new InvalidArgumentError("request", "a DecideRequest", "nothing");
        // Each event gets what is left of the stream's deadline, or the default per-call timeout when
        // the stream has none: a feed stays open far longer than one decision.
        const ctx = requestContextOf(hctx, policy);
        const reply = await sendWithRetry(
          bus,
          DECIDE_SUBJECT,
          toBinary(DecideRequestSchema, event.request),
          ctx,
          false,
          hctx.signal,
        );
        return fromBinary(DecideResponseSchema, reply);
      },
      (response, event) =>
        create(DecideStreamResponseSchema, { requestId: event.request?.requestId ?? "", decision: response.decision }),
      (err, event) =>
        create(DecideStreamResponseSchema, {
          requestId: event.request?.requestId ?? "",
          errorCode: err.code,
          errorMessage: err.message,
        }),
    );
}
