/**
 * The `remote` node kind: Open Inference Protocol servers and OpenAI-compatible chat and
 * embeddings endpoints, with timeouts, retries, a circuit breaker, a host allow-list and
 * credentials from secrets.
 */
export { type BreakerState, CircuitBreaker, CircuitBreakers } from "./circuit-breaker.ts";
export { HostAllowList, type HostAllowListOptions, isLoopbackHost } from "./host-allow-list.ts";
export {
  createRemoteRunner,
  type PreparedRemoteNode,
  type RemoteRunner,
  type RemoteRunnerOptions,
  type SecretLookup,
} from "./remote-runner.ts";
