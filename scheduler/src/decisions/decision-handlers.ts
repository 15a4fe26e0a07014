/**
 * The decision service's RPCs on the scheduler: Decide, GetDecision, ListDecisions and Replay.
 * (DecideStream is the gateway's: it turns each event of a stream into a Decide.)
 */
import { DecisionService } from "@arbiter/proto";
import { type HandlerTable, handle } from "../rpc-router.ts";
import type { DecisionEngine } from "./decision-engine.ts";
import type { DecisionStore } from "./decision-store.ts";

const methods = DecisionService.method;

/** Registers the decision service's handlers in `table`. */
export function registerDecisionHandlers(table: HandlerTable, engine: DecisionEngine, store: DecisionStore): void {
  handle(table, methods.decide, async (req, ctx) => ({ decision: await engine.decide(req, ctx) }));

  handle(table, methods.getDecision, async (req, ctx) => store.get(ctx.tenant, req.id));

  handle(table, methods.listDecisions, async (req, ctx) =>
    store.list(ctx.tenant, { pipeline: req.pipeline, label: req.label, since: req.since }, req.pageSize, req.pageToken),
  );

  handle(table, methods.replay, async (req, ctx) => engine.replay(req, ctx));
}
