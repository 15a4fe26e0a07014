export * from "./metric-registry.ts";
export * from "./metrics-server.ts";
export * from "./process-metrics.ts";
