/**
 * The request context: who is calling, for which tenant, until when. Every request carries one
 * from the gateway's edge to the scheduler that serves it (in bus headers, see `bus/rpc.ts`), and
 * every query is scoped by its tenant.
 */
import { randomUUID } from "node:crypto";
import type { BusHeaders } from "./bus/bus.ts";
import { InvalidArgumentError } from "./errors.ts";

/** How the caller proved who it is. */
export type AuthMethod = "anonymous" | "api_key" | "jwt";

/** Roles in a tenant, weakest first (see arbiter.v1.Role). */
export type RoleName = "viewer" | "developer" | "operator" | "admin";

/** The authenticated caller. */
export interface Principal {
  readonly id: string;
  readonly tenant: string;
  readonly role: RoleName;
  readonly method: AuthMethod;
}

/** What travels with a request through every hop. */
export interface RequestContext {
  readonly principal: Principal;
  /** The tenant whose objects the request may touch (the principal's). */
  readonly tenant: string;
  /** Correlates log lines of one request across processes. */
  readonly requestId: string;
  /** Absolute deadline in milliseconds since the epoch. */
  readonly deadline: number;
  /** W3C trace context of the caller's span, when tracing. */
  readonly traceparent?: string;
  /** The caller's address ("203.0.113.7:51234") as the gateway's socket saw it; never client-supplied. */
  readonly peer?: string;
}

/** The tenant every installation starts with. */
export const DEFAULT_TENANT = "default";

/** The principal used when authentication is disabled (development only). */
export const ANONYMOUS_PRINCIPAL: Principal = Object.freeze({
  id: "anonymous",
  tenant: DEFAULT_TENANT,
  role: "admin",
  method: "anonymous",
});

const H_TENANT = "arbiter-tenant";
const H_PRINCIPAL = "arbiter-principal";
const H_ROLE = "arbiter-role";
const H_AUTH = "arbiter-auth-method";
const H_REQUEST_ID = "arbiter-request-id";
const H_DEADLINE = "arbiter-deadline";
const H_TRACEPARENT = "traceparent";
const H_PEER = "arbiter-peer";

/** Builds a context for a new request. */
export function createRequestContext(
  principal: Principal,
  deadline: number,
  traceparent?: string,
  requestId?: string,
  peer?: string,
): RequestContext {
  return {
    principal,
    tenant: principal.tenant,
    requestId: requestId ?? randomUUID(),
    deadline,
    ...(traceparent ? { traceparent } : {}),
    ...(peer ? { peer } : {}),
  };
}

/** Writes a context into bus headers. */
export function contextToHeaders(ctx: RequestContext, into: BusHeaders = {}): BusHeaders {
  into[H_TENANT] = ctx.tenant;
  into[H_PRINCIPAL] = ctx.principal.id;
  into[H_ROLE] = ctx.principal.role;
  into[H_AUTH] = ctx.principal.method;
  into[H_REQUEST_ID] = ctx.requestId;
  into[H_DEADLINE] = String(ctx.deadline);
  if (ctx.traceparent) into[H_TRACEPARENT] = ctx.traceparent;
  if (ctx.peer) into[H_PEER] = ctx.peer;
  return into;
}

const ROLES: ReadonlySet<string> = new Set(["viewer", "developer", "operator", "admin"]);
const METHODS: ReadonlySet<string> = new Set(["anonymous", "api_key", "jwt"]);

/** Reads a context from bus headers; a message without one is rejected, never defaulted. */
export function contextFromHeaders(headers: BusHeaders): RequestContext {
  const tenant = headers[H_TENANT];
  const principalId = headers[H_PRINCIPAL];
  const role = headers[H_ROLE];
  const method = headers[H_AUTH];
  const deadline = Number(headers[H_DEADLINE]);
  if (!tenant) throw new InvalidArgumentError(`header ${H_TENANT}`, "a tenant id", "nothing");
  if (!principalId) throw new InvalidArgumentError(`header ${H_PRINCIPAL}`, "a principal id", "nothing");
  if (!role || !ROLES.has(role))
    throw new InvalidArgumentError(`header ${H_ROLE}`, "a role", JSON.stringify(role ?? ""));
  if (!method || !METHODS.has(method))
    throw new InvalidArgumentError(`header ${H_AUTH}`, "an auth method", JSON.stringify(method ?? ""));
  if (!Number.isFinite(deadline))
    throw new InvalidArgumentError(
      `header ${H_DEADLINE}`,
      "epoch milliseconds",
      JSON.stringify(headers[H_DEADLINE] ?? ""),
    );
  const traceparent = headers[H_TRACEPARENT];
  const peer = headers[H_PEER];
  return {
    principal: { id: principalId, tenant, role: role as RoleName, method: method as AuthMethod },
    tenant,
    requestId: headers[H_REQUEST_ID] ?? randomUUID(),
    deadline,
    ...(traceparent ? { traceparent } : {}),
    ...(peer ? { peer } : {}),
  };
}

/** Milliseconds left before the context's deadline (negative once it has passed). */
export function remainingMs(ctx: RequestContext): number {
  return ctx.deadline - Date.now();
}

/** One version of one model of one tenant. */
export interface ModelRef {
  readonly tenant: string;
  readonly name: string;
  readonly version: number;
}
