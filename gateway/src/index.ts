/** @arbiter/gateway — the edge role. */

export { procedurePermissions } from "./auth/procedure-permissions.ts";
export { ARBITER_SERVICES, type Gateway, type GatewayOptions, SERVED_SERVICES, startGateway } from "./gateway.ts";
export { type Authenticator, createAnonymousAuthenticator } from "./interceptors/auth.ts";
export { HealthState, LIVENESS_SERVICE, ServingStatus } from "./services/health.ts";
