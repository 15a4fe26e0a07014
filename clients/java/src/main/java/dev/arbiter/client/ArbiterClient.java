package dev.arbiter.client;

import dev.arbiter.client.inference.GRPCInferenceServiceGrpc;
import dev.arbiter.client.v1.AuditServiceGrpc;
import dev.arbiter.client.v1.AuthServiceGrpc;
import dev.arbiter.client.v1.ClusterServiceGrpc;
import dev.arbiter.client.v1.DecisionServiceGrpc;
import dev.arbiter.client.v1.InferenceServiceGrpc;
import dev.arbiter.client.v1.ModelRegistryServiceGrpc;
import dev.arbiter.client.v1.PipelineServiceGrpc;
import dev.arbiter.client.v1.StreamServiceGrpc;
import dev.arbiter.client.v1.TaskServiceGrpc;
import dev.arbiter.client.v1.TenantServiceGrpc;
import dev.arbiter.client.v1.VectorServiceGrpc;
import io.grpc.CallCredentials;
import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.ServiceDescriptor;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A connection to an Arbiter gateway and the generated stubs of every service on it.
 *
 * <pre>{@code
 * try (ArbiterClient client = ArbiterClient.fromEnvironment().build()) {
 *   ListModelsResponse models = client.models().listModels(ListModelsRequest.getDefaultInstance());
 * }
 * }</pre>
 *
 * <p>Every call carries the bearer token (API key or JWT) and unary calls get the default deadline
 * unless the caller sets their own ({@code client.models().withDeadlineAfter(...)}). Methods the
 * protos mark free of side effects are retried on UNAVAILABLE ({@link IdempotentRetries}). The
 * stubs are the generated ones, unchanged: a blocking and an asynchronous stub per service here,
 * and {@link #channel()} for any other kind ({@code VectorServiceGrpc.newFutureStub(client.channel())}).
 *
 * <p>Thread-safe; make one per gateway and share it. {@link #close()} shuts the connection down.
 */
public final class ArbiterClient implements AutoCloseable {
  /** Where {@link #fromEnvironment()} connects when ARBITER_ADDRESS is not set. */
  public static final String DEFAULT_ADDRESS = "127.0.0.1:8080";

  /** Every service of the contract: arbiter.v1 and the Open Inference Protocol. */
  private static final List<ServiceDescriptor> SERVICES = List.of(
      AuditServiceGrpc.getServiceDescriptor(),
      AuthServiceGrpc.getServiceDescriptor(),
      ClusterServiceGrpc.getServiceDescriptor(),
      DecisionServiceGrpc.getServiceDescriptor(),
      InferenceServiceGrpc.getServiceDescriptor(),
      ModelRegistryServiceGrpc.getServiceDescriptor(),
      PipelineServiceGrpc.getServiceDescriptor(),
      StreamServiceGrpc.getServiceDescriptor(),
      TaskServiceGrpc.getServiceDescriptor(),
      TenantServiceGrpc.getServiceDescriptor(),
      VectorServiceGrpc.getServiceDescriptor(),
      GRPCInferenceServiceGrpc.getServiceDescriptor());

  private final ManagedChannel managedChannel;
  private final Channel channel;

  private ArbiterClient(ManagedChannel managedChannel, Channel channel) {
    this.managedChannel = managedChannel;
    this.channel = channel;
  }

  /** A builder with the defaults: {@value #DEFAULT_ADDRESS}, plaintext, no token. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder configured from the environment: ARBITER_ADDRESS (host:port), ARBITER_API_KEY (an API
   * key or JWT, sent as a bearer token), ARBITER_TLS=1 (TLS with the system's trusted roots) and
   * ARBITER_CA_FILE (TLS trusting the PEM certificates in that file). Unset means the default.
   */
  public static Builder fromEnvironment() {
    Builder builder = builder();
    String address = System.getenv("ARBITER_ADDRESS");
    if (address != null && !address.isBlank()) builder.address(address.strip());
    String token = System.getenv("ARBITER_API_KEY");
    if (token != null && !token.isBlank()) builder.apiKey(token);
    String caFile = System.getenv("ARBITER_CA_FILE");
    if (caFile != null && !caFile.isBlank()) builder.tls(Path.of(caFile.strip()));
    else if ("1".equals(System.getenv("ARBITER_TLS"))) builder.tls();
    return builder;
  }

  /** The channel with the client's credentials, deadline and retries, for stubs of any kind. */
  public Channel channel() {
    return channel;
  }

  /** arbiter.v1.ModelRegistryService: registering, listing, loading and configuring models. */
  public ModelRegistryServiceGrpc.ModelRegistryServiceBlockingStub models() {
    return ModelRegistryServiceGrpc.newBlockingStub(channel);
  }

  /** arbiter.v1.ModelRegistryService, asynchronous (RegisterModel streams the artifact through it). */
  public ModelRegistryServiceGrpc.ModelRegistryServiceStub modelsAsync() {
    return ModelRegistryServiceGrpc.newStub(channel);
  }

  /** arbiter.v1.InferenceService: inference with named, typed tensors. */
  public InferenceServiceGrpc.InferenceServiceBlockingStub inference() {
    return InferenceServiceGrpc.newBlockingStub(channel);
  }

  /** arbiter.v1.InferenceService, asynchronous (and InferStream). */
  public InferenceServiceGrpc.InferenceServiceStub inferenceAsync() {
    return InferenceServiceGrpc.newStub(channel);
  }

  /** arbiter.v1.DecisionService: running pipelines and reading recorded decisions. */
  public DecisionServiceGrpc.DecisionServiceBlockingStub decisions() {
    return DecisionServiceGrpc.newBlockingStub(channel);
  }

  /** arbiter.v1.DecisionService, asynchronous (and DecideStream). */
  public DecisionServiceGrpc.DecisionServiceStub decisionsAsync() {
    return DecisionServiceGrpc.newStub(channel);
  }

  /** arbiter.v1.PipelineService: pipeline definitions, versions and aliases. */
  public PipelineServiceGrpc.PipelineServiceBlockingStub pipelines() {
    return PipelineServiceGrpc.newBlockingStub(channel);
  }

  /** arbiter.v1.PipelineService, asynchronous. */
  public PipelineServiceGrpc.PipelineServiceStub pipelinesAsync() {
    return PipelineServiceGrpc.newStub(channel);
  }

  /** arbiter.v1.VectorService: collections, upserts and nearest-neighbour search. */
  public VectorServiceGrpc.VectorServiceBlockingStub vectors() {
    return VectorServiceGrpc.newBlockingStub(channel);
  }

  /** arbiter.v1.VectorService, asynchronous. */
  public VectorServiceGrpc.VectorServiceStub vectorsAsync() {
    return VectorServiceGrpc.newStub(channel);
  }

  /** arbiter.v1.TaskService: asynchronous tasks. */
  public TaskServiceGrpc.TaskServiceBlockingStub tasks() {
    return TaskServiceGrpc.newBlockingStub(channel);
  }

  /** arbiter.v1.TaskService, asynchronous (WatchTask streams a task's progress). */
  public TaskServiceGrpc.TaskServiceStub tasksAsync() {
    return TaskServiceGrpc.newStub(channel);
  }

  /** arbiter.v1.StreamService: bindings of event streams to pipelines. */
  public StreamServiceGrpc.StreamServiceBlockingStub streams() {
    return StreamServiceGrpc.newBlockingStub(channel);
  }

  /** arbiter.v1.StreamService, asynchronous. */
  public StreamServiceGrpc.StreamServiceStub streamsAsync() {
    return StreamServiceGrpc.newStub(channel);
  }

  /** arbiter.v1.TenantService: tenants, principals and roles. */
  public TenantServiceGrpc.TenantServiceBlockingStub tenants() {
    return TenantServiceGrpc.newBlockingStub(channel);
  }

  /** arbiter.v1.TenantService, asynchronous. */
  public TenantServiceGrpc.TenantServiceStub tenantsAsync() {
    return TenantServiceGrpc.newStub(channel);
  }

  /** arbiter.v1.AuthService: API keys and the caller's identity. */
  public AuthServiceGrpc.AuthServiceBlockingStub auth() {
    return AuthServiceGrpc.newBlockingStub(channel);
  }

  /** arbiter.v1.AuthService, asynchronous. */
  public AuthServiceGrpc.AuthServiceStub authAsync() {
    return AuthServiceGrpc.newStub(channel);
  }

  /** arbiter.v1.AuditService: the audit log. */
  public AuditServiceGrpc.AuditServiceBlockingStub audit() {
    return AuditServiceGrpc.newBlockingStub(channel);
  }

  /** arbiter.v1.AuditService, asynchronous. */
  public AuditServiceGrpc.AuditServiceStub auditAsync() {
    return AuditServiceGrpc.newStub(channel);
  }

  /** arbiter.v1.ClusterService: nodes and their state. */
  public ClusterServiceGrpc.ClusterServiceBlockingStub cluster() {
    return ClusterServiceGrpc.newBlockingStub(channel);
  }

  /** arbiter.v1.ClusterService, asynchronous. */
  public ClusterServiceGrpc.ClusterServiceStub clusterAsync() {
    return ClusterServiceGrpc.newStub(channel);
  }

  /** inference.GRPCInferenceService: the Open Inference Protocol (KServe v2), as Triton serves it. */
  public GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub openInference() {
    return GRPCInferenceServiceGrpc.newBlockingStub(channel);
  }

  /** inference.GRPCInferenceService, asynchronous (and ModelStreamInfer where served). */
  public GRPCInferenceServiceGrpc.GRPCInferenceServiceStub openInferenceAsync() {
    return GRPCInferenceServiceGrpc.newStub(channel);
  }

  /** Stops new calls and waits up to five seconds for the ones in flight, then cancels them. */
  @Override
  public void close() {
    managedChannel.shutdown();
    try {
      if (!managedChannel.awaitTermination(5, TimeUnit.SECONDS)) {
        managedChannel.shutdownNow();
      }
    } catch (InterruptedException e) {
      managedChannel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** Settings of an {@link ArbiterClient}; {@link #build()} connects lazily (at the first call). */
  public static final class Builder {
    private String address = DEFAULT_ADDRESS;
    private CallCredentials credentials;
    private ChannelCredentials transport = InsecureChannelCredentials.create();
    private Duration deadline = Duration.ofSeconds(30);
    private int maxAttempts = 4;
    private Consumer<ManagedChannelBuilder<?>> customizer = builder -> {};

    private Builder() {}

    /** The gateway's gRPC address, host:port (or any gRPC target such as dns:///host:port). */
    public Builder address(String address) {
      this.address = address;
      return this;
    }

    /** Sends this API key ({@code arb_<id>.<secret>}) as a bearer token on every call. */
    public Builder apiKey(String apiKey) {
      this.credentials = new BearerToken(apiKey);
      return this;
    }

    /** Sends this JWT as a bearer token on every call. */
    public Builder jwt(String jwt) {
      this.credentials = new BearerToken(jwt);
      return this;
    }

    /** Any call credentials on every call, instead of a bearer token. */
    public Builder credentials(CallCredentials credentials) {
      this.credentials = credentials;
      return this;
    }

    /** TLS, trusting the system's (the JDK's) root certificates. */
    public Builder tls() {
      this.transport = TlsChannelCredentials.create();
      return this;
    }

    /** TLS, trusting the PEM certificates in caFile (a private CA or a self-signed gateway). */
    public Builder tls(Path caFile) {
      try {
        this.transport = TlsChannelCredentials.newBuilder().trustManager(caFile.toFile()).build();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the CA certificates in " + caFile, e);
      }
      return this;
    }

    /** Plaintext (the default): a gateway on loopback or behind a TLS-terminating proxy. */
    public Builder plaintext() {
      this.transport = InsecureChannelCredentials.create();
      return this;
    }

    /** The deadline of unary calls that set none (30 s unless changed); null for none. */
    public Builder deadline(Duration deadline) {
      this.deadline = deadline == null || deadline.isZero() ? null : deadline;
      return this;
    }

    /**
     * Attempts of a side-effect-free call that fails with UNAVAILABLE, including the first (4
     * unless changed; gRPC caps it at 5); 1 turns retries off.
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** Anything else grpc-java offers (message size limits, keepalive, an executor, ...). */
    public Builder customize(Consumer<ManagedChannelBuilder<?>> customizer) {
      this.customizer = customizer;
      return this;
    }

    /** The client. The channel connects at the first call and reconnects by itself. */
    public ArbiterClient build() {
      ManagedChannelBuilder<?> builder = Grpc.newChannelBuilder(address, transport);
      if (maxAttempts > 1) {
        Map<String, ?> serviceConfig = IdempotentRetries.serviceConfig(SERVICES, maxAttempts);
        builder.defaultServiceConfig(serviceConfig).enableRetry();
      } else {
        builder.disableRetry();
      }
      customizer.accept(builder);
      ManagedChannel managed = builder.build();
      Channel intercepted = ClientInterceptors.intercept(managed, new CallDefaults(credentials, deadline));
      return new ArbiterClient(managed, intercepted);
    }
  }
}
