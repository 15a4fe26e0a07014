/** @arbiter/gateway — the edge role. */
export { type Gateway, type GatewayOptions, startGateway, SERVED_SERVICES, ARBITER_SERVICES } from "./gateway.ts";
export { type Authenticator, createAnonymousAuthenticator } from "./interceptors/auth.ts";
export { HealthState, ServingStatus } from "./services/health.ts";
