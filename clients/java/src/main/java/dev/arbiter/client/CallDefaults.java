package dev.arbiter.client;

import io.grpc.CallCredentials;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Fills in the client's defaults on every call that does not set its own: the credentials, and the
 * deadline of unary calls.
 *
 * <p>The deadline is computed when each call starts. (A stub's {@code withDeadlineAfter} fixes an
 * instant when the stub is made, so a long-lived stub cannot carry a per-call default.) Streams get
 * no default deadline: a watch or an inference stream lives as long as its caller wants.
 */
final class CallDefaults implements ClientInterceptor {
  private final CallCredentials credentials;
  private final Duration deadline;

  /**
   * @param credentials attached when a call has none; null for none
   * @param deadline for unary calls without one; null for none
   */
  CallDefaults(CallCredentials credentials, Duration deadline) {
    this.credentials = credentials;
    this.deadline = deadline;
  }

  @Override
  public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(
      MethodDescriptor<ReqT, RespT> method, CallOptions callOptions, Channel next) {
    CallOptions options = callOptions;
    if (credentials != null && options.getCredentials() == null) {
      options = options.withCallCredentials(credentials);
    }
    if (deadline != null
        && options.getDeadline() == null
        && method.getType() == MethodDescriptor.MethodType.UNARY) {
      options = options.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS);
    }
    return next.newCall(method, options);
  }
}
