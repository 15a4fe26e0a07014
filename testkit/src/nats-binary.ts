/**
 * Finds or builds the nats-server binary the integration tests run. Order: an explicit path
 * (`ARBITER_NATS_SERVER`), the pinned build cached at `<repo>/.cache/bin/nats-server`, a fresh
 * build of the pinned version with `go install`, then a `nats-server` on PATH that is new enough
 * for JetStream key-value (2.9+). `scripts/ensure-nats-server.sh` does the same from a shell.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { FailedPreconditionError, InvalidArgumentError } from "@arbiter/core";
import { type Env, findOnPath, isExecutable, run } from "./exec.ts";
import { acquireLock, findGo, goInstall } from "./go-install.ts";

/**
 * The nats-server release the tests are pinned to: the newest stable tag the Go module proxy
 * served when this was last bumped (`go list -m -versions github.com/nats-io/nats-server/v2`);
 * builds with Go 1.26. Keep in step with `scripts/ensure-nats-server.sh`.
 */
export const NATS_SERVER_VERSION = "v2.15.2";

/** The Go module that `go install` builds. */
export const NATS_SERVER_MODULE = "github.com/nats-io/nats-server/v2";

/** Oldest nats-server taken from PATH: JetStream key-value buckets need 2.9. */
export const MIN_PATH_NATS_SERVER = [2, 9] as const;

/**
 * Oldest Go that can build the pinned release: Go 1.21+ fetches the newer toolchain the module's
 * go.mod asks for (go 1.26) through the module proxy (GOTOOLCHAIN=auto); older Go cannot.
 */
export const MIN_GO = [1, 21] as const;

/** Root of the repository (the test kit lives in `<repo>/testkit/src`). */
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Options of {@link ensureNatsServer}. */
export interface EnsureNatsServerOptions {
  /**
   * Environment to read `ARBITER_NATS_SERVER`, `PATH` and the Go settings from, and to run `go`
   * with. Default: `process.env`.
   */
  env?: Env;
  /** Where the built binary is cached. Default `<repo>/.cache/bin`. */
  cacheDir?: string;
  /** Release to build (a Go module version such as `"v2.15.2"`). Default {@link NATS_SERVER_VERSION}. */
  version?: string;
  /**
   * Build the pinned release with Go when it is not cached. Default true; false uses only existing
   * binaries (the explicit one, the cache, PATH), e.g. when CI pre-built with the script.
   */
  build?: boolean;
  /** How long to wait for another process's build to finish, in ms. Default 600000. */
  lockTimeoutMs?: number;
}

/** Parses `nats-server --version` output ("nats-server: v2.15.2") into [major, minor, patch]. */
export function parseNatsServerVersion(output: string): [number, number, number] | undefined {
  const match = /v?(\d+)\.(\d+)\.(\d+)/.exec(output);
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

async function versionOf(binary: string, env: Env): Promise<string | undefined> {
  try {
    const result = await run(binary, ["--version"], { env, timeoutMs: 10_000 });
    return result.code === 0 ? result.stdout.trim() : undefined;
  } catch {
    return undefined;
  }
}

async function build(go: string, cacheDir: string, version: string, env: Env): Promise<string> {
  const goVersion = (await run(go, ["env", "GOVERSION"], { env })).stdout.trim();
  const parsed = /^go(\d+)\.(\d+)/.exec(goVersion);
  const [major, minor] = [Number(parsed?.[1] ?? 0), Number(parsed?.[2] ?? 0)];
  if (major < MIN_GO[0] || (major === MIN_GO[0] && minor < MIN_GO[1])) {
    throw new FailedPreconditionError(
      `${go} is ${goVersion || "of unknown version"}; building nats-server ${version} needs Go ${MIN_GO.join(".")}+ (older Go cannot fetch the toolchain the module asks for); install a newer Go or the Debian package nats-server (2.9+), or set ARBITER_NATS_SERVER`,
      { go, goVersion, version },
    );
  }
  return goInstall(go, NATS_SERVER_MODULE, version, "nats-server", cacheDir, env);
}

async function resolve(options: EnsureNatsServerOptions, env: Env): Promise<string> {
  const explicit = env.ARBITER_NATS_SERVER;
  if (explicit !== undefined && explicit !== "") {
    if (!(await isExecutable(explicit)) || (await versionOf(explicit, env)) === undefined) {
      throw new InvalidArgumentError("ARBITER_NATS_SERVER", "the path of a runnable nats-server binary", explicit);
    }
    return explicit;
  }

  const version = options.version ?? NATS_SERVER_VERSION;
  const cacheDir = options.cacheDir ?? join(REPO_ROOT, ".cache", "bin");
  const cached = join(cacheDir, "nats-server");
  const isPinned = async () => (await versionOf(cached, env))?.endsWith(version) === true;
  if (await isPinned()) return cached;

  // A failed build (say, Debian bookworm's Go 1.19) still lets a packaged nats-server serve.
  let buildError: unknown;
  const go = options.build === false ? undefined : await findGo(env);
  if (go) {
    await mkdir(cacheDir, { recursive: true });
    const release = await acquireLock(join(cacheDir, "nats-server.lock"), options.lockTimeoutMs ?? 600_000);
    try {
      // Another process may have built it while we waited for the lock.
      if (await isPinned()) return cached;
      return await build(go, cacheDir, version, env);
    } catch (error) {
      buildError = error;
    } finally {
      await release();
    }
  }

  const onPath = await findOnPath("nats-server", env);
  if (onPath) {
    const found = await versionOf(onPath, env);
    const parsed = found === undefined ? undefined : parseNatsServerVersion(found);
    const [minMajor, minMinor] = MIN_PATH_NATS_SERVER;
    if (parsed && (parsed[0] > minMajor || (parsed[0] === minMajor && parsed[1] >= minMinor))) return onPath;
    if (buildError === undefined) {
      throw new FailedPreconditionError(
        `${onPath} is ${found ?? "of unknown version"}, but JetStream key-value needs nats-server ${minMajor}.${minMinor}+; install Go ${MIN_GO.join(".")}+ so the tests can build ${version}, or set ARBITER_NATS_SERVER`,
        { path: onPath, version: found },
      );
    }
  }
  if (buildError !== undefined) throw buildError;

  if (options.build === false) {
    throw new FailedPreconditionError(
      `no nats-server: ${cached} is missing or not ${version}, building is off and none is on PATH; run scripts/ensure-nats-server.sh (needs Go: Debian package golang-go), install the Debian package nats-server, or set ARBITER_NATS_SERVER`,
      { version },
    );
  }
  throw new FailedPreconditionError(
    `no nats-server: neither go (to build ${NATS_SERVER_MODULE}@${version}) nor a nats-server binary was found on PATH; install the Debian package golang-go or nats-server, or set ARBITER_NATS_SERVER to a binary`,
    { version },
  );
}

const memo = new Map<string, Promise<string>>();

/**
 * Returns the path of a nats-server binary, building the pinned release into the cache on first
 * use (about a minute; concurrent test processes wait on a lock file instead of building twice).
 * The answer is remembered for the life of the process.
 *
 * @throws FailedPreconditionError when neither Go nor a suitable nats-server is installed (the
 *   message names the Debian packages `golang-go` and `nats-server`).
 */
export function ensureNatsServer(options: EnsureNatsServerOptions = {}): Promise<string> {
  const env = options.env ?? process.env;
  const key = JSON.stringify([env.ARBITER_NATS_SERVER, env.PATH, options.cacheDir, options.version, options.build]);
  let pending = memo.get(key);
  if (!pending) {
    pending = resolve(options, env);
    memo.set(key, pending);
    pending.catch(() => memo.delete(key));
  }
  return pending;
}
