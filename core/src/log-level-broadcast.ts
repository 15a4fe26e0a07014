/**
 * Log levels across the mesh. The gateway serves ClusterService.SetLogLevel/GetLogLevel by
 * applying the change to its own process and broadcasting it on {@link LOG_LEVEL_SUBJECT}; every
 * scheduler applies it and answers on the reply subject named in the broadcast with its node id
 * and levels. A plain publish (not a request) because every node must hear it, and a request
 * takes one reply; the gateway gathers answers until every live node has answered or the wait
 * ends, so the caller learns which processes applied the change.
 */
import { randomUUID } from "node:crypto";
import type { Bus } from "./bus/bus.ts";
import { getLogLevel, type Logger, type LogLevelState, setLogLevel } from "./logging.ts";

/** Broadcast to every scheduler: a {@link LogLevelCommand} as JSON. */
export const LOG_LEVEL_SUBJECT = "arbiter.control.log-level";

/** Where answers to one broadcast go: this prefix and a token of the broadcast's own. */
const LOG_LEVEL_REPLY_PREFIX = "arbiter.control.log-level-reply";

/** What a broadcast asks: change the levels (`set`) or only report them (`get`). */
export interface LogLevelCommand {
  op: "set" | "get";
  level?: string;
  /** Empty for every logger of the process. */
  component?: string;
  /** Put the previous levels back after this long; 0 keeps the change. */
  durationMs?: number;
  /** Subject the answer goes to. */
  replyTo: string;
}

/** One process's answer: its node id and its levels after the command. */
export interface NodeLogLevel extends LogLevelState {
  node: string;
}

/** Applies `command` to the process of `logger`; returns the process's levels after it. */
export function applyLogLevelCommand(logger: Logger, node: string, command: LogLevelCommand): NodeLogLevel {
  if (command.op === "set" && command.level !== undefined) {
    setLogLevel(logger, command.level, command.component ?? "", command.durationMs ?? 0);
  }
  return { node, ...getLogLevel(logger) };
}

/** A scheduler's side: applies every broadcast to its process and answers it. Returns the stop function. */
export function listenForLogLevels(bus: Bus, logger: Logger, node: string): () => void {
  const sub = bus.subscribe(LOG_LEVEL_SUBJECT, (message) => {
    try {
      const command = JSON.parse(new TextDecoder().decode(message.data)) as LogLevelCommand;
      const answer = applyLogLevelCommand(logger, node, command);
      logger.info({ level: answer.level, components: answer.components, op: command.op }, "log levels");
      bus.publish(command.replyTo, new TextEncoder().encode(JSON.stringify(answer)));
    } catch (err) {
      logger.warn({ err }, "ignored a malformed log-level broadcast");
    }
  });
  return () => sub.unsubscribe();
}

export interface BroadcastOptions {
  /** The node ids expected to answer (the live schedulers): gathering stops once all have. */
  expected: readonly string[];
  /** The longest wait for answers, in milliseconds. */
  timeoutMs: number;
}

/** Sends `command` to every scheduler; resolves with the answers that came, ordered by node. */
export async function broadcastLogLevel(
  bus: Bus,
  command: Omit<LogLevelCommand, "replyTo">,
  options: BroadcastOptions,
): Promise<NodeLogLevel[]> {
  const replyTo = `${LOG_LEVEL_REPLY_PREFIX}.${randomUUID()}`;
  const answers = new Map<string, NodeLogLevel>();
  const waiting = new Set(options.expected);
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const sub = bus.subscribe(replyTo, (message) => {
    try {
      const answer = JSON.parse(new TextDecoder().decode(message.data)) as NodeLogLevel;
      answers.set(answer.node, answer);
      waiting.delete(answer.node);
      if (waiting.size === 0) finish();
    } catch {
      // An answer that cannot be read names no node; the wait covers it.
    }
  });
  const timer = setTimeout(finish, options.timeoutMs);
  try {
    // The reply subscription must reach the server before anyone can answer.
    await bus.flush();
    bus.publish(LOG_LEVEL_SUBJECT, new TextEncoder().encode(JSON.stringify({ ...command, replyTo })));
    if (options.expected.length === 0) {
      // No live node is known: wait a little for any that is starting.
      setTimeout(finish, Math.min(options.timeoutMs, 250));
    }
    await done;
  } finally {
    clearTimeout(timer);
    sub.unsubscribe();
  }
  return [...answers.values()].sort((a, b) => a.node.localeCompare(b.node));
}
