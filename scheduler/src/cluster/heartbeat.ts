/**
 * The node's heartbeat: every interval the scheduler writes its NodeInfo (load, queue depth,
 * loaded models, memory) to the nodes key-value bucket. Entries expire after the heartbeat TTL,
 * so a node that stops beating disappears from the cluster on its own.
 */
import { performance } from "node:perf_hooks";
import type { KeyValueStore, Logger } from "@arbiter/core";
import { NodeInfoSchema } from "@arbiter/proto";
import { create, type MessageInitShape, toBinary } from "@bufbuild/protobuf";
import { timestampNow } from "@bufbuild/protobuf/wkt";

/** What the node reports; the heartbeat adds load, memory and timestamps. */
export type NodeSnapshot = () => MessageInitShape<typeof NodeInfoSchema>;

export interface Heartbeat {
  /** Publishes one heartbeat now (also used to announce draining at once). */
  beat(): Promise<void>;
  /** Stops beating and removes the node's entry. */
  stop(): Promise<void>;
}

/** Starts publishing heartbeats for `nodeId` every `intervalMs`. */
export function startHeartbeat(
  kv: KeyValueStore,
  nodeId: string,
  intervalMs: number,
  snapshot: NodeSnapshot,
  logger: Logger,
): Heartbeat {
  let last = performance.eventLoopUtilization();
  let stopped = false;
  let failing = false;
  const beat = async () => {
    const now = performance.eventLoopUtilization();
    const load = performance.eventLoopUtilization(now, last).utilization;
    last = now;
    const info = create(NodeInfoSchema, {
      ...snapshot(),
      id: nodeId,
      load,
      processRssBytes: BigInt(process.memoryUsage.rss()),
      lastHeartbeatTime: timestampNow(),
    });
    try {
      await kv.put(nodeId, toBinary(NodeInfoSchema, info));
      if (failing) logger.info("heartbeats resumed");
      failing = false;
    } catch (err) {
      // The bus may be reconnecting; the next beat retries. Log once per outage.
      if (!failing) logger.warn({ err }, "heartbeat could not be published");
      failing = true;
    }
  };
  const timer = setInterval(() => {
    if (!stopped) void beat();
  }, intervalMs);
  timer.unref();
  return {
    beat,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await kv.delete(nodeId).catch(() => {});
    },
  };
}
