import assert from "node:assert/strict";
import { describe, it } from "node:test";
import pino from "pino";
import { contextToHeaders, createRequestContext, type Principal } from "../context.ts";
import { PermissionDeniedError } from "../errors.ts";
import type { BusMessage } from "./bus.ts";
import { createMemoryBus } from "./memory-bus.ts";
import { callRpc, rpcSubject, serveRpc, tenantRpcSubject } from "./rpc.ts";
import { errorFromHeaders } from "./wire-error.ts";

const logger = pino({ level: "silent" });
const GET_MODEL = rpcSubject("arbiter.v1.ModelRegistryService", "GetModel");
const principalOf = (tenant: string): Principal => ({ id: "p1", tenant, role: "viewer", method: "api_key" });
const ctxOf = (tenant: string) => createRequestContext(principalOf(tenant), Date.now() + 5000);

describe("the tenant in RPC subjects", () => {
  it("sends a tenant's request on a subject that names the tenant, and serves it under the method's subject", async () => {
    const bus = createMemoryBus();
    const wire: string[] = [];
    bus.subscribe("arbiter.rpc.>", (m) => wire.push(m.subject));
    const served: BusMessage[] = [];
    serveRpc(
      bus,
      GET_MODEL,
      "q",
      async (_data, _ctx, message) => {
        served.push(message);
        return new Uint8Array([7]);
      },
      logger,
    );
    const reply = await callRpc(bus, GET_MODEL, new Uint8Array(0), ctxOf("acme"));
    assert.deepEqual([...reply], [7]);
    assert.deepEqual(wire, ["arbiter.rpc.acme.arbiter.v1.ModelRegistryService.GetModel"]);
    assert.deepEqual(
      served.map((m) => m.subject),
      [GET_MODEL],
    );
    await bus.close();
  });

  it("escapes a tenant id into one subject token", () => {
    assert.equal(
      tenantRpcSubject(GET_MODEL, "a.b*>"),
      "arbiter.rpc.a~2eb~2a~3e.arbiter.v1.ModelRegistryService.GetModel",
    );
    assert.equal(tenantRpcSubject("arbiter.infer.acme.m.1", "globex"), "arbiter.infer.acme.m.1");
  });

  it("refuses a request whose subject names another tenant than its context, without running the handler", async () => {
    const bus = createMemoryBus();
    let ran = 0;
    serveRpc(
      bus,
      "arbiter.rpc.>",
      "q",
      async () => {
        ran++;
        return new Uint8Array(0);
      },
      logger,
    );
    // Routed as globex's request, but carrying acme's context.
    const reply = await bus.request(tenantRpcSubject(GET_MODEL, "globex"), new Uint8Array(0), {
      timeoutMs: 5000,
      headers: contextToHeaders(ctxOf("acme")),
    });
    const err = errorFromHeaders(reply.headers);
    assert.ok(err instanceof PermissionDeniedError, `expected PERMISSION_DENIED, got ${String(err)}`);
    assert.match(err.message, /expected the token of the request's tenant "acme", got "globex"/);
    assert.equal(ran, 0);
    await bus.close();
  });
});
