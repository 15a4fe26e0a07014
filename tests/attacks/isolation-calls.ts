/**
 * How the isolation attack calls the gateway: as one tenant's key (or the bootstrap admin acting
 * inside a tenant), over gRPC, and with the outcome of a call as data instead of an exception.
 */
import type { DescService } from "@bufbuild/protobuf";
import { type Client, Code, ConnectError, createClient, type Interceptor, type Transport } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";

/** Who makes a call: an API key, optionally acting inside another tenant (platform admins only). */
export interface Caller {
  readonly gatewayUrl: string;
  readonly key: string;
  /** Sent as `x-arbiter-tenant` when set. */
  readonly tenant?: string;
  /** The protocol of the calls: gRPC (the default) or Connect with JSON bodies (both over HTTP/2). */
  readonly protocol?: "grpc" | "connect";
}

/** The headers that authenticate `caller` (none for an empty key: the public calls, such as Login). */
export function headersOf(caller: Caller): Record<string, string> {
  return {
    ...(caller.key ? { authorization: `Bearer ${caller.key}` } : {}),
    ...(caller.tenant ? { "x-arbiter-tenant": caller.tenant } : {}),
  };
}

const transports = new Map<string, Transport>();

/** One gRPC transport per caller (one HTTP/2 session), so thousands of calls reuse it. */
function transportOf(caller: Caller): Transport {
  const id = `${caller.gatewayUrl}\n${caller.key}\n${caller.tenant ?? ""}\n${caller.protocol ?? "grpc"}`;
  let transport = transports.get(id);
  if (!transport) {
    const headers = headersOf(caller);
    const interceptors: Interceptor[] = [
      (next) => (req) => {
        for (const [name, value] of Object.entries(headers)) req.header.set(name, value);
        return next(req);
      },
    ];
    transport =
      caller.protocol === "connect"
        ? createConnectTransport({ baseUrl: caller.gatewayUrl, httpVersion: "2", useBinaryFormat: false, interceptors })
        : createGrpcTransport({ baseUrl: caller.gatewayUrl, interceptors });
    transports.set(id, transport);
  }
  return transport;
}

/** A client of `service` calling as `caller`. */
export function clientOf<S extends DescService>(service: S, caller: Caller): Client<S> {
  return createClient(service, transportOf(caller));
}

/** What a call came to: its value, or the status it failed with. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; code: Code; message: string };

/** Runs `call` and returns its outcome; errors that are not RPC statuses become UNKNOWN. */
export async function outcomeOf<T>(call: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (err) {
    const e = ConnectError.from(err);
    return { ok: false, code: e.code, message: e.rawMessage };
  }
}

/** Every message of a server stream, as an array (so a stream's failure is the call's). */
export async function drain<T>(stream: AsyncIterable<T>, limit = 1000): Promise<T[]> {
  const out: T[] = [];
  for await (const message of stream) {
    out.push(message);
    if (out.length >= limit) break;
  }
  return out;
}

/** One message as an async iterable, the request side of a streaming call. */
export async function* once<T>(message: T): AsyncIterable<T> {
  yield message;
}

/** The gRPC name of an outcome's status ("OK" when it succeeded). */
export function statusName(outcome: Outcome<unknown>): string {
  return outcome.ok ? "OK" : Code[outcome.code];
}
