package dev.arbiter.client;

import com.google.protobuf.DescriptorProtos.MethodOptions.IdempotencyLevel;
import com.google.protobuf.Descriptors;
import io.grpc.ServiceDescriptor;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gRPC service config that retries the contract's side-effect-free methods.
 *
 * <p>The methods are read from the generated descriptors, i.e. from {@code idempotency_level} in
 * the protos, so a method marked {@code NO_SIDE_EFFECTS} (or {@code IDEMPOTENT}) there is retried
 * here without anyone keeping a list in step. Only UNAVAILABLE is retried: the server did not take
 * the call (a gateway restarting, a connection reset), so running it again cannot do anything twice.
 */
public final class IdempotentRetries {
  private IdempotentRetries() {}

  /**
   * A service config (the map form that {@code ManagedChannelBuilder.defaultServiceConfig} takes)
   * with one retry policy for every idempotent method of the given services.
   *
   * @param services grpc-java service descriptors of generated protobuf services
   * @param maxAttempts attempts per call including the first, at least 2 (gRPC caps it at 5)
   */
  public static Map<String, Object> serviceConfig(List<ServiceDescriptor> services, int maxAttempts) {
    if (maxAttempts < 2) {
      throw new IllegalArgumentException("a retry policy needs at least 2 attempts, got " + maxAttempts);
    }
    List<Object> names = new ArrayList<>();
    for (ServiceDescriptor service : services) {
      for (String method : idempotentMethods(service)) {
        names.add(Map.of("service", service.getName(), "method", method));
      }
    }
    if (names.isEmpty()) {
      return Map.of("methodConfig", List.of());
    }
    // Numbers are Doubles and durations strings: the types of the service config's JSON form.
    Map<String, Object> retryPolicy = new LinkedHashMap<>();
    retryPolicy.put("maxAttempts", (double) maxAttempts);
    retryPolicy.put("initialBackoff", "0.1s");
    retryPolicy.put("maxBackoff", "2s");
    retryPolicy.put("backoffMultiplier", 2.0);
    retryPolicy.put("retryableStatusCodes", List.of("UNAVAILABLE"));
    Map<String, Object> methodConfig = new LinkedHashMap<>();
    methodConfig.put("name", names);
    methodConfig.put("retryPolicy", retryPolicy);
    return Map.of("methodConfig", List.of(methodConfig));
  }

  /** The names of a service's methods marked NO_SIDE_EFFECTS or IDEMPOTENT in its proto. */
  static List<String> idempotentMethods(ServiceDescriptor service) {
    if (!(service.getSchemaDescriptor() instanceof ProtoServiceDescriptorSupplier supplier)) {
      throw new IllegalArgumentException(service.getName() + " has no protobuf descriptor");
    }
    List<String> methods = new ArrayList<>();
    for (Descriptors.MethodDescriptor method : supplier.getServiceDescriptor().getMethods()) {
      IdempotencyLevel level = method.getOptions().getIdempotencyLevel();
      if (level == IdempotencyLevel.NO_SIDE_EFFECTS || level == IdempotencyLevel.IDEMPOTENT) {
        methods.add(method.getName());
      }
    }
    return methods;
  }
}
