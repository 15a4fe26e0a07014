export * from "./semconv.ts";
export {
  type Context,
  codeOfError,
  contextWithSpan,
  endRpcSpan,
  endSpan,
  extractFromHeaders,
  extractFromRecord,
  injectInto,
  insideSpan,
  parentFor,
  type Span,
  SpanKind,
  startSpan,
  TRACER_NAME,
  traceIdOfSpan,
  traceLogFields,
  tracingActive,
  withSpan,
} from "./spans.ts";
export {
  type OtlpProtocol,
  otlpTarget,
  startTracing,
  type Tracing,
  type TracingOptions,
  tracingWanted,
} from "./start-tracing.ts";
