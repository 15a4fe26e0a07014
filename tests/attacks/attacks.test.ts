/**
 * The attack suite as part of `npm test` (`npm run test:attacks` runs it alone): forged
 * credentials, the role × RPC matrix, tenant isolation and 10,000 fuzzed requests against one
 * `arbiter start` with authentication on.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { runAttackSuite, summaryLine } from "./attack-harness.ts";

it("refuses every forged credential, keeps every role to its permissions and every tenant to itself, and survives the fuzzer", async () => {
  const report = await runAttackSuite({ fuzzCases: 10_000, seed: 1, log: (line) => console.log(`# ${line}`) });
  console.log(`# ${summaryLine(report)}`);
  assert.ok(report.credentialsTried >= 40, `credentials tried: ${report.credentialsTried}`);
  assert.equal(report.credentialsAccepted, 0, report.examples.join("\n"));
  assert.ok(report.matrixCells > 0);
  assert.equal(report.matrixWrong, 0, report.examples.join("\n"));
  assert.ok(report.isolationProbes >= 1000, `isolation probes: ${report.isolationProbes}`);
  assert.equal(report.crossTenantLeaks, 0, report.examples.join("\n"));
  assert.ok(report.fuzzCases >= 10_000, `fuzz cases: ${report.fuzzCases}`);
  assert.equal(report.crashes, 0);
  assert.equal(report.internalErrors, 0, report.examples.join("\n"));
  assert.equal(report.secretsLogged, 0, report.examples.join("\n"));
  assert.ok(report.memoryGrowth < 0.1, `memory growth ${(report.memoryGrowth * 100).toFixed(1)} %`);
});
