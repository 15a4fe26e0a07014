import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFile, rm, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

const fixture = fileURLToPath(new URL("./fixtures/servers-then-exit.ts", import.meta.url));

interface Started {
  pids: number[];
  dirs: string[];
}

/** A pid is gone when /proc no longer lists it or lists it as a zombie (dead, not yet reaped). */
async function alive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => undefined);
  return stat !== undefined && stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Runs the fixture, lets `end` finish it, and returns what it had started. */
async function runFixture(mode: string, end: (child: ReturnType<typeof spawn>) => void): Promise<Started> {
  const child = spawn(process.execPath, ["--import", "tsx", fixture, mode], { stdio: ["pipe", "pipe", "ignore"] });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  let output = "";
  for await (const chunk of child.stdout) {
    output += String(chunk);
    if (output.includes("\n")) break;
  }
  const started = JSON.parse(output) as Started;
  for (const pid of started.pids) assert.equal(await alive(pid), true, `server ${pid} runs while the fixture runs`);
  end(child);
  await exited;
  return started;
}

async function waitGone(pids: number[]): Promise<number[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const living: number[] = [];
    for (const pid of pids) if (await alive(pid)) living.push(pid);
    if (living.length === 0 || Date.now() > deadline) return living;
    await sleep(100);
  }
}

for (const [how, mode, end] of [
  ["process.exit", "exit", (child: ReturnType<typeof spawn>) => child.stdin?.write("end\n")],
  ["an uncaught error", "throw", (child: ReturnType<typeof spawn>) => child.stdin?.write("end\n")],
  ["SIGTERM", "wait", (child: ReturnType<typeof spawn>) => child.kill("SIGTERM")],
] as const) {
  test(`servers and their directories are removed when the test process ends through ${how}`, async () => {
    const started = await runFixture(mode, end);
    assert.deepEqual(await waitGone(started.pids), []);
    for (const dir of started.dirs) assert.equal(await exists(dir), false, `${dir} was removed`);
  });
}

test("servers die with the test process even when it is SIGKILLed (parent-death signal)", async () => {
  const started = await runFixture("wait", (child) => child.kill("SIGKILL"));
  try {
    assert.deepEqual(await waitGone(started.pids), []);
  } finally {
    // No exit handler runs on SIGKILL: the directories are left behind; tidy them here.
    for (const dir of started.dirs) await rm(dirname(dir), { recursive: true, force: true });
  }
});
