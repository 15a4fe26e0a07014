/**
 * Loads the compiled addon (`inference-native.node`, built by `npm run build`). Internal: only the
 * wrapper touches the raw binding; it is never re-exported.
 */
import { createRequire } from "node:module";
import type * as Binding from "../index.d.ts";

export type {
  NativeCancelToken,
  NativeInput,
  NativeLoadOptions,
  NativeOutput,
  NativeSession,
  NativeTensorInfo,
} from "../index.d.ts";

const require = createRequire(import.meta.url);

function loadBinding(): typeof Binding {
  try {
    return require("../inference-native.node") as typeof Binding;
  } catch (cause) {
    throw new Error(
      "@arbiter/inference-native: the native addon is not built (run `npm run build -w @arbiter/inference-native`)",
      { cause },
    );
  }
}

/** The raw N-API binding. */
export const native: typeof Binding = loadBinding();
