/** AuditService on the scheduler: the caller's tenant's audit log, and nobody else's. */
import { AuditService } from "@arbiter/proto";
import { type HandlerTable, handle } from "../rpc-router.ts";
import type { AuditStore } from "./audit-store.ts";

/** Registers ListAuditEvents in `table`. */
export function registerAuditHandlers(table: HandlerTable, store: AuditStore): void {
  handle(table, AuditService.method.listAuditEvents, (req, ctx) =>
    store.list(
      ctx.tenant,
      { since: req.since, principalId: req.principalId, action: req.action },
      req.pageSize,
      req.pageToken,
    ),
  );
}
