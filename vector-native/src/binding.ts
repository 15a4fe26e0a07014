/**
 * Loads the compiled addon (`vector-native.node`, built by `npm run build`). Internal: the raw
 * addon is never re-exported; `vector-index.ts` wraps it.
 */
import { createRequire } from "node:module";
import { FailedPreconditionError } from "@arbiter/core";
import type * as Native from "../index.d.ts";

export type NativeBinding = typeof Native;

let cached: NativeBinding | undefined;

/** The addon, loaded once. Throws FailedPreconditionError when it has not been built. */
export function native(): NativeBinding {
  if (cached === undefined) {
    const require = createRequire(import.meta.url);
    try {
      cached = require("../vector-native.node") as NativeBinding;
    } catch (cause) {
      throw new FailedPreconditionError(
        "vector-native addon is not built: run `npm run build -w @arbiter/vector-native` (needs a Rust toolchain)",
        { addon: "vector-native" },
        { cause },
      );
    }
  }
  return cached;
}
