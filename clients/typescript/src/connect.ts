import type { DescService } from "@bufbuild/protobuf";
import { type Client, createClient, type Interceptor, type Transport } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { bearerCredentials } from "./credentials.js";
import { AuditService } from "./gen/arbiter/v1/audit_pb.js";
import { AuthService } from "./gen/arbiter/v1/auth_pb.js";
import { ClusterService } from "./gen/arbiter/v1/cluster_pb.js";
import { DecisionService } from "./gen/arbiter/v1/decisions_pb.js";
import { InferenceService } from "./gen/arbiter/v1/inference_pb.js";
import { ModelRegistryService } from "./gen/arbiter/v1/models_pb.js";
import { PipelineService } from "./gen/arbiter/v1/pipelines_pb.js";
import { StreamService } from "./gen/arbiter/v1/streams_pb.js";
import { TaskService } from "./gen/arbiter/v1/tasks_pb.js";
import { TenantService } from "./gen/arbiter/v1/tenants_pb.js";
import { VectorService } from "./gen/arbiter/v1/vectors_pb.js";
import { GRPCInferenceService } from "./gen/inference/grpc_service_pb.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy, retryIdempotent } from "./retry.js";

/** How to reach an Arbiter gateway. */
export interface ArbiterClientOptions {
  /** `host:port` of the gateway (gRPC), e.g. `127.0.0.1:8080`. */
  address: string;
  /** An Arbiter API key or a JWT, sent as `authorization: Bearer …` on every call. */
  credential?: string;
  /**
   * TLS: `true` verifies the gateway against the system's roots; `{ ca }` against this PEM
   * bundle (a private CA). Leave it out for plaintext (a local mesh).
   */
  tls?: boolean | { ca: string | Buffer };
  /** Deadline of each call that sets none of its own, in milliseconds (default 30 s). */
  timeoutMs?: number;
  /** Retries of calls that are safe to repeat (see retryIdempotent); `false` switches them off. */
  retry?: RetryPolicy | false;
  /** More interceptors, run after the credential and retry ones. */
  interceptors?: Interceptor[];
}

/** Every service of the gateway, each a typed client over one shared HTTP/2 connection. */
export interface ArbiterClient {
  readonly transport: Transport;
  readonly models: Client<typeof ModelRegistryService>;
  readonly inference: Client<typeof InferenceService>;
  readonly decisions: Client<typeof DecisionService>;
  readonly pipelines: Client<typeof PipelineService>;
  readonly vectors: Client<typeof VectorService>;
  readonly tasks: Client<typeof TaskService>;
  readonly streams: Client<typeof StreamService>;
  readonly cluster: Client<typeof ClusterService>;
  readonly tenants: Client<typeof TenantService>;
  readonly auth: Client<typeof AuthService>;
  readonly audit: Client<typeof AuditService>;
  /** The Open Inference Protocol (what Triton's and KServe's clients speak). */
  readonly openInference: Client<typeof GRPCInferenceService>;
  /** A client of any other service on the same connection. */
  service<S extends DescService>(service: S): Client<S>;
}

/** A gRPC connection to a gateway with credentials, TLS, a default deadline and safe retries. */
export function createArbiterClient(options: ArbiterClientOptions): ArbiterClient {
  const interceptors: Interceptor[] = [];
  if (options.credential) interceptors.push(bearerCredentials(options.credential));
  if (options.retry !== false) interceptors.push(retryIdempotent(options.retry ?? DEFAULT_RETRY_POLICY));
  interceptors.push(...(options.interceptors ?? []));
  const tls = options.tls;
  const transport = createGrpcTransport({
    baseUrl: `${tls ? "https" : "http"}://${options.address}`,
    defaultTimeoutMs: options.timeoutMs ?? 30_000,
    interceptors,
    ...(typeof tls === "object" ? { nodeOptions: { ca: tls.ca } } : {}),
  });
  const service = <S extends DescService>(s: S) => createClient(s, transport);
  return {
    transport,
    models: service(ModelRegistryService),
    inference: service(InferenceService),
    decisions: service(DecisionService),
    pipelines: service(PipelineService),
    vectors: service(VectorService),
    tasks: service(TaskService),
    streams: service(StreamService),
    cluster: service(ClusterService),
    tenants: service(TenantService),
    auth: service(AuthService),
    audit: service(AuditService),
    openInference: service(GRPCInferenceService),
    service,
  };
}
