/**
 * Outermost interceptor: every failure of a call, unary or streaming, goes through
 * {@link toConnectError} — the one place errors are mapped for clients.
 */

import type { Logger } from "@arbiter/core";
import type { Interceptor } from "@connectrpc/connect";
import { toConnectError } from "../connect-errors.ts";

export function errorInterceptor(logger: Logger): Interceptor {
  return (next) => async (req) => {
    const procedure = req.url.slice(req.url.lastIndexOf("/", req.url.lastIndexOf("/") - 1) + 1);
    let res: Awaited<ReturnType<typeof next>>;
    try {
      res = await next(req);
    } catch (err) {
      throw toConnectError(err, logger, procedure);
    }
    if (!res.stream) return res;
    const output = res.message;
    async function* mapped() {
      try {
        yield* output;
      } catch (err) {
        throw toConnectError(err, logger, procedure);
      }
    }
    return { ...res, message: mapped() };
  };
}
