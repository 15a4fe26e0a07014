/** @arbiter/scheduler — the worker and control-plane role. */
export { type SchedulerNode, type SchedulerOptions, startScheduler } from "./scheduler.ts";
