/**
 * Loaded into the process under attack (NODE_OPTIONS="--expose-gc --import <this file>", see
 * memory-probe.ts) so the fuzzer can read what it holds: on SIGUSR2 it collects garbage fully and
 * writes process.memoryUsage() as JSON to the file named by MEMORY_PROBE_FILE. Test support only;
 * nothing in the product loads it.
 */
import { renameSync, writeFileSync } from "node:fs";
import { setImmediate as nextTurn } from "node:timers/promises";

const file = process.env.MEMORY_PROBE_FILE;

if (file && typeof globalThis.gc === "function") {
  let probing = false;
  process.on("SIGUSR2", async () => {
    if (probing) return;
    probing = true;
    try {
      // Buffers die with the objects that hold them, and their memory goes back once their
      // finalizers ran: collect, let them run, collect again.
      for (let i = 0; i < 3; i++) {
        globalThis.gc();
        await nextTurn();
      }
      const usage = process.memoryUsage();
      writeFileSync(`${file}.tmp`, JSON.stringify({ ...usage, at: Date.now() }));
      renameSync(`${file}.tmp`, file);
    } finally {
      probing = false;
    }
  });
}
