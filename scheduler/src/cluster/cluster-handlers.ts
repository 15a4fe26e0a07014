/**
 * ClusterService on the scheduler: the live nodes, read from the heartbeat bucket. Nodes are shared
 * by every tenant, the models loaded on them are not: a caller sees its own tenant's models only
 * (platform admins see all), so a node's listing never names another tenant's model.
 */

import { isPlatformAdmin, type KeyValueStore, NotFoundError, type RequestContext } from "@arbiter/core";
import { ClusterService, type NodeInfo, NodeInfoSchema } from "@arbiter/proto";
import { fromBinary } from "@bufbuild/protobuf";
import { timestampMs } from "@bufbuild/protobuf/wkt";
import { type HandlerTable, handle } from "../rpc-router.ts";

/** Nodes whose last heartbeat is younger than `ttlMs`, ordered by id. */
export async function liveNodes(kv: KeyValueStore, ttlMs: number): Promise<NodeInfo[]> {
  const now = Date.now();
  const nodes: NodeInfo[] = [];
  for (const value of (await kv.entries()).values()) {
    const node = fromBinary(NodeInfoSchema, value);
    if (node.lastHeartbeatTime && now - timestampMs(node.lastHeartbeatTime) < ttlMs) nodes.push(node);
  }
  return nodes.sort((a, b) => a.id.localeCompare(b.id));
}

/** `node` as `ctx`'s caller may see it: without the models of other tenants, unless a platform admin asks. */
export function nodeSeenBy(node: NodeInfo, ctx: RequestContext): NodeInfo {
  if (isPlatformAdmin(ctx.principal)) return node;
  return { ...node, models: node.models.filter((m) => m.tenant === ctx.tenant) };
}

/** Registers ClusterService's node queries in `table`. */
export function registerClusterHandlers(table: HandlerTable, kv: KeyValueStore, ttlMs: number): void {
  handle(table, ClusterService.method.listNodes, async (_req, ctx) => ({
    nodes: (await liveNodes(kv, ttlMs)).map((n) => nodeSeenBy(n, ctx)),
  }));
  handle(table, ClusterService.method.getNode, async (req, ctx) => {
    const node = (await liveNodes(kv, ttlMs)).find((n) => n.id === req.id);
    if (!node) throw new NotFoundError("node", req.id);
    return { node: nodeSeenBy(node, ctx) };
  });
}
