/**
 * Failed authentications into the audit log: the gateways publish them (core/src/audit-events.ts)
 * and one scheduler of the queue group writes each, under the tenant the event names when it
 * exists (the default tenant otherwise: a caller may name any tenant it likes).
 */
import { AUTH_FAILURES_SUBJECT, type Bus, type Logger, parseAuthFailure, SCHEDULER_QUEUE } from "@arbiter/core";
import type { AuditStore } from "./audit-store.ts";

/** The action of an authentication failure's row. */
export const AUTH_FAILURE_ACTION = "auth.failure";

/** Records each failed authentication published on the bus; returns the unsubscribe. */
export function recordAuthFailures(bus: Bus, store: AuditStore, logger: Logger): () => void {
  const sub = bus.subscribe(
    AUTH_FAILURES_SUBJECT,
    (message) => {
      const event = parseAuthFailure(message.data);
      if (event === undefined) {
        logger.warn({ subject: message.subject }, "ignoring an authentication failure event that is not one");
        return;
      }
      store.record({
        tenant: event.tenant,
        principalId: event.principalId,
        action: AUTH_FAILURE_ACTION,
        object: event.procedure,
        outcome: event.reason.toLowerCase().startsWith("permission") ? "PERMISSION_DENIED" : "UNAUTHENTICATED",
        peerAddress: event.peer,
        traceId: event.traceId,
        orDefaultTenant: true,
      });
    },
    { queue: SCHEDULER_QUEUE },
  );
  return () => sub.unsubscribe();
}
