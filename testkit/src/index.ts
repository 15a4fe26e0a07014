/**
 * @arbiter/testkit — real servers for integration tests: nats-server (with JetStream, single or
 * clustered), PostgreSQL and Jaeger, started on free 127.0.0.1 ports, ready-checked, restartable, and
 * torn down when the test process exits. Everything public is exported from here.
 */

export { freePort, freePorts, LOOPBACK_HOST } from "./free-port.ts";
export { ensureGrpcurl, GRPCURL_VERSION } from "./grpcurl.ts";
export {
  ensureHelm,
  ensureKubeconform,
  GATEWAY_API_VERSION,
  goModuleDir,
  HELM_VERSION,
  KUBECONFORM_VERSION,
  KUBERNETES_VERSION,
  PROMETHEUS_OPERATOR_VERSION,
} from "./helm-tools.ts";
export { type JaegerServer, type StartJaegerOptions, startJaeger } from "./jaeger.ts";
export {
  ensureJaeger,
  JAEGER_MODULE_VERSION,
  JAEGER_PACKAGE,
  JAEGER_RELEASE,
  JAEGER_WRAPPER_DIR,
} from "./jaeger-binary.ts";
export {
  type JaegerProcess,
  type JaegerReference,
  type JaegerSpan,
  type JaegerTag,
  type JaegerTrace,
  parentOf,
  serviceOf,
  tagOf,
} from "./jaeger-trace.ts";
export {
  type NatsCluster,
  type NatsRestartOptions,
  type NatsServer,
  type StartNatsClusterOptions,
  type StartNatsOptions,
  startNats,
  startNatsCluster,
} from "./nats.ts";
export {
  type EnsureNatsServerOptions,
  ensureNatsServer,
  MIN_PATH_NATS_SERVER,
  NATS_SERVER_MODULE,
  NATS_SERVER_VERSION,
  parseNatsServerVersion,
} from "./nats-binary.ts";
export {
  type PostgresConnectionOptions,
  type PostgresServer,
  type StartPostgresOptions,
  startPostgres,
} from "./postgres.ts";
export { type EnsurePostgresOptions, ensurePostgres, type PostgresBinaries } from "./postgres-binary.ts";
export {
  type EnsurePythonVenvOptions,
  ensurePythonVenv,
  ensureTritonClient,
  TRITON_CLIENT_REQUIREMENT,
  TRITON_CLIENT_VERSION,
} from "./python-venv.ts";
export { ServerExitedError } from "./server-process.ts";
export { createTempDir, TempDir, type TempDirOptions } from "./temp-dir.ts";
