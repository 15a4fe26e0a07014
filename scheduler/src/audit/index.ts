/**
 * The audit log: who did what to which object, when and from where. Every mutating call the
 * schedulers serve and every authentication the gateways refused, per tenant, readable through
 * AuditService.ListAuditEvents.
 */
import type { Bus, Database, Logger } from "@arbiter/core";
import type { CallObserver, HandlerTable } from "../rpc-router.ts";
import { registerAuditHandlers } from "./audit-handlers.ts";
import { AuditStore } from "./audit-store.ts";
import { recordAuthFailures } from "./auth-failures.ts";
import { callAuditor } from "./call-auditor.ts";

export { auditObject } from "./audit-object.ts";
export { type AuditFilter, type AuditRecord, AuditStore } from "./audit-store.ts";
export { AUTH_FAILURE_ACTION } from "./auth-failures.ts";
export { auditedSubjects, traceIdOf } from "./call-auditor.ts";

/** The running audit log of a scheduler node. */
export interface AuditLog {
  /** Give to `serveHandlers`: records each audited call once it has been answered. */
  readonly calls: CallObserver;
  /** Stops taking authentication failures and writes every row still waiting. */
  close(): Promise<void>;
}

/** Registers ListAuditEvents and starts recording authentication failures. */
export function startAuditLog(options: { db: Database; bus: Bus; logger: Logger; table: HandlerTable }): AuditLog {
  const store = new AuditStore(options.db, options.logger);
  registerAuditHandlers(options.table, store);
  const stopAuthFailures = recordAuthFailures(options.bus, store, options.logger);
  return {
    calls: callAuditor(store),
    async close() {
      stopAuthFailures();
      // Calls answered just now are handed over on the next turn of the event loop.
      await new Promise((resolve) => setImmediate(resolve));
      await store.flush();
    },
  };
}
