/**
 * grpcurl, the command-line gRPC client operators use, built from the Go module proxy and cached
 * in `<repo>/.cache/bin` so tests can drive the gateway exactly as a person would.
 */
import { access, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { FailedPreconditionError } from "@arbiter/core";
import type { Env } from "./exec.ts";
import { acquireLock, findGo, goInstall } from "./go-install.ts";
import { REPO_ROOT } from "./nats-binary.ts";

/** The grpcurl release the tests use. */
export const GRPCURL_VERSION = "v1.9.3";
const GRPCURL_MODULE = "github.com/fullstorydev/grpcurl/cmd/grpcurl";

/** Path of a grpcurl binary of the pinned version, building it on first use (about a minute). */
export async function ensureGrpcurl(env: Env = process.env): Promise<string> {
  const cacheDir = join(REPO_ROOT, ".cache", "bin", `grpcurl-${GRPCURL_VERSION}`);
  const binary = join(cacheDir, "grpcurl");
  const exists = () =>
    access(binary).then(
      () => true,
      () => false,
    );
  if (await exists()) return binary;
  const go = await findGo(env);
  if (!go)
    throw new FailedPreconditionError("grpcurl is built with Go, which is not installed (Debian package golang-go)");
  await mkdir(cacheDir, { recursive: true });
  const release = await acquireLock(join(cacheDir, "build.lock"), 600_000);
  try {
    if (await exists()) return binary;
    return await goInstall(go, GRPCURL_MODULE, GRPCURL_VERSION, "grpcurl", cacheDir, env);
  } finally {
    await release();
  }
}
