/** ClusterService on the scheduler: the live nodes, read from the heartbeat bucket. */

import { type KeyValueStore, NotFoundError } from "@arbiter/core";
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

/** Registers ClusterService's node queries in `table`. */
export function registerClusterHandlers(table: HandlerTable, kv: KeyValueStore, ttlMs: number): void {
  handle(table, ClusterService.method.listNodes, async () => ({ nodes: await liveNodes(kv, ttlMs) }));
  handle(table, ClusterService.method.getNode, async (req) => {
    const node = (await liveNodes(kv, ttlMs)).find((n) => n.id === req.id);
    if (!node) throw new NotFoundError("node", req.id);
    return { node };
  });
}
