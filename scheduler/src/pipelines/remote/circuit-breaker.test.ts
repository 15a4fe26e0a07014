import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CircuitBreaker } from "./circuit-breaker.ts";

describe("CircuitBreaker", () => {
  it("opens after the threshold of consecutive failures, then lets one trial through after the reset time", () => {
    const b = new CircuitBreaker();
    for (let i = 0; i < 2; i++) {
      assert.deepEqual(b.acquire(0, 1000), { ok: true, trial: false });
      b.failure(0, 3, false);
    }
    b.success();
    assert.equal(b.failures, 0, "a success resets the count");
    for (let i = 0; i < 3; i++) b.failure(10, 3, false);
    assert.equal(b.state(10, 1000), "open");
    assert.deepEqual(b.acquire(500, 1000), { ok: false, retryInMs: 510, failures: 3 });
    assert.equal(b.state(1010, 1000), "half-open");
    assert.deepEqual(b.acquire(1010, 1000), { ok: true, trial: true });
    assert.equal(b.acquire(1011, 1000).ok, false, "only one trial at a time");
    b.failure(1020, 3, true);
    assert.equal(b.state(1500, 1000), "open", "a failed trial opens the circuit again");
    assert.deepEqual(b.acquire(2020, 1000), { ok: true, trial: true });
    b.success();
    assert.equal(b.state(2020, 1000), "closed");
    assert.deepEqual(b.acquire(2021, 1000), { ok: true, trial: false });
  });

  it("frees the trial slot of a cancelled trial", () => {
    const b = new CircuitBreaker();
    b.failure(0, 1, false);
    assert.equal(b.acquire(100, 100).ok, true);
    b.release(true);
    assert.deepEqual(b.acquire(100, 100), { ok: true, trial: true });
  });
});
