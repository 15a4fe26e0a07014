/** Where the ONNX Runtime shared library comes from by default. */
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const LIBRARY_NAMES: Readonly<Record<string, string>> = {
  linux: "libonnxruntime.so.1",
  darwin: "libonnxruntime.1.dylib",
  win32: "onnxruntime.dll",
};

/**
 * The runtime library shipped inside the `onnxruntime-node` npm package for this platform
 * (`bin/napi-v*\/<platform>/<arch>/libonnxruntime.so.1` on Linux). Override it with the
 * `ortLibraryPath` session option, e.g. with the library of the `onnxruntime-gpu` wheel on a GPU node.
 */
export function defaultOrtLibraryPath(): string {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve("onnxruntime-node/package.json"));
  const bin = join(root, "bin");
  const file = LIBRARY_NAMES[process.platform] ?? "libonnxruntime.so.1";
  const dirs = existsSync(bin)
    ? readdirSync(bin)
        .filter((d) => d.startsWith("napi-v"))
        .sort()
        .reverse()
    : [];
  for (const dir of dirs) {
    const candidate = join(bin, dir, process.platform, process.arch, file);
    if (existsSync(candidate)) return candidate;
  }
  return join(bin, "napi-v6", process.platform, process.arch, file);
}
