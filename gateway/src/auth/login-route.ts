/**
 * `POST /login`: the OAuth2 token endpoint for people and scripts without a gRPC client (RFC 6749
 * §4.3 password grant and §6 refresh). The body is form-encoded or JSON:
 *
 *   grant_type=password&username=alice&password=...&tenant=acme   (tenant defaults to "default")
 *   grant_type=refresh_token&refresh_token=...
 *
 * → 200 `{"access_token", "token_type": "Bearer", "expires_in", "refresh_token"}`, or 400 with
 * `{"error": "invalid_request" | "invalid_grant" | "unsupported_grant_type", "error_description"}`.
 * It is AuthService's Login and Refresh (forwarded to the schedulers), spoken in OAuth2's terms.
 */
import {
  ArbiterError,
  type Bus,
  Code,
  callRpc,
  createRequestContext,
  DEFAULT_TENANT,
  type Logger,
  rpcSubject,
} from "@arbiter/core";
import {
  AuthService,
  LoginRequestSchema,
  LoginResponseSchema,
  RefreshRequestSchema,
  RefreshResponseSchema,
} from "@arbiter/proto";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { timestampMs } from "@bufbuild/protobuf/wkt";
import type { HttpRoute } from "../http-handler.ts";
import { readBody } from "../oip/rest-body.ts";
import { PUBLIC_CALLER } from "./credential-authenticator.ts";

/** Path of the token endpoint. */
export const LOGIN_PATH = "/login";

const MAX_BODY_BYTES = 16 * 1024;
const TIMEOUT_MS = 10_000;

class OAuthError extends Error {
  constructor(
    readonly error: "invalid_request" | "invalid_grant" | "unsupported_grant_type",
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

function fieldsOf(body: Buffer, contentType: string): Record<string, string> {
  if (contentType.startsWith("application/json")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString("utf8"));
    } catch (err) {
      throw new OAuthError("invalid_request", `body: expected JSON, got ${(err as Error).message}`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      throw new OAuthError("invalid_request", "body: expected a JSON object");
    return Object.fromEntries(
      Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    );
  }
  if (contentType.startsWith("application/x-www-form-urlencoded"))
    return Object.fromEntries(new URLSearchParams(body.toString("utf8")));
  throw new OAuthError(
    "invalid_request",
    `content-type: expected application/x-www-form-urlencoded or application/json, got "${contentType}"`,
  );
}

function required(fields: Record<string, string>, name: string): string {
  const value = fields[name];
  if (!value) throw new OAuthError("invalid_request", `${name}: required`);
  return value;
}

/** The `/login` route. */
export function createLoginRoute(options: { bus: Bus; logger: Logger }): HttpRoute {
  const { bus, logger } = options;
  const send = (res: Parameters<HttpRoute>[1], status: number, body: unknown) => {
    const bytes = Buffer.from(JSON.stringify(body));
    res.writeHead(status, {
      "content-type": "application/json",
      "content-length": bytes.byteLength,
      // RFC 6749 §5.1: token responses are never cached.
      "cache-control": "no-store",
    });
    res.end(bytes);
  };

  const grant = async (fields: Record<string, string>) => {
    const ctx = createRequestContext(PUBLIC_CALLER, Date.now() + TIMEOUT_MS);
    switch (fields.grant_type) {
      case "password": {
        const request = create(LoginRequestSchema, {
          tenant: fields.tenant || DEFAULT_TENANT,
          username: required(fields, "username"),
          password: required(fields, "password"),
        });
        const reply = await callRpc(
          bus,
          rpcSubject(AuthService.typeName, "Login"),
          toBinary(LoginRequestSchema, request),
          ctx,
        );
        return fromBinary(LoginResponseSchema, reply);
      }
      case "refresh_token": {
        const request = create(RefreshRequestSchema, { refreshToken: required(fields, "refresh_token") });
        const reply = await callRpc(
          bus,
          rpcSubject(AuthService.typeName, "Refresh"),
          toBinary(RefreshRequestSchema, request),
          ctx,
        );
        return fromBinary(RefreshResponseSchema, reply);
      }
      case undefined:
      case "":
        throw new OAuthError("invalid_request", "grant_type: required (password or refresh_token)");
      default:
        throw new OAuthError(
          "unsupported_grant_type",
          `grant_type: expected password or refresh_token, got ${JSON.stringify(fields.grant_type)}`,
        );
    }
  };

  return (req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (path !== LOGIN_PATH) return false;
    void (async () => {
      try {
        if (req.method !== "POST")
          throw new OAuthError("invalid_request", `method: expected POST, got ${req.method}`, 405);
        const body = await readBody(req, MAX_BODY_BYTES);
        const tokens = await grant(fieldsOf(body, String(req.headers["content-type"] ?? "")));
        send(res, 200, {
          access_token: tokens.accessToken,
          token_type: "Bearer",
          expires_in: tokens.expireTime
            ? Math.max(0, Math.round((timestampMs(tokens.expireTime) - Date.now()) / 1000))
            : 0,
          refresh_token: tokens.refreshToken,
        });
      } catch (err) {
        if (err instanceof OAuthError)
          return send(res, err.status, { error: err.error, error_description: err.message });
        if (err instanceof ArbiterError && err.code === Code.Unauthenticated)
          return send(res, 400, { error: "invalid_grant", error_description: err.message });
        if (err instanceof ArbiterError && err.code !== Code.Internal && err.code !== Code.Unknown) {
          const status = err.code === Code.InvalidArgument ? 400 : err.code === Code.ResourceExhausted ? 413 : 503;
          return send(res, status, {
            error: status === 400 || status === 413 ? "invalid_request" : "temporarily_unavailable",
            error_description: err.message,
          });
        }
        logger.error({ err }, "login failed unexpectedly");
        send(res, 500, { error: "server_error", error_description: "internal error" });
      }
    })();
    return true;
  };
}
