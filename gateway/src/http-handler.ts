/**
 * The gateway's Node request handler: routes RPC paths to Connect's protocol handlers (gRPC,
 * gRPC-Web, Connect) and everything else to plain HTTP routes (REST, metrics, or 404).
 *
 * One correction is made on the way out: Connect reports a request body that is not valid
 * protobuf (or flagged compressed with no encoding) as INTERNAL, but it is the client's mistake,
 * so Arbiter answers INVALID_ARGUMENT, as it does for every other malformed request, in every
 * protocol (see malformed-request.ts).
 */

import { boundedMessage, type Logger } from "@arbiter/core";
import type { ConnectRouter, ConnectRouterOptions } from "@connectrpc/connect";
import { Code, createConnectRouter, createContextValues } from "@connectrpc/connect";
import { createAsyncIterable, type UniversalServerResponse } from "@connectrpc/connect/protocol";
import { universalRequestFromNodeRequest, universalResponseToNodeResponse } from "@connectrpc/connect-node";
import { encodeGrpcMessage } from "./grpc-message.ts";
import {
  connectGetProblem,
  envelope,
  fixStatusFrames,
  malformedRequestMessage,
  TRAILER_FLAG,
} from "./malformed-request.ts";
import { peerAddress, peerKey } from "./request-context.ts";

type NodeRequest = Parameters<typeof universalRequestFromNodeRequest>[0];
type NodeResponse = Parameters<typeof universalResponseToNodeResponse>[1];

/** A plain HTTP route handler; returns false when it does not handle the request. */
export type HttpRoute = (req: NodeRequest, res: NodeResponse) => boolean;

/**
 * gRPC percent-encodes grpc-message only outside printable ASCII (and "%" itself). Connect encodes
 * with encodeURIComponent, which grpc-js and others then show as "%3A" and "%2C": re-encode the
 * way the gRPC spec says, so every client reads the message as written.
 */
function normalizeGrpcMessage(headers: Headers | undefined): void {
  const encoded = headers?.get("grpc-message");
  if (!headers || encoded === null || encoded === undefined) return;
  try {
    // Bounded: a message quoting a huge field would push the trailers past what clients accept.
    headers.set("grpc-message", encodeGrpcMessage(boundedMessage(decodeURIComponent(encoded))));
  } catch {
    // not percent-encoded text: leave it as it is
  }
}

async function* withTrailerFix(body: AsyncIterable<Uint8Array>, trailer: Headers): AsyncIterable<Uint8Array> {
  yield* body;
  // Connect sets the status trailer when the body ends.
  let message = trailer.get("grpc-message") ?? "";
  try {
    message = decodeURIComponent(message);
  } catch {
    // not percent-encoded
  }
  const fixed = trailer.get("grpc-status") === String(Code.Internal) ? malformedRequestMessage(message) : undefined;
  if (fixed !== undefined) {
    trailer.set("grpc-status", String(Code.InvalidArgument));
    trailer.set("grpc-message", encodeURIComponent(fixed)); // as Connect wrote it; normalized below
  }
  normalizeGrpcMessage(trailer);
}

async function collect(body: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of body) parts.push(part);
  return Buffer.concat(parts);
}

async function fixMalformedBody(res: UniversalServerResponse): Promise<UniversalServerResponse> {
  const body = res.body;
  if (!body) return res;
  if (res.trailer) {
    normalizeGrpcMessage(res.header);
    return { ...res, body: withTrailerFix(body, res.trailer) };
  }
  // gRPC-Web and Connect streaming: the status is a frame at the end of the body.
  const type = res.header?.get("content-type") ?? "";
  if (type.startsWith("application/grpc-web") || type.startsWith("application/connect+")) {
    return { ...res, body: fixStatusFrames(body) };
  }
  // Connect protocol, unary: an error is a small JSON body with HTTP status 500 for INTERNAL.
  if (res.status !== 500) return res;
  const bytes = await collect(body);
  try {
    const error = JSON.parse(new TextDecoder().decode(bytes)) as { code?: string; message?: string };
    const message = error.code === "internal" ? malformedRequestMessage(error.message ?? "") : undefined;
    if (message !== undefined) {
      const fixed = new TextEncoder().encode(JSON.stringify({ ...error, code: "invalid_argument", message }));
      res.header?.set("content-length", String(fixed.byteLength));
      return { ...res, status: 400, body: createAsyncIterable([fixed]) };
    }
  } catch {
    // not a JSON error body
  }
  return { ...res, body: createAsyncIterable([bytes]) };
}

export interface HttpHandlerOptions extends Partial<ConnectRouterOptions> {
  routes: (router: ConnectRouter) => void;
  /** Tried first for every request (the inference fast path); false leaves it to Connect. */
  fastRoute?: HttpRoute;
  /** Tried in order for paths that are not RPCs. */
  httpRoutes: HttpRoute[];
  /** Told about every request a plain HTTP route takes, until its response closes (shutdown waits). */
  track?: (done: Promise<void>) => void;
  logger: Logger;
}

/** Builds the request listener for http and http2 servers. */
export function createHttpHandler(options: HttpHandlerOptions): (req: NodeRequest, res: NodeResponse) => void {
  const { routes, httpRoutes, fastRoute, track, logger, ...routerOptions } = options;
  const router = createConnectRouter(routerOptions);
  routes(router);
  const rpcs = new Map(router.handlers.map((h) => [h.requestPath, h]));
  return (req, res) => {
    if (fastRoute?.(req, res)) return;
    const path = (req.url ?? "").split("?", 1)[0] ?? "";
    const handler = rpcs.get(path);
    if (!handler) {
      for (const route of httpRoutes) {
        if (route(req, res)) {
          track?.(new Promise<void>((resolve) => res.once("close", () => resolve())));
          return;
        }
      }
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: `no route for ${req.method} ${path}` }));
      return;
    }
    const getProblem = req.method === "GET" ? connectGetProblem(req.url ?? "") : undefined;
    if (getProblem !== undefined) {
      // Connect's GET handler would fail decoding it as INTERNAL; the error JSON is Connect's.
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ code: "invalid_argument", message: getProblem }));
      return;
    }
    // The caller's address comes from the connection, where a client cannot forge it.
    const values = createContextValues().set(peerKey, peerAddress(req.socket));
    handler(universalRequestFromNodeRequest(req, res, undefined, values))
      .then(async (uRes) => universalResponseToNodeResponse(await fixMalformedBody(uRes), res))
      .catch((err: unknown) => {
        if ((err as { code?: unknown }).code === Code.Aborted) return;
        if (res.headersSent || res.writableEnded) {
          logger.debug({ err, path }, "response not delivered");
          return;
        }
        answerFailedCall(req, res, err, logger, path);
      });
  };
}

/**
 * What a client whose call failed before Connect produced a response gets, in its protocol,
 * instead of waiting for one that never comes. The one known cause: a JSON message that does not
 * parse, whose error quotes the text cut inside a surrogate pair, which Connect then fails to
 * percent-encode for grpc-message (a URIError): the client's mistake. Anything else is a bug.
 */
function answerFailedCall(req: NodeRequest, res: NodeResponse, err: unknown, logger: Logger, path: string): void {
  const malformed = err instanceof URIError;
  const code = malformed ? Code.InvalidArgument : Code.Internal;
  const message = malformed
    ? "request: expected a message that decodes, got one whose decoding error quotes text that is not valid Unicode"
    : "internal error";
  if (malformed) logger.debug({ err, path }, "call failed: undecodable message");
  else logger.error({ err, path }, "call failed before a response");
  const type = String(req.headers["content-type"] ?? "");
  if (type.startsWith("application/grpc-web")) {
    const trailer = Buffer.from(`grpc-status:${code}\r\ngrpc-message:${encodeGrpcMessage(message)}\r\n`, "latin1");
    res.writeHead(200, { "content-type": type });
    res.end(envelope(TRAILER_FLAG, trailer));
  } else if (type.startsWith("application/grpc")) {
    // Trailers-Only: the status in the only header block.
    res.writeHead(200, {
      "content-type": type,
      "grpc-status": String(code),
      "grpc-message": encodeGrpcMessage(message),
    });
    res.end();
  } else {
    res.writeHead(malformed ? 400 : 500, { "content-type": "application/json" });
    res.end(JSON.stringify({ code: malformed ? "invalid_argument" : "internal", message }));
  }
}
