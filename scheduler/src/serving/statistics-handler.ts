/** GetModelStatistics: each model version's statistics summed over the live nodes that hold it. */

import type { KeyValueStore } from "@arbiter/core";
import { ModelRegistryService, type ModelStatistics, ModelStatisticsSchema } from "@arbiter/proto";
import { create } from "@bufbuild/protobuf";
import { liveNodes } from "../cluster/cluster-handlers.ts";
import type { ModelStore } from "../registry/model-store.ts";
import { type HandlerTable, handle } from "../rpc-router.ts";
import { addStatistics } from "./model-statistics.ts";

export function registerStatisticsHandler(
  table: HandlerTable,
  store: ModelStore,
  kv: KeyValueStore,
  ttlMs: number,
): void {
  handle(table, ModelRegistryService.method.getModelStatistics, async (req, ctx) => {
    // A named model must exist (NOT_FOUND otherwise); the version selector narrows it to one version.
    const only = req.name ? await store.get(ctx.tenant, req.name, req.selector) : undefined;
    const exact = Boolean(req.selector?.selector.case);
    const byKey = new Map<string, ModelStatistics>();
    for (const node of await liveNodes(kv, ttlMs)) {
      for (const loaded of node.models) {
        if (loaded.tenant !== ctx.tenant || !loaded.statistics) continue;
        if (only && (loaded.name !== only.name || (exact && loaded.version !== only.version))) continue;
        const key = `${loaded.name}\u0000${loaded.version}`;
        const sum = byKey.get(key);
        if (sum) addStatistics(sum, loaded.statistics);
        else byKey.set(key, create(ModelStatisticsSchema, loaded.statistics));
      }
    }
    if (only && byKey.size === 0) {
      // Registered but not loaded anywhere: zero statistics, as Triton answers for an idle model.
      byKey.set(
        `${only.name}\u0000${only.version}`,
        create(ModelStatisticsSchema, { name: only.name, version: only.version }),
      );
    }
    return {
      statistics: [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name) || Number(a.version - b.version)),
    };
  });
}
