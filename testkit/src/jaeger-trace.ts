/**
 * Traces as Jaeger's query API returns them (`GET /api/traces/<trace id>`), and the questions tests
 * ask of them: which service a span came from, its tags, its parent.
 */

/** A tag (attribute) of a span. */
export interface JaegerTag {
  key: string;
  type: string;
  value: string | number | boolean;
}

/** A reference from a span to another: its parent (`CHILD_OF`) or a link (`FOLLOWS_FROM`). */
export interface JaegerReference {
  refType: "CHILD_OF" | "FOLLOWS_FROM";
  traceID: string;
  spanID: string;
}

/** One span. Times are in microseconds. */
export interface JaegerSpan {
  traceID: string;
  spanID: string;
  operationName: string;
  references: JaegerReference[];
  startTime: number;
  duration: number;
  tags: JaegerTag[];
  processID: string;
}

/** The process (service) that reported spans. */
export interface JaegerProcess {
  serviceName: string;
  tags: JaegerTag[];
}

/** A trace: its spans and the processes they came from. */
export interface JaegerTrace {
  traceID: string;
  spans: JaegerSpan[];
  processes: Record<string, JaegerProcess>;
}

/** The service name of the process that reported `span`. */
export function serviceOf(trace: JaegerTrace, span: JaegerSpan): string {
  return trace.processes[span.processID]?.serviceName ?? "";
}

/** The value of a span's tag, or undefined. */
export function tagOf(span: JaegerSpan, key: string): string | number | boolean | undefined {
  return span.tags.find((t) => t.key === key)?.value;
}

/** The span id of `span`'s parent, or undefined for a root span. */
export function parentOf(span: JaegerSpan): string | undefined {
  return span.references.find((r) => r.refType === "CHILD_OF")?.spanID;
}
