/**
 * Request/reply RPC over the bus: the caller sends a protobuf payload with the request context
 * in headers; a queue group of servers answers with a payload or an error (see `wire-error.ts`).
 */
import { type DescMessage, fromBinary, type MessageShape } from "@bufbuild/protobuf";
import type { Logger } from "pino";
import { contextFromHeaders, contextToHeaders, type RequestContext, remainingMs } from "../context.ts";
import {
  ArbiterError,
  DeadlineExceededError,
  InternalError,
  InvalidArgumentError,
  PermissionDeniedError,
} from "../errors.ts";
import {
  ATTR_ARBITER_NODE,
  ATTR_MESSAGING_CONSUMER_GROUP_NAME,
  ATTR_MESSAGING_DESTINATION_NAME,
  ATTR_MESSAGING_MESSAGE_BODY_SIZE,
  ATTR_MESSAGING_OPERATION,
  ATTR_MESSAGING_OPERATION_TYPE,
  ATTR_MESSAGING_SYSTEM,
} from "../tracing/semconv.ts";
import {
  contextWithSpan,
  endSpan,
  extractFromRecord,
  injectInto,
  parentFor,
  type Span,
  SpanKind,
  startSpan,
  tracingActive,
  withSpan,
} from "../tracing/spans.ts";
import type { Bus, BusHeaders, BusMessage, IncomingMessage, RequestOptions, Subscription } from "./bus.ts";
import { failureOutcome, observeBusRequest } from "./bus-metrics.ts";
import { subjectToken } from "./subjects.ts";
import { errorFromHeaders, errorToHeaders } from "./wire-error.ts";

/** Queue group shared by every scheduler, for work any of them can do. */
export const SCHEDULER_QUEUE = "arbiter-schedulers";

/**
 * What {@link decodeRequest} decoded, keyed by the very bytes it read. The in-process bus hands
 * the gateway's request bytes to the scheduler as they are, so in embedded mode the scheduler gets
 * the gateway's decoded message back instead of decoding the same bytes twice. Decoded requests
 * are never modified (by convention on both sides), which is what makes sharing one safe.
 */
const decodedRequests = new WeakMap<Uint8Array, { schema: DescMessage; message: unknown }>();

/** Decodes a request payload; bytes that are not the expected message are the caller's mistake. */
export function decodeRequest<D extends DescMessage>(schema: D, data: Uint8Array): MessageShape<D> {
  const known = decodedRequests.get(data);
  if (known !== undefined && known.schema === schema) return known.message as MessageShape<D>;
  try {
    const message = fromBinary(schema, data);
    decodedRequests.set(data, { schema, message });
    return message;
  } catch (err) {
    throw new InvalidArgumentError("request body", `a valid ${schema.typeName} message`, "undecodable bytes", {
      cause: err,
    });
  }
}

/** Decodes a reply payload; bytes that are not the expected message are an INTERNAL error. */
export function fromBinaryOrThrow<D extends DescMessage>(schema: D, data: Uint8Array): MessageShape<D> {
  try {
    return fromBinary(schema, data);
  } catch (err) {
    throw new InternalError(`undecodable ${schema.typeName} reply`, {}, { cause: err });
  }
}

/** Reply header naming the scheduler node that served a request. */
export const NODE_HEADER = "arbiter-node";

const RPC_PREFIX = "arbiter.rpc.";

/**
 * Subject of a control-plane RPC, e.g. `arbiter.rpc.arbiter.v1.ModelRegistryService.GetModel`;
 * on the wire it also names the caller's tenant (see {@link tenantRpcSubject}).
 */
export function rpcSubject(serviceTypeName: string, method: string): string {
  return `${RPC_PREFIX}${serviceTypeName}.${method}`;
}

/**
 * The subject an RPC travels on: the tenant's token right after the prefix,
 * `arbiter.rpc.<tenant>.<service>.<method>`. The serving side checks it against the tenant of the
 * request's context ({@link serveRpc}), so a message routed as one tenant's cannot carry another
 * tenant's context, and NATS permissions can be written per tenant. Subjects outside arbiter.rpc
 * keep their name: model subjects name their tenant already.
 */
export function tenantRpcSubject(subject: string, tenant: string): string {
  if (!subject.startsWith(RPC_PREFIX)) return subject;
  return `${RPC_PREFIX}${subjectToken(tenant)}.${subject.slice(RPC_PREFIX.length)}`;
}

/** What a server subscribes to for `subject`: every tenant's subject of it. */
function servedSubject(subject: string): string {
  return subject.startsWith(RPC_PREFIX) ? `${RPC_PREFIX}*.${subject.slice(RPC_PREFIX.length)}` : subject;
}

/**
 * The subject a request names (the tenant's token taken out) after checking that token against
 * the request context's tenant. Subjects outside arbiter.rpc are returned as they are.
 */
function requestedSubject(wire: string, tenant: string): string {
  if (!wire.startsWith(RPC_PREFIX)) return wire;
  const token = wire.slice(RPC_PREFIX.length, wire.indexOf(".", RPC_PREFIX.length));
  if (token !== subjectToken(tenant)) {
    throw new PermissionDeniedError(
      `bus subject ${wire}: expected the token of the request's tenant ${JSON.stringify(tenant)}, got ${JSON.stringify(token)}`,
    );
  }
  return withoutTenant(wire);
}

/** `arbiter.rpc.<tenant>.<rest>` as `arbiter.rpc.<rest>` (span names: one per method, not per tenant). */
function withoutTenant(wire: string): string {
  if (!wire.startsWith(RPC_PREFIX)) return wire;
  return `${RPC_PREFIX}${wire.slice(wire.indexOf(".", RPC_PREFIX.length) + 1)}`;
}

export interface CallOptions {
  /** Per-attempt timeout; defaults to the time left before the context's deadline. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Sent beside the context's headers (e.g. PAYLOAD_HEADER). */
  headers?: BusHeaders;
}

/**
 * Sends a request and returns the reply payload; a failure reply is thrown as the error class the
 * server threw. A deadline that has already passed fails without sending anything. Every request
 * sent is timed in `arbiter_bus_request_duration_seconds` (see `bus-metrics.ts`).
 */
export async function callRpc(
  bus: Bus,
  subject: string,
  data: Uint8Array,
  ctx: RequestContext,
  options: CallOptions = {},
): Promise<Uint8Array> {
  return (await requestRpc(bus, subject, data, ctx, options)).data;
}

/** {@link callRpc}, returning the reply's headers too. */
export async function requestRpc(
  bus: Bus,
  subject: string,
  data: Uint8Array,
  ctx: RequestContext,
  options: CallOptions = {},
): Promise<BusMessage> {
  const left = remainingMs(ctx);
  if (left <= 0) throw new DeadlineExceededError(`deadline passed before ${subject} was sent`, { subject });
  const request = {
    timeoutMs: Math.min(left, options.timeoutMs ?? left),
    headers: contextToHeaders(ctx, options.headers ? { ...options.headers } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const started = process.hrtime.bigint();
  const wire = tenantRpcSubject(subject, ctx.tenant);
  if (tracingActive()) return tracedRequest(bus, subject, wire, data, request, ctx.traceparent, started);
  let reply: BusMessage;
  try {
    reply = await bus.request(wire, data, request);
  } catch (err) {
    observeBusRequest(subject, failureOutcome(err), started);
    throw err;
  }
  const err = errorFromHeaders(reply.headers);
  observeBusRequest(subject, err ? failureOutcome(err) : "ok", started);
  if (err) throw err;
  return reply;
}

/**
 * {@link requestRpc} while tracing: a client span for the publish, a child of the active span (or,
 * where no span is active, of the request context's `traceparent`), whose context replaces the
 * caller's in the `traceparent` header, so the server's span is its child.
 */
async function tracedRequest(
  bus: Bus,
  subject: string,
  wire: string,
  data: Uint8Array,
  request: RequestOptions & { headers: BusHeaders },
  traceparent: string | undefined,
  started: bigint,
): Promise<BusMessage> {
  const parent = parentFor(traceparent);
  const span = startSpan(
    `publish ${subject}`,
    SpanKind.CLIENT,
    {
      [ATTR_MESSAGING_SYSTEM]: bus.kind,
      [ATTR_MESSAGING_DESTINATION_NAME]: subject,
      [ATTR_MESSAGING_OPERATION]: "publish",
      [ATTR_MESSAGING_OPERATION_TYPE]: "send",
      [ATTR_MESSAGING_MESSAGE_BODY_SIZE]: data.byteLength,
    },
    parent,
  );
  injectInto(contextWithSpan(span, parent), request.headers);
  let reply: BusMessage;
  try {
    reply = await bus.request(wire, data, request);
  } catch (err) {
    observeBusRequest(subject, failureOutcome(err), started);
    endSpan(span, err);
    throw err;
  }
  const node = reply.headers[NODE_HEADER];
  if (node !== undefined) span.setAttribute(ATTR_ARBITER_NODE, node);
  const err = errorFromHeaders(reply.headers);
  observeBusRequest(subject, err ? failureOutcome(err) : "ok", started);
  endSpan(span, err);
  if (err) throw err;
  return reply;
}

/** A reply payload, with headers of its own when the handler has something to add. */
export type RpcReply = Uint8Array | { data: Uint8Array; headers: BusHeaders };

/** Handles one request; returns the reply or throws an ArbiterError. */
export type RpcHandler = (data: Uint8Array, ctx: RequestContext, message: BusMessage) => Promise<RpcReply>;

/** A running RPC server: stop taking requests with `drain()`, which waits for those in flight. */
export interface RpcServer {
  readonly inFlight: number;
  drain(): Promise<void>;
}

/**
 * Serves `handler` on `subject` for a queue group. Requests whose deadline has passed are
 * answered DEADLINE_EXCEEDED without running; unexpected errors are logged and answered INTERNAL.
 */
export function serveRpc(
  bus: Bus,
  subject: string,
  queue: string,
  handler: RpcHandler,
  logger: Logger,
  /** Added to every reply, e.g. the serving node's id (`arbiter-node`). */
  replyHeaders: BusHeaders = {},
): RpcServer {
  let inFlight = 0;
  let idle: (() => void) | undefined;
  const node = replyHeaders[NODE_HEADER];
  const serve = async (message: IncomingMessage, span: Span | undefined) => {
    let failure: unknown;
    // Logged as the method's subject, the tenant token out, once the token was checked.
    let subject = message.subject;
    try {
      const ctx = contextFromHeaders(message.headers);
      subject = requestedSubject(message.subject, ctx.tenant);
      if (remainingMs(ctx) <= 0) throw new DeadlineExceededError(`deadline passed before ${subject} ran`);
      const out = await handler(
        message.data,
        ctx,
        subject === message.subject ? message : { subject, data: message.data, headers: message.headers },
      );
      if (out instanceof Uint8Array) message.respond(out, replyHeaders);
      else message.respond(out.data, { ...replyHeaders, ...out.headers });
    } catch (err) {
      failure = err;
      if (!(err instanceof ArbiterError) || err instanceof InternalError) {
        logger.error({ err, subject }, "request failed unexpectedly");
      } else {
        logger.debug({ code: err.code, msg: err.message, subject }, "request failed");
      }
      message.respond(new Uint8Array(0), { ...replyHeaders, ...errorToHeaders(err) });
    } finally {
      inFlight--;
      if (inFlight === 0) idle?.();
      if (span !== undefined) endSpan(span, failure, undefined, SpanKind.CONSUMER);
    }
  };
  const onMessage = (message: IncomingMessage) => {
    inFlight++;
    if (!tracingActive()) {
      void serve(message, undefined);
      return;
    }
    // The sender's publish span (its traceparent header) is the parent of this one, and this one
    // is active while the handler runs: its spans, queries and log lines belong to the request.
    const parent = extractFromRecord(message.headers);
    const requested = withoutTenant(message.subject);
    const span = startSpan(
      `process ${requested}`,
      SpanKind.CONSUMER,
      {
        [ATTR_MESSAGING_SYSTEM]: bus.kind,
        [ATTR_MESSAGING_DESTINATION_NAME]: requested,
        [ATTR_MESSAGING_OPERATION]: "process",
        [ATTR_MESSAGING_OPERATION_TYPE]: "process",
        [ATTR_MESSAGING_CONSUMER_GROUP_NAME]: queue,
        [ATTR_MESSAGING_MESSAGE_BODY_SIZE]: message.data.byteLength,
        ...(node !== undefined ? { [ATTR_ARBITER_NODE]: node } : {}),
      },
      parent,
    );
    void withSpan(span, () => serve(message, span), parent);
  };
  const sub: Subscription = bus.subscribe(servedSubject(subject), onMessage, { queue });
  return {
    get inFlight() {
      return inFlight;
    },
    async drain() {
      sub.unsubscribe();
      if (inFlight === 0) return;
      await new Promise<void>((resolve) => {
        idle = resolve;
      });
    },
  };
}
