import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { type JaegerServer, parentOf, serviceOf, startJaeger, tagOf } from "./index.ts";

const hex = (bytes: number) => randomBytes(bytes).toString("hex");

/** Two spans, parent and child, as an OTLP/HTTP JSON export request from service `service`. */
function exportRequest(service: string, traceId: string, parentId: string, childId: string) {
  const now = BigInt(Date.now()) * 1_000_000n;
  const span = (spanId: string, parentSpanId: string, name: string, offsetMs: bigint) => ({
    traceId,
    spanId,
    parentSpanId,
    name,
    kind: 2,
    startTimeUnixNano: String(now + offsetMs * 1_000_000n),
    endTimeUnixNano: String(now + (offsetMs + 5n) * 1_000_000n),
    attributes: [{ key: "rpc.method", value: { stringValue: name } }],
  });
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: service } }] },
        scopeSpans: [
          {
            scope: { name: "jaeger.test" },
            spans: [span(parentId, "", "Parent", 0n), span(childId, parentId, "Child", 1n)],
          },
        ],
      },
    ],
  };
}

describe("startJaeger", () => {
  let jaeger: JaegerServer;

  before(async () => {
    jaeger = await startJaeger();
  });
  after(async () => jaeger?.stop());

  test("keeps the spans it receives over OTLP/HTTP and answers them by trace id, parents and services included", async () => {
    const traceId = hex(16);
    const [parentId, childId] = [hex(8), hex(8)];
    const response = await fetch(`${jaeger.otlpHttpEndpoint}/v1/traces`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(exportRequest("testkit-service", traceId, parentId, childId)),
    });
    assert.equal(response.status, 200, await response.text());

    const trace = await jaeger.waitForTrace(traceId, (t) => t.spans.length === 2);
    const byName = new Map(trace.spans.map((s) => [s.operationName, s]));
    const parent = byName.get("Parent");
    const child = byName.get("Child");
    assert.ok(parent && child, JSON.stringify(trace.spans.map((s) => s.operationName)));
    assert.equal(parent.spanID, parentId);
    assert.equal(parentOf(parent), undefined);
    assert.equal(parentOf(child), parentId);
    assert.equal(serviceOf(trace, child), "testkit-service");
    assert.equal(tagOf(child, "rpc.method"), "Child");
    assert.ok((await jaeger.services()).includes("testkit-service"));
    assert.equal(await jaeger.getTrace(hex(16)), undefined, "an unknown trace id is not found");
  });
});
