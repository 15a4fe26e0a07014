/**
 * Arbiter's spans. Tracing is off until {@link startTracing} installs the OpenTelemetry SDK, and
 * while it is off nothing here runs: every instrumented place checks {@link tracingActive} (a
 * boolean read) before it creates a span, reads a header or touches the context, so the hot path
 * pays nothing for tracing it does not use. Once on, the SDK's AsyncLocalStorage context manager
 * carries the active span through awaits, which is how a pipeline node's span finds its pipeline's,
 * a database query finds the request it serves, and a log line finds its trace id.
 *
 * Context crosses processes in W3C `traceparent`/`tracestate` headers: the client's at the gateway,
 * the bus's between gateway and scheduler (see `bus/rpc.ts`).
 */
import {
  type Attributes,
  type Context,
  context,
  INVALID_SPAN_CONTEXT,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  type Tracer,
  trace,
} from "@opentelemetry/api";
import { ArbiterError, Code } from "../errors.ts";
import { ATTR_RPC_GRPC_STATUS_CODE } from "./semconv.ts";

export { type Context, type Span, SpanKind };

/** Name of the tracer (the instrumentation scope) of every Arbiter span. */
export const TRACER_NAME = "arbiter";

let tracer: Tracer | undefined;

/** True while an SDK installed by {@link startTracing} records spans. */
export function tracingActive(): boolean {
  return tracer !== undefined;
}

/**
 * Switches Arbiter's instrumentation on (after the SDK registered its providers) or off. Called by
 * {@link startTracing} and its shutdown; not for other callers.
 */
export function setTracingActive(on: boolean): void {
  tracer = on ? trace.getTracer(TRACER_NAME) : undefined;
}

/**
 * Starts a span, a child of `parent` (the active context by default). Only call while
 * {@link tracingActive}; the span must be ended with {@link endSpan} or `span.end()`.
 */
export function startSpan(
  name: string,
  kind: SpanKind,
  attributes: Attributes,
  parent: Context = context.active(),
): Span {
  if (tracer === undefined) return trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
  return tracer.startSpan(name, { kind, attributes }, parent);
}

/**
 * Records a span that already happened, from `startMs` to `endMs` (epoch milliseconds), as the root
 * of a trace of its own, linked to the spans it served (work shared by several requests, such as a
 * batch). Only call while {@link tracingActive}; returns the new span's trace id.
 */
export function recordSharedSpan(
  name: string,
  attributes: Attributes,
  startMs: number,
  endMs: number,
  served: readonly Span[],
): string {
  if (tracer === undefined) return "";
  const span = tracer.startSpan(
    name,
    {
      kind: SpanKind.INTERNAL,
      attributes,
      startTime: startMs,
      links: served.map((s) => ({ context: s.spanContext() })),
      root: true,
    },
    ROOT_CONTEXT,
  );
  span.end(endMs);
  return span.spanContext().traceId;
}

/**
 * Starts a span that begins a trace of its own, linked to the span a W3C `traceparent` names (work
 * done later on behalf of a request, such as a task's units, which must not stretch the request's
 * trace over hours). Only call while {@link tracingActive}.
 */
export function startLinkedSpan(
  name: string,
  kind: SpanKind,
  attributes: Attributes,
  linkedTraceparent: string | undefined,
): Span {
  if (tracer === undefined) return trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
  const linked =
    linkedTraceparent === undefined || linkedTraceparent === ""
      ? undefined
      : trace.getSpanContext(propagation.extract(ROOT_CONTEXT, { traceparent: linkedTraceparent }, recordGetter));
  return tracer.startSpan(
    name,
    { kind, attributes, root: true, ...(linked ? { links: [{ context: linked }] } : {}) },
    ROOT_CONTEXT,
  );
}

/** The W3C `traceparent` of the active span, or "" outside any span (or while tracing is off). */
export function activeTraceparent(): string {
  if (tracer === undefined || trace.getSpan(context.active()) === undefined) return "";
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ?? "";
}

/** Runs `fn` with `span` as the active span (its children, log lines and outgoing headers see it). */
export function withSpan<T>(span: Span, fn: () => T, parent: Context = context.active()): T {
  return context.with(trace.setSpan(parent, span), fn);
}

/** The context active now, with `span` as its span: the parent for spans started later. */
export function contextWithSpan(span: Span, parent: Context = context.active()): Context {
  return trace.setSpan(parent, span);
}

/** Reads a plain header record (bus headers, Node's HTTP/2 headers: names in lower case). */
const recordGetter: TextMapGetter<Record<string, string | string[] | undefined>> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => carrier[key],
};

/** Reads a `Headers`-like object (Connect's request headers, the fast path's view). */
const headersGetter: TextMapGetter<{ get(name: string): string | null }> = {
  keys: () => [],
  get: (carrier, key) => carrier.get(key) ?? undefined,
};

/** The remote parent a request's headers name (W3C trace context), or the root context. */
export function extractFromRecord(headers: Record<string, string | string[] | undefined>): Context {
  return propagation.extract(ROOT_CONTEXT, headers, recordGetter);
}

/** {@link extractFromRecord} for headers read through `get(name)`. */
export function extractFromHeaders(headers: { get(name: string): string | null }): Context {
  return propagation.extract(ROOT_CONTEXT, headers, headersGetter);
}

/** Writes `ctx`'s span context into `headers` (`traceparent`, and `tracestate` when there is one). */
export function injectInto(ctx: Context, headers: Record<string, string>): void {
  propagation.inject(ctx, headers);
}

/** gRPC codes that mark a server span as failed: the server's fault, not the caller's. */
const SERVER_ERROR_CODES: ReadonlySet<number> = new Set([
  Code.Unknown,
  Code.DeadlineExceeded,
  Code.Unimplemented,
  Code.Internal,
  Code.Unavailable,
  Code.DataLoss,
]);

/** The gRPC status code of a thrown value (INTERNAL for anything that is not an Arbiter error). */
export function codeOfError(err: unknown): number {
  if (err instanceof ArbiterError) return err.code;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "number" && code >= 0 && code <= 16 ? code : Code.Internal;
}

/**
 * Ends an RPC span with its gRPC status code (`rpc.grpc.status_code`). A client span fails on any
 * code but OK; a server span only on codes that are the server's fault (the RPC conventions), so
 * a NOT_FOUND answered as designed does not show as an error.
 */
export function endRpcSpan(span: Span, kind: SpanKind, code: number, err?: unknown): void {
  span.setAttribute(ATTR_RPC_GRPC_STATUS_CODE, code);
  endSpan(span, err, code, kind);
}

/**
 * Ends a span; with an error, records it as an exception event and, unless `code` says the caller
 * was at fault on a server span, marks the span failed.
 */
export function endSpan(span: Span, err?: unknown, code?: number, kind?: SpanKind): void {
  if (err !== undefined) {
    span.recordException(err instanceof Error ? err : String(err));
    const effective = code ?? codeOfError(err);
    const serverSide = kind === SpanKind.SERVER || kind === SpanKind.CONSUMER;
    if (!serverSide || SERVER_ERROR_CODES.has(effective)) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
    }
  }
  span.end();
}

/** The 32-hex-digit trace id of a span. */
export function traceIdOfSpan(span: Span): string {
  return span.spanContext().traceId;
}

/**
 * `trace_id` and `span_id` of the active span, for log lines (the root logger's mixin); nothing
 * while tracing is off or outside any span.
 */
export function traceLogFields(): Record<string, string> {
  if (tracer === undefined) return {};
  const span = trace.getSpan(context.active());
  if (span === undefined) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

/**
 * The parent for a span of work done for a request: the active context when a span is active,
 * otherwise the remote parent the request's `traceparent` names (a request that arrived without a
 * server span, such as the REST routes'), otherwise the active (root) context.
 */
export function parentFor(traceparent: string | undefined): Context {
  const active = context.active();
  if (traceparent === undefined || trace.getSpan(active) !== undefined) return active;
  return propagation.extract(ROOT_CONTEXT, { traceparent }, recordGetter);
}

/** True when some span is active: work done on behalf of a traced request. */
export function insideSpan(): boolean {
  return tracer !== undefined && trace.getSpan(context.active()) !== undefined;
}
