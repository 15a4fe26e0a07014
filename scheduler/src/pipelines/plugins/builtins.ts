/** The built-in plugins, by name. Their names are reserved: no user plugin may take one. */
import type { BuiltinPlugin } from "./builtin-plugin.ts";
import { normalizerPlugin } from "./normalizer.ts";
import { tokenizerPlugin } from "./tokenizer.ts";
import { vectorizerPlugin } from "./vectorizer.ts";

/** Built-in plugins keyed by name. */
export const BUILTIN_PLUGINS: ReadonlyMap<string, BuiltinPlugin> = new Map<string, BuiltinPlugin>(
  [tokenizerPlugin, normalizerPlugin, vectorizerPlugin].map((p) => [p.name, p as BuiltinPlugin]),
);
