/**
 * grpcurl, the command-line gRPC client operators use, built from the Go module proxy and cached
 * in `<repo>/.cache/bin` so tests can drive the gateway exactly as a person would.
 */
import type { Env } from "./exec.ts";
import { ensureCachedGoBinary, goInstall } from "./go-install.ts";

/** The grpcurl release the tests use. */
export const GRPCURL_VERSION = "v1.9.3";
const GRPCURL_MODULE = "github.com/fullstorydev/grpcurl/cmd/grpcurl";

/** Path of a grpcurl binary of the pinned version, building it on first use (about a minute). */
export function ensureGrpcurl(env: Env = process.env): Promise<string> {
  return ensureCachedGoBinary(
    "grpcurl",
    GRPCURL_VERSION,
    (go, cacheDir) => goInstall(go, GRPCURL_MODULE, GRPCURL_VERSION, "grpcurl", cacheDir, env),
    env,
    600_000,
  );
}
