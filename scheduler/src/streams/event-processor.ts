/**
 * How one event of a stream binding is processed, at least once and with one effect:
 *
 * 1. An event already recorded (by its message id) is not decided again: its recorded decision is
 *    published if it was not yet, and the event acknowledged.
 * 2. Otherwise the pipeline decides (request id `event:<binding>:<event id>`: when the pipeline
 *    records decisions, a second attempt finds the first one's), the decision is published to the output stream
 *    with the message id `<tenant>:<binding>:<event id>` (JetStream's duplicate window drops a
 *    second publish), and the outcome is recorded, unless another worker recorded it first.
 * 3. Only then is the event acknowledged. A failure that a retry may cure is nak'd with backoff
 *    until max_attempts deliveries; one that no retry cures (a malformed event, an input the
 *    pipeline rejects) is recorded as dead-lettered with its error at once.
 */
import {
  ANONYMOUS_PRINCIPAL,
  ATTR_ARBITER_BINDING,
  ATTR_ARBITER_TENANT,
  ATTR_MESSAGING_DESTINATION_NAME,
  ATTR_MESSAGING_MESSAGE_ID,
  ATTR_MESSAGING_OPERATION_TYPE,
  ATTR_MESSAGING_SYSTEM,
  activeTraceparent,
  createRequestContext,
  type DurableMessage,
  type DurableStream,
  endSpan,
  extractFromRecord,
  InvalidArgumentError,
  SpanKind,
  startSpan,
  tracingActive,
  withSpan,
} from "@arbiter/core";
import {
  type DecideRequest,
  DecideRequestSchema,
  type Decision,
  DecisionSchema,
  VersionSelectorSchema,
} from "@arbiter/proto";
import { create, fromBinary, fromJsonString, toBinary, toJsonString } from "@bufbuild/protobuf";
import type { DecisionEngine } from "../decisions/index.ts";
import { durableWorkMetrics } from "../durable-work-metrics.ts";
import { describeFailure, isPermanent, retryDelayMs } from "../retry-policy.ts";
import type { BindingRow, BindingStore, EventRecord } from "./binding-store.ts";

/** Header of a published decision: the message id of the event it answers. */
export const EVENT_ID_HEADER = "arbiter-event-id";
/** Content type of an event in binary protobuf (arbiter.v1.DecideRequest); JSON otherwise. */
export const PROTOBUF_CONTENT_TYPE = "application/protobuf";
/** How long one event's decision may take. */
const EVENT_BUDGET_MS = 30_000;

export interface EventProcessorDeps {
  readonly store: BindingStore;
  readonly engine: DecisionEngine;
  /** The stream decisions are published to. */
  readonly decisions: DurableStream;
  readonly retryBackoffMs: number;
}

/** The event id: its message id, or its stream sequence when it was published without one. */
export function eventIdOf(message: DurableMessage): string {
  return message.msgId ?? `seq-${message.seq}`;
}

/** Reads an event: JSON of DecideRequest's inputs and attributes, or binary with the protobuf content type. */
export function parseEvent(message: DurableMessage): DecideRequest {
  const contentType = message.headers["content-type"] ?? message.headers["Content-Type"];
  try {
    if (contentType === PROTOBUF_CONTENT_TYPE) return fromBinary(DecideRequestSchema, message.data);
    return fromJsonString(DecideRequestSchema, new TextDecoder().decode(message.data));
  } catch (err) {
    throw new InvalidArgumentError(
      "event body",
      contentType === PROTOBUF_CONTENT_TYPE
        ? "an arbiter.v1.DecideRequest in protobuf binary"
        : 'JSON of an arbiter.v1.DecideRequest, e.g. {"inputs": {...}}',
      (err as Error).message,
    );
  }
}

/**
 * Processes one event of `binding`; settles the message (ack or nak) itself. While tracing, the
 * event is a span (`process <subject>`) in the producer's trace when its headers carry one, and
 * the decision published carries that trace on.
 */
export async function processEvent(
  binding: BindingRow,
  message: DurableMessage,
  deps: EventProcessorDeps,
): Promise<void> {
  if (!tracingActive()) return settleEvent(binding, message, deps);
  const span = startSpan(
    `process ${message.subject}`,
    SpanKind.CONSUMER,
    {
      [ATTR_MESSAGING_SYSTEM]: "nats",
      [ATTR_MESSAGING_OPERATION_TYPE]: "process",
      [ATTR_MESSAGING_DESTINATION_NAME]: message.subject,
      [ATTR_MESSAGING_MESSAGE_ID]: eventIdOf(message),
      [ATTR_ARBITER_BINDING]: binding.name,
      [ATTR_ARBITER_TENANT]: binding.tenant,
    },
    extractFromRecord(message.headers),
  );
  try {
    await withSpan(span, () => settleEvent(binding, message, deps));
    endSpan(span);
  } catch (err) {
    endSpan(span, err);
    throw err;
  }
}

async function settleEvent(binding: BindingRow, message: DurableMessage, deps: EventProcessorDeps): Promise<void> {
  const { store } = deps;
  const eventId = eventIdOf(message);
  const known = await store.event(binding.tenant, binding.name, eventId);
  if (known) {
    await publishRecorded(binding, eventId, known, deps);
    durableWorkMetrics().eventSettled(binding.name, "already_recorded");
    return message.ack();
  }
  let decision: Decision;
  try {
    decision = await decide(binding, eventId, parseEvent(message), deps.engine);
  } catch (err) {
    if (isPermanent(err) || message.deliveryCount >= binding.maxAttempts) {
      await store.settle({
        tenant: binding.tenant,
        binding: binding.name,
        eventId,
        state: "dead_lettered",
        decision: null,
        error: `attempt ${message.deliveryCount}: ${describeFailure(err)}`,
        attempts: message.deliveryCount,
        published: false,
      });
      durableWorkMetrics().eventSettled(binding.name, "dead_lettered");
      return message.ack();
    }
    durableWorkMetrics().eventSettled(binding.name, "retried");
    return message.nak(retryDelayMs(deps.retryBackoffMs, message.deliveryCount));
  }
  // Published before it is recorded, so that the record is one write: a crash in between leaves no
  // record, the event comes back, the decision is found again by its request id, and the second
  // publish carries the first one's message id, which JetStream drops.
  await publish(binding, eventId, decision, deps);
  await store.settle({
    tenant: binding.tenant,
    binding: binding.name,
    eventId,
    state: "succeeded",
    decision: toBinary(DecisionSchema, decision),
    error: "",
    attempts: message.deliveryCount,
    published: true,
  });
  durableWorkMetrics().eventSettled(binding.name, "decided");
  return message.ack();
}

async function decide(binding: BindingRow, eventId: string, event: DecideRequest, engine: DecisionEngine) {
  const request = create(DecideRequestSchema, {
    pipeline: binding.pipeline,
    ...(binding.selector.byteLength > 0 ? { selector: fromBinary(VersionSelectorSchema, binding.selector) } : {}),
    inputs: event.inputs,
    attributes: event.attributes,
    requestId: `event:${binding.name}:${eventId}`,
  });
  const ctx = createRequestContext(
    { ...ANONYMOUS_PRINCIPAL, id: `binding:${binding.name}`, tenant: binding.tenant },
    Date.now() + EVENT_BUDGET_MS,
    undefined,
    request.requestId,
  );
  return engine.decide(request, ctx);
}

/** Publishes a recorded decision that is not yet marked published, then marks it. */
async function publishRecorded(
  binding: BindingRow,
  eventId: string,
  record: EventRecord,
  deps: EventProcessorDeps,
): Promise<void> {
  if (record.published || record.state !== "succeeded" || !record.decision) return;
  await publish(binding, eventId, fromBinary(DecisionSchema, record.decision), deps);
  await deps.store.markPublished(binding.tenant, binding.name, eventId);
}

/** The active trace as headers of a published decision (none while tracing is off). */
function traceHeaders(): Record<string, string> {
  const traceparent = activeTraceparent();
  return traceparent === "" ? {} : { traceparent };
}

/** Publishes an event's decision on the binding's output subject, deduplicated by the event. */
async function publish(binding: BindingRow, eventId: string, decision: Decision, deps: EventProcessorDeps) {
  await deps.decisions.publish(
    binding.outputSubject,
    new TextEncoder().encode(toJsonString(DecisionSchema, decision)),
    {
      msgId: `${binding.tenant}:${binding.name}:${eventId}`,
      headers: { [EVENT_ID_HEADER]: eventId, "content-type": "application/json", ...traceHeaders() },
    },
  );
}
