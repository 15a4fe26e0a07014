/**
 * Authentication: resolves the caller of every call to a principal (with its tenant) and leaves
 * it in the call's context values, where handlers read it through `requestContextOf`.
 */

import { ANONYMOUS_PRINCIPAL, type Principal } from "@arbiter/core";
import type { Interceptor } from "@connectrpc/connect";
import { peerKey, principalKey, type RequestHeaders } from "../request-context.ts";

/**
 * Turns request headers into the principal allowed to call `procedure` ("package.Service/Method"):
 * UnauthenticatedError without valid credentials, PermissionDeniedError when the principal's role
 * does not grant the procedure's permission. `peer` (the caller's address) is for the audit log.
 */
export interface Authenticator {
  authenticate(headers: RequestHeaders, procedure: string, peer?: string): Promise<Principal>;
}

/**
 * Authentication switched off: every caller is the anonymous admin of the default tenant. For
 * local development and tests only; credentials, roles and tenants of their own replace it.
 */
export function createAnonymousAuthenticator(): Authenticator {
  return { authenticate: async () => ANONYMOUS_PRINCIPAL };
}

export function authInterceptor(authenticator: Authenticator): Interceptor {
  return (next) => async (req) => {
    const principal = await authenticator.authenticate(
      req.header,
      `${req.service.typeName}/${req.method.name}`,
      req.contextValues.get(peerKey),
    );
    req.contextValues.set(principalKey, principal);
    return next(req);
  };
}
