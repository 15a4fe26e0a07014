import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TokenBucket } from "./token-bucket.ts";

describe("token bucket", () => {
  it("starts full: a burst of `burst` requests passes at once, the next waits for one token", () => {
    const bucket = new TokenBucket(10, 5, 0);
    for (let i = 0; i < 5; i++) assert.equal(bucket.take(0), 0, `request ${i + 1} of the burst`);
    // Empty: one token takes 1/10 s to come back.
    assert.equal(bucket.take(0), 100);
  });

  it("refills at the rate, continuously, and never above the burst", () => {
    const bucket = new TokenBucket(10, 5, 0);
    for (let i = 0; i < 5; i++) bucket.take(0);
    assert.equal(bucket.take(50), 50, "half a token after 50 ms: 50 ms to the next");
    assert.equal(bucket.take(100), 0, "a whole token after 100 ms");
    assert.ok(Math.abs(bucket.available(350) - 2.5) < 1e-9, "2.5 tokens 250 ms later");
    assert.equal(bucket.available(60_000), 5, "an idle minute fills it only to the burst");
    assert.ok(bucket.full(60_000));
  });

  it("does not charge a refused request", () => {
    const bucket = new TokenBucket(1, 1, 0);
    assert.equal(bucket.take(0), 0);
    assert.equal(bucket.take(0), 1000);
    assert.equal(bucket.take(500), 500, "the refusal at 0 took nothing: half a token at 500 ms");
    assert.equal(bucket.take(1000), 0);
  });

  it("sustains exactly the rate over a long run", () => {
    const bucket = new TokenBucket(100, 1, 0);
    let admitted = 0;
    // A caller trying every millisecond for 10 s gets the burst plus 100 per second.
    for (let t = 0; t <= 10_000; t++) if (bucket.take(t) === 0) admitted++;
    assert.equal(admitted, 1001);
  });

  it("refills nothing when the clock steps back", () => {
    const bucket = new TokenBucket(10, 1, 1000);
    assert.equal(bucket.take(1000), 0);
    assert.equal(bucket.take(500), 100);
    assert.equal(bucket.take(1100), 0);
  });
});
