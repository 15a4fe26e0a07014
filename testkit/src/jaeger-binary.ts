/**
 * The Jaeger binary the tracing tests send spans to: Jaeger v2 (`cmd/jaeger`, an OpenTelemetry
 * Collector distribution with Jaeger's storage and query API), built from the Go module proxy once
 * per machine into `<repo>/.cache/bin/jaeger-<version>/jaeger`.
 *
 * `go install module@version` refuses Jaeger: its go.mod has a replace directive. So the build runs
 * `go build` inside the wrapper module committed at `testkit/go/jaeger`, whose go.mod requires the
 * pinned Jaeger and repeats that directive, and whose go.sum pins every dependency (taken from
 * Jaeger's own go.sum). A cold build takes about five minutes on two cores.
 */
import { join } from "node:path";
import type { Env } from "./exec.ts";
import { ensureCachedGoBinary, goBuild } from "./go-install.ts";
import { REPO_ROOT } from "./nats-binary.ts";

/**
 * The Go module version of Jaeger the tests build: `v1.76.0` is the tag Jaeger v2.13.0 was released
 * under (the repository tags each v2 release with a v1 module version too). Keep in step with
 * `testkit/go/jaeger/go.mod`.
 */
export const JAEGER_MODULE_VERSION = "v1.76.0";

/** The Jaeger v2 release that module version is. */
export const JAEGER_RELEASE = "v2.13.0";

/** The package built: Jaeger v2's single binary. */
export const JAEGER_PACKAGE = "github.com/jaegertracing/jaeger/cmd/jaeger";

/** The wrapper module the binary is built from. */
export const JAEGER_WRAPPER_DIR = join(REPO_ROOT, "testkit", "go", "jaeger");

/**
 * Path of the Jaeger v2 binary, building it on first use (minutes; another process building it
 * meanwhile is waited for). Set `ARBITER_JAEGER` to use a binary of your own instead.
 */
export function ensureJaeger(env: Env = process.env): Promise<string> {
  const explicit = env.ARBITER_JAEGER;
  if (explicit !== undefined && explicit !== "") return Promise.resolve(explicit);
  return ensureCachedGoBinary(
    "jaeger",
    JAEGER_MODULE_VERSION,
    (go, cacheDir) => goBuild(go, JAEGER_WRAPPER_DIR, JAEGER_PACKAGE, "jaeger", cacheDir, env),
    env,
    25 * 60_000,
  );
}
