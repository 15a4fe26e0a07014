/** Credentials, roles and the messages gateways and schedulers exchange about them. */
export * from "./access-tokens.ts";
export * from "./api-key.ts";
export * from "./auth-subjects.ts";
export * from "./roles.ts";
export * from "./secret-hash.ts";
export * from "./signing-keys.ts";
