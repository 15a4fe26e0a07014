/**
 * Calls of the attack suite: gRPC clients that send a chosen credential (or several headers) and
 * report the status code of the answer instead of throwing.
 */
import type { DescService } from "@bufbuild/protobuf";
import { type Client, Code, ConnectError, createClient, type Transport } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";

/** A gRPC transport to `url` that adds `headers` to every call. */
export function transportWith(url: string, headers: Record<string, string> = {}): Transport {
  return createGrpcTransport({
    baseUrl: url,
    interceptors: [
      (next) => (req) => {
        for (const [name, value] of Object.entries(headers)) req.header.set(name, value);
        return next(req);
      },
    ],
  });
}

/** A client of `service` calling as the holder of `key` (optionally inside `tenant`). */
export function clientAs<S extends DescService>(service: S, url: string, key: string, tenant?: string): Client<S> {
  return createClient(
    service,
    transportWith(url, { authorization: `Bearer ${key}`, ...(tenant ? { "x-arbiter-tenant": tenant } : {}) }),
  );
}

/** The status of a call: Code.Ok (0) when it resolved. */
export async function statusOf(call: () => Promise<unknown>): Promise<{ code: Code | 0; message: string }> {
  try {
    await call();
    return { code: 0, message: "" };
  } catch (err) {
    const e = ConnectError.from(err);
    return { code: e.code, message: e.rawMessage };
  }
}

/** The gRPC name of a code ("OK" for 0). */
export function codeLabel(code: Code | 0): string {
  return code === 0 ? "OK" : Code[code];
}
