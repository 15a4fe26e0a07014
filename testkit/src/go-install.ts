/**
 * Building Go programs the tests need (nats-server, grpcurl) from the Go module proxy, once per
 * machine: `go install <module>@<version>` into a cache directory, serialized across processes by
 * a lock file, and published with one rename so no reader sees a half-written binary.
 */
import { randomBytes } from "node:crypto";
import { access, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { DeadlineExceededError, FailedPreconditionError, InternalError } from "@arbiter/core";
import { type Env, findOnPath, isExecutable, run } from "./exec.ts";
// Read only when a build is asked for, so the import cycle with nats-binary.ts is harmless.
import { REPO_ROOT } from "./nats-binary.ts";

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes `<path>` as an exclusive lock (a file holding our pid, created with O_EXCL), the same
 * protocol as scripts/ensure-nats-server.sh. A lock whose owner is dead is broken.
 */
export async function acquireLock(path: string, timeoutMs: number): Promise<() => Promise<void>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await writeFile(path, `${process.pid}\n`, { flag: "wx" });
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = Number.parseInt(await readFile(path, "utf8").catch(() => ""), 10);
    if (Number.isInteger(owner) && owner > 0 && !processAlive(owner)) {
      await rm(path, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new DeadlineExceededError(
        `waited ${timeoutMs} ms for the build lock ${path} held by pid ${owner}; delete the file if no build is running`,
        { lock: path, owner },
      );
    }
    await sleep(250);
  }
}

export async function findGo(env: Env): Promise<string | undefined> {
  const onPath = await findOnPath("go", env);
  if (onPath) return onPath;
  // The official tarball's location, often not on PATH in non-login shells.
  return (await isExecutable("/usr/local/go/bin/go")) ? "/usr/local/go/bin/go" : undefined;
}

/** `go install module@version` into `cacheDir`; returns the path of `binary` there. */
export async function goInstall(
  go: string,
  module: string,
  version: string,
  binary: string,
  cacheDir: string,
  env: Env,
): Promise<string> {
  const target = join(cacheDir, binary);
  const gobin = join(cacheDir, `.build-${process.pid}-${randomBytes(4).toString("hex")}`);
  await mkdir(gobin, { recursive: true });
  try {
    const result = await run(go, ["install", `${module}@${version}`], {
      env: { ...env, GOBIN: gobin, CGO_ENABLED: env.CGO_ENABLED ?? "0" },
      timeoutMs: 15 * 60_000,
    });
    if (result.code !== 0) {
      throw new InternalError(`go install ${module}@${version} failed (exit ${result.code}): ${result.stderr.trim()}`, {
        module,
        version,
      });
    }
    await rename(join(gobin, binary), target);
    return target;
  } finally {
    await rm(gobin, { recursive: true, force: true });
  }
}

/**
 * `go build <pkg>` from inside the module at `moduleDir` (a wrapper module whose committed go.mod
 * and go.sum pin every dependency) into `cacheDir`; returns the path of `binary` there. For programs
 * `go install module@version` refuses to build, such as modules whose go.mod has replace directives.
 * The result is published with one rename, as {@link goInstall} does; callers hold the lock.
 */
export async function goBuild(
  go: string,
  moduleDir: string,
  pkg: string,
  binary: string,
  cacheDir: string,
  env: Env,
): Promise<string> {
  const target = join(cacheDir, binary);
  const staging = join(cacheDir, `.build-${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    const result = await run(go, ["build", "-trimpath", "-o", staging, pkg], {
      // -mod=readonly: a go.sum that does not cover the build is an error, never an update.
      env: {
        ...env,
        CGO_ENABLED: env.CGO_ENABLED ?? "0",
        GOFLAGS: [env.GOFLAGS, "-mod=readonly"].filter(Boolean).join(" "),
      },
      cwd: moduleDir,
      timeoutMs: 20 * 60_000,
    });
    if (result.code !== 0) {
      throw new InternalError(`go build ${pkg} in ${moduleDir} failed (exit ${result.code}): ${result.stderr.trim()}`, {
        pkg,
        moduleDir,
      });
    }
    await rename(staging, target);
    return target;
  } finally {
    await rm(staging, { force: true });
  }
}

/**
 * Path of `<repo>/.cache/bin/<name>-<version>/<name>`, building it with `build(go, cacheDir)` on
 * first use. One process builds while the others wait on the directory's lock, then find the
 * binary there; Go's absence is reported naming the program.
 */
export async function ensureCachedGoBinary(
  name: string,
  version: string,
  build: (go: string, cacheDir: string) => Promise<string>,
  env: Env,
  lockTimeoutMs: number,
): Promise<string> {
  const cacheDir = join(REPO_ROOT, ".cache", "bin", `${name}-${version}`);
  const binary = join(cacheDir, name);
  const exists = () =>
    access(binary).then(
      () => true,
      () => false,
    );
  if (await exists()) return binary;
  const go = await findGo(env);
  if (!go)
    throw new FailedPreconditionError(`${name} is built with Go, which is not installed (Debian package golang-go)`);
  await mkdir(cacheDir, { recursive: true });
  const release = await acquireLock(join(cacheDir, "build.lock"), lockTimeoutMs);
  try {
    if (await exists()) return binary;
    return await build(go, cacheDir);
  } finally {
    await release();
  }
}
