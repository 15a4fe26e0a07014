/**
 * `npm run test:attacks`: the attack suite on its own (see attack-harness.ts). Prints its progress,
 * what got through (if anything), and ends with the summary line
 * `credentials_tried=<n> credentials_accepted=<n> matrix_cells=<n> matrix_wrong=<n>
 * cross_tenant_leaks=<n> fuzz_cases=<n> crashes=<n> internal_errors=<n>`; exits 1 when anything
 * got through, broke, or memory grew 10 % or more.
 *
 *   npm run test:attacks [-- --fuzz-cases 10000 --seed 1]
 */
import { passed, runAttackSuite, summaryLine } from "./attack-harness.ts";

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`--${name}: expected a positive integer`);
  return value;
}

const report = await runAttackSuite({
  fuzzCases: flag("fuzz-cases", 10_000),
  seed: flag("seed", 1),
  log: (line) => console.log(`# ${line}`),
});
for (const example of report.examples.slice(0, 50)) console.log(`got through: ${example}`);
console.log(summaryLine(report));
process.exit(passed(report) ? 0 : 1);
