/**
 * How the CLI's client commands (`decide`, `tasks`) reach a mesh: gRPC to `--url`, with the API
 * key or token of `ARBITER_API_KEY` sent as `authorization: Bearer` on every call.
 */
import type { Transport } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";

/** Where the CLI reads its credential from. */
export const API_KEY_VARIABLE = "ARBITER_API_KEY";

/** A gRPC transport to `url`, authenticated with `ARBITER_API_KEY` when it is set. */
export function meshTransport(url: string | undefined, env: NodeJS.ProcessEnv = process.env): Transport {
  const credential = env[API_KEY_VARIABLE];
  return createGrpcTransport({
    baseUrl: url ?? "http://127.0.0.1:8080",
    interceptors: credential
      ? [
          (next) => (req) => {
            req.header.set("authorization", `Bearer ${credential}`);
            return next(req);
          },
        ]
      : [],
  });
}
