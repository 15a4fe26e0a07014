/**
 * Tracing of the calls Connect serves: one server span per call (`rpc.system`, `rpc.service`,
 * `rpc.method`, `rpc.grpc.status_code`), a child of the client's span when the call carries a W3C
 * `traceparent`, active while the call runs so the bus publish, the log lines and everything else
 * done for the call belong to its trace. The call's trace id goes back to the client in the
 * `x-trace-id` response header (in the error's metadata when it fails), so a client can find its
 * trace in Jaeger, and its log lines, without tracing of its own.
 *
 * Installed only while tracing is on (see gateway.ts): off, calls pay nothing for it.
 */
import {
  ATTR_RPC_METHOD,
  ATTR_RPC_SERVICE,
  ATTR_RPC_SYSTEM,
  endRpcSpan,
  extractFromHeaders,
  type Span,
  SpanKind,
  startSpan,
  withSpan,
} from "@arbiter/core";
import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import { OK } from "./rpc-metrics.ts";

/** Response header naming the trace of a call (32 hex digits). */
export const TRACE_ID_HEADER = "x-trace-id";

/** `grpc` for gRPC and gRPC-Web, `connect_rpc` for the Connect protocol (JSON or binary). */
export function rpcSystemOf(contentType: string | null): string {
  return contentType?.startsWith("application/grpc") ? "grpc" : "connect_rpc";
}

/** Attributes of the server span of a call to `service`/`method`. */
export function rpcAttributes(system: string, service: string, method: string) {
  return { [ATTR_RPC_SYSTEM]: system, [ATTR_RPC_SERVICE]: service, [ATTR_RPC_METHOD]: method };
}

/** The interceptor; outermost, so its status is the one the client gets. */
export function tracingInterceptor(): Interceptor {
  return (next) => async (req) => {
    const parent = extractFromHeaders(req.header);
    const span: Span = startSpan(
      `${req.service.typeName}/${req.method.name}`,
      SpanKind.SERVER,
      rpcAttributes(rpcSystemOf(req.header.get("content-type")), req.service.typeName, req.method.name),
      parent,
    );
    const traceId = span.spanContext().traceId;
    let res: Awaited<ReturnType<typeof next>>;
    try {
      res = await withSpan(span, () => next(req), parent);
    } catch (err) {
      const error = ConnectError.from(err);
      error.metadata.set(TRACE_ID_HEADER, traceId);
      endRpcSpan(span, SpanKind.SERVER, error.code, error);
      throw error;
    }
    res.header.set(TRACE_ID_HEADER, traceId);
    if (!res.stream) {
      endRpcSpan(span, SpanKind.SERVER, OK);
      return res;
    }
    const output = res.message;
    // Each message is produced inside the span, so what a streaming handler does per message is
    // part of the call's trace (an async generator otherwise runs in its consumer's context).
    async function* traced() {
      const iterator = output[Symbol.asyncIterator]();
      let code: number = Code.Canceled;
      let failure: unknown;
      let finished = false;
      try {
        for (;;) {
          const step = await withSpan(span, () => iterator.next(), parent);
          if (step.done) break;
          yield step.value;
        }
        finished = true;
        code = OK;
      } catch (err) {
        finished = true;
        failure = err;
        code = ConnectError.from(err).code;
        throw err;
      } finally {
        // A client that went away ends this generator early: end the inner one too (as yield* would).
        if (!finished) await iterator.return?.();
        endRpcSpan(span, SpanKind.SERVER, code, failure);
      }
    }
    return { ...res, message: traced() };
  };
}
