/**
 * One long-running server process (nats-server, postgres): spawned in its own process group with
 * its output appended to a log file, killed with the test process, and observable while it
 * starts so a crash during start-up fails fast with the end of its log. Internal to the test kit.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync, writeSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { DeadlineExceededError, UnavailableError } from "@arbiter/core";
import { trackProcessGroup } from "./cleanup.ts";
import type { ServiceUser } from "./service-user.ts";

/** How a server process ended. */
export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** What to run. */
export interface ServerSpec {
  /** Short name used in messages, e.g. "nats-server". */
  label: string;
  command: string;
  args: readonly string[];
  env: Record<string, string>;
  cwd?: string;
  /** Output (stdout and stderr) is appended here. */
  logFile: string;
  /** Run as this account (the test process is root). */
  user?: ServiceUser | undefined;
  /** Path of util-linux `setpriv`, when present: the server then dies with the test process even on SIGKILL. */
  setpriv?: string | undefined;
}

const TERMINATING = new Set<string>(["SIGKILL", "SIGTERM", "SIGINT", "SIGQUIT", "SIGABRT", "SIGHUP", "SIGSEGV"]);

/** True for signals after which a process is expected to exit. */
export function isTerminating(signal: NodeJS.Signals): boolean {
  return TERMINATING.has(signal);
}

/** A restartable server process; each {@link start} spawns a new process with the same spec. */
export class ServerProcess {
  readonly spec: ServerSpec;
  #child: ChildProcess | undefined;
  #exit: Promise<ExitStatus> | undefined;
  #status: ExitStatus | undefined;
  #untrack: (() => void) | undefined;

  constructor(spec: ServerSpec) {
    this.spec = spec;
  }

  /** Pid of the current process (also its process group id); undefined before the first start. */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** True between {@link start} and the process's exit. */
  get running(): boolean {
    return this.#child !== undefined && this.#status === undefined;
  }

  /** Spawns the process. Throws if it is already running. */
  start(): void {
    if (this.running) throw new Error(`${this.spec.label} is already running (pid ${this.pid})`);
    const { command, args, user, setpriv } = this.spec;
    let file = command;
    let argv: string[] = [...args];
    const ids: { uid?: number; gid?: number } = {};
    if (setpriv !== undefined) {
      // setpriv execs the server, so the pid we get is the server's own.
      const credentials = user ? [`--reuid=${user.uid}`, `--regid=${user.gid}`, "--clear-groups"] : [];
      file = setpriv;
      argv = ["--pdeathsig", "KILL", ...credentials, "--", command, ...args];
    } else if (user) {
      ids.uid = user.uid;
      ids.gid = user.gid;
    }
    const fd = openSync(this.spec.logFile, "a");
    try {
      writeSync(fd, `--- ${new Date().toISOString()} starting: ${[command, ...args].join(" ")}\n`);
      const child = spawn(file, argv, {
        cwd: this.spec.cwd,
        env: this.spec.env,
        stdio: ["ignore", fd, fd],
        // Own process group: a crash can be simulated for the server and all its children at once.
        detached: true,
        ...ids,
      });
      this.#child = child;
      this.#status = undefined;
      this.#exit = new Promise<ExitStatus>((resolve) => {
        const finish = (status: ExitStatus) => {
          if (this.#child === child) this.#status = status;
          untrack?.();
          resolve(status);
        };
        child.once("exit", (code, signal) => finish({ code, signal }));
        child.once("error", () => finish({ code: -1, signal: null }));
      });
      const untrack = child.pid === undefined ? undefined : trackProcessGroup(child.pid);
      this.#untrack = untrack;
    } finally {
      closeSync(fd);
    }
  }

  /** Resolves when the current process has exited (immediately if none is running). */
  async exited(): Promise<ExitStatus | undefined> {
    return this.#exit === undefined ? undefined : await this.#exit;
  }

  /** Sends `signal` to the server process only. No-op when it is not running. */
  signal(signal: NodeJS.Signals): void {
    if (this.running && this.pid !== undefined) process.kill(this.pid, signal);
  }

  /** Sends `signal` to the server and every process it started (its process group). */
  signalGroup(signal: NodeJS.Signals): void {
    const pid = this.#child?.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // Group already empty.
    }
  }

  /**
   * Asks the server to exit with `signal`; if it has not exited after `graceMs`, SIGKILLs its
   * whole process group. Resolves once it has exited.
   */
  async stop(signal: NodeJS.Signals, graceMs: number): Promise<void> {
    if (!this.running) return;
    this.signal(signal);
    const exit = this.#exit as Promise<ExitStatus>;
    const cancel = new AbortController();
    const timer = sleep(graceMs, "timeout" as const, { signal: cancel.signal }).catch(() => "cancelled" as const);
    const first = await Promise.race([exit, timer]);
    cancel.abort();
    if (first === "timeout") this.signalGroup("SIGKILL");
    await exit;
    this.#untrack?.();
  }

  /** The last `lines` lines of the log file (for error messages). */
  async logTail(lines = 30): Promise<string> {
    try {
      const text = await readFile(this.spec.logFile, "utf8");
      return text
        .split("\n")
        .slice(-lines - 1)
        .join("\n");
    } catch {
      return "(no log)";
    }
  }

  /**
   * Polls `probe` every `intervalMs` until it returns true. Fails fast, with the end of the log,
   * if the process exits first or `timeoutMs` passes.
   */
  async waitUntilReady(probe: () => Promise<boolean>, timeoutMs: number, intervalMs = 50): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running) {
        const status = await this.exited();
        throw new ServerExitedError(this.spec.label, status, await this.logTail());
      }
      if (await probe().catch(() => false)) return;
      if (Date.now() > deadline) {
        throw new DeadlineExceededError(
          `${this.spec.label} (pid ${this.pid}) was not ready after ${timeoutMs} ms; log ${this.spec.logFile}:\n${await this.logTail()}`,
          { label: this.spec.label, timeoutMs, logFile: this.spec.logFile },
        );
      }
      await sleep(intervalMs);
    }
  }
}

/** A server exited while it was starting; `log` holds the end of its output. */
export class ServerExitedError extends UnavailableError {
  constructor(
    readonly label: string,
    readonly status: ExitStatus | undefined,
    readonly log: string,
  ) {
    const how = status?.signal ? `signal ${status.signal}` : `code ${status?.code}`;
    super(`${label} exited during start-up (${how}):\n${log}`, { label, code: status?.code, signal: status?.signal });
  }

  /** True when the log says the port was taken (another process won the race for a free port). */
  get portInUse(): boolean {
    return /address already in use|could not bind|could not create any TCP\/IP sockets/i.test(this.log);
  }
}
