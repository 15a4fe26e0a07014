/**
 * The gateway's authentication and authorization of every call: the credential in the headers
 * (`authorization: Bearer <API key or JWT>`, or `x-api-key: <API key>`) becomes a principal, and
 * the principal's role must grant the permission the procedure declares (procedure-permissions).
 *
 * - No or bad credentials: UNAUTHENTICATED, before any handler runs.
 * - A role without the permission: PERMISSION_DENIED.
 * - Admins of the system tenant may act inside another tenant with `x-arbiter-tenant: <id>`.
 * Every failure is reported to the audit log (on the bus; a scheduler records it).
 */
import {
  AccessTokenVerifier,
  type ArbiterConfig,
  AUTH_CHANGES_SUBJECT,
  type AuthChange,
  type Bus,
  DEFAULT_TENANT,
  isPlatformAdmin,
  type Logger,
  MAX_CREDENTIAL_LENGTH,
  PermissionDeniedError,
  type Principal,
  PUBLIC_PERMISSION,
  publishAuthFailure,
  roleGrants,
  UnauthenticatedError,
} from "@arbiter/core";
import type { DescService } from "@bufbuild/protobuf";
import type { Authenticator } from "../interceptors/auth.ts";
import type { RequestHeaders } from "../request-context.ts";
import { ApiKeyVerifier } from "./api-key-verifier.ts";
import { procedurePermissions } from "./procedure-permissions.ts";

/** Header with which a platform admin names the tenant it acts in. */
export const TENANT_HEADER = "x-arbiter-tenant";

/** The caller of public procedures (login, health): no rights of its own. */
export const PUBLIC_CALLER: Principal = Object.freeze({
  id: "anonymous",
  tenant: DEFAULT_TENANT,
  role: "viewer",
  method: "anonymous",
});

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const TENANT_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** An authenticator that checks credentials; `close()` stops following credential changes. */
export interface CredentialAuthenticator extends Authenticator {
  close(): void;
}

/** The credential of a call, or undefined when it carries none. */
function credentialOf(headers: RequestHeaders): string | undefined {
  const authorization = headers.get("authorization");
  const apiKey = headers.get("x-api-key");
  let bearer: string | undefined;
  if (authorization !== null) {
    const match = /^bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) throw new UnauthenticatedError('authorization: expected "Bearer <API key or token>"');
    bearer = match[1];
  }
  if (bearer !== undefined && apiKey !== null && apiKey !== bearer)
    throw new UnauthenticatedError("authorization and x-api-key: expected one credential, got two different ones");
  const credential = bearer ?? apiKey ?? undefined;
  if (credential !== undefined && credential.length > MAX_CREDENTIAL_LENGTH)
    throw new UnauthenticatedError(
      `credential: expected at most ${MAX_CREDENTIAL_LENGTH} characters, got ${credential.length}`,
    );
  return credential;
}

/** Authentication with API keys and JWTs, and authorization by role. */
export function createCredentialAuthenticator(options: {
  config: ArbiterConfig;
  bus: Bus;
  logger: Logger;
  services: readonly DescService[];
}): CredentialAuthenticator {
  const { config, bus, logger } = options;
  const permissions = procedurePermissions(options.services, { reflectionPublic: config.auth.reflectionPublic });
  const keys = new ApiKeyVerifier(bus, config.auth.keyCacheTtlMs);
  const tokens = new AccessTokenVerifier(config.auth.jwt);
  // Tokens are not looked up anywhere: a deleted principal's or tenant's are refused from here.
  const deletedPrincipals = new Set<string>();
  const deletedTenants = new Set<string>();
  const changes = bus.subscribe(AUTH_CHANGES_SUBJECT, (message) => {
    keys.clear();
    try {
      const change = JSON.parse(new TextDecoder().decode(message.data)) as AuthChange;
      if (change.deleted && change.kind === "principal") deletedPrincipals.add(change.id);
      if (change.deleted && change.kind === "tenant") deletedTenants.add(change.id);
    } catch (err) {
      logger.warn({ err }, "unreadable credential change announcement");
    }
  });

  const reportFailure = (
    headers: RequestHeaders,
    peer: string | undefined,
    procedure: string,
    reason: string,
    principal?: Principal,
  ) =>
    publishAuthFailure(bus, {
      tenant: principal?.tenant ?? "",
      principalId: principal?.id ?? "",
      procedure,
      reason,
      peer: peer ?? "",
      traceId: headers.get("traceparent")?.split("-")[1] ?? "",
    });

  const identify = async (credential: string): Promise<Principal> => {
    if (JWT_SHAPE.test(credential)) {
      const principal = await tokens.verify(credential);
      if (deletedTenants.has(principal.tenant))
        throw new UnauthenticatedError(`token: tenant "${principal.tenant}" was deleted`);
      if (deletedPrincipals.has(principal.id)) throw new UnauthenticatedError("token: its principal was deleted");
      return principal;
    }
    return keys.verify(credential);
  };

  return {
    async authenticate(headers, procedure, peer) {
      const permission = permissions.get(procedure);
      if (permission === PUBLIC_PERMISSION) return PUBLIC_CALLER;
      let principal: Principal;
      try {
        const credential = credentialOf(headers);
        if (credential === undefined)
          throw new UnauthenticatedError(
            'credentials required: send "authorization: Bearer <API key or token>" or "x-api-key: <API key>"',
          );
        principal = await identify(credential);
      } catch (err) {
        if (err instanceof UnauthenticatedError) reportFailure(headers, peer, procedure, err.message);
        throw err;
      }
      const tenant = headers.get(TENANT_HEADER);
      if (tenant !== null && tenant !== principal.tenant) {
        if (!isPlatformAdmin(principal) || !TENANT_ID.test(tenant)) {
          const reason = `${TENANT_HEADER}: only admins of tenant "${DEFAULT_TENANT}" act in other tenants`;
          reportFailure(headers, peer, procedure, `permission: ${reason}`, principal);
          throw new PermissionDeniedError(reason);
        }
        principal = { ...principal, tenant };
      }
      if (permission === undefined || !roleGrants(principal.role, principal.tenant, permission)) {
        const reason = `${procedure} needs permission ${permission ?? "(none declared)"}, which role ${principal.role} of tenant "${principal.tenant}" does not grant`;
        reportFailure(headers, peer, procedure, `permission: ${reason}`, principal);
        throw new PermissionDeniedError(reason);
      }
      return principal;
    },
    close: () => changes.unsubscribe(),
  };
}
