package dev.arbiter.client;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.concurrent.Executor;

/**
 * Call credentials that send {@code authorization: Bearer <token>} on every call. Arbiter accepts
 * either of its two kinds of token this way: an API key ({@code arb_<id>.<secret>}) or a JWT from
 * the configured issuer.
 *
 * <p>{@link ArbiterClient} attaches one to every call; pass another to a stub's
 * {@code withCallCredentials} to act as a different principal for some calls.
 */
public final class BearerToken extends CallCredentials {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final String token;

  /**
   * @param token an API key or a JWT, without the {@code Bearer } prefix
   */
  public BearerToken(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("a bearer token must not be empty");
    }
    this.token = token.strip();
  }

  @Override
  public void applyRequestMetadata(RequestInfo requestInfo, Executor appExecutor, MetadataApplier applier) {
    // No check of requestInfo.getSecurityLevel(): a gateway on loopback or behind a TLS-terminating
    // proxy is reached in plaintext and still authenticates by this header.
    try {
      Metadata headers = new Metadata();
      headers.put(AUTHORIZATION, "Bearer " + token);
      applier.apply(headers);
    } catch (RuntimeException e) {
      applier.fail(Status.UNAUTHENTICATED.withDescription("cannot attach the bearer token").withCause(e));
    }
  }

  @Override
  public String toString() {
    return "BearerToken[redacted]";
  }
}
