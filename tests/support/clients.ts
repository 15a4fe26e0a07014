/** Clients of a mesh's gateway over each protocol it serves on its one port. */
import type { DescService } from "@bufbuild/protobuf";
import { type Client, createClient, type Transport } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport, createGrpcWebTransport } from "@connectrpc/connect-node";

/** gRPC over h2c, what grpc-go, grpcio, grpc-java and grpcurl speak. */
export function grpcTransport(baseUrl: string): Transport {
  return createGrpcTransport({ baseUrl, httpVersion: "2" } as Parameters<typeof createGrpcTransport>[0]);
}

/** The Connect protocol over HTTP/1.1 (what a plain HTTP client or curl uses). */
export function connectHttp1Transport(baseUrl: string): Transport {
  return createConnectTransport({ baseUrl, httpVersion: "1.1" });
}

/** gRPC-Web over HTTP/1.1 (what browsers use). */
export function grpcWebTransport(baseUrl: string): Transport {
  return createGrpcWebTransport({ baseUrl, httpVersion: "1.1" });
}

export function client<S extends DescService>(service: S, transport: Transport): Client<S> {
  return createClient(service, transport);
}

/** Yields `bytes` as RegisterModel chunks of `chunkSize`. */
export function* chunksOf(bytes: Uint8Array, chunkSize: number): Generator<Uint8Array> {
  for (let offset = 0; offset < bytes.byteLength; offset += chunkSize) yield bytes.subarray(offset, offset + chunkSize);
}
