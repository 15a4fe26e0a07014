/**
 * Python virtual environments the tests need (e.g. Triton's own Python client), built once per
 * machine with `python3 -m venv` and pip from PyPI into `<repo>/.cache/venv-<name>`, and reused
 * while their pinned requirements are unchanged. Builds are serialized across processes by a lock
 * file; a venv is used only after the stamp recording its requirements is written, so a failed or
 * interrupted build is rebuilt from scratch rather than half-used.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { FailedPreconditionError, InternalError, InvalidArgumentError } from "@arbiter/core";
import { cleanEnv, type Env, findOnPath, isExecutable, run } from "./exec.ts";
import { acquireLock } from "./go-install.ts";
import { REPO_ROOT } from "./nats-binary.ts";

/** Triton's Python client, gRPC and HTTP flavours, at the release the tests are written against. */
export const TRITON_CLIENT_VERSION = "2.73.0";
export const TRITON_CLIENT_REQUIREMENT = `tritonclient[grpc,http]==${TRITON_CLIENT_VERSION}`;

export interface EnsurePythonVenvOptions {
  /** Names the venv: `<cacheDir>/venv-<name>`. Letters, digits, `.`, `_` and `-`. */
  name: string;
  /** pip requirement specifiers, each pinned to an exact version (`pkg==1.2.3`, extras allowed). */
  requirements: readonly string[];
  /** Environment for python and pip (PATH, proxies, PIP_* settings). Default: none but PATH and HOME. */
  env?: Env;
  /** Where venvs live. Default `<repo>/.cache`. */
  cacheDir?: string;
}

const STAMP = "arbiter-requirements.txt";
const PINNED = /^[A-Za-z0-9][A-Za-z0-9._-]*(\[[A-Za-z0-9._,-]+\])?==[A-Za-z0-9.+!-]+$/;

/**
 * The path of the `python` of a venv holding exactly `requirements`, creating it on first use
 * (a minute or two, downloading from PyPI through pip). FailedPreconditionError when python3 or its
 * venv module is missing, naming the Debian packages that provide them.
 */
export async function ensurePythonVenv(options: EnsurePythonVenvOptions): Promise<string> {
  const { name, requirements } = options;
  if (!/^[A-Za-z0-9._-]+$/.test(name)) {
    throw new InvalidArgumentError("name", "letters, digits, '.', '_' and '-'", JSON.stringify(name));
  }
  for (const [i, requirement] of requirements.entries()) {
    if (!PINNED.test(requirement)) {
      throw new InvalidArgumentError(`requirements[${i}]`, "a requirement pinned with ==", JSON.stringify(requirement));
    }
  }
  const env = options.env ?? { PATH: process.env.PATH, HOME: process.env.HOME };
  const venv = join(options.cacheDir ?? join(REPO_ROOT, ".cache"), `venv-${name}`);
  const python = join(venv, "bin", "python");
  const wanted = `${["# pip requirements of this venv", ...[...requirements].sort()].join("\n")}\n`;
  const ready = async () =>
    (await isExecutable(python)) && (await readFile(join(venv, STAMP), "utf8").catch(() => undefined)) === wanted;
  if (await ready()) return python;

  const base = await findOnPath("python3", env);
  if (!base) {
    throw new FailedPreconditionError(
      "python3 is not installed; the tests that drive Arbiter with Python clients need it (Debian packages python3 and python3-venv)",
    );
  }
  await mkdir(join(venv, ".."), { recursive: true });
  const release = await acquireLock(`${venv}.lock`, 15 * 60_000);
  try {
    if (await ready()) return python;
    await rm(venv, { recursive: true, force: true });
    const childEnv = cleanEnv(env);
    const created = await run(base, ["-m", "venv", venv], { env: childEnv, timeoutMs: 5 * 60_000 });
    if (created.code !== 0 || !(await isExecutable(python))) {
      await rm(venv, { recursive: true, force: true });
      throw new FailedPreconditionError(
        `python3 -m venv failed (exit ${created.code}): ${created.stderr.trim() || created.stdout.trim()}; on Debian, install the package python3-venv`,
      );
    }
    if (requirements.length === 0) {
      await writeFile(join(venv, STAMP), wanted);
      return python;
    }
    const installed = await run(
      python,
      ["-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--quiet", ...requirements],
      { env: childEnv, timeoutMs: 15 * 60_000 },
    );
    if (installed.code !== 0) {
      await rm(venv, { recursive: true, force: true });
      throw new InternalError(
        `pip install ${requirements.join(" ")} failed (exit ${installed.code}): ${installed.stderr.trim()}`,
        { venv },
      );
    }
    await writeFile(join(venv, STAMP), wanted);
    return python;
  } finally {
    await release();
  }
}

/** The `python` of a venv with Triton's Python client ({@link TRITON_CLIENT_REQUIREMENT}). */
export function ensureTritonClient(env?: Env): Promise<string> {
  return ensurePythonVenv({
    name: `tritonclient-${TRITON_CLIENT_VERSION}`,
    requirements: [TRITON_CLIENT_REQUIREMENT],
    ...(env ? { env } : {}),
  });
}
