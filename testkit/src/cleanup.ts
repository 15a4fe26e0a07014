/**
 * Last-resort cleanup: every process group and temporary directory the test kit creates is
 * registered here and torn down when the test process exits (normally, through SIGINT/SIGTERM/
 * SIGHUP, or on an uncaught error), so no server or data directory leaks into the next run.
 * Handles remove their own entries when they are stopped cleanly.
 */
import { rmSync } from "node:fs";

const processGroups = new Set<number>();
const directories = new Set<string>();
let installed = false;

function killEverything(): void {
  for (const pgid of processGroups) {
    try {
      // Negative pid: the whole process group (a postmaster and its backends die together).
      process.kill(-pgid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  processGroups.clear();
  for (const dir of directories) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // A directory still being written by a dying process; nothing more can be done at exit.
    }
  }
  directories.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  killEverything();
  process.removeListener(signal, onSignal);
  // Keep the default behaviour (terminate with the signal) unless someone else handles it.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on("exit", killEverything);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, onSignal);
}

/**
 * Registers a process group (its leader's pid) to be SIGKILLed when this process exits.
 * Returns a function that unregisters it, to be called once the group has exited.
 */
export function trackProcessGroup(pgid: number): () => void {
  install();
  processGroups.add(pgid);
  return () => {
    processGroups.delete(pgid);
  };
}

/** Registers a directory to be removed recursively when this process exits; returns the unregister function. */
export function trackDirectory(path: string): () => void {
  install();
  directories.add(path);
  return () => {
    directories.delete(path);
  };
}
