/**
 * The fault suite of durable work as part of the full test run (see fault-harness.ts): 10,000 task
 * items and 10,000 stream events through a kill -9 of a scheduler, a nats-server restart, a
 * PostgreSQL crash and restart, a scheduler stopped past its lease, and a rolling restart.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runFaultSuite, summaryLine } from "./fault-harness.ts";

describe("durable work under faults", () => {
  it("loses no item or event and gives none two effects", async () => {
    const report = await runFaultSuite({ items: 10_000, events: 10_000, log: (line) => console.log(`# ${line}`) });
    console.log(summaryLine(report));
    assert.deepEqual(report.problems.slice(0, 20), []);
    assert.equal(report.lost, 0);
    assert.equal(report.duplicates, 0);
    assert.equal(report.faults, 6);
    // The poison inputs, and only they, are dead-lettered: 4 model items and 9 events.
    assert.equal(report.deadLettered, 4 + 9);
  });
});
