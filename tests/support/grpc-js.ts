/**
 * A stock gRPC client (@grpc/grpc-js, the one most Node services use) for any service of the
 * contract, with protobuf-es doing the (de)serialization — what a user's generated client does.
 */

import {
  create,
  type DescMethod,
  type DescService,
  fromBinary,
  type MessageInitShape,
  type MessageShape,
  toBinary,
} from "@bufbuild/protobuf";
import * as grpc from "@grpc/grpc-js";

export function grpcJsClient(service: DescService, address: string): grpc.Client {
  const definition: Record<string, grpc.MethodDefinition<object, object>> = {};
  for (const m of service.methods as DescMethod[]) {
    definition[m.localName] = {
      path: `/${service.typeName}/${m.name}`,
      requestStream: m.methodKind === "client_streaming" || m.methodKind === "bidi_streaming",
      responseStream: m.methodKind === "server_streaming" || m.methodKind === "bidi_streaming",
      requestSerialize: (v: object) => Buffer.from(toBinary(m.input, v as MessageShape<typeof m.input>)),
      requestDeserialize: (b: Buffer) => fromBinary(m.input, b),
      responseSerialize: (v: object) => Buffer.from(toBinary(m.output, v as MessageShape<typeof m.output>)),
      responseDeserialize: (b: Buffer) => fromBinary(m.output, b),
    };
  }
  const Client = grpc.makeGenericClientConstructor(definition as grpc.ServiceDefinition, service.name);
  return new Client(address, grpc.credentials.createInsecure());
}

/** Calls a unary method; rejects with the grpc-js ServiceError (its `code` and `details`). */
export function unaryCall<M extends DescMethod & { methodKind: "unary" }>(
  client: grpc.Client,
  method: M,
  request: MessageInitShape<M["input"]>,
  deadlineMs = 10_000,
): Promise<MessageShape<M["output"]>> {
  return new Promise((resolve, reject) => {
    const fn = (client as unknown as Record<string, grpc.requestCallback<unknown> & ((...args: unknown[]) => void)>)[
      method.localName
    ];
    if (!fn) throw new Error(`no method ${method.localName}`);
    fn.call(
      client,
      create(method.input, request),
      new grpc.Metadata(),
      { deadline: Date.now() + deadlineMs },
      (err: grpc.ServiceError | null, res: unknown) => (err ? reject(err) : resolve(res as MessageShape<M["output"]>)),
    );
  });
}
