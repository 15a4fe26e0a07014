/**
 * @arbiter/core — the internals both services share: configuration, errors, logging, the request
 * context, tracing, the bus and the database. Everything public is exported from here.
 */

export * from "./audit-events.ts";
export * from "./auth/index.ts";
export * from "./bus/bus.ts";
export * from "./bus/durable-stream.ts";
export { createMemoryBus } from "./bus/memory-bus.ts";
export { createNatsBus, type NatsBusOptions } from "./bus/nats-bus.ts";
export * from "./bus/rpc.ts";
export * from "./bus/subjects.ts";
export { errorFromHeaders, errorToHeaders, registerErrorClass } from "./bus/wire-error.ts";
export * from "./config.ts";
export * from "./context.ts";
export * from "./db/database.ts";
export { type BatchWriter, GroupCommit } from "./db/group-commit.ts";
export { loadMigrations, type Migration, migrate } from "./db/migrate.ts";
export { decodePageToken, encodePageToken } from "./db/page-token.ts";
export { createPostgresDatabase, type PostgresOptions } from "./db/pg-database.ts";
export { createPgliteDatabase, type PgliteOptions } from "./db/pglite-database.ts";
export * from "./errors.ts";
export * from "./half-float.ts";
export * from "./log-level-broadcast.ts";
export * from "./logging.ts";
export * from "./metrics/index.ts";
export * from "./oip-fields.ts";
export * from "./pretty-log.ts";
export { RefreshingCache } from "./refreshing-cache.ts";
export * from "./tenant-limits.ts";
export * from "./tensor-codec.ts";
export * from "./tracing/index.ts";
