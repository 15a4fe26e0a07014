/**
 * The Open Inference Protocol's REST front end (KServe "V2" / Triton HTTP), served on the gateway's
 * one port next to gRPC and Connect:
 *
 * - `GET /v2/health/live` -> 200 `{"live": true}`; `GET /v2/health/ready` -> 200 `{"ready": true}` or
 *   503 `{"ready": false}`.
 * - `GET /v2` -> server metadata; `GET /v2/models/{m}[/versions/{v}]` -> model metadata.
 * - `GET /v2/models/{m}[/versions/{v}]/ready` -> 200 `{"name", "ready": true}`, or 400 with
 *   `"ready": false` when the model exists but cannot serve: the status Triton answers (its clients
 *   read only the status; any non-200 means not ready). An unknown model is 404.
 * - `POST /v2/models/{m}[/versions/{v}]/infer` -> JSON tensors and Triton's binary tensor data
 *   extension (see rest-json.ts).
 * - Triton's extensions (JSON in Triton's shapes, see rest-extensions.ts):
 *   `GET /v2/models/{m}[/versions/{v}]/config` -> the model configuration;
 *   `GET /v2/models/stats` and `GET /v2/models/{m}[/versions/{v}]/stats` -> `{"model_stats": [...]}`;
 *   `POST /v2/repository/index` (body `{"ready": bool}`, optional) -> `[{name, version, state, reason}]`;
 *   `POST /v2/repository/models/{m}/load` (body `{"parameters": {"config": "<json>",
 *   "file:<version>/model.onnx": "<base64>"}}`, optional) and `.../unload` -> 200 with no body.
 *
 * Errors are `{"error": "<message>"}` with the HTTP status of their gRPC code (see
 * {@link httpStatusOf}). Other paths are left to the routes after this one.
 */
import {
  ArbiterError,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_URL_PATH,
  CancelledError,
  Code,
  componentLogger,
  DeadlineExceededError,
  endSpan,
  extractFromRecord,
  InvalidArgumentError,
  type Logger,
  type Principal,
  SpanKind,
  startSpan,
  traceIdOfSpan,
  tracingActive,
  withSpan,
} from "@arbiter/core";
import { ConnectError } from "@connectrpc/connect";
import type { HttpRoute } from "../http-handler.ts";
import { TRACE_ID_HEADER } from "../interceptors/tracing.ts";
import { RETRY_AFTER_HEADER, retryAfterSeconds } from "../limits/retry-after.ts";
import type { TenantLimiter } from "../limits/tenant-limiter.ts";
import { peerAddress, type RequestHeaders } from "../request-context.ts";
import type { OipBackend, OipCallContext } from "./oip-backend.ts";
import { type BodySource, HttpStatusError, INFERENCE_HEADER, readBody, splitBody } from "./rest-body.ts";
import {
  modelConfigToJson,
  modelStatisticsToJson,
  repositoryIndexReady,
  repositoryIndexToJson,
  repositoryParameters,
} from "./rest-extensions.ts";
import {
  modelMetadataToJson,
  parseInferRequest,
  parseJsonBody,
  renderInferResponse,
  serverMetadataToJson,
} from "./rest-json.ts";

export interface OipRestOptions {
  /** Largest request body accepted (after decompression); larger ones are answered 413. */
  maxBodyBytes: number;
  /** Time budget of a call whose request sets no `timeout` parameter. */
  defaultTimeoutMs: number;
  /** Upper bound of any call's time budget. */
  maxTimeoutMs: number;
  logger: Logger;
  /**
   * Resolves the caller as the gRPC method the route stands for
   * (`inference.GRPCInferenceService/ModelInfer`, ...). Without it the backend resolves it.
   */
  authenticate?: (headers: RequestHeaders, procedure: string, peer?: string) => Promise<Principal>;
  /** The per-tenant limits, applied to every route but health and server metadata (needs `authenticate`). */
  limiter?: TenantLimiter;
}

/** The parts of Node's http and http2 responses this route writes through. */
interface ResponseLike {
  writeHead(status: number, headers: Record<string, string | number>): unknown;
  write(chunk: Uint8Array): boolean;
  end(chunk?: string | Uint8Array): unknown;
  once(event: "close" | "finish", listener: () => void): unknown;
  readonly headersSent: boolean;
  readonly writableEnded: boolean;
  readonly writableFinished: boolean;
  readonly destroyed: boolean;
}

interface RequestLike extends BodySource {
  method?: string | undefined;
  url?: string | undefined;
  httpVersionMajor: number;
  /** The connection, for the caller's address (audit records). */
  socket?: { remoteAddress?: string | undefined; remotePort?: number | undefined };
}

const MODEL_PATH = /^\/v2\/models\/([^/]+)(?:\/versions\/([^/]+))?(?:\/(ready|infer|stats|config))?$/;
const REPOSITORY_MODEL_PATH = /^\/v2\/repository\/models\/([^/]+)\/(load|unload)$/;
const ALL_STATS_PATH = "/v2/models/stats";
const REPOSITORY_INDEX_PATH = "/v2/repository/index";
/** The gRPC method of each GET action on a model (`""`: the model's metadata). */
const MODEL_GET_METHODS: Record<string, string> = {
  "": "ModelMetadata",
  ready: "ModelReady",
  stats: "ModelStatistics",
  config: "ModelConfig",
};

/** HTTP status for a gRPC code. */
export function httpStatusOf(code: Code): number {
  switch (code) {
    case Code.InvalidArgument:
    case Code.FailedPrecondition:
    case Code.OutOfRange:
      return 400;
    case Code.Unauthenticated:
      return 401;
    case Code.PermissionDenied:
      return 403;
    case Code.NotFound:
      return 404;
    case Code.AlreadyExists:
    case Code.Aborted:
      return 409;
    case Code.ResourceExhausted:
      return 429;
    case Code.Canceled:
      return 499; // the client has gone; nobody reads this
    case Code.Unimplemented:
      return 501;
    case Code.Unavailable:
      return 503;
    case Code.DeadlineExceeded:
      return 504;
    default:
      return 500;
  }
}

function decodeSegment(segment: string, what: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new InvalidArgumentError(`${what} in the path`, "a valid percent-encoded name", JSON.stringify(segment));
  }
}

function requestHeaders(req: RequestLike): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (key.startsWith(":") || value === undefined) continue;
    try {
      if (Array.isArray(value)) for (const v of value) headers.append(key, v);
      else headers.set(key, value);
    } catch {
      // a value the Fetch API refuses; nothing downstream could use it either
    }
  }
  return headers;
}

/**
 * Creates the REST route for the Open Inference Protocol. It claims `/v2`, `/v2/health/*`,
 * `/v2/models/{m}[/versions/{v}][/ready|/infer|/stats|/config]`, `/v2/models/stats` and
 * `/v2/repository/{index,models/{m}/load,models/{m}/unload}`, and returns false for everything else.
 */
export function createOipRestRoute(backend: OipBackend, options: OipRestOptions): HttpRoute {
  const logger = componentLogger(options.logger, "oip-rest");

  const send = (res: ResponseLike, status: number, body: string, headers: Record<string, string> = {}) => {
    if (res.headersSent || res.destroyed) return;
    const bytes = Buffer.from(body);
    res.writeHead(status, { "content-type": "application/json", "content-length": bytes.byteLength, ...headers });
    res.end(bytes);
  };

  const sendError = (req: RequestLike, res: ResponseLike, err: unknown, path: string) => {
    let status = 500;
    let message = "internal error";
    let headers: Record<string, string> = {};
    if (err instanceof ArbiterError || err instanceof ConnectError) {
      status = err instanceof HttpStatusError ? err.status : httpStatusOf(err.code);
      message = err instanceof ConnectError ? err.rawMessage : err.message;
      if (err instanceof HttpStatusError) headers = { ...err.headers };
      const retryAfter = retryAfterSeconds(err);
      if (retryAfter !== undefined) headers[RETRY_AFTER_HEADER] = String(retryAfter);
      if (status === 500) logger.error({ err, path, method: req.method }, "OIP REST call failed");
      else logger.debug({ path, method: req.method, code: Code[err.code], msg: message }, "OIP REST call failed");
    } else {
      logger.error({ err, path, method: req.method }, "OIP REST call failed unexpectedly");
    }
    // The body may not have been read (413, 415): close the connection rather than read it.
    if ((status === 413 || status === 415) && req.httpVersionMajor === 1) headers.connection = "close";
    send(res, status, JSON.stringify({ error: message }), headers);
  };

  /** A call context whose deadline is `timeoutMs` from now (capped) and whose signal follows the client. */
  const callContext = (req: RequestLike, res: ResponseLike, timeoutMs: number, principal?: Principal) => {
    const budget = Math.min(timeoutMs, options.maxTimeoutMs);
    const controller = new AbortController();
    const onClose = () => {
      if (!res.writableFinished) controller.abort(new CancelledError("the client closed the connection"));
    };
    res.once("close", onClose);
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const err = new DeadlineExceededError(`deadline of ${budget} ms exceeded`);
        controller.abort(err);
        reject(err);
      }, budget);
    });
    expired.catch(() => {}); // observed through `within`
    const ctx: OipCallContext = {
      headers: requestHeaders(req),
      deadline: Date.now() + budget,
      signal: controller.signal,
      ...(principal ? { principal } : {}),
      ...(req.socket ? { peer: peerAddress(req.socket) } : {}),
    };
    return {
      ctx,
      /** Settles with the work, or DEADLINE_EXCEEDED at the deadline, whichever comes first. */
      within: <T>(work: Promise<T>): Promise<T> => Promise.race([work, expired]).finally(() => clearTimeout(timer)),
    };
  };

  /**
   * Authenticates the caller and admits the call by its tenant's limits (RESOURCE_EXHAUSTED: 429
   * with Retry-After) before its body is read; the slot is held until the response is written
   * ("finish", before the client can have it and call again) or the client is gone ("close").
   * Undefined without `authenticate`: the backend authenticates then.
   */
  const admit = async (req: RequestLike, res: ResponseLike, method: string): Promise<Principal | undefined> => {
    if (!options.authenticate) return undefined;
    const principal = await options.authenticate(
      requestHeaders(req),
      `inference.GRPCInferenceService/${method}`,
      req.socket ? peerAddress(req.socket) : undefined,
    );
    let release: (() => void) | undefined;
    try {
      release = options.limiter?.admit(principal.tenant);
    } catch (err) {
      const until = Date.now() + Math.min(options.defaultTimeoutMs, options.maxTimeoutMs);
      await options.limiter?.holdRefusal(principal.tenant, err, until);
      throw err;
    }
    if (release) {
      res.once("finish", release);
      res.once("close", release);
    }
    return principal;
  };

  const methodNotAllowed = (allowed: string) =>
    new HttpStatusError(405, Code.Unimplemented, `method not allowed: expected ${allowed}`, { allow: allowed });

  /** The request's JSON body, or undefined when it is empty (Triton's clients send none for some calls). */
  const optionalJsonBody = async (req: RequestLike): Promise<unknown> => {
    const text = (await readBody(req, options.maxBodyBytes)).toString("utf8");
    return text.trim() === "" ? undefined : parseJsonBody(text, "request body");
  };

  const handle = async (req: RequestLike, res: ResponseLike, path: string): Promise<void> => {
    const method = req.method ?? "GET";
    if (path === "/v2/health/live" || path === "/v2/health/ready") {
      if (method !== "GET") throw methodNotAllowed("GET");
      if (path.endsWith("live")) {
        const live = backend.serverLive();
        send(res, live ? 200 : 503, JSON.stringify({ live }));
      } else {
        const ready = backend.serverReady();
        send(res, ready ? 200 : 503, JSON.stringify({ ready }));
      }
      return;
    }
    if (path === "/v2") {
      if (method !== "GET") throw methodNotAllowed("GET");
      send(res, 200, serverMetadataToJson(backend.serverMetadata()));
      return;
    }
    if (path === REPOSITORY_INDEX_PATH) {
      if (method !== "POST") throw methodNotAllowed("POST");
      const principal = await admit(req, res, "RepositoryIndex");
      const ready = repositoryIndexReady(await optionalJsonBody(req));
      const { ctx, within } = callContext(req, res, options.defaultTimeoutMs, principal);
      send(res, 200, repositoryIndexToJson(await within(backend.repositoryIndex(ready, ctx))));
      return;
    }
    const repository = REPOSITORY_MODEL_PATH.exec(path);
    if (repository) {
      if (method !== "POST") throw methodNotAllowed("POST");
      const model = decodeSegment(repository[1] as string, "model name");
      const principal = await admit(
        req,
        res,
        repository[2] === "load" ? "RepositoryModelLoad" : "RepositoryModelUnload",
      );
      const parameters = repositoryParameters(await optionalJsonBody(req));
      const { ctx, within } = callContext(req, res, options.defaultTimeoutMs, principal);
      if (repository[2] === "load") await within(backend.repositoryLoad(model, parameters, ctx));
      else await within(backend.repositoryUnload(model, ctx));
      send(res, 200, "");
      return;
    }
    if (path === ALL_STATS_PATH) {
      if (method !== "GET") throw methodNotAllowed("GET");
      const principal = await admit(req, res, "ModelStatistics");
      const { ctx, within } = callContext(req, res, options.defaultTimeoutMs, principal);
      send(res, 200, modelStatisticsToJson(await within(backend.modelStatistics("", "", ctx))));
      return;
    }
    const match = MODEL_PATH.exec(path) as RegExpExecArray;
    const name = decodeSegment(match[1] as string, "model name");
    const version = match[2] === undefined ? "" : decodeSegment(match[2], "model version");
    const action = match[3];

    if (action === "infer") {
      if (method !== "POST") throw methodNotAllowed("POST");
      const principal = await admit(req, res, "ModelInfer");
      const body = await readBody(req, options.maxBodyBytes);
      const { json, binary } = splitBody(body, req.headers[INFERENCE_HEADER]);
      const parsed = parseInferRequest(name, version, parseJsonBody(json, "request body"), binary);
      const timeoutMs = parsed.timeoutMicros ? Math.ceil(parsed.timeoutMicros / 1000) : options.defaultTimeoutMs;
      const { ctx, within } = callContext(req, res, timeoutMs, principal);
      const response = await within(backend.modelInfer(parsed.request, ctx));
      if (response.id === "" && parsed.request.id !== "") response.id = parsed.request.id;
      const rendered = renderInferResponse(response, parsed.binaryOutput);
      if (rendered.binary.length === 0) {
        send(res, 200, rendered.json);
        return;
      }
      if (res.headersSent || res.destroyed) return;
      const header = Buffer.from(rendered.json);
      const total = rendered.binary.reduce((n, b) => n + b.byteLength, header.byteLength);
      res.writeHead(200, {
        "content-type": "application/octet-stream",
        "content-length": total,
        [INFERENCE_HEADER]: header.byteLength,
      });
      res.write(header);
      for (const part of rendered.binary) if (part.byteLength > 0) res.write(part);
      res.end();
      return;
    }

    if (method !== "GET") throw methodNotAllowed("GET");
    const principal = await admit(req, res, MODEL_GET_METHODS[action ?? ""] ?? "ModelMetadata");
    const { ctx, within } = callContext(req, res, options.defaultTimeoutMs, principal);
    if (action === "ready") {
      const ready = await within(backend.modelReady(name, version, ctx));
      send(res, ready ? 200 : 400, JSON.stringify({ name, ready }));
      return;
    }
    if (action === "stats") {
      send(res, 200, modelStatisticsToJson(await within(backend.modelStatistics(name, version, ctx))));
      return;
    }
    if (action === "config") {
      send(res, 200, modelConfigToJson(await within(backend.modelConfig(name, version, ctx))));
      return;
    }
    send(res, 200, modelMetadataToJson(await within(backend.modelMetadata(name, version, ctx))));
  };

  return (rawReq, rawRes) => {
    const path = (rawReq.url ?? "").split("?", 1)[0] ?? "";
    if (!path.startsWith("/v2")) return false;
    // `/v2/models/stats` is Triton's statistics extension, not a model called "stats" (as in Triton).
    const claimed =
      path === "/v2" ||
      path === "/v2/health/live" ||
      path === "/v2/health/ready" ||
      path === ALL_STATS_PATH ||
      path === REPOSITORY_INDEX_PATH ||
      REPOSITORY_MODEL_PATH.test(path) ||
      MODEL_PATH.test(path);
    if (!claimed) return false;
    const req = rawReq as unknown as RequestLike;
    const res = rawRes as unknown as ResponseLike;
    const served = () =>
      handle(req, res, path).catch((err: unknown) => {
        try {
          sendError(req, res, err, path);
        } catch (sendErr) {
          logger.debug({ err: sendErr, path }, "error response not delivered");
        }
      });
    if (!tracingActive()) {
      void served();
      return true;
    }
    // The HTTP server span of the call (name: method and route template), parent of its bus calls.
    const route = path
      .replace(/^\/v2\/models\/[^/]+/, "/v2/models/{name}")
      .replace(/\/versions\/[^/]+/, "/versions/{version}");
    const method = rawReq.method ?? "GET";
    const span = startSpan(
      `${method} ${route}`,
      SpanKind.SERVER,
      { [ATTR_HTTP_REQUEST_METHOD]: method, [ATTR_HTTP_ROUTE]: route, [ATTR_URL_PATH]: path },
      extractFromRecord(rawReq.headers),
    );
    rawRes.setHeader(TRACE_ID_HEADER, traceIdOfSpan(span));
    void withSpan(span, served).finally(() => {
      span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, rawRes.statusCode);
      endSpan(span, rawRes.statusCode >= 500 ? new Error(`HTTP ${rawRes.statusCode}`) : undefined);
    });
    return true;
  };
}
