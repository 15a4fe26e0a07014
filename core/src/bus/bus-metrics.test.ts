import assert from "node:assert/strict";
import { describe, it } from "node:test";
import pino from "pino";
import { ANONYMOUS_PRINCIPAL, createRequestContext } from "../context.ts";
import { NotFoundError } from "../errors.ts";
import { type HistogramChild, processMetrics } from "../metrics/metric-registry.ts";
import { busOperation, MODEL_INFER_OPERATION } from "./bus-metrics.ts";
import { createMemoryBus } from "./memory-bus.ts";
import { callRpc, rpcSubject, serveRpc } from "./rpc.ts";
import { INFER_ANY_SUBJECT, modelSubject, UPLOAD_SUBJECTS } from "./subjects.ts";

const ctx = (ms = 5000) => createRequestContext(ANONYMOUS_PRINCIPAL, Date.now() + ms);

/** The process registry's child of the bus histogram for one label set. */
function child(operation: string, outcome: string): HistogramChild {
  return processMetrics()
    .histogram("arbiter_bus_request_duration_seconds", "", ["operation", "outcome"])
    .labels(operation, outcome);
}

describe("bus request metrics", () => {
  it("labels subjects by method or kind, never by tenant or model", () => {
    assert.equal(
      busOperation(rpcSubject("arbiter.v1.ModelRegistryService", "GetModel")),
      "arbiter.v1.ModelRegistryService/GetModel",
    );
    assert.equal(busOperation(UPLOAD_SUBJECTS.begin), "internal.upload.begin");
    assert.equal(busOperation(INFER_ANY_SUBJECT), "internal.infer");
    assert.equal(busOperation(modelSubject("acme", "fraud.v2 model", 3)), MODEL_INFER_OPERATION);
    assert.equal(busOperation(modelSubject("other-tenant", "x", 1)), MODEL_INFER_OPERATION);
  });

  it("times every request by outcome: ok, error reply, timeout", async () => {
    const bus = createMemoryBus();
    const logger = pino({ level: "silent" });
    const subject = modelSubject("t", "metrics-test-model", 1);
    let mode: "ok" | "missing" | "slow" = "ok";
    const server = serveRpc(
      bus,
      subject,
      "q",
      async () => {
        if (mode === "missing") throw new NotFoundError("model", "metrics-test-model");
        if (mode === "slow") await new Promise((resolve) => setTimeout(resolve, 200));
        return new Uint8Array([1]);
      },
      logger,
    );
    const ok = child(MODEL_INFER_OPERATION, "ok");
    const error = child(MODEL_INFER_OPERATION, "error");
    const timeout = child(MODEL_INFER_OPERATION, "timeout");
    const start = { ok: ok.count, error: error.count, timeout: timeout.count };

    for (let i = 0; i < 3; i++) await callRpc(bus, subject, new Uint8Array(0), ctx());
    mode = "missing";
    await assert.rejects(callRpc(bus, subject, new Uint8Array(0), ctx()), NotFoundError);
    mode = "slow";
    await assert.rejects(callRpc(bus, subject, new Uint8Array(0), ctx(), { timeoutMs: 20 }));
    // No responders at all: the bus's own failure is an error too.
    await assert.rejects(callRpc(bus, modelSubject("t", "nobody", 1), new Uint8Array(0), ctx()));

    assert.equal(ok.count - start.ok, 3);
    assert.equal(error.count - start.error, 2);
    assert.equal(timeout.count - start.timeout, 1);
    assert.ok(ok.sum > 0);
    const text = processMetrics().expose();
    assert.match(text, /arbiter_bus_request_duration_seconds_count\{operation="model\.infer",outcome="timeout"\} \d+/);
    assert.doesNotMatch(text, /metrics-test-model/);
    await new Promise((resolve) => setTimeout(resolve, 250));
    await server.drain();
    await bus.close();
  });
});
