/** Errors a plugin node reports when its plugin fails (beyond the shared classes of @arbiter/core). */
import { ArbiterError, type ArbiterErrorOptions, Code } from "@arbiter/core";

/**
 * A plugin's `process` threw: INVALID_ARGUMENT when it flagged its input as bad
 * (`code: "INVALID_ARGUMENT"` on the thrown error), INTERNAL otherwise (including a crashed worker
 * or outputs that are not valid values). The message names the node, the plugin and the reason.
 */
export class PluginFailedError extends ArbiterError {
  constructor(
    readonly node: string,
    readonly plugin: string,
    code: Code.InvalidArgument | Code.Internal,
    readonly reason: string,
    options?: ArbiterErrorOptions,
  ) {
    super(
      code,
      `node "${node}" plugin "${plugin}" ${code === Code.InvalidArgument ? "rejected its inputs" : "failed"}: ${reason}`,
      { node, plugin, reason },
      options,
    );
  }
}
