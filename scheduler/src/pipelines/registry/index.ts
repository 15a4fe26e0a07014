/**
 * The pipeline registry: pipeline versions and aliases in the database, the registration checks,
 * and PipelineService's handlers on the scheduler (plugins included).
 */
export { createPipelineChecker, type PipelineChecker, type PipelineCheckOptions } from "./pipeline-checks.ts";
export {
  MAX_PROBLEMS_IN_MESSAGE,
  PipelineInvalidError,
  PipelineNotFoundError,
  problemText,
} from "./pipeline-errors.ts";
export { type PipelineServiceDeps, registerPipelineHandlers, toPluginMessage } from "./pipeline-handlers.ts";
export { type PipelineRegistry, type PipelineRegistryOptions, startPipelineRegistry } from "./pipeline-registry.ts";
export { DEFAULT_PIPELINE_PAGE_SIZE, type PipelinePage, PipelineStore } from "./pipeline-store.ts";
export { announcePluginLoaded, followPluginLoads, PLUGIN_LOADED_SUBJECT } from "./plugin-broadcast.ts";
