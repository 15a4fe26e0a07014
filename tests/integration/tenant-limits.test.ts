/**
 * Per-tenant limits at the gateway, on an embedded mesh: a tenant over its rate is refused
 * RESOURCE_EXHAUSTED with the limit, the tenant and the value in the message and a retry-after,
 * on the fast gRPC path (a stock grpc-js client), through Connect, and over the Open Inference
 * Protocol's REST routes (HTTP 429 with Retry-After); health is never limited; another tenant's
 * calls go through all the while; and an open stream holds one of its tenant's concurrency slots
 * until it ends.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  AuthService,
  InferenceService,
  ModelRegistryService,
  PrincipalKind,
  RegisterModelRequestSchema,
  Role,
  TenantService,
} from "@arbiter/proto";
import { Health } from "@arbiter/proto/grpc";
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import * as grpc from "@grpc/grpc-js";
import { chunksOf, client, connectHttp1Transport, grpcTransport } from "../support/clients.ts";
import { EXPECTED, exampleModel, fp32Bytes } from "../support/examples.ts";
import { grpcJsClient } from "../support/grpc-js.ts";
import { type Mesh, startEmbeddedMesh } from "../support/mesh.ts";

const ADMIN_KEY = "tenant-limits-test-admin-key-0123456789abcdef";
/** The default tenant's limits here: 1 request/s after a burst of 5. */
const RATE = 1;
const BURST = 5;
/** Enough attempts to spend any burst (the bucket refills at 1/s while they run). */
const ATTEMPTS = 40;

const features = EXPECTED["risk-classifier"]?.inputs.features;
assert.ok(features);
const inferRequest = {
  model: "risk-classifier",
  inputs: [
    {
      name: "features",
      datatype: "FP32",
      shape: [4n, 30n],
      data: { case: "rawContents" as const, value: fp32Bytes(features.data) },
    },
  ],
};
const restBody = JSON.stringify({
  inputs: [{ name: "features", datatype: "FP32", shape: [4, 30], data: (features.data as number[][]).flat() }],
});

/** Registers the example risk classifier with `key`, in its tenant. */
async function registerModel(url: string, key: string): Promise<void> {
  const registry = client(ModelRegistryService, grpcTransport(url));
  await registry.registerModel(
    (async function* () {
      yield create(RegisterModelRequestSchema, {
        part: { case: "metadata", value: { name: "risk-classifier", version: 1n, framework: "sklearn" } },
      });
      for (const chunk of chunksOf(exampleModel("risk-classifier"), 64 * 1024))
        yield create(RegisterModelRequestSchema, { part: { case: "chunk", value: chunk } });
    })(),
    { headers: { "x-api-key": key } },
  );
}

/** Makes tenant `id` (as the bootstrap admin) with an operator of its own; returns the operator's API key. */
async function makeTenant(url: string, id: string): Promise<string> {
  const tenants = client(TenantService, grpcTransport(url));
  const admin = { "x-api-key": ADMIN_KEY };
  await tenants.createTenant({ id }, { headers: admin });
  const inTenant = { headers: { ...admin, "x-arbiter-tenant": id } };
  const { principal } = await tenants.createPrincipal(
    { kind: PrincipalKind.SERVICE_ACCOUNT, name: "svc", role: Role.OPERATOR },
    inTenant,
  );
  const { secret } = await tenants.createApiKey({ principalId: principal?.id ?? "" }, inTenant);
  const me = await client(AuthService, grpcTransport(url)).whoAmI({}, { headers: { "x-api-key": secret } });
  assert.equal(me.principal?.tenant, id, "the new key authenticates in its tenant");
  return secret;
}

/** Calls Infer with a grpc-js client (the gateway's fast gRPC path), as the holder of `key`. */
function grpcJsInfer(stock: grpc.Client, key = ADMIN_KEY): Promise<{ error?: grpc.ServiceError }> {
  return new Promise((resolve) => {
    const metadata = new grpc.Metadata();
    metadata.set("x-api-key", key);
    (stock as unknown as Record<string, (...args: unknown[]) => void>).infer?.call(
      stock,
      create(InferenceService.method.infer.input, inferRequest),
      metadata,
      { deadline: Date.now() + 10_000 },
      (err: grpc.ServiceError | null) => resolve(err ? { error: err } : {}),
    );
  });
}

/** Calls as the default tenant until it is refused (what refilled since its last refusal is spent). */
async function spendDefault(stock: grpc.Client): Promise<void> {
  for (let i = 0; i < ATTEMPTS; i++)
    if ((await grpcJsInfer(stock)).error?.code === grpc.status.RESOURCE_EXHAUSTED) return;
  assert.fail(`the default tenant was still served after ${ATTEMPTS} calls`);
}

/** Retry-After / retry-after as the limit sends it: whole seconds, at least 1. */
function assertRetryAfter(value: string | null | undefined): void {
  assert.ok(value, "a retry-after header");
  assert.match(value, /^[1-9]\d*$/);
}

describe("tenant limits (embedded)", () => {
  let mesh: Mesh;
  let stock: grpc.Client;
  /** The API key of tenant "b": no rate limit, one call in flight at a time. */
  let keyB: string;
  const headers = { "x-api-key": ADMIN_KEY };

  before(async () => {
    mesh = await startEmbeddedMesh({
      ARBITER_AUTH_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
      ARBITER_AUTH_ENABLED: "true",
      ARBITER_LIMITS_TENANT_OVERRIDES_default: `rps=${RATE},burst=${BURST}`,
      // No rate limit; one call at a time: each call of b must free its slot as it ends.
      ARBITER_LIMITS_TENANT_OVERRIDES_b: "concurrency=1",
    });
    stock = grpcJsClient(InferenceService, mesh.gatewayUrl.replace("http://", ""));
    await registerModel(mesh.gatewayUrl, ADMIN_KEY);
    keyB = await makeTenant(mesh.gatewayUrl, "b");
    await registerModel(mesh.gatewayUrl, keyB);
  });
  after(async () => {
    stock?.close();
    await mesh?.stop();
  });

  it("refuses a tenant over its rate on the fast gRPC path: RESOURCE_EXHAUSTED naming the limit, with retry-after", async () => {
    let refused: grpc.ServiceError | undefined;
    let served = 0;
    for (let i = 0; i < ATTEMPTS && refused === undefined; i++) {
      const { error } = await grpcJsInfer(stock);
      if (error === undefined) served++;
      else if (error.code === grpc.status.RESOURCE_EXHAUSTED) refused = error;
      else assert.fail(`unexpected failure: ${error.message}`);
    }
    assert.ok(refused, `still served after ${ATTEMPTS} calls`);
    assert.ok(served <= BURST + 2, `${served} calls served: more than the burst and what refilled meanwhile`);
    assert.equal(refused.details, `tenant "default": rate limit ${RATE} requests/s exceeded`);
    assertRetryAfter(refused.metadata.get("retry-after")[0]?.toString());
  });

  it("refuses it through Connect too, with a retry-after header", async () => {
    const inference = client(InferenceService, connectHttp1Transport(mesh.gatewayUrl));
    let refused: ConnectError | undefined;
    for (let i = 0; i < ATTEMPTS && refused === undefined; i++) {
      await inference.infer(inferRequest, { headers }).catch((e: unknown) => {
        assert.ok(e instanceof ConnectError && e.code === Code.ResourceExhausted, String(e));
        refused = e;
      });
    }
    assert.ok(refused, `still served after ${ATTEMPTS} calls`);
    assert.equal(refused.rawMessage, `tenant "default": rate limit ${RATE} requests/s exceeded`);
    assertRetryAfter(refused.metadata.get("retry-after"));
  });

  it("answers the Open Inference Protocol's REST infer 429 with Retry-After", async () => {
    let refused: { retryAfter: string | null; body: unknown } | undefined;
    for (let i = 0; i < ATTEMPTS && refused === undefined; i++) {
      const res = await fetch(`${mesh.gatewayUrl}/v2/models/risk-classifier/infer`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: restBody,
      });
      const body = await res.text();
      if (res.status === 429) refused = { retryAfter: res.headers.get("retry-after"), body: JSON.parse(body) };
      else assert.equal(res.status, 200, body);
    }
    assert.ok(refused, `still served after ${ATTEMPTS} calls`);
    assertRetryAfter(refused.retryAfter);
    assert.deepEqual(refused.body, { error: `tenant "default": rate limit ${RATE} requests/s exceeded` });
  });

  it("never limits health, over gRPC or REST, while the tenant is refused", async () => {
    await spendDefault(stock);
    const health = client(Health, grpcTransport(mesh.gatewayUrl));
    for (let i = 0; i < 20; i++) {
      assert.equal((await health.check({ service: "" }, { headers })).status, 1 /* SERVING */);
      assert.equal((await fetch(`${mesh.gatewayUrl}/v2/health/ready`)).status, 200);
    }
  });

  it("serves another tenant's calls, one after another on every path, while the limited one is refused", async () => {
    await spendDefault(stock);
    const inference = client(InferenceService, connectHttp1Transport(mesh.gatewayUrl));
    let defaultRefused = 0;
    for (let i = 0; i < 3 * BURST; i++) {
      // The limited tenant keeps calling (1 of its calls a second gets through) ...
      if ((await grpcJsInfer(stock)).error?.code === grpc.status.RESOURCE_EXHAUSTED) defaultRefused++;
      // ... and tenant b is served on every path.
      assert.equal((await grpcJsInfer(stock, keyB)).error, undefined, `tenant b's call ${i + 1} over gRPC`);
      const res = await inference.infer(inferRequest, { headers: { "x-api-key": keyB } });
      assert.equal(res.model, "risk-classifier");
      const rest = await fetch(`${mesh.gatewayUrl}/v2/models/risk-classifier/infer`, {
        method: "POST",
        headers: { "x-api-key": keyB, "content-type": "application/json" },
        body: restBody,
      });
      assert.equal(rest.status, 200, await rest.text());
    }
    assert.ok(defaultRefused > 0, "the limited tenant was refused meanwhile");
  });

  it("holds a concurrency slot for an open stream until it ends", async () => {
    const inference = client(InferenceService, grpcTransport(mesh.gatewayUrl));
    let endInput: () => void = () => {};
    const inputEnded = new Promise<void>((resolve) => {
      endInput = resolve;
    });
    const responses = inference
      .inferStream(
        (async function* () {
          yield { request: inferRequest };
          await inputEnded;
        })(),
        { headers: { "x-api-key": keyB } },
      )
      [Symbol.asyncIterator]();
    const first = await responses.next();
    assert.equal(first.value?.errorCode, 0, "the stream is open and served");
    const { error } = await grpcJsInfer(stock, keyB);
    assert.equal(error?.code, grpc.status.RESOURCE_EXHAUSTED);
    assert.equal(error.details, 'tenant "b": concurrency limit 1 calls in flight exceeded');
    assertRetryAfter(error.metadata.get("retry-after")[0]?.toString());
    endInput();
    assert.equal((await responses.next()).done, true);
    assert.equal((await grpcJsInfer(stock, keyB)).error, undefined, "the slot is free once the stream ended");
  });
});
