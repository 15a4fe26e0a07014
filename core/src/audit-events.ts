/**
 * Failed authentications, for the audit log: a gateway that turns a call away publishes one event
 * on {@link AUTH_FAILURES_SUBJECT}, fire-and-forget (the caller is answered at once, whether or not
 * anyone records it), and one scheduler of the queue group writes it to the tenant's audit log.
 */
import type { Bus } from "./bus/bus.ts";

/** Bus subject of failed authentications (JSON {@link AuthFailureEvent}). */
export const AUTH_FAILURES_SUBJECT = "arbiter.audit.auth-failures";

/** One call turned away at the edge. */
export interface AuthFailureEvent {
  /** The tenant the caller named or its credentials belong to; "" when unknown. */
  readonly tenant: string;
  /** The principal the credentials belong to; "" when unknown. */
  readonly principalId: string;
  /** The RPC, e.g. "arbiter.v1.PipelineService/DeletePipeline". */
  readonly procedure: string;
  /** Why: "missing credentials", "unknown api key", "permission pipelines.write"... */
  readonly reason: string;
  /** The caller's address as the gateway's socket saw it ("" when unknown). */
  readonly peer: string;
  /** The call's trace id ("" when not traced). */
  readonly traceId: string;
}

const FIELDS = ["tenant", "principalId", "procedure", "reason", "peer", "traceId"] as const;

/** Publishes one failed authentication; never throws (a lost record must not fail the call). */
export function publishAuthFailure(bus: Bus, event: AuthFailureEvent): void {
  try {
    const body: Record<string, string> = {};
    for (const field of FIELDS) body[field] = String(event[field] ?? "");
    bus.publish(AUTH_FAILURES_SUBJECT, new TextEncoder().encode(JSON.stringify(body)));
  } catch {
    // The bus is closed or disconnected: the call is still answered UNAUTHENTICATED.
  }
}

/** Reads an event published by {@link publishAuthFailure}; undefined when the body is not one. */
export function parseAuthFailure(data: Uint8Array): AuthFailureEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(data));
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const text = (field: string) => (typeof record[field] === "string" ? (record[field] as string) : "");
  if (text("procedure") === "" && text("reason") === "") return undefined;
  return {
    tenant: text("tenant"),
    principalId: text("principalId"),
    procedure: text("procedure"),
    reason: text("reason"),
    peer: text("peer"),
    traceId: text("traceId"),
  };
}
