import type { Interceptor } from "@connectrpc/connect";

/**
 * Sends the caller's credential on every call: an Arbiter API key or a JWT, both as
 * `authorization: Bearer <credential>` (the gateway tells them apart by their form).
 */
export function bearerCredentials(credential: string): Interceptor {
  const value = `Bearer ${credential}`;
  return (next) => async (req) => {
    req.header.set("authorization", value);
    return next(req);
  };
}
