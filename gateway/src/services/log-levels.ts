/**
 * ClusterService.SetLogLevel and GetLogLevel: the gateway changes (or reads) its own process's
 * log levels and broadcasts the same to every scheduler (core's log-level broadcast), so one call
 * reaches the whole mesh. In embedded mode the scheduler shares the gateway's process and answers
 * the broadcast for the same loggers.
 */
import { hostname } from "node:os";
import {
  applyLogLevelCommand,
  type Bus,
  broadcastLogLevel,
  type KeyValueStore,
  type Logger,
  type LogLevelCommand,
  NODES_BUCKET,
  type NodeLogLevel,
} from "@arbiter/core";
import {
  type ClusterService,
  type GetLogLevelResponse,
  NodeInfoSchema,
  type SetLogLevelRequest,
  type SetLogLevelResponse,
} from "@arbiter/proto";
import { fromBinary } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";

/**
 * How long the gateway waits for the schedulers' answers. They answer within milliseconds; a node
 * that has not by then is left out of the reply's list, which is how the caller learns of it.
 */
const ANSWER_WAIT_MS = 2000;

export interface LogLevelServiceOptions {
  bus: Bus;
  /** The gateway process's root logger. */
  logger: Logger;
  /** A node whose last heartbeat is older than this is not waited for. */
  heartbeatTtlMs: number;
}

/** The gateway's name in the replies: one per process. */
export const GATEWAY_NODE_NAME = `gateway-${hostname()}-${process.pid}`;

/** SetLogLevel and GetLogLevel handlers for the gateway's ClusterService. */
export function logLevelHandlers(
  options: LogLevelServiceOptions,
): Pick<ServiceImpl<typeof ClusterService>, "setLogLevel" | "getLogLevel"> {
  const { bus, logger, heartbeatTtlMs } = options;
  let nodes: Promise<KeyValueStore> | undefined;

  /** Ids of the schedulers whose heartbeat is fresh. */
  const liveNodeIds = async (): Promise<string[]> => {
    nodes ??= bus.keyValue(NODES_BUCKET, { ttlMs: heartbeatTtlMs });
    const now = Date.now();
    const ids: string[] = [];
    for (const value of (await (await nodes).entries()).values()) {
      const node = fromBinary(NodeInfoSchema, value);
      const seen = node.lastHeartbeatTime ? Number(node.lastHeartbeatTime.seconds) * 1000 : 0;
      if (now - seen < heartbeatTtlMs) ids.push(node.id);
    }
    return ids;
  };

  const everywhere = async (command: Omit<LogLevelCommand, "replyTo">): Promise<NodeLogLevel[]> => {
    const own = applyLogLevelCommand(logger, GATEWAY_NODE_NAME, { ...command, replyTo: "" });
    const others = await broadcastLogLevel(bus, command, { expected: await liveNodeIds(), timeoutMs: ANSWER_WAIT_MS });
    return [own, ...others];
  };

  return {
    async setLogLevel(req: SetLogLevelRequest): Promise<SetLogLevelResponse> {
      const applied = await everywhere({
        op: "set",
        level: req.level,
        component: req.component,
        durationMs: req.durationSeconds * 1000,
      });
      logger.info(
        { level: req.level, component: req.component, duration_seconds: req.durationSeconds, nodes: applied.length },
        "log level changed",
      );
      return { $typeName: "arbiter.v1.SetLogLevelResponse", nodes: applied.map((a) => a.node) };
    },
    async getLogLevel(): Promise<GetLogLevelResponse> {
      const levels = await everywhere({ op: "get" });
      return {
        $typeName: "arbiter.v1.GetLogLevelResponse",
        processes: levels.map((l) => ({
          $typeName: "arbiter.v1.ProcessLogLevel",
          node: l.node,
          level: l.level,
          components: l.components,
        })),
      };
    },
  };
}
