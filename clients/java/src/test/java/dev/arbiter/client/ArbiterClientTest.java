package dev.arbiter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.client.v1.DeleteModelRequest;
import dev.arbiter.client.v1.DeleteModelResponse;
import dev.arbiter.client.v1.GetModelRequest;
import dev.arbiter.client.v1.GetModelResponse;
import dev.arbiter.client.v1.ListModelsRequest;
import dev.arbiter.client.v1.ListModelsResponse;
import dev.arbiter.client.v1.Model;
import dev.arbiter.client.v1.ModelRegistryServiceGrpc;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's defaults as a gRPC server on loopback sees them: the bearer token on every call,
 * retries of side-effect-free methods only, the default deadline, and TLS with a CA file.
 */
class ArbiterClientTest {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  /** A registry whose GetModel and DeleteModel fail with UNAVAILABLE a set number of times. */
  private static final class FlakyRegistry extends ModelRegistryServiceGrpc.ModelRegistryServiceImplBase {
    final AtomicInteger getModelCalls = new AtomicInteger();
    final AtomicInteger deleteModelCalls = new AtomicInteger();
    volatile int failuresBeforeSuccess;

    @Override
    public void getModel(GetModelRequest request, StreamObserver<GetModelResponse> response) {
      if (getModelCalls.incrementAndGet() <= failuresBeforeSuccess) {
        response.onError(Status.UNAVAILABLE.withDescription("restarting").asRuntimeException());
        return;
      }
      response.onNext(GetModelResponse.newBuilder()
          .setModel(Model.newBuilder().setName(request.getName()).setVersion(3))
          .build());
      response.onCompleted();
    }

    @Override
    public void deleteModel(DeleteModelRequest request, StreamObserver<DeleteModelResponse> response) {
      deleteModelCalls.incrementAndGet();
      response.onError(Status.UNAVAILABLE.withDescription("restarting").asRuntimeException());
    }

    @Override
    public void listModels(ListModelsRequest request, StreamObserver<ListModelsResponse> response) {
      // Answers only after a while, to run into the client's deadline.
      try {
        Thread.sleep(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      response.onNext(ListModelsResponse.getDefaultInstance());
      response.onCompleted();
    }
  }

  private final FlakyRegistry registry = new FlakyRegistry();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private Server server;

  @BeforeEach
  void startServer() throws Exception {
    io.grpc.ServerInterceptor recordAuthorization = new io.grpc.ServerInterceptor() {
      @Override
      public <ReqT, RespT> io.grpc.ServerCall.Listener<ReqT> interceptCall(
          io.grpc.ServerCall<ReqT, RespT> call, Metadata headers, io.grpc.ServerCallHandler<ReqT, RespT> next) {
        String value = headers.get(AUTHORIZATION);
        authorizations.add(value == null ? "" : value);
        return next.startCall(call, headers);
      }
    };
    server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .addService(ServerInterceptors.intercept(registry, recordAuthorization))
        .build()
        .start();
  }

  private Server tlsServer;

  @AfterEach
  void stopServer() throws Exception {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    if (tlsServer != null) tlsServer.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private ArbiterClient.Builder client() {
    return ArbiterClient.builder().address("127.0.0.1:" + server.getPort());
  }

  @Test
  void sideEffectFreeCallsAreRetriedOnUnavailableWithTheToken() {
    registry.failuresBeforeSuccess = 2;
    try (ArbiterClient client = client().apiKey("arb_k1.secret").build()) {
      GetModelResponse response = client.models().getModel(GetModelRequest.newBuilder().setName("m").build());
      assertEquals(3, response.getModel().getVersion());
    }
    assertEquals(3, registry.getModelCalls.get());
    assertEquals(List.of("Bearer arb_k1.secret", "Bearer arb_k1.secret", "Bearer arb_k1.secret"), authorizations);
  }

  @Test
  void callsWithSideEffectsAreNotRetried() {
    try (ArbiterClient client = client().build()) {
      StatusRuntimeException error = assertThrows(StatusRuntimeException.class,
          () -> client.models().deleteModel(DeleteModelRequest.newBuilder().setName("m").build()));
      assertEquals(Status.Code.UNAVAILABLE, error.getStatus().getCode());
    }
    assertEquals(1, registry.deleteModelCalls.get());
    assertEquals(List.of(""), authorizations);
  }

  @Test
  void retriesStopAtMaxAttemptsAndCanBeTurnedOff() {
    registry.failuresBeforeSuccess = 100;
    try (ArbiterClient client = client().maxAttempts(2).build()) {
      assertThrows(StatusRuntimeException.class,
          () -> client.models().getModel(GetModelRequest.newBuilder().setName("m").build()));
    }
    assertEquals(2, registry.getModelCalls.get());
    try (ArbiterClient client = client().maxAttempts(1).build()) {
      assertThrows(StatusRuntimeException.class,
          () -> client.models().getModel(GetModelRequest.newBuilder().setName("m").build()));
    }
    assertEquals(3, registry.getModelCalls.get());
  }

  @Test
  void unaryCallsGetTheDefaultDeadlineUnlessTheyCarryTheirOwn() {
    try (ArbiterClient client = client().jwt("header.payload.signature").deadline(Duration.ofMillis(200)).build()) {
      StatusRuntimeException error = assertThrows(StatusRuntimeException.class,
          () -> client.models().listModels(ListModelsRequest.getDefaultInstance()));
      assertEquals(Status.Code.DEADLINE_EXCEEDED, error.getStatus().getCode());

      // A deadline of the caller's own wins over the default.
      ListModelsResponse response = client.models().withDeadlineAfter(10, TimeUnit.SECONDS)
          .listModels(ListModelsRequest.getDefaultInstance());
      assertEquals(0, response.getModelsCount());
    }
    assertTrue(authorizations.stream().allMatch("Bearer header.payload.signature"::equals), authorizations.toString());
  }

  @Test
  void theRetryPolicyNamesTheMethodsTheProtosMarkSideEffectFree() {
    assertEquals(List.of("GetModel", "ListModels", "GetModelStatistics"),
        IdempotentRetries.idempotentMethods(ModelRegistryServiceGrpc.getServiceDescriptor()));
  }

  @Test
  void tlsWithTheCaFileReachesAGatewayWithThatCertificate(@TempDir Path dir) throws Exception {
    // A self-signed certificate for 127.0.0.1, made with the system's openssl as the gateway's own
    // TLS test does; the client trusts it through the CA file and nothing else.
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec",
        "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=localhost",
        "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
        "-keyout", key.toString(), "-out", cert.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("openssl.log").toFile())
        .start();
    assertEquals(0, openssl.waitFor(), () -> "openssl failed: " + readQuietly(dir.resolve("openssl.log")));
    tlsServer = NettyServerBuilder.forAddress(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            TlsServerCredentials.create(cert.toFile(), key.toFile()))
        .addService(registry)
        .build()
        .start();
    String address = "127.0.0.1:" + tlsServer.getPort();

    try (ArbiterClient client = ArbiterClient.builder().address(address).tls(cert).build()) {
      GetModelResponse response = client.models().getModel(GetModelRequest.newBuilder().setName("tls").build());
      assertEquals("tls", response.getModel().getName());
    }
    // The JDK's roots do not include a self-signed certificate, and plaintext is not TLS.
    for (ArbiterClient.Builder untrusting : List.of(
        ArbiterClient.builder().address(address).tls(),
        ArbiterClient.builder().address(address).plaintext())) {
      try (ArbiterClient client = untrusting.maxAttempts(1).build()) {
        StatusRuntimeException error = assertThrows(StatusRuntimeException.class,
            () -> client.models().getModel(GetModelRequest.newBuilder().setName("tls").build()));
        assertEquals(Status.Code.UNAVAILABLE, error.getStatus().getCode());
      }
    }
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
