/**
 * PostgreSQL refuses to run as root, and CI runs the tests as root. When the test process is
 * root, servers that care run as an unprivileged account instead (`nobody` by default), through
 * `setpriv` (so the server is still our direct child with a known pid) or Node's uid/gid options.
 */
import { readFile } from "node:fs/promises";
import { FailedPreconditionError } from "@arbiter/core";
import { type Env, findOnPath, run } from "./exec.ts";

/** An account a server process runs as. */
export interface ServiceUser {
  name: string;
  uid: number;
  gid: number;
}

async function lookup(name: string): Promise<ServiceUser | undefined> {
  const passwd = await readFile("/etc/passwd", "utf8");
  for (const line of passwd.split("\n")) {
    const [user, , uid, gid] = line.split(":");
    if (user === name && uid !== undefined && gid !== undefined) return { name, uid: Number(uid), gid: Number(gid) };
  }
  return undefined;
}

/**
 * The account servers should run as: undefined when this process is not root (servers run as the
 * current user); otherwise `name`, created as a system account with `useradd` if it is missing.
 */
export async function resolveServiceUser(name: string, env: Env): Promise<ServiceUser | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const existing = await lookup(name);
  if (existing) return existing;
  const useradd = (await findOnPath("useradd", env)) ?? "/usr/sbin/useradd";
  const result = await run(useradd, ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name], { env });
  // Exit code 9: another test process created it first.
  const created = await lookup(name);
  if (created) return created;
  throw new FailedPreconditionError(
    `running as root, servers need an unprivileged user: user "${name}" does not exist and useradd failed (exit ${result.code}): ${result.stderr.trim()}`,
    { user: name },
  );
}
