/**
 * The `plugin` node kind: built-in plugins (tokenizer, normalizer, vectorizer) and user plugins
 * loaded from a directory and run in worker threads.
 */
export type { BuiltinPlugin } from "./builtin-plugin.ts";
export { BUILTIN_PLUGINS } from "./builtins.ts";
export type { ArbiterPlugin, PluginContext, PluginPort } from "./plugin-api.ts";
export {
  type LoadedPlugin,
  PLUGIN_FILE_PATTERN,
  PluginCatalog,
  type PluginCatalogOptions,
  type PluginInfo,
} from "./plugin-catalog.ts";
export { PluginFailedError } from "./plugin-errors.ts";
export { createPluginRunner, type PreparedPluginNode } from "./plugin-runner.ts";
