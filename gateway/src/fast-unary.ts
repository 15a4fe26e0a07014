/**
 * The inference hot path: unary gRPC calls of the two Infer RPCs, served straight on the HTTP/2
 * stream. Connect's general machinery (async-iterable pipelines, per-call abort controllers and
 * context objects) costs several times the inference itself on a small model; these calls need
 * none of it. The semantics are the same as through Connect — the authenticator, the protovalidate
 * rules, the deadline policy, the in-flight count for graceful shutdown, and {@link toConnectError}
 * for the status, and while tracing is on the same server span and `x-trace-id` header as
 * interceptors/tracing.ts — and anything this path does not handle (compressed messages, gRPC-Web,
 * Connect, HTTP/1.1) goes to Connect as before.
 */
import type http2 from "node:http2";
import {
  createRequestContext,
  decodeRequest,
  endRpcSpan,
  extractFromRecord,
  InvalidArgumentError,
  type Logger,
  type Principal,
  type RequestContext,
  ResourceExhaustedError,
  SpanKind,
  startSpan,
  tracingActive,
  withSpan,
} from "@arbiter/core";
import { type DescMessage, type MessageShape, toBinary } from "@bufbuild/protobuf";
import { toConnectError } from "./connect-errors.ts";
import { encodeGrpcMessage } from "./grpc-message.ts";
import type { Authenticator } from "./interceptors/auth.ts";
import type { InFlightTracker } from "./interceptors/in-flight.ts";
import { OK, type RpcMetrics } from "./interceptors/rpc-metrics.ts";
import { rpcAttributes, TRACE_ID_HEADER } from "./interceptors/tracing.ts";
import type { MessageCheck } from "./interceptors/validation.ts";
import { RETRY_AFTER_HEADER } from "./limits/retry-after.ts";
import type { Release, TenantLimiter } from "./limits/tenant-limiter.ts";
import { type DeadlinePolicy, peerAddress, type RequestHeaders } from "./request-context.ts";

/** What a fast unary handler gets besides its request. */
export interface FastCallContext {
  headers: RequestHeaders;
  principal: Principal;
  /** Absolute deadline, epoch milliseconds. */
  deadline: number;
  /**
   * Not set on this path: a client that goes away leaves its request to finish within its deadline
   * (an AbortController per call costs more than the work it could save on a small model).
   */
  signal?: AbortSignal;
  /** The request message as the client encoded it (to forward without encoding it again). */
  encoded: Uint8Array;
  /** The caller's address, from the connection ("" when unknown). */
  peer?: string;
}

/** The context that travels with a fast-path call to the schedulers. */
export function fastRequestContext(ctx: FastCallContext): RequestContext {
  return createRequestContext(
    ctx.principal,
    ctx.deadline,
    ctx.headers.get("traceparent") ?? undefined,
    ctx.headers.get("x-request-id") ?? undefined,
    ctx.peer,
  );
}

/** One unary method served on the fast path. */
export interface FastUnaryMethod<I extends DescMessage = DescMessage, O extends DescMessage = DescMessage> {
  /** `/<package>.<Service>/<Method>` */
  path: string;
  input: I;
  output: O;
  /** Resolves with the response, or with the response already encoded. */
  handle(request: MessageShape<I>, ctx: FastCallContext): Promise<MessageShape<O> | Uint8Array>;
}

/** Declares a fast-path method with its request and response types checked. */
export function fastUnary<I extends DescMessage, O extends DescMessage>(
  path: string,
  input: I,
  output: O,
  handle: (request: MessageShape<I>, ctx: FastCallContext) => Promise<MessageShape<O> | Uint8Array>,
): FastUnaryMethod {
  return { path, input, output, handle } as unknown as FastUnaryMethod;
}

export interface FastUnaryOptions {
  methods: FastUnaryMethod[];
  authenticator: Authenticator;
  check: MessageCheck;
  policy: DeadlinePolicy;
  inFlight: InFlightTracker;
  maxMessageBytes: number;
  logger: Logger;
  /** Counts and times each call, as the Connect path's interceptor does. */
  metrics?: RpcMetrics;
  /** The per-tenant limits, applied as limits/limit-interceptor.ts does on the Connect path. */
  limiter?: TenantLimiter;
}

const GRPC_TIMEOUT_UNITS: Record<string, number> = { H: 3_600_000, M: 60_000, S: 1000, m: 1, u: 0.001, n: 0.000001 };

/** Milliseconds of a `grpc-timeout` header ("100m", "5S", ...), or undefined. */
export function parseGrpcTimeout(value: string | undefined): number | undefined {
  const match = value ? /^(\d{1,8})([HMSmun])$/.exec(value) : null;
  if (!match) return undefined;
  return Number(match[1]) * (GRPC_TIMEOUT_UNITS[match[2] as string] as number);
}

/** Request headers read in place (HTTP/2 delivers names in lower case). */
function headersView(raw: http2.IncomingHttpHeaders): RequestHeaders {
  return {
    get(name: string): string | null {
      const key = name.toLowerCase();
      if (key.startsWith(":")) return null;
      const value = raw[key];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

/**
 * The request body, rejecting with RESOURCE_EXHAUSTED past `limit` bytes (the rest is read and
 * dropped). Plain listeners rather than `for await`: an async iterator per request is measurable
 * on this path; and inline ones, as a named function per request costs a property definition
 * under the TypeScript loader's keep-names transform.
 */
function readBody(req: http2.Http2ServerRequest, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      if (size > limit) return;
      size += chunk.byteLength;
      if (size > limit) {
        chunks.length = 0;
        reject(new ResourceExhaustedError("gateway.maxMessageBytes", `message larger than ${limit - 5} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.once("end", () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size)));
    req.once("error", reject);
  });
}

/**
 * Returns a route that serves `methods` when a request is plain unary gRPC over HTTP/2, and
 * returns false (leaving it to Connect) otherwise.
 */
export function createFastUnaryRoute(options: FastUnaryOptions) {
  const byPath = new Map(options.methods.map((m) => [m.path, m]));
  const { logger, metrics } = options;
  // Decided once: with tracing off, calls take the untraced branch below and build no span.
  const tracing = tracingActive();
  const spanAttributes = new Map(
    options.methods.map((m) => {
      const [service = "", name = ""] = m.path.slice(1).split("/");
      return [m.path, rpcAttributes("grpc", service, name)];
    }),
  );

  /** Ends the call with the error's status; returns the status code. */
  const fail = (res: http2.Http2ServerResponse, err: unknown, path: string): number => {
    const error = toConnectError(err, logger, path.slice(1));
    if (res.writableEnded) return error.code;
    if (!res.headersSent) res.writeHead(200, { "content-type": "application/grpc" });
    const retryAfter = error.metadata.get(RETRY_AFTER_HEADER);
    res.addTrailers({
      "grpc-status": String(error.code),
      "grpc-message": encodeGrpcMessage(error.rawMessage),
      ...(retryAfter === null ? {} : { [RETRY_AFTER_HEADER]: retryAfter }),
    });
    res.end();
    return error.code;
  };

  const serve = async (method: FastUnaryMethod, req: http2.Http2ServerRequest, res: http2.Http2ServerResponse) => {
    // Credentials first: a caller without them costs no body read and no decode.
    const headers = headersView(req.headers);
    const peer = peerAddress(req.socket);
    const principal = await options.authenticator.authenticate(headers, method.path.slice(1), peer);
    const body = await readBody(req, options.maxMessageBytes + 5);
    if (body.byteLength < 5)
      throw new InvalidArgumentError("request body", "a gRPC message frame", `${body.byteLength} bytes`);
    const length = body.readUInt32BE(1);
    if (body[0] !== 0 || body.byteLength !== 5 + length) {
      throw new InvalidArgumentError("request body", "one uncompressed gRPC message frame", `${body.byteLength} bytes`);
    }
    const encoded = body.subarray(5);
    const request = decodeRequest(method.input, encoded);
    // The tenant's concurrency slot is held until the reply is written ("finish": before the client
    // can have it and call again) or the client resets the stream ("close"; the handler may still
    // run then, as this path does not follow the client).
    let release: Release | undefined;
    try {
      release = options.limiter?.admit(principal.tenant);
    } catch (err) {
      const asked = parseGrpcTimeout(req.headers["grpc-timeout"] as string | undefined);
      const until = Date.now() + Math.min(asked ?? options.policy.defaultTimeoutMs, options.policy.maxTimeoutMs);
      await options.limiter?.holdRefusal(principal.tenant, err, until);
      throw err;
    }
    if (release) res.once("finish", release).once("close", release);
    options.check(method.input, request);
    const asked = parseGrpcTimeout(req.headers["grpc-timeout"] as string | undefined);
    const deadline = Date.now() + Math.min(asked ?? options.policy.defaultTimeoutMs, options.policy.maxTimeoutMs);
    const response = await method.handle(request, { headers, principal, deadline, encoded, peer });
    const message = response instanceof Uint8Array ? response : toBinary(method.output, response);
    const frame = Buffer.allocUnsafe(5 + message.byteLength);
    frame[0] = 0;
    frame.writeUInt32BE(message.byteLength, 1);
    frame.set(message, 5);
    res.writeHead(200, { "content-type": "application/grpc" });
    res.write(frame);
    res.addTrailers({ "grpc-status": "0" });
    res.end();
  };

  return (req: http2.Http2ServerRequest, res: http2.Http2ServerResponse): boolean => {
    if (req.httpVersionMajor !== 2 || req.method !== "POST") return false;
    const method = byPath.get(req.url);
    if (!method) return false;
    const type = req.headers["content-type"];
    if (type !== "application/grpc" && type !== "application/grpc+proto") return false;
    const encoding = req.headers["grpc-encoding"];
    if (encoding !== undefined && encoding !== "identity") return false;
    const started = process.hrtime.bigint();
    const procedure = method.path.slice(1);
    if (tracing) {
      tracedServe(method, procedure, started, req, res);
      return true;
    }
    void options.inFlight.track(
      serve(method, req, res).then(
        () => metrics?.observe(procedure, OK, started),
        (err: unknown) => metrics?.observe(procedure, fail(res, err, method.path), started),
      ),
    );
    return true;
  };

  /** The call in a server span, active while it runs and while its failure is logged. */
  function tracedServe(
    method: FastUnaryMethod,
    procedure: string,
    started: bigint,
    req: http2.Http2ServerRequest,
    res: http2.Http2ServerResponse,
  ): void {
    const parent = extractFromRecord(req.headers);
    const span = startSpan(procedure, SpanKind.SERVER, spanAttributes.get(method.path) ?? {}, parent);
    res.setHeader(TRACE_ID_HEADER, span.spanContext().traceId);
    void options.inFlight.track(
      withSpan(
        span,
        () =>
          serve(method, req, res).then(
            () => {
              metrics?.observe(procedure, OK, started);
              endRpcSpan(span, SpanKind.SERVER, OK);
            },
            (err: unknown) => {
              const code = fail(res, err, method.path);
              metrics?.observe(procedure, code, started);
              endRpcSpan(span, SpanKind.SERVER, code, err);
            },
          ),
        parent,
      ),
    );
  }
}
