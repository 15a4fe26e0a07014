/**
 * The tenant limits on the Connect path (gRPC, gRPC-Web, Connect), right after authentication: a
 * call is admitted when it starts and holds its concurrency slot until it ends — for a stream,
 * until its last message is sent, it fails, or the client cancels it.
 */
import type { Interceptor } from "@connectrpc/connect";
import { parseGrpcTimeout } from "../fast-unary.ts";
import { onCallEnd } from "../interceptors/call-end.ts";
import { type DeadlinePolicy, principalKey } from "../request-context.ts";
import type { Release, TenantLimiter } from "./tenant-limiter.ts";

/**
 * Never limited: health and reflection (probes and tooling must get through whatever a tenant
 * does), the Open Inference Protocol's own liveness and readiness RPCs, and login and refresh,
 * whose caller has no tenant yet (anything they were counted against would be shared by everyone).
 */
const EXEMPT_SERVICES: ReadonlySet<string> = new Set([
  "grpc.health.v1.Health",
  "grpc.reflection.v1.ServerReflection",
  "grpc.reflection.v1alpha.ServerReflection",
]);
const EXEMPT_PROCEDURES: ReadonlySet<string> = new Set([
  "inference.GRPCInferenceService/ServerLive",
  "inference.GRPCInferenceService/ServerReady",
  "arbiter.v1.AuthService/Login",
  "arbiter.v1.AuthService/Refresh",
]);

/** Whether calls of `procedure` (`<package>.<Service>/<Method>`) are exempt from the tenant limits. */
export function exemptFromTenantLimits(procedure: string): boolean {
  return EXEMPT_PROCEDURES.has(procedure) || EXEMPT_SERVICES.has(procedure.slice(0, procedure.indexOf("/")));
}

/** A call's deadline, epoch milliseconds: its gRPC or Connect timeout header, bounded by `policy`. */
function deadlineOf(header: Headers, policy: DeadlinePolicy): number {
  const connect = Number(header.get("connect-timeout-ms") ?? Number.NaN);
  const asked = parseGrpcTimeout(header.get("grpc-timeout") ?? undefined) ?? (connect > 0 ? connect : undefined);
  return Date.now() + Math.min(asked ?? policy.defaultTimeoutMs, policy.maxTimeoutMs);
}

/**
 * Admits each call by its principal's tenant; place it right after the authentication
 * interceptor. `policy` bounds how long a refusal may be held (see TenantLimiter.holdRefusal).
 */
export function tenantLimitInterceptor(limiter: TenantLimiter, policy: DeadlinePolicy): Interceptor {
  return (next) => async (req) => {
    if (exemptFromTenantLimits(`${req.service.typeName}/${req.method.name}`)) return next(req);
    const tenant = req.contextValues.get(principalKey).tenant;
    let release: Release;
    try {
      release = limiter.admit(tenant);
    } catch (err) {
      await limiter.holdRefusal(tenant, err, deadlineOf(req.header, policy), req.signal);
      throw err;
    }
    // A cancelled call may leave its handler (or its stream) unfinished for a while: its slot is
    // free as soon as the client is gone.
    const signal = req.signal;
    const done = () => {
      signal.removeEventListener("abort", done);
      release();
    };
    if (signal.aborted) done();
    else signal.addEventListener("abort", done, { once: true });
    return onCallEnd(next, req, done);
  };
}
