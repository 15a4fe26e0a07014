/**
 * Logging: one pino root per process, created at start-up; each component gets a child logger
 * bound to `component`. Request values (tenant, request id) ride in the request context and are
 * bound per request with {@link requestLogger}, never kept in globals; while tracing is on, every
 * line logged on behalf of a traced request carries its `trace_id` and `span_id`, read from the
 * active span (see tracing/spans.ts).
 */
import { type DestinationStream, type Logger, pino } from "pino";
import type { RequestContext } from "./context.ts";
import { traceLogFields } from "./tracing/spans.ts";

export type { Logger };

export interface LoggerOptions {
  level: string;
  /** Where lines go; stdout by default. */
  destination?: DestinationStream;
  /** Fields on every line, e.g. { process: "gateway" }. */
  base?: Record<string, unknown>;
}

/** The process's root logger. Errors are serialized with their cause chain. */
export function createRootLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { pid: process.pid, ...options.base },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { err: pino.stdSerializers.errWithCause },
      formatters: { level: (label) => ({ level: label }) },
      // A line logged while a traced request's span is active names its trace_id and span_id.
      mixin: traceLogFields,
    },
    options.destination,
  );
}

/** A logger bound to one request's tenant and request id. */
export function requestLogger(logger: Logger, ctx: RequestContext): Logger {
  return logger.child({ tenant: ctx.tenant, request_id: ctx.requestId });
}
