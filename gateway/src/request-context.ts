/**
 * The request context of a call at the gateway: the principal (set by the authentication
 * interceptor), the deadline (the client's, bounded by configuration) and the trace parent.
 */

import { ANONYMOUS_PRINCIPAL, createRequestContext, type Principal, type RequestContext } from "@arbiter/core";
import { createContextKey, type HandlerContext } from "@connectrpc/connect";

/** Where the authentication interceptor leaves the caller. */
export const principalKey = createContextKey<Principal>(ANONYMOUS_PRINCIPAL, { description: "arbiter principal" });

/**
 * The caller's address, taken from the connection by the HTTP handler (never from a header the
 * client could write); "" when unknown.
 */
export const peerKey = createContextKey<string>("", { description: "arbiter peer address" });

/** "host:port" of a socket's remote end ("[::1]:51234" for IPv6); "" once it is gone. */
export function peerAddress(socket: { remoteAddress?: string | undefined; remotePort?: number | undefined }): string {
  const host = socket.remoteAddress;
  if (!host) return "";
  const shown = host.includes(":") ? `[${host}]` : host;
  return socket.remotePort === undefined ? shown : `${shown}:${socket.remotePort}`;
}

/**
 * Read access to a call's request headers (names case-insensitive). `Headers` has it; the gRPC fast
 * path passes a view over the HTTP/2 header object instead of copying every header into one.
 */
export interface RequestHeaders {
  get(name: string): string | null;
}

/** Deadline bounds, from `gateway.defaultTimeoutMs` and `gateway.maxTimeoutMs`. */
export interface DeadlinePolicy {
  defaultTimeoutMs: number;
  maxTimeoutMs: number;
}

/** Builds the context that travels with a call to the schedulers. */
export function requestContextOf(ctx: HandlerContext, policy: DeadlinePolicy): RequestContext {
  const asked = ctx.timeoutMs();
  const timeout = Math.min(asked ?? policy.defaultTimeoutMs, policy.maxTimeoutMs);
  const traceparent = ctx.requestHeader.get("traceparent") ?? undefined;
  const requestId = ctx.requestHeader.get("x-request-id") ?? undefined;
  return createRequestContext(
    ctx.values.get(principalKey),
    Date.now() + timeout,
    traceparent,
    requestId,
    ctx.values.get(peerKey),
  );
}
