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

/** Serves every handler of the table on the scheduler queue group. */
export function serveHandlers(bus: Bus, table: HandlerTable, logger: Logger, nodeId: string): RpcServer {
  const router: RpcHandler = async (data, ctx, message) => {
    const handler = table.get(message.subject);
    if (!handler) {
      const method = message.subject.replace(/^arbiter\.rpc\./, "").replace(/\.([^.]+)$/, "/$1");
      throw new UnimplementedError(method);
    }
    return handler(data, ctx, message);
  };
  return serveRpc(bus, "arbiter.rpc.>", SCHEDULER_QUEUE, router, logger, { [NODE_HEADER]: nodeId });
}
