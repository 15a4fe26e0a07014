/**
 * The gateway: one port serving gRPC, gRPC-Web and Connect for the arbiter.v1 API, the Open
 * Inference Protocol, gRPC health and reflection. Stateless: it authenticates, validates and
 * bounds each call, then forwards the work to the schedulers over the bus.
 */

import {
  type ArbiterConfig,
  type Bus,
  componentLogger,
  type Logger,
  type MetricRegistry,
  tenantLimitTable,
  tracingActive,
} from "@arbiter/core";
import {
  AuditService,
  AuthService,
  ClusterService,
  DecideRequestSchema,
  DecideResponseSchema,
  DecisionService,
  InferenceService,
  InferRequestSchema,
  InferResponseSchema,
  ModelRegistryService,
  PipelineService,
  StreamService,
  TaskService,
  TenantService,
  VectorService,
} from "@arbiter/proto";
import { Health, reflectionV1, reflectionV1alpha } from "@arbiter/proto/grpc";
import { GRPCInferenceService, ModelInferRequestSchema, ModelInferResponseSchema } from "@arbiter/proto/inference";
import type { DescService } from "@bufbuild/protobuf";
import type { ConnectRouter } from "@connectrpc/connect";
import { createCredentialAuthenticator } from "./auth/credential-authenticator.ts";
import { createLoginRoute } from "./auth/login-route.ts";
import { createFastUnaryRoute, fastRequestContext, fastUnary } from "./fast-unary.ts";
import { createHttpHandler, type HttpRoute } from "./http-handler.ts";
import { type Authenticator, authInterceptor, createAnonymousAuthenticator } from "./interceptors/auth.ts";
import { errorInterceptor } from "./interceptors/errors.ts";
import { createInFlightTracker } from "./interceptors/in-flight.ts";
import { createRpcMetrics } from "./interceptors/rpc-metrics.ts";
import { tracingInterceptor } from "./interceptors/tracing.ts";
import { createMessageCheck, validationInterceptor } from "./interceptors/validation.ts";
import { tenantLimitInterceptor } from "./limits/limit-interceptor.ts";
import { TenantLimiter } from "./limits/tenant-limiter.ts";
import { type Listener, listen } from "./listener.ts";
import { MeshOipBackend } from "./oip/mesh-backend.ts";
import { createOipRestRoute } from "./oip/rest.ts";
import type { DeadlinePolicy } from "./request-context.ts";
import { DECIDE_SUBJECT, decideStreamHandler } from "./services/decide-stream.ts";
import { forwardingService, sendWithRetry } from "./services/forward.ts";
import { HealthState, LIVENESS_SERVICE, ServingStatus } from "./services/health.ts";
import { InferenceRouter } from "./services/inference-router.ts";
import { inferenceService } from "./services/inference-service.ts";
import { logLevelHandlers } from "./services/log-levels.ts";
import { openInferenceService } from "./services/open-inference.ts";
import { ReflectionIndex } from "./services/reflection.ts";
import { registerModelHandler } from "./services/register-model.ts";
import { submitTaskHandler } from "./services/submit-task.ts";
import { streamTaskResultsHandler, watchTaskHandler } from "./services/task-streams.ts";

/** The arbiter.v1 services, each forwarded to the schedulers. */
export const ARBITER_SERVICES: readonly DescService[] = [
  ModelRegistryService,
  InferenceService,
  PipelineService,
  DecisionService,
  TaskService,
  StreamService,
  VectorService,
  ClusterService,
  TenantService,
  AuthService,
  AuditService,
];

/** Every service the gateway serves, as listed by reflection and health. */
export const SERVED_SERVICES: readonly DescService[] = [
  ...ARBITER_SERVICES,
  GRPCInferenceService,
  Health,
  reflectionV1.ServerReflection,
  reflectionV1alpha.ServerReflection,
];

export interface GatewayOptions {
  config: ArbiterConfig;
  bus: Bus;
  logger: Logger;
  /**
   * Who may call what. By default: credentials checked against the mesh (API keys, JWTs) and
   * roles, or — with `auth.enabled` false — everyone as the anonymous admin (development only).
   */
  authenticator?: Authenticator;
  /** Where the RPC metrics go; the process's registry (what /metrics serves) by default. */
  metrics?: MetricRegistry;
}

/** A running gateway. */
export interface Gateway {
  readonly port: number;
  readonly health: HealthState;
  /** Reports readiness NOT_SERVING (liveness stays SERVING), waits for calls in flight (up to `gateway.shutdownGraceMs`), closes. */
  stop(): Promise<void>;
}

/** Starts the gateway and reports SERVING once it listens. */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const { config, bus } = options;
  const logger = componentLogger(options.logger, "gateway");
  const policy: DeadlinePolicy = {
    defaultTimeoutMs: config.gateway.defaultTimeoutMs,
    maxTimeoutMs: config.gateway.maxTimeoutMs,
  };
  const health = new HealthState([...SERVED_SERVICES.map((s) => s.typeName), LIVENESS_SERVICE]);
  const inFlight = createInFlightTracker();
  const metrics = createRpcMetrics(options.metrics);
  const reflection = new ReflectionIndex(SERVED_SERVICES);
  const credentials =
    options.authenticator === undefined && config.auth.enabled
      ? createCredentialAuthenticator({ config, bus, logger, services: SERVED_SERVICES })
      : undefined;
  const authenticator = options.authenticator ?? credentials ?? createAnonymousAuthenticator();
  if (!config.auth.enabled && options.authenticator === undefined)
    logger.warn("auth.enabled is false: every caller is the anonymous admin of the default tenant");
  // One limiter for every path (Connect, the fast gRPC path, REST): a tenant's calls count together.
  const limiter = new TenantLimiter(tenantLimitTable(config.limits), {
    refusalDelayMs: config.limits.tenantRefusalDelayMs,
  });
  const check = createMessageCheck();
  const inferenceRouter = new InferenceRouter(bus);
  const oip = new MeshOipBackend({
    bus,
    router: inferenceRouter,
    principalOf: (headers, procedure) => authenticator.authenticate(headers, procedure),
    serving: () => health.get("") === ServingStatus.SERVING,
    extensions: ["binary_tensor_data", "model_configuration", "model_repository", "statistics"],
    heartbeatTtlMs: config.scheduler.heartbeatTtlMs,
    upload: { bus, policy, maxModelUploadBytes: config.limits.maxModelUploadBytes, logger },
    check,
  });

  const routes = (router: ConnectRouter) => {
    for (const service of ARBITER_SERVICES) {
      if (
        service !== ModelRegistryService &&
        service !== InferenceService &&
        service !== DecisionService &&
        service !== ClusterService &&
        service !== TaskService
      ) {
        router.service(service, forwardingService(service, bus, policy));
      }
    }
    router.service(InferenceService, inferenceService(inferenceRouter, policy));
    // Log levels are set here and broadcast to every scheduler, not forwarded to one of them.
    router.service(
      ClusterService,
      forwardingService(
        ClusterService,
        bus,
        policy,
        logLevelHandlers({ bus, logger: options.logger, heartbeatTtlMs: config.scheduler.heartbeatTtlMs }),
      ),
    );
    router.service(
      TaskService,
      forwardingService(TaskService, bus, policy, {
        submitTask: submitTaskHandler(bus, policy),
        watchTask: watchTaskHandler(bus, policy),
        streamTaskResults: streamTaskResultsHandler(bus, policy),
      }),
    );
    router.service(
      DecisionService,
      forwardingService(DecisionService, bus, policy, { decideStream: decideStreamHandler(bus, policy) }),
    );
    router.service(
      ModelRegistryService,
      forwardingService(ModelRegistryService, bus, policy, {
        registerModel: registerModelHandler({
          bus,
          policy,
          maxModelUploadBytes: config.limits.maxModelUploadBytes,
          logger,
        }),
      }),
    );
    router.service(GRPCInferenceService, openInferenceService(oip, policy));
    router.service(Health, health.service());
    if (config.gateway.reflection) {
      router.service(reflectionV1.ServerReflection, reflection.v1());
      router.service(reflectionV1alpha.ServerReflection, reflection.v1alpha());
    }
  };

  const fastRoute = createFastUnaryRoute({
    methods: [
      fastUnary(
        `/${GRPCInferenceService.typeName}/ModelInfer`,
        ModelInferRequestSchema,
        ModelInferResponseSchema,
        (req, ctx) => oip.modelInferEncoded(req, ctx.encoded, ctx),
      ),
      fastUnary(`/${InferenceService.typeName}/Infer`, InferRequestSchema, InferResponseSchema, (req, ctx) =>
        inferenceRouter.inferEncoded(req, ctx.encoded, fastRequestContext(ctx), ctx.signal),
      ),
      // Decisions are forwarded as the client encoded them; the reply goes back the same way.
      fastUnary(`/${DecisionService.typeName}/Decide`, DecideRequestSchema, DecideResponseSchema, (_req, ctx) =>
        sendWithRetry(bus, DECIDE_SUBJECT, ctx.encoded, fastRequestContext(ctx), false, ctx.signal),
      ),
    ],
    authenticator,
    check,
    policy,
    inFlight,
    maxMessageBytes: config.gateway.maxMessageBytes,
    logger,
    metrics,
    limiter,
  });

  const handler = createHttpHandler({
    routes,
    fastRoute: fastRoute as HttpRoute,
    track: (done) => void inFlight.track(done),
    httpRoutes: [
      createLoginRoute({ bus, logger }),
      createOipRestRoute(oip, {
        maxBodyBytes: config.gateway.maxMessageBytes,
        defaultTimeoutMs: config.gateway.defaultTimeoutMs,
        maxTimeoutMs: config.gateway.maxTimeoutMs,
        logger,
        authenticate: (headers, procedure, peer) => authenticator.authenticate(headers, procedure, peer),
        limiter,
      }),
    ],
    logger,
    readMaxBytes: config.gateway.maxMessageBytes,
    interceptors: [
      // Outermost: its span covers the whole call, and its status is what the client gets.
      ...(tracingActive() ? [tracingInterceptor()] : []),
      // Outermost but for tracing, so it sees the status code clients see (errorInterceptor maps it).
      metrics.interceptor,
      errorInterceptor(logger),
      inFlight.interceptor,
      authInterceptor(authenticator),
      tenantLimitInterceptor(limiter, policy),
      validationInterceptor(check),
    ],
  });

  const listener: Listener = await listen(handler, {
    host: config.gateway.host,
    port: config.gateway.port,
    tlsCertFile: config.gateway.tlsCertFile,
    tlsKeyFile: config.gateway.tlsKeyFile,
    tlsClientCaFile: config.gateway.tlsClientCaFile,
    tlsReloadCheckMs: config.gateway.tlsReloadCheckMs,
    logger,
  });
  // Liveness: the process runs. Readiness: it listens and its bus is connected (a gateway without
  // its bus fails every call, so load balancers should send them elsewhere until NATS is back).
  health.set(LIVENESS_SERVICE, ServingStatus.SERVING);
  let stopping = false;
  const followBus = (connected: boolean) => {
    if (stopping) return;
    health.setReadiness(connected ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
  };
  const stopFollowingBus = bus.onStatus((connected) => {
    if (connected) logger.info("bus connected again: ready");
    else logger.warn("bus disconnected: not ready until it reconnects");
    followBus(connected);
  });
  followBus(bus.connected());
  logger.info(
    {
      port: listener.port,
      host: config.gateway.host,
      tls: Boolean(config.gateway.tlsCertFile),
      mutualTls: Boolean(config.gateway.tlsClientCaFile),
    },
    "gateway listening",
  );

  return {
    port: listener.port,
    health,
    async stop() {
      stopping = true;
      stopFollowingBus();
      health.setReadiness(ServingStatus.NOT_SERVING);
      const started = Date.now();
      const grace = config.gateway.shutdownGraceMs;
      await Promise.race([inFlight.idle(), new Promise((resolve) => setTimeout(resolve, grace).unref())]);
      await listener.close(Math.max(0, grace - (Date.now() - started)));
      credentials?.close();
      logger.info({ abandoned: inFlight.count }, "gateway stopped");
    },
  };
}
