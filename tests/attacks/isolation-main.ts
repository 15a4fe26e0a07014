/**
 * Runs the isolation attack on its own against a fresh `arbiter start` (gateway and scheduler in
 * one process, data in a temporary directory, authentication on) and prints what it found:
 *
 *   node --import tsx tests/attacks/isolation-main.ts [--verbose]
 *
 * Exits 1 when tenant B reached anything of tenant A's.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { spawnRole } from "../support/mesh.ts";
import { runIsolation } from "./isolation.ts";

const { values } = parseArgs({ options: { verbose: { type: "boolean", default: false } } });
const ADMIN_KEY = "isolation-bootstrap-admin-key-0123456789";

const dataDir = mkdtempSync(join(tmpdir(), "arbiter-isolation-"));
const started = Date.now();
const mesh = await spawnRole(
  "start",
  {
    ARBITER_DATA_DIR: dataDir,
    ARBITER_GATEWAY_PORT: "0",
    ARBITER_AUTH_ENABLED: "true",
    ARBITER_AUTH_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
  },
  dataDir,
);
console.log(`arbiter start ready in ${Date.now() - started} ms`);
let failed = true;
try {
  const result = await runIsolation({
    gatewayUrl: `http://127.0.0.1:${mesh.id}`,
    adminKey: ADMIN_KEY,
    log: (line) => console.log(line),
    verbose: values.verbose,
  });
  console.log(`probes ${result.probes}, leaks ${result.leaks}, planted vector queries ${result.vectorQueries}`);
  for (const example of result.examples) console.log(`  ${example}`);
  failed = result.leaks > 0;
  console.log(`log of the mesh: ${mesh.logFile}`);
} finally {
  mesh.child.kill("SIGTERM");
  await mesh.exited;
  if (!failed) rmSync(dataDir, { recursive: true, force: true });
}
console.log(`total ${Date.now() - started} ms`);
process.exitCode = failed ? 1 : 0;
