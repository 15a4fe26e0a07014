import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadConfig } from "./config.ts";
import { InvalidArgumentError } from "./errors.ts";
import { tenantLimitTable } from "./tenant-limits.ts";

describe("tenant limit settings", () => {
  it("bound concurrency and leave the rate unlimited by default", () => {
    const { defaults, overrides } = tenantLimitTable(loadConfig().limits);
    assert.equal(defaults.requestsPerSecond, 0);
    assert.equal(defaults.concurrency, 512);
    assert.equal(overrides.size, 0);
  });

  it("read defaults and per-tenant overrides from the environment and the file's map", () => {
    const config = loadConfig({
      env: {
        ARBITER_LIMITS_TENANT_REQUESTS_PER_SECOND: "100",
        ARBITER_LIMITS_TENANT_BURST: "300",
        ARBITER_LIMITS_TENANT_CONCURRENCY: "16",
        ARBITER_LIMITS_TENANT_OVERRIDES_b: "rps=10, concurrency=2",
      },
      overrides: { limits: { tenantOverrides: { big: "rps=1000,burst=2000,concurrency=64" } } },
    });
    const table = tenantLimitTable(config.limits);
    assert.deepEqual(table.defaults, { requestsPerSecond: 100, burst: 300, concurrency: 16 });
    // Its own rate and no burst: one second of its own rate.
    assert.deepEqual(table.overrides.get("b"), { requestsPerSecond: 10, burst: 10, concurrency: 2 });
    assert.deepEqual(table.overrides.get("big"), { requestsPerSecond: 1000, burst: 2000, concurrency: 64 });
  });

  it("refuse a malformed override at load, naming the key, what was expected and what was received", () => {
    for (const [text, expected] of [
      ["rps=ten", "comma-separated rps=<int>, burst=<int>, concurrency=<int> (each from 0 to 1000000000)"],
      ["qps=10", "comma-separated rps=<int>, burst=<int>, concurrency=<int> (each from 0 to 1000000000)"],
      ["", "comma-separated rps=<int>, burst=<int>, concurrency=<int> (each from 0 to 1000000000)"],
      ["rps=1,rps=2", "rps given once"],
      ["burst=9999999999", "burst from 0 to 1000000000"],
    ] as const) {
      assert.throws(
        () => loadConfig({ overrides: { limits: { tenantOverrides: { b: text } } } }),
        (err: unknown) => {
          assert.ok(err instanceof InvalidArgumentError);
          assert.equal(
            err.message,
            `config limits.tenantOverrides.b: expected ${expected}, got ${JSON.stringify(text)}`,
          );
          return true;
        },
      );
    }
  });
});
