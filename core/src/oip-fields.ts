/** Reading Open Inference Protocol request fields the same way on the gateway and the schedulers. */
import type { VersionSelector } from "@arbiter/proto";
import type { InferParameter } from "@arbiter/proto/inference";

/** A numeric parameter (`priority`, `timeout`, ...) as a number, or undefined when absent or not numeric. */
export function oipNumberParameter(p: InferParameter | undefined): number | undefined {
  const choice = p?.parameterChoice;
  if (!choice) return undefined;
  if (choice.case === "int64Param" || choice.case === "uint64Param") return Number(choice.value);
  if (choice.case === "doubleParam") return choice.value;
  return undefined;
}

/** An OIP version string: "" → latest, "3" → version 3, anything else → an alias (Arbiter's extension). */
export function versionSelector(version: string): VersionSelector | undefined {
  if (version === "") return undefined;
  if (/^\d+$/.test(version))
    return { $typeName: "arbiter.v1.VersionSelector", selector: { case: "version", value: BigInt(version) } };
  return { $typeName: "arbiter.v1.VersionSelector", selector: { case: "alias", value: version } };
}
