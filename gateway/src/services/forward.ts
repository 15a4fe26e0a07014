/**
 * arbiter.v1 over the bus: every unary method is forwarded as-is (protobuf bytes, no re-encoding
 * beyond Connect's own decode) to the scheduler queue group, with the request context in headers.
 * Streaming methods need a handler of their own (see register-model.ts); until they have one,
 * they answer UNIMPLEMENTED.
 */

import {
  ArbiterError,
  type Bus,
  type BusHeaders,
  Code,
  callRpc,
  NoRespondersError,
  type RequestContext,
  remainingMs,
  rpcSubject,
} from "@arbiter/core";
import { type DescMethod, type DescService, fromBinary, toBinary } from "@bufbuild/protobuf";
import { MethodOptions_IdempotencyLevel } from "@bufbuild/protobuf/wkt";
import type { HandlerContext, ServiceImpl } from "@connectrpc/connect";
import { type DeadlinePolicy, requestContextOf } from "../request-context.ts";

const FIRST_BACKOFF_MS = 25;
const MAX_BACKOFF_MS = 500;

/**
 * Sends a request to the schedulers, retrying while that is safe and time remains: a request
 * nobody received (no responders) is always retried; one that may have run (timed out, connection
 * lost) only when the method has no side effects. Each attempt of such a method gets a
 * third of the time left, so a scheduler dying mid-request leaves time to try another.
 */
export async function sendWithRetry(
  bus: Bus,
  subject: string,
  data: Uint8Array,
  ctx: RequestContext,
  idempotent: boolean,
  signal?: AbortSignal,
  headers?: BusHeaders,
): Promise<Uint8Array> {
  let backoff = FIRST_BACKOFF_MS;
  for (;;) {
    const left = remainingMs(ctx);
    try {
      return await callRpc(bus, subject, data, ctx, {
        ...(signal ? { signal } : {}),
        ...(headers ? { headers } : {}),
        ...(idempotent ? { timeoutMs: Math.max(250, left / 3) } : {}),
      });
    } catch (err) {
      const retryable =
        err instanceof ArbiterError &&
        ((err.code === Code.Unavailable && (idempotent || err instanceof NoRespondersError)) ||
          (err.code === Code.DeadlineExceeded && idempotent && remainingMs(ctx) > 0));
      if (!retryable || remainingMs(ctx) <= backoff || signal?.aborted) throw err;
    }
    await new Promise((resolve) => setTimeout(resolve, backoff));
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
  }
}

/** The implementation of `service` that forwards each unary method to the schedulers. */
export function forwardingService<S extends DescService>(
  service: S,
  bus: Bus,
  policy: DeadlinePolicy,
  overrides: Partial<ServiceImpl<S>> = {},
): Partial<ServiceImpl<S>> {
  const impl: Record<string, unknown> = {};
  for (const method of service.methods as DescMethod[]) {
    if (method.methodKind !== "unary") continue;
    const subject = rpcSubject(service.typeName, method.name);
    const idempotent = method.idempotency === MethodOptions_IdempotencyLevel.NO_SIDE_EFFECTS;
    impl[method.localName] = async (req: never, hctx: HandlerContext) => {
      const ctx = requestContextOf(hctx, policy);
      const reply = await sendWithRetry(bus, subject, toBinary(method.input, req), ctx, idempotent, hctx.signal);
      return fromBinary(method.output, reply);
    };
  }
  return { ...(impl as Partial<ServiceImpl<S>>), ...overrides };
}
