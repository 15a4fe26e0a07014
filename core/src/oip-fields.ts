/** Reading Open Inference Protocol request fields the same way on the gateway and the schedulers. */
import type { VersionSelector } from "@arbiter/proto";
import type { InferParameter } from "@arbiter/proto/inference";
import { Code } from "@connectrpc/connect";
import { ArbiterError } from "./errors.ts";

/** A numeric parameter (`priority`, `timeout`, ...) as a number, or undefined when absent or not numeric. */
export function oipNumberParameter(p: InferParameter | undefined): number | undefined {
  const choice = p?.parameterChoice;
  if (!choice) return undefined;
  if (choice.case === "int64Param" || choice.case === "uint64Param") return Number(choice.value);
  if (choice.case === "doubleParam") return choice.value;
  return undefined;
}

/** The largest model version: versions are stored as PostgreSQL bigint. */
const MAX_VERSION = 2n ** 63n - 1n;

/**
 * An OIP version string: "" → latest, "3" → version 3, anything else → an alias (Arbiter's
 * extension). A number past the largest version is OUT_OF_RANGE (no such version can exist, and
 * past 2^64 it could not even be sent on).
 */
export function versionSelector(version: string): VersionSelector | undefined {
  if (version === "") return undefined;
  if (/^\d+$/.test(version)) {
    const value = BigInt(version);
    if (value > MAX_VERSION) {
      const shown = version.length > 40 ? `${version.slice(0, 40)}…` : version;
      throw new ArbiterError(Code.OutOfRange, `model version: expected at most ${MAX_VERSION}, got ${shown}`, {
        field: "model version",
        received: shown,
      });
    }
    return { $typeName: "arbiter.v1.VersionSelector", selector: { case: "version", value } };
  }
  return { $typeName: "arbiter.v1.VersionSelector", selector: { case: "alias", value: version } };
}
