/**
 * `POST /login`, the OAuth2 token endpoint: the password grant issues an access token that the
 * gateway accepts and a refresh token good for one refresh; wrong passwords and unknown grants get
 * OAuth2's errors.
 */
import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { AuthService, PrincipalKind, Role, TenantService } from "@arbiter/proto";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { startEmbeddedMesh } from "../support/mesh.ts";

const KEY = "login-test-bootstrap-key-0123456789abcdef";
let mesh: Awaited<ReturnType<typeof startEmbeddedMesh>>;
const as = (credential: string) =>
  createGrpcTransport({
    baseUrl: mesh.gatewayUrl,
    interceptors: [
      (next) => (req) => {
        req.header.set("authorization", `Bearer ${credential}`);
        return next(req);
      },
    ],
  });
const login = (fields: Record<string, string>) =>
  fetch(`${mesh.gatewayUrl}/login`, { method: "POST", body: new URLSearchParams(fields) });

before(async () => {
  mesh = await startEmbeddedMesh({ ARBITER_AUTH_ENABLED: "true", ARBITER_AUTH_BOOTSTRAP_ADMIN_KEY: KEY });
  await createClient(TenantService, as(KEY)).createPrincipal({
    kind: PrincipalKind.USER,
    name: "alice",
    role: Role.DEVELOPER,
    password: "correct horse battery",
  });
});
after(() => mesh?.stop());

it("issues a working access token for a password, refreshes once, and refuses what is wrong", async () => {
  const res = await login({ grant_type: "password", username: "alice", password: "correct horse battery" });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("cache-control"), "no-store");
  const tokens = (await res.json()) as {
    access_token: string;
    token_type: string;
    expires_in: number;
    refresh_token: string;
  };
  assert.equal(tokens.token_type, "Bearer");
  assert.ok(tokens.expires_in > 800 && tokens.expires_in <= 900, String(tokens.expires_in));
  const me = await createClient(AuthService, as(tokens.access_token)).whoAmI({});
  assert.equal(me.method, "jwt");
  assert.equal(me.principal?.name, "alice");
  assert.equal(me.principal?.role, Role.DEVELOPER);

  const refreshed = await login({ grant_type: "refresh_token", refresh_token: tokens.refresh_token });
  assert.equal(refreshed.status, 200);
  const again = await login({ grant_type: "refresh_token", refresh_token: tokens.refresh_token });
  assert.equal(again.status, 400);
  assert.equal(((await again.json()) as { error: string }).error, "invalid_grant");

  const wrong = await login({ grant_type: "password", username: "alice", password: "not the password" });
  assert.equal(wrong.status, 400);
  assert.deepEqual(await wrong.json(), {
    error: "invalid_grant",
    error_description: "invalid tenant, username or password",
  });
  const unsupported = await login({ grant_type: "client_credentials" });
  assert.equal(unsupported.status, 400);
  assert.equal(((await unsupported.json()) as { error: string }).error, "unsupported_grant_type");
});
