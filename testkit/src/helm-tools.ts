/**
 * What the offline Helm chart checks need, from the Go module proxy only: `helm` and `kubeconform`
 * built with `go install` at pinned versions into `<repo>/.cache/bin`, and the source trees of Go
 * modules that ship API definitions (the Kubernetes OpenAPI spec, the Gateway API and
 * prometheus-operator CRDs), fetched with `go mod download` into the Go module cache.
 */
import { tmpdir } from "node:os";
import { FailedPreconditionError, InternalError } from "@arbiter/core";
import { type Env, run } from "./exec.ts";
import { ensureCachedGoBinary, findGo, goInstall } from "./go-install.ts";

/** The Helm 3 release the chart is checked with (`go list -m -versions helm.sh/helm/v3`). */
export const HELM_VERSION = "v3.22.0";
/** The kubeconform release that validates rendered manifests. */
export const KUBECONFORM_VERSION = "v0.8.0";
/** The Kubernetes release whose OpenAPI spec (api/openapi-spec/swagger.json) the manifests must match. */
export const KUBERNETES_VERSION = "v1.35.4";
/** The Gateway API release whose CRDs (config/crd/standard) define HTTPRoute, GRPCRoute and Gateway. */
export const GATEWAY_API_VERSION = "v1.6.3";
/** The prometheus-operator release whose CRDs (example/prometheus-operator-crd) define ServiceMonitor. */
export const PROMETHEUS_OPERATOR_VERSION = "v0.85.0";

async function requireGo(env: Env, what: string): Promise<string> {
  const go = await findGo(env);
  if (!go)
    throw new FailedPreconditionError(`${what} is built with Go, which is not installed (Debian package golang-go)`);
  return go;
}

/** `go install module@version` once into `.cache/bin/<name>-<version>/`, shared across processes. */
function ensureGoTool(name: string, module: string, version: string, env: Env): Promise<string> {
  // helm takes minutes to build on a small machine; a second process waits rather than builds.
  return ensureCachedGoBinary(
    name,
    version,
    (go, cacheDir) => goInstall(go, module, version, name, cacheDir, env),
    env,
    900_000,
  );
}

/** Path of a `helm` binary of {@link HELM_VERSION}, building it on first use (several minutes). */
export function ensureHelm(env: Env = process.env): Promise<string> {
  return ensureGoTool("helm", "helm.sh/helm/v3/cmd/helm", HELM_VERSION, env);
}

/** Path of a `kubeconform` binary of {@link KUBECONFORM_VERSION}, building it on first use. */
export function ensureKubeconform(env: Env = process.env): Promise<string> {
  return ensureGoTool("kubeconform", "github.com/yannh/kubeconform/cmd/kubeconform", KUBECONFORM_VERSION, env);
}

/**
 * The directory of `module@version` in the Go module cache, downloading it through the module
 * proxy when missing (`go mod download -json`; the Go command locks its own cache).
 */
export async function goModuleDir(module: string, version: string, env: Env = process.env): Promise<string> {
  const go = await requireGo(env, module);
  // Outside any module, so no go.mod of the working directory takes part.
  const result = await run(go, ["mod", "download", "-json", `${module}@${version}`], {
    env,
    cwd: tmpdir(),
    timeoutMs: 10 * 60_000,
  });
  let info: { Dir?: string; Error?: string } = {};
  try {
    info = JSON.parse(result.stdout) as typeof info;
  } catch {
    // not JSON: reported below with stderr
  }
  if (result.code !== 0 || !info.Dir) {
    throw new InternalError(
      `go mod download ${module}@${version} failed (exit ${result.code}): ${info.Error ?? result.stderr.trim()}`,
      { module, version },
    );
  }
  return info.Dir;
}
