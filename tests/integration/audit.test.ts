/**
 * The audit log over the gateway, on an embedded mesh: every mutating call leaves one row (who,
 * what, which object, outcome, from where, trace), read-only calls leave none, a tenant reads only
 * its own rows, newest first and in pages, and failed authentications that gateways publish
 * become rows too.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { publishAuthFailure } from "@arbiter/core";
import {
  type AuditEvent,
  AuditService,
  AuthService,
  Metric,
  ModelRegistryService,
  PrincipalKind,
  type RegisterModelRequest,
  RegisterModelRequestSchema,
  Role,
  TenantService,
  VectorService,
} from "@arbiter/proto";
import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { type Client, Code, type Interceptor, type Transport } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { chunksOf, client, grpcTransport } from "../support/clients.ts";
import { exampleModel } from "../support/examples.ts";
import { expectCode } from "../support/expect-code.ts";
import { type Mesh, startEmbeddedMesh } from "../support/mesh.ts";

const VECTORS = "arbiter.v1.VectorService";
const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
const TRACEPARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`;
/** Authentication is off: every call is the anonymous principal's, in the default tenant. */
const PRINCIPAL = "anonymous";

/** The tenant's rows, newest first, of one action (or all), every page read. */
async function allEvents(audit: Client<typeof AuditService>, action = ""): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  let pageToken = "";
  do {
    const page = await audit.listAuditEvents({ action, pageSize: 1000, pageToken });
    events.push(...page.events);
    pageToken = page.nextPageToken;
  } while (pageToken !== "");
  return events;
}

/** Waits (up to 10 s) until `done` holds of the tenant's rows; rows are written just after each call is answered. */
async function eventsUntil(
  audit: Client<typeof AuditService>,
  done: (events: AuditEvent[]) => boolean,
  action = "",
): Promise<AuditEvent[]> {
  for (let attempt = 0; ; attempt++) {
    const events = await allEvents(audit, action);
    if (done(events)) return events;
    if (attempt >= 200) assert.fail(`audit rows never matched: ${JSON.stringify(events.map(summary))}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function summary(e: AuditEvent) {
  return { action: e.action, object: e.object, outcome: e.outcome, principal: e.principalId };
}

function micros(e: AuditEvent): bigint {
  return (e.time?.seconds ?? 0n) * 1_000_000n + BigInt(Math.floor((e.time?.nanos ?? 0) / 1000));
}

function upload(name: string, version: number, artifact: Uint8Array): AsyncIterable<RegisterModelRequest> {
  return (async function* () {
    yield create(RegisterModelRequestSchema, {
      part: { case: "metadata", value: { name, version: BigInt(version) } },
    });
    for (const chunk of chunksOf(artifact, 64 * 1024))
      yield create(RegisterModelRequestSchema, { part: { case: "chunk", value: chunk } });
  })();
}

describe("audit log", () => {
  let mesh: Mesh & Awaited<ReturnType<typeof startEmbeddedMesh>>;
  let transport: Transport;
  let audit: Client<typeof AuditService>;
  let vectors: Client<typeof VectorService>;

  before(async () => {
    mesh = await startEmbeddedMesh({ ARBITER_AUTH_ENABLED: "false" });
    transport = grpcTransport(mesh.gatewayUrl);
    audit = client(AuditService, transport);
    vectors = client(VectorService, transport);
  });
  after(async () => {
    await mesh?.stop();
  });

  it("records each mutating call: who, what, which object, outcome, from where, trace; failures too", async () => {
    // A client cannot choose the address recorded: the header is ignored, the connection's is kept.
    const headers = { traceparent: TRACEPARENT, "arbiter-peer": "203.0.113.9:1" };
    await vectors.createCollection({ name: "audited", dim: 4, metric: Metric.L2 }, { headers });
    await vectors.deleteCollection({ name: "audited" });
    await expectCode(vectors.deleteCollection({ name: "audited" }), Code.NotFound);

    const events = await eventsUntil(audit, (es) => es.filter((e) => e.object === "collection/audited").length >= 3);
    const rows = events.filter((e) => e.object === "collection/audited");
    assert.deepEqual(rows.map(summary), [
      {
        action: `${VECTORS}/DeleteCollection`,
        object: "collection/audited",
        outcome: "NOT_FOUND",
        principal: PRINCIPAL,
      },
      { action: `${VECTORS}/DeleteCollection`, object: "collection/audited", outcome: "OK", principal: PRINCIPAL },
      { action: `${VECTORS}/CreateCollection`, object: "collection/audited", outcome: "OK", principal: PRINCIPAL },
    ]);
    for (const row of rows) {
      assert.match(row.peerAddress, /^127\.0\.0\.1:\d+$/, "the loopback address the call came from");
      assert.equal(row.tenant, "default");
      assert.ok(row.id !== "" && row.time !== undefined);
    }
    assert.equal(rows[2]?.traceId, TRACE_ID, "the create's trace");
    assert.equal(rows[0]?.traceId, "", "a call sent without a trace has none");
  });

  it("records the address of a REST caller too (the Open Inference Protocol's repository unload)", async () => {
    const res = await fetch(`${mesh.gatewayUrl}/v2/repository/models/never-registered/unload`, { method: "POST" });
    assert.equal(res.status, 404, await res.text());
    const action = "arbiter.v1.ModelRegistryService/UnloadModel";
    const [row] = await eventsUntil(audit, (es) => es.some((e) => e.object.includes("never-registered")), action);
    assert.equal(row?.outcome, "NOT_FOUND");
    assert.match(row?.peerAddress ?? "", /^127\.0\.0\.1:\d+$/);
  });

  it("records RegisterModel once per call, at its commit, or where it failed", async () => {
    const registry = client(ModelRegistryService, transport);
    const artifact = exampleModel("risk-classifier");
    await registry.registerModel(upload("audited-model", 1, artifact));
    await expectCode(registry.registerModel(upload("audited-model", 1, artifact)), Code.AlreadyExists);

    const action = "arbiter.v1.ModelRegistryService/RegisterModel";
    const rows = await eventsUntil(audit, (es) => es.length >= 2, action);
    assert.deepEqual(rows.map(summary), [
      { action, object: "model/audited-model/1", outcome: "ALREADY_EXISTS", principal: PRINCIPAL },
      { action, object: "model/audited-model/1", outcome: "OK", principal: PRINCIPAL },
    ]);
  });

  it("does not record read-only calls", async () => {
    await vectors.createCollection({ name: "readable", dim: 4, metric: Metric.L2 });
    await vectors.getCollection({ name: "readable" });
    await vectors.listCollections({});
    await client(ModelRegistryService, transport).listModels({});
    await audit.listAuditEvents({});
    // A mutation after the reads: once its row is there, theirs would have been too.
    await vectors.deleteCollection({ name: "readable" });
    const events = await eventsUntil(audit, (es) =>
      es.some((e) => e.action === `${VECTORS}/DeleteCollection` && e.object === "collection/readable"),
    );
    const actions = new Set(events.map((e) => e.action));
    for (const read of [
      `${VECTORS}/GetCollection`,
      `${VECTORS}/ListCollections`,
      "arbiter.v1.ModelRegistryService/ListModels",
      "arbiter.v1.AuditService/ListAuditEvents",
    ]) {
      assert.ok(!actions.has(read), `${read} is not recorded`);
    }
  });

  it("lists newest first, in pages, filtered by action, principal and time", async () => {
    for (const name of ["p1", "p2", "p3", "p4", "p5"])
      await vectors.createCollection({ name: `paged-${name}`, dim: 2, metric: Metric.COSINE });
    const all = await eventsUntil(
      audit,
      (es) => es.filter((e) => e.object.startsWith("collection/paged-")).length >= 5,
    );
    assert.deepEqual(
      all
        .filter((e) => e.object.startsWith("collection/paged-"))
        .slice(0, 5)
        .map((e) => e.object),
      [
        "collection/paged-p5",
        "collection/paged-p4",
        "collection/paged-p3",
        "collection/paged-p2",
        "collection/paged-p1",
      ],
    );
    for (let i = 1; i < all.length; i++)
      assert.ok(micros(all[i - 1] as AuditEvent) >= micros(all[i] as AuditEvent), "newest first");

    const paged: AuditEvent[] = [];
    let pageToken = "";
    do {
      const page = await audit.listAuditEvents({ pageSize: 2, pageToken });
      assert.ok(page.events.length <= 2);
      paged.push(...page.events);
      pageToken = page.nextPageToken;
    } while (pageToken !== "");
    assert.deepEqual(
      paged.map((e) => e.id),
      all.map((e) => e.id),
      "pages of 2 return every row once, in order",
    );

    const creates = await allEvents(audit, `${VECTORS}/CreateCollection`);
    assert.ok(creates.length >= 5 && creates.every((e) => e.action === `${VECTORS}/CreateCollection`));
    assert.equal((await audit.listAuditEvents({ principalId: PRINCIPAL, pageSize: 1000 })).events.length, all.length);
    assert.equal((await audit.listAuditEvents({ principalId: "someone-else" })).events.length, 0);

    const third = all[2] as AuditEvent;
    const since = await audit.listAuditEvents({ since: third.time, pageSize: 1000 });
    assert.deepEqual(
      since.events.map((e) => e.id),
      all.slice(0, 3).map((e) => e.id),
      "since: the rows at or after that time",
    );
    await expectCode(audit.listAuditEvents({ pageToken: "not-a-token" }), Code.InvalidArgument, /page_token/);
  });

  it("never shows another tenant's rows", async () => {
    await mesh.db.query(`INSERT INTO tenants (id, display_name) VALUES ('other', 'Other') ON CONFLICT DO NOTHING`);
    const future = new Date(Date.now() + 60_000);
    for (const action of ["arbiter.v1.PipelineService/DeletePipeline", `${VECTORS}/CreateCollection`]) {
      await mesh.db.query(
        `INSERT INTO audit_events (id, tenant_id, principal_id, action, object, outcome, time)
         VALUES ($1, 'other', $2, $3, 'pipeline/secret', 'OK', $4)`,
        [randomUUID(), PRINCIPAL, action, future],
      );
    }
    const mine = await allEvents(audit);
    assert.ok(mine.length > 0);
    assert.ok(mine.every((e) => e.tenant === "default" && e.object !== "pipeline/secret"));
    const filtered = await audit.listAuditEvents({ action: "arbiter.v1.PipelineService/DeletePipeline" });
    assert.equal(filtered.events.length, 0);
    const later = await audit.listAuditEvents({ since: timestampFromMs(future.getTime() - 1000) });
    assert.equal(later.events.length, 0);
  });

  it("records the authentication failures gateways publish, under the tenant named when it exists", async () => {
    await mesh.db.query(`INSERT INTO tenants (id, display_name) VALUES ('other', 'Other') ON CONFLICT DO NOTHING`);
    const failure = {
      principalId: "",
      procedure: `${VECTORS}/DeleteCollection`,
      peer: "127.0.0.1:40000",
      traceId: TRACE_ID,
    };
    publishAuthFailure(mesh.bus, { ...failure, tenant: "other", reason: "unknown api key" });
    publishAuthFailure(mesh.bus, { ...failure, tenant: "no-such-tenant", reason: "expired token" });
    publishAuthFailure(mesh.bus, {
      ...failure,
      tenant: "default",
      principalId: "p-7",
      reason: "permission vectors.write",
    });

    const rows = await eventsUntil(audit, (es) => es.length >= 2, "auth.failure");
    assert.deepEqual(
      rows.map((e) => [e.object, e.outcome, e.principalId, e.peerAddress, e.traceId]).sort(),
      [
        [failure.procedure, "PERMISSION_DENIED", "p-7", failure.peer, TRACE_ID],
        [failure.procedure, "UNAUTHENTICATED", "", failure.peer, TRACE_ID],
      ],
      "the permission failure, and the one naming an unknown tenant, filed under the default tenant",
    );
    const { rows: other } = await mesh.db.query<{ outcome: string; object: string }>(
      `SELECT outcome, object FROM audit_events WHERE tenant_id = 'other' AND action = 'auth.failure'`,
    );
    assert.deepEqual(other, [{ outcome: "UNAUTHENTICATED", object: failure.procedure }]);
  });
});

const ADMIN_KEY = "audit-test-bootstrap-admin-key-0123456789abcdef";

/** A gRPC transport whose every call carries `key` (and, for a platform admin, the tenant it acts in). */
function transportAs(baseUrl: string, key: string, tenant?: string): Transport {
  const credentials: Interceptor = (next) => (req) => {
    req.header.set("x-api-key", key);
    if (tenant !== undefined) req.header.set("x-arbiter-tenant", tenant);
    return next(req);
  };
  return createGrpcTransport({ baseUrl, interceptors: [credentials] });
}

describe("audit log with authentication", () => {
  let mesh: Awaited<ReturnType<typeof startEmbeddedMesh>>;

  before(async () => {
    mesh = await startEmbeddedMesh({ ARBITER_AUTH_ENABLED: "true", ARBITER_AUTH_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY });
  });
  after(async () => {
    await mesh?.stop();
  });

  it("records the authenticated principal, files each row under the tenant acted in, and shows a tenant only its own", async () => {
    const admin = transportAs(mesh.gatewayUrl, ADMIN_KEY);
    const adminId = (await client(AuthService, admin).whoAmI({})).principal?.id ?? "";
    assert.notEqual(adminId, "");
    await client(TenantService, admin).createTenant({ id: "b", displayName: "B" });
    // The platform admin creates tenant b's admin and its key, acting in b.
    const inB = client(TenantService, transportAs(mesh.gatewayUrl, ADMIN_KEY, "b"));
    const { principal } = await inB.createPrincipal({
      kind: PrincipalKind.SERVICE_ACCOUNT,
      name: "b-admin",
      role: Role.ADMIN,
    });
    const bAdminId = principal?.id ?? "";
    const { key, secret } = await inB.createApiKey({ principalId: bAdminId });
    const asB = transportAs(mesh.gatewayUrl, secret);
    await client(VectorService, asB).createCollection({ name: "b-only", dim: 2, metric: Metric.L2 });

    const bRows = await eventsUntil(client(AuditService, asB), (es) => es.length >= 3);
    assert.deepEqual(bRows.map(summary), [
      {
        action: `${VECTORS}/CreateCollection`,
        object: "collection/b-only",
        outcome: "OK",
        principal: bAdminId,
      },
      {
        action: "arbiter.v1.TenantService/CreateApiKey",
        object: `api_key/${key?.id}`,
        outcome: "OK",
        principal: adminId,
      },
      {
        action: "arbiter.v1.TenantService/CreatePrincipal",
        object: `principal/${bAdminId}`,
        outcome: "OK",
        principal: adminId,
      },
    ]);
    assert.ok(bRows.every((e) => e.tenant === "b"));

    const defaultRows = await allEvents(client(AuditService, admin));
    assert.deepEqual(
      defaultRows.filter((e) => e.action.startsWith("arbiter.v1.")).map(summary),
      [{ action: "arbiter.v1.TenantService/CreateTenant", object: "tenant/b", outcome: "OK", principal: adminId }],
      "the default tenant sees its own call, not what was done in b",
    );
  });

  it("records calls turned away: bad credentials, and a role without the permission", async () => {
    const admin = transportAs(mesh.gatewayUrl, ADMIN_KEY);
    const tenants = client(TenantService, admin);
    const { principal } = await tenants.createPrincipal({
      kind: PrincipalKind.SERVICE_ACCOUNT,
      name: "reader",
      role: Role.VIEWER,
    });
    const { secret } = await tenants.createApiKey({ principalId: principal?.id ?? "" });
    const viewer = client(VectorService, transportAs(mesh.gatewayUrl, secret));
    await expectCode(viewer.createCollection({ name: "denied", dim: 2, metric: Metric.L2 }), Code.PermissionDenied);
    const stranger = client(VectorService, transportAs(mesh.gatewayUrl, "arb_not-a-real-key-0123456789abcdef0123"));
    await expectCode(stranger.deleteCollection({ name: "anything" }), Code.Unauthenticated);

    const rows = await eventsUntil(client(AuditService, admin), (es) => es.length >= 2, "auth.failure");
    assert.deepEqual(
      rows.map((e) => [e.object, e.outcome, e.principalId]),
      [
        [`${VECTORS}/DeleteCollection`, "UNAUTHENTICATED", ""],
        [`${VECTORS}/CreateCollection`, "PERMISSION_DENIED", principal?.id],
      ],
    );
    // Where the refused calls came from: the connection's address.
    for (const row of rows) assert.match(row.peerAddress, /^127\.0\.0\.1:\d+$/);
  });
});
