/**
 * Forged and malformed credentials: each is presented over gRPC (CreateTenant, which would leave a
 * tenant behind if it ran) and over REST (the OIP repository index); every one must be refused
 * with UNAUTHENTICATED (HTTP 401), and afterwards no tenant a forged call asked for may exist.
 *
 * The mesh's signing key pair and HMAC secret are the suite's own (passed in), so tokens that are
 * correctly signed but wrong in one claim can be made, beside tokens signed with other keys.
 */
import { createPrivateKey, generateKeyPairSync, type KeyObject, randomBytes, randomUUID, sign } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { AuthService, PrincipalKind, Role, TenantService } from "@arbiter/proto";
import { Code, createClient } from "@connectrpc/connect";
import { CompactSign, type JWTPayload, SignJWT } from "jose";
import { clientAs, codeLabel, statusOf, transportWith } from "./attack-client.ts";

/** The mesh's JWT settings, as the suite configured them. */
export interface SuiteJwt {
  privateKeyPem: string;
  publicKeyPem: string;
  hmacSecret: string;
  issuer: string;
  audience: string;
}

/** What the credential attacks found. */
export interface CredentialReport {
  tried: number;
  accepted: number;
  examples: string[];
  /** The real secrets handled on the way (keys, a password, tokens): none may reach a log. */
  secrets: string[];
}

interface Forged {
  name: string;
  headers: Record<string, string>;
}

const b64 = (value: unknown) =>
  Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

function unsigned(header: Record<string, unknown>, payload: unknown): string {
  return `${b64(header)}.${b64(payload)}.`;
}

/** An EdDSA JWT with exactly the header given (jose refuses to sign some of the headers tried). */
function rawEdDsa(header: Record<string, unknown>, payload: unknown, key: KeyObject): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${sign(null, Buffer.from(input), key).toString("base64url")}`;
}

function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** Sets up victims (keys, users, tokens) and tries every forged credential against the mesh. */
export async function runCredentialAttacks(options: {
  gatewayUrl: string;
  adminKey: string;
  jwt: SuiteJwt;
  log?: (line: string) => void;
}): Promise<CredentialReport> {
  const { gatewayUrl: url, adminKey, jwt } = options;
  const log = options.log ?? (() => {});
  const admin = clientAs(TenantService, url, adminKey);
  const inTenant = (tenant: string) => clientAs(TenantService, url, adminKey, tenant);
  const tenant = "cred-t";
  const gone = "cred-gone";
  await admin.createTenant({ id: tenant });
  await admin.createTenant({ id: gone });
  const account = async (t: string, name: string, role = Role.ADMIN) =>
    (await inTenant(t).createPrincipal({ kind: PrincipalKind.SERVICE_ACCOUNT, name, role })).principal?.id ?? "";
  const keyOf = async (t: string, principalId: string, ttlSeconds = 0) =>
    inTenant(t).createApiKey({ principalId, ttlSeconds });
  const sa = await account(tenant, "sa");
  const valid = (await keyOf(tenant, sa)).secret;
  const revoked = await keyOf(tenant, sa);
  await inTenant(tenant).revokeApiKey({ id: revoked.key?.id ?? "" });
  const expiring = (await keyOf(tenant, sa, 1)).secret;
  const doomed = await account(tenant, "doomed");
  const doomedKey = (await keyOf(tenant, doomed)).secret;
  await inTenant(tenant).deletePrincipal({ id: doomed });
  const goneKey = (await keyOf(gone, await account(gone, "ghost"))).secret;
  const password = "correct horse battery staple";
  await inTenant(tenant).createPrincipal({ kind: PrincipalKind.USER, name: "user", role: Role.VIEWER, password });
  const auth = createClient(AuthService, transportWith(url));
  const { accessToken } = await auth.login({ tenant, username: "user", password });
  const leaver = (
    await inTenant(tenant).createPrincipal({ kind: PrincipalKind.USER, name: "leaver", role: Role.ADMIN, password })
  ).principal?.id as string;
  const leaverToken = (await auth.login({ tenant, username: "leaver", password })).accessToken;
  await inTenant(tenant).deletePrincipal({ id: leaver });
  await inTenant(gone).createPrincipal({ kind: PrincipalKind.USER, name: "u", role: Role.ADMIN, password });
  const goneToken = (await auth.login({ tenant: gone, username: "u", password })).accessToken;
  await admin.deleteTenant({ id: gone });
  await sleep(1500); // the 1-second key has expired

  const signingKey = createPrivateKey(jwt.privateKeyPem);
  const hmac = new TextEncoder().encode(jwt.hmacSecret);
  const now = Math.floor(Date.now() / 1000);
  const claims = (over: Record<string, unknown> = {}): JWTPayload => ({
    sub: randomUUID(),
    tenant: "default",
    role: "admin",
    iss: jwt.issuer,
    aud: jwt.audience,
    iat: now,
    nbf: now,
    exp: now + 300,
    ...over,
  });
  const signed = async (
    payload: JWTPayload,
    key: KeyObject | Uint8Array,
    alg: string,
    header: Record<string, unknown> = {},
  ) => new SignJWT(payload).setProtectedHeader({ alg, typ: "JWT", ...header }).sign(key);
  const drop = (payload: JWTPayload, claim: string) => {
    const copy = { ...payload };
    delete copy[claim];
    return copy;
  };
  const attacker = {
    rsa: generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey,
    ed: generateKeyPairSync("ed25519").privateKey,
    ec: generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey,
  };
  const [header64, payload64, signature64] = accessToken.split(".") as [string, string, string];
  const escalated = b64({ ...JSON.parse(Buffer.from(payload64, "base64url").toString()), role: "admin" });
  // A character in the middle changes whole bytes of the signature (the last one carries padding bits).
  const flipped = `${signature64.slice(0, 10)}${signature64[10] === "A" ? "B" : "A"}${signature64.slice(11)}`;

  const forged: Forged[] = [
    { name: "no credentials", headers: {} },
    { name: "empty bearer", headers: { authorization: "Bearer " } },
    { name: "bearer without token", headers: { authorization: "Bearer" } },
    { name: "basic scheme", headers: { authorization: `Basic ${b64("admin:admin")}` } },
    { name: "token scheme with a valid key", headers: { authorization: `Token ${valid}` } },
    { name: "garbage", headers: bearer("not-a-credential") },
    {
      name: "unknown key of the right shape",
      headers: bearer(`arb_${randomBytes(6).toString("hex")}_${randomBytes(32).toString("base64url")}`),
    },
    {
      name: "real prefix, wrong secret",
      headers: bearer(`${valid.slice(0, 17)}${randomBytes(32).toString("base64url")}`),
    },
    { name: "valid key truncated", headers: bearer(valid.slice(0, -1)) },
    { name: "valid key with a byte added", headers: bearer(`${valid}x`) },
    { name: "valid key upper-cased", headers: bearer(valid.toUpperCase()) },
    {
      name: "valid key split by a space",
      headers: { authorization: `Bearer ${valid.slice(0, 20)} ${valid.slice(20)}` },
    },
    { name: "revoked key", headers: bearer(revoked.secret) },
    { name: "expired key", headers: bearer(expiring) },
    { name: "key of a deleted principal", headers: bearer(doomedKey) },
    { name: "key of a deleted tenant", headers: bearer(goneKey) },
    { name: "oversized credential", headers: bearer("a".repeat(10_000)) },
    { name: "two different credentials", headers: { authorization: `Bearer ${valid}`, "x-api-key": revoked.secret } },
    { name: "x-api-key unknown", headers: { "x-api-key": `arb_${"0".repeat(12)}_${"A".repeat(43)}` } },
    { name: "x-api-key revoked", headers: { "x-api-key": revoked.secret } },
    {
      name: "bootstrap key with one character changed",
      headers: bearer(`${adminKey.slice(0, -1)}${adminKey.endsWith("x") ? "y" : "x"}`),
    },
    { name: "bootstrap key truncated", headers: bearer(adminKey.slice(0, 31)) },
    { name: "alg none", headers: bearer(unsigned({ alg: "none", typ: "JWT" }, claims())) },
    { name: "alg None", headers: bearer(unsigned({ alg: "None" }, claims())) },
    { name: "alg NONE with a signature", headers: bearer(`${unsigned({ alg: "NONE" }, claims())}c2ln`) },
    {
      name: "HS256 signed with the public key (key confusion)",
      headers: bearer(await signed(claims(), new TextEncoder().encode(jwt.publicKeyPem), "HS256")),
    },
    {
      name: "HS512 signed with the public key (key confusion)",
      headers: bearer(await signed(claims(), new TextEncoder().encode(jwt.publicKeyPem), "HS512")),
    },
    {
      name: "HS256 signed with a guessed secret",
      headers: bearer(await signed(claims(), new TextEncoder().encode("secret".repeat(8)), "HS256")),
    },
    { name: "RS256 by another key", headers: bearer(await signed(claims(), attacker.rsa, "RS256")) },
    { name: "EdDSA by another key", headers: bearer(await signed(claims(), attacker.ed, "EdDSA")) },
    { name: "ES256 by another key", headers: bearer(await signed(claims(), attacker.ec, "ES256")) },
    {
      name: "expired beyond the skew",
      headers: bearer(await signed(claims({ exp: now - 120, nbf: now - 600, iat: now - 600 }), signingKey, "EdDSA")),
    },
    {
      name: "not yet valid beyond the skew",
      headers: bearer(await signed(claims({ nbf: now + 120 }), signingKey, "EdDSA")),
    },
    { name: "wrong audience", headers: bearer(await signed(claims({ aud: "someone-else" }), signingKey, "EdDSA")) },
    {
      name: "wrong issuer",
      headers: bearer(await signed(claims({ iss: "https://evil.example" }), signingKey, "EdDSA")),
    },
    { name: "no exp", headers: bearer(await signed(drop(claims(), "exp"), signingKey, "EdDSA")) },
    { name: "no sub", headers: bearer(await signed(drop(claims(), "sub"), signingKey, "EdDSA")) },
    { name: "no tenant claim", headers: bearer(await signed(drop(claims(), "tenant"), signingKey, "EdDSA")) },
    {
      name: "malformed tenant claim",
      headers: bearer(await signed(claims({ tenant: "../Default" }), signingKey, "EdDSA")),
    },
    { name: "unknown role", headers: bearer(await signed(claims({ role: "superadmin" }), signingKey, "EdDSA")) },
    { name: "token of a deleted tenant", headers: bearer(goneToken) },
    { name: "token of a deleted principal", headers: bearer(leaverToken) },
    { name: "login token with its role raised", headers: bearer(`${header64}.${escalated}.${signature64}`) },
    { name: "login token with a flipped signature", headers: bearer(`${header64}.${payload64}.${flipped}`) },
    { name: "login token without its signature", headers: bearer(`${header64}.${payload64}.`) },
    {
      name: "login token re-labelled HS256",
      headers: bearer(`${b64({ alg: "HS256", typ: "JWT" })}.${payload64}.${signature64}`),
    },
    { name: "login token with a fourth segment", headers: bearer(`${accessToken}.x`) },
    { name: "login token truncated", headers: bearer(accessToken.slice(0, -10)) },
    {
      name: "HMAC token, right secret, expired",
      headers: bearer(await signed(claims({ exp: now - 120, nbf: now - 600 }), hmac, "HS256")),
    },
    {
      name: "HMAC token, right secret, wrong audience",
      headers: bearer(await signed(claims({ aud: "x" }), hmac, "HS256")),
    },
    {
      name: "unknown critical header",
      headers: bearer(rawEdDsa({ alg: "EdDSA", crit: ["x-unknown"], "x-unknown": 1 }, claims(), signingKey)),
    },
    {
      name: "jku pointing at loopback, signed by another key",
      headers: bearer(await signed(claims(), attacker.ed, "EdDSA", { jku: "http://127.0.0.1:1/keys", kid: "k" })),
    },
    {
      name: "signed payload that is not JSON",
      headers: bearer(
        await new CompactSign(new TextEncoder().encode("not json"))
          .setProtectedHeader({ alg: "EdDSA" })
          .sign(signingKey),
      ),
    },
    {
      name: "signed payload that is a JSON list",
      headers: bearer(
        await new CompactSign(new TextEncoder().encode("[1,2]")).setProtectedHeader({ alg: "EdDSA" }).sign(signingKey),
      ),
    },
  ];

  const report: CredentialReport = {
    tried: 0,
    accepted: 0,
    examples: [],
    secrets: [valid, revoked.secret, expiring, password, accessToken, leaverToken],
  };
  for (const [i, credential] of forged.entries()) {
    report.tried++;
    const id = `forged-${i}`;
    const grpc = await statusOf(() =>
      createClient(TenantService, transportWith(url, credential.headers)).createTenant({ id }, { timeoutMs: 10_000 }),
    );
    const rest = await fetch(`${url}/v2/repository/index`, {
      method: "POST",
      headers: credential.headers,
      body: "{}",
    }).then(
      (r) => r.status,
      () => 0,
    );
    if (grpc.code !== Code.Unauthenticated || rest !== 401) {
      report.accepted++;
      report.examples.push(`${credential.name}: gRPC ${codeLabel(grpc.code)} (${grpc.message}), REST ${rest}`);
    }
  }
  // Nothing a refused call asked for happened.
  const { tenants } = await admin.listTenants({ pageSize: 1000 });
  for (const t of tenants.filter((t) => t.id.startsWith("forged-"))) {
    report.accepted++;
    report.examples.push(`tenant ${t.id} exists: a forged call reached its handler`);
  }
  log(`credentials: ${report.tried} forged or malformed, ${report.accepted} accepted`);
  return report;
}
