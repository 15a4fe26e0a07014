/** OIP version strings: numbers, aliases, and numbers no model version can have. */
import assert from "node:assert/strict";
import { it } from "node:test";
import { Code } from "@connectrpc/connect";
import { ArbiterError } from "./errors.ts";
import { versionSelector } from "./oip-fields.ts";

it("reads a number as a version, anything else as an alias, nothing as the latest", () => {
  assert.deepEqual(versionSelector("3")?.selector, { case: "version", value: 3n });
  assert.deepEqual(versionSelector("production")?.selector, { case: "alias", value: "production" });
  assert.equal(versionSelector(""), undefined);
});

it("answers OUT_OF_RANGE for a version past the signed 64-bit range, even past uint64", () => {
  assert.deepEqual(versionSelector("9223372036854775807")?.selector, { case: "version", value: 2n ** 63n - 1n });
  for (const version of ["9223372036854775808", "18446744073709551616"]) {
    assert.throws(
      () => versionSelector(version),
      (err: unknown) =>
        err instanceof ArbiterError &&
        err.code === Code.OutOfRange &&
        err.message === `model version: expected at most 9223372036854775807, got ${version}`,
    );
  }
});
