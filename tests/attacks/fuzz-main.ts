/**
 * Runs the fuzzer on its own against a fresh `arbiter start` (gateway and scheduler in one
 * process, data in a temporary directory) and prints what it found:
 *
 *   node --import tsx tests/attacks/fuzz-main.ts [--cases 10000] [--seed 1] [--auth false] [--examples 20] [--keep]
 *
 * Exits 1 when the process crashed or answered INTERNAL for a client's mistake. The mesh's data
 * directory (with its log) is kept then, or with --keep.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { spawnRole } from "../support/mesh.ts";
import { runFuzz } from "./fuzz.ts";
import { memoryProbe } from "./memory-probe.ts";

const { values } = parseArgs({
  options: {
    cases: { type: "string", default: "10000" },
    seed: { type: "string", default: "1" },
    auth: { type: "string", default: "true" },
    examples: { type: "string", default: "20" },
    keep: { type: "boolean", default: false },
  },
});
const ADMIN_KEY = "fuzz-bootstrap-admin-key-0123456789abcdef";

const dataDir = mkdtempSync(join(tmpdir(), "arbiter-fuzz-"));
const memory = memoryProbe(dataDir);
const mesh = await spawnRole(
  "start",
  {
    ...memory.env,
    ARBITER_DATA_DIR: dataDir,
    ARBITER_GATEWAY_PORT: "0",
    ARBITER_AUTH_ENABLED: values.auth,
    // Every refused request is a debug line; writing 10,000 of them would slow the process down.
    ARBITER_LOG_LEVEL: "info",
    ARBITER_AUTH_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
  },
  dataDir,
);
let failed = true;
try {
  const result = await runFuzz({
    gatewayUrl: `http://127.0.0.1:${mesh.id}`,
    apiKey: ADMIN_KEY,
    pid: mesh.child.pid as number,
    memory,
    cases: Number(values.cases),
    seed: Number(values.seed),
    log: (line) => console.log(line),
    maxExamples: Number(values.examples),
  });
  console.log(
    `cases ${result.cases}, crashes ${result.crashes}, internal errors ${result.internalErrors}, memory growth ${(result.memoryGrowth * 100).toFixed(1)} %`,
  );
  for (const example of result.examples) console.log(`  ${example}`);
  failed = result.crashes > 0 || result.internalErrors > 0;
} finally {
  mesh.child.kill("SIGTERM");
  await mesh.exited;
  if (failed || values.keep) console.log(`log of the mesh: ${mesh.logFile}`);
  else rmSync(dataDir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
