/** @arbiter/scheduler — the worker and control-plane role. */

export { registerExampleCollections } from "./registry/example-collections.ts";
export { registerExampleModels } from "./registry/example-models.ts";
export { registerExamplePipelines } from "./registry/example-pipelines.ts";
export { type SchedulerNode, type SchedulerOptions, startScheduler } from "./scheduler.ts";
