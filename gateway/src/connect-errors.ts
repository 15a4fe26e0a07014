/**
 * The one place where the gateway turns errors into what a client sees. ArbiterErrors keep their
 * code and message; anything unexpected is logged with its cause and answered INTERNAL without
 * details.
 */

import { ArbiterError, type Logger, wellFormedText } from "@arbiter/core";
import { Code, ConnectError } from "@connectrpc/connect";
import { RETRY_AFTER_HEADER, retryAfterSeconds } from "./limits/retry-after.ts";
import { malformedRequestMessage } from "./malformed-request.ts";

/**
 * A limit's refusal with its retry-after, built without a stack trace: refusals come by the
 * thousand when a tenant floods, and the trace would only point here.
 */
function refusedCall(err: ArbiterError, retryAfterSeconds: number): ConnectError {
  const depth = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new ConnectError(err.message, err.code, { [RETRY_AFTER_HEADER]: String(retryAfterSeconds) });
  } finally {
    Error.stackTraceLimit = depth;
  }
}

/** Maps any thrown value to the ConnectError the client receives. */
export function toConnectError(err: unknown, logger: Logger, procedure: string): ConnectError {
  if (err instanceof ArbiterError) {
    logger.debug({ procedure, code: Code[err.code], msg: err.message }, "call failed");
    // A limit that knows when it frees up says so: gRPC sends it as a trailer, Connect as a header.
    const retryAfter = retryAfterSeconds(err);
    if (retryAfter !== undefined) return refusedCall(err, retryAfter);
    return new ConnectError(err.message, err.code);
  }
  if (err instanceof ConnectError) {
    // A streamed request message that does not parse fails here, inside the call.
    const malformed = err.code === Code.Internal ? malformedRequestMessage(err.rawMessage) : undefined;
    if (malformed !== undefined) {
      logger.debug({ procedure, msg: malformed }, "call failed");
      return new ConnectError(malformed, Code.InvalidArgument);
    }
    if (err.code === Code.Internal || err.code === Code.Unknown) logger.error({ err, procedure }, "call failed");
    // Connect's own messages quote what the client sent, which may not be well-formed text.
    const message = wellFormedText(err.rawMessage);
    if (message === err.rawMessage) return err;
    const copy = new ConnectError(message, err.code, err.metadata, undefined, err.cause);
    copy.details.push(...err.details);
    return copy;
  }
  logger.error({ err, procedure }, "call failed unexpectedly");
  return new ConnectError("internal error", Code.Internal);
}
