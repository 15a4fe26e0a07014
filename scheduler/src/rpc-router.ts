/**
 * The scheduler's side of control-plane RPCs: one queue-group subscription on `arbiter.rpc.>`
 * dispatching to the handler registered for each arbiter.v1 method. A method of the contract
 * that has no handler yet answers UNIMPLEMENTED (never a fake result).
 */

import {
  type Bus,
  decodeRequest,
  type Logger,
  NODE_HEADER,
  type RequestContext,
  type RpcHandler,
  type RpcServer,
  rpcSubject,
  SCHEDULER_QUEUE,
  serveRpc,
  UnimplementedError,
} from "@arbiter/core";
import type { DescMessage, DescMethod, MessageInitShape, MessageShape } from "@bufbuild/protobuf";
import { create, toBinary } from "@bufbuild/protobuf";

/** Serves typed requests of one method. */
export type MethodHandler<I extends DescMessage, O extends DescMessage> = (
  request: MessageShape<I>,
  ctx: RequestContext,
) => Promise<MessageInitShape<O>>;

/** Handlers by subject; build with {@link handle}. */
export type HandlerTable = Map<string, RpcHandler>;

/** Decodes the request, runs `fn`, encodes the response. */
export function typed<I extends DescMessage, O extends DescMessage>(
  input: I,
  output: O,
  fn: MethodHandler<I, O>,
): RpcHandler {
  return async (data, ctx) => {
    const response = await fn(decodeRequest(input, data), ctx);
    return toBinary(output, create(output, response));
  };
}

/** Adds the handler of one arbiter.v1 method to a table. */
export function handle<I extends DescMessage, O extends DescMessage>(
  table: HandlerTable,
  method: DescMethod & { input: I; output: O },
  fn: MethodHandler<I, O>,
): void {
  table.set(rpcSubject(method.parent.typeName, method.name), typed(method.input, method.output, fn));
}

/**
 * Told about the requests of the subjects it observes once their handler finished: the reply, or
 * the error thrown (the audit log records mutations from here). `completed` runs after the reply
 * is on its way, so it adds nothing to the call; it must not throw. Other subjects (the data plane)
 * pay one set lookup.
 */
export interface CallObserver {
  readonly subjects: ReadonlySet<string>;
  completed(
    subject: string,
    data: Uint8Array,
    ctx: RequestContext,
    result: { reply: Uint8Array } | { error: unknown },
  ): void;
}

/** Serves every handler of the table on the scheduler queue group. */
export function serveHandlers(
  bus: Bus,
  table: HandlerTable,
  logger: Logger,
  nodeId: string,
  observer?: CallObserver,
): RpcServer {
  const router: RpcHandler = async (data, ctx, message) => {
    const handler = table.get(message.subject);
    if (!handler) {
      const method = message.subject.replace(/^arbiter\.rpc\./, "").replace(/\.([^.]+)$/, "/$1");
      throw new UnimplementedError(method);
    }
    if (!observer?.subjects.has(message.subject)) return handler(data, ctx, message);
    try {
      const reply = await handler(data, ctx, message);
      const bytes = reply instanceof Uint8Array ? reply : reply.data;
      setImmediate(() => observer.completed(message.subject, data, ctx, { reply: bytes }));
      return reply;
    } catch (error) {
      setImmediate(() => observer.completed(message.subject, data, ctx, { error }));
      throw error;
    }
  };
  return serveRpc(bus, "arbiter.rpc.>", SCHEDULER_QUEUE, router, logger, { [NODE_HEADER]: nodeId });
}
