/**
 * The one place where the gateway turns errors into what a client sees. ArbiterErrors keep their
 * code and message; anything unexpected is logged with its cause and answered INTERNAL without
 * details.
 */

import { ArbiterError, type Logger } from "@arbiter/core";
import { Code, ConnectError } from "@connectrpc/connect";

/** Maps any thrown value to the ConnectError the client receives. */
export function toConnectError(err: unknown, logger: Logger, procedure: string): ConnectError {
  if (err instanceof ArbiterError) {
    logger.debug({ procedure, code: Code[err.code], msg: err.message }, "call failed");
    return new ConnectError(err.message, err.code);
  }
  if (err instanceof ConnectError) {
    if (err.code === Code.Internal || err.code === Code.Unknown) logger.error({ err, procedure }, "call failed");
    return err;
  }
  logger.error({ err, procedure }, "call failed unexpectedly");
  return new ConnectError("internal error", Code.Internal);
}
