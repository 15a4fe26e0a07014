/**
 * @arbiter/core — the internals both services share: configuration, errors, logging, the bus and
 * the database. Everything public is exported from here; other files are internal.
 */
export * from "./errors.ts";
