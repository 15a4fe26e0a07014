/**
 * `npm run test:faults`: the fault suite of durable work on its own (see fault-harness.ts). Prints
 * its progress, any problem found, and ends with the summary line
 * `faults=<n> items=<n> events=<n> lost=<n> duplicates=<n> dead_lettered=<n>`; exits 1 when an
 * item or event was lost or took effect twice, or a result was wrong.
 *
 *   npm run test:faults [-- --items 10000 --events 10000]
 */
import { runFaultSuite, summaryLine } from "./fault-harness.ts";

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`--${name}: expected a positive integer`);
  return value;
}

const report = await runFaultSuite({
  items: flag("items", 10_000),
  events: flag("events", 10_000),
  log: (line) => console.log(`# ${line}`),
});
for (const problem of report.problems.slice(0, 50)) console.log(`problem: ${problem}`);
console.log(summaryLine(report));
process.exit(report.problems.length === 0 ? 0 : 1);
