import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Code, ResourceExhaustedError, tenantLimitTable } from "@arbiter/core";
import { TenantLimiter } from "./tenant-limiter.ts";

/** A limiter on a clock the test moves. */
function limiterOf(settings: Partial<Parameters<typeof tenantLimitTable>[0]>, refusalDelayMs = 0) {
  const clock = { now: 0 };
  const limiter = new TenantLimiter(
    tenantLimitTable({
      tenantRequestsPerSecond: 0,
      tenantBurst: 0,
      tenantConcurrency: 0,
      tenantOverrides: {},
      ...settings,
    }),
    { now: () => clock.now, refusalDelayMs },
  );
  return { limiter, clock };
}

function refusal(fn: () => unknown): ResourceExhaustedError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ResourceExhaustedError, `expected RESOURCE_EXHAUSTED, got ${String(err)}`);
    assert.equal(err.code, Code.ResourceExhausted);
    return err;
  }
  return assert.fail("expected the call to be refused");
}

describe("tenant limiter", () => {
  it("refuses a tenant over its rate, naming the limit, the tenant and the value, with the wait", () => {
    const { limiter, clock } = limiterOf({ tenantRequestsPerSecond: 100, tenantBurst: 2 });
    limiter.admit("b")();
    limiter.admit("b")();
    const err = refusal(() => limiter.admit("b"));
    assert.equal(err.message, 'tenant "b": rate limit 100 requests/s exceeded');
    assert.equal(err.limit, "limits.tenantRequestsPerSecond");
    assert.equal(err.retryAfterMs, 10);
    clock.now = 10;
    limiter.admit("b")();
  });

  it("keeps each tenant's bucket its own: one tenant's flood leaves another's calls through", () => {
    const { limiter } = limiterOf({ tenantRequestsPerSecond: 5, tenantBurst: 5 });
    for (let i = 0; i < 5; i++) limiter.admit("a")();
    refusal(() => limiter.admit("a"));
    for (let i = 0; i < 5; i++) limiter.admit("b")();
    refusal(() => limiter.admit("b"));
  });

  it("bounds the calls in flight per tenant, and a released slot is free again", () => {
    const { limiter } = limiterOf({ tenantConcurrency: 2 });
    const first = limiter.admit("a");
    limiter.admit("a");
    const err = refusal(() => limiter.admit("a"));
    assert.equal(err.message, 'tenant "a": concurrency limit 2 calls in flight exceeded');
    assert.equal(err.limit, "limits.tenantConcurrency");
    assert.equal(err.retryAfterMs, 1000);
    limiter.admit("b")(); // another tenant's slots are its own
    first();
    first(); // releasing twice frees one slot only
    assert.equal(limiter.inFlight("a"), 1);
    limiter.admit("a");
    refusal(() => limiter.admit("a"));
  });

  it("does not spend a token on a call refused for concurrency", () => {
    const { limiter } = limiterOf({ tenantRequestsPerSecond: 1, tenantBurst: 1, tenantConcurrency: 1 });
    const held = { release: limiter.admit("a") };
    assert.match(refusal(() => limiter.admit("a")).message, /concurrency/);
    held.release();
    assert.match(refusal(() => limiter.admit("a")).message, /rate limit 1 requests\/s/);
  });

  it("applies a tenant's overrides, each field left out taking the default", () => {
    const { limiter } = limiterOf({
      tenantRequestsPerSecond: 1000,
      tenantBurst: 2000,
      tenantConcurrency: 64,
      tenantOverrides: { small: "rps=10,concurrency=1", wide: "burst=5000" },
    });
    assert.deepEqual(limiter.limitsOf("small"), { requestsPerSecond: 10, burst: 10, concurrency: 1 });
    assert.deepEqual(limiter.limitsOf("wide"), { requestsPerSecond: 1000, burst: 5000, concurrency: 64 });
    assert.deepEqual(limiter.limitsOf("other"), { requestsPerSecond: 1000, burst: 2000, concurrency: 64 });
    limiter.admit("small");
    refusal(() => limiter.admit("small"));
    limiter.admit("other");
  });

  it("admits everything when both limits are 0", () => {
    const { limiter } = limiterOf({});
    for (let i = 0; i < 10_000; i++) limiter.admit("default");
    assert.equal(limiter.inFlight("default"), 0, "nothing is tracked for an unlimited tenant");
  });

  describe("holding refusals", () => {
    /** Whether `promise` is still pending once the event loop has turned. */
    async function pending(promise: Promise<unknown>): Promise<boolean> {
      let settled = false;
      void promise.then(() => {
        settled = true;
      });
      await new Promise((resolve) => setImmediate(resolve));
      return !settled;
    }

    function refusedOnce(limiter: TenantLimiter): unknown {
      limiter.admit("a");
      try {
        limiter.admit("a");
      } catch (err) {
        return err;
      }
      return assert.fail("expected a refusal");
    }

    it("holds a refusal until the call ends when a delay is set", async () => {
      const { limiter } = limiterOf({ tenantRequestsPerSecond: 1, tenantBurst: 1 }, 60_000);
      const err = refusedOnce(limiter);
      const cancel = new AbortController();
      const held = limiter.holdRefusal("a", err, Date.now() + 60_000, cancel.signal);
      assert.ok(await pending(held), "held");
      cancel.abort();
      await held;
    });

    it("answers at once without a delay, near the call's deadline, and for errors that are not limits", async () => {
      const { limiter } = limiterOf({ tenantRequestsPerSecond: 1, tenantBurst: 1 });
      assert.equal(await pending(limiter.holdRefusal("a", refusedOnce(limiter), Date.now() + 60_000)), false);
      const delayed = limiterOf({ tenantRequestsPerSecond: 1, tenantBurst: 1 }, 60_000).limiter;
      const err = refusedOnce(delayed);
      assert.equal(await pending(delayed.holdRefusal("a", err, Date.now() + 10)), false, "deadline too close");
      assert.equal(await pending(delayed.holdRefusal("a", new Error("x"), Date.now() + 60_000)), false);
    });
  });
});
