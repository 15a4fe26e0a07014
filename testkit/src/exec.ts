/**
 * Small process helpers: PATH lookup against an explicit environment, and running a command to
 * completion while capturing its output. Internal to the test kit.
 */
import { execFile } from "node:child_process";
import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { delimiter, join } from "node:path";

/** An environment passed explicitly (library code never reads `process.env` itself). */
export type Env = Readonly<Record<string, string | undefined>>;

/** True when `path` exists and is executable by this process. */
export async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** First executable named `name` on `env.PATH`, or undefined. */
export async function findOnPath(name: string, env: Env): Promise<string | undefined> {
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** Result of {@link run}. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `command` to completion (no shell) and captures its output; never throws for a non-zero exit. */
export function run(
  command: string,
  args: readonly string[],
  options: { env?: Env; cwd?: string; timeoutMs?: number; uid?: number; gid?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        env: options.env as NodeJS.ProcessEnv | undefined,
        cwd: options.cwd,
        timeout: options.timeoutMs ?? 0,
        maxBuffer: 16 * 1024 * 1024,
        ...(options.uid === undefined ? {} : { uid: options.uid }),
        ...(options.gid === undefined ? {} : { gid: options.gid }),
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") {
          reject(error);
          return;
        }
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

/** Copy of `env` without undefined values, as child processes need. */
export function cleanEnv(env: Env, drop: (name: string) => boolean = () => false): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined && !drop(name)) out[name] = value;
  return out;
}
