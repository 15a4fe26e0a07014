/**
 * Prometheus metrics, scraped from a running `arbiter start` after a known workload: the RPC
 * counts by method and code match the calls made (through the unary fast path and through
 * Connect, successes and errors), the per-model request counts and histograms match the
 * inferences, the batch-size histogram accounts for every batch, the node and process gauges
 * are there, and the bus round-trip histogram counts every request the gateway sent over the bus.
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { InferenceService, ModelRegistryService } from "@arbiter/proto";
import { GRPCInferenceService } from "@arbiter/proto/inference";
import { freePort } from "@arbiter/testkit";
import { Code, ConnectError } from "@connectrpc/connect";
import { client, connectHttp1Transport, grpcTransport } from "../support/clients.ts";
import { EXPECTED, fp32Bytes } from "../support/examples.ts";
import { type RoleProcess, spawnRole } from "../support/mesh.ts";

/** One sample line: name{labels} value. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    assert.ok(match, `not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? "").matchAll(/([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[key as string] = (value as string).replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));
    }
    samples.push({ name: match[1] as string, labels, value: Number(match[3]) });
  }
  return samples;
}

/** The value of the one sample named `name` whose labels include `labels` (0 when there is none). */
function sampleValue(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  assert.ok(found.length <= 1, `${name} ${JSON.stringify(labels)} matches ${found.length} samples`);
  return found[0]?.value ?? 0;
}

const INFERS = 25;
const OIP_INFERS = 5;
const NOT_FOUND = 3;

describe("metrics: /metrics after a known workload (arbiter start)", () => {
  let mesh: RoleProcess;
  let metricsUrl: string;
  let gatewayUrl: string;

  before(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "arbiter-metrics-"));
    const metricsPort = await freePort();
    mesh = await spawnRole(
      "start",
      { ARBITER_DATA_DIR: dataDir, ARBITER_GATEWAY_PORT: "0", ARBITER_METRICS_PORT: String(metricsPort) },
      dataDir,
    );
    gatewayUrl = `http://127.0.0.1:${mesh.id}`;
    metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  });
  after(async () => {
    mesh?.child.kill("SIGTERM");
    await mesh?.exited;
  });

  const scrape = async () => {
    const res = await fetch(metricsUrl);
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /^text\/plain; version=0\.0\.4/);
    return parseExposition(await res.text());
  };

  it("counts every RPC by method and code, and every inference by model", async () => {
    const example = EXPECTED["risk-classifier"];
    const rows = (example?.inputs.features?.data ?? []) as number[][];
    const row = rows[0] ?? [];
    const inference = client(InferenceService, grpcTransport(gatewayUrl));
    const registry = client(ModelRegistryService, connectHttp1Transport(gatewayUrl));
    const oip = client(GRPCInferenceService, grpcTransport(gatewayUrl));
    const tensor = { name: "features", datatype: "FP32", shape: [1n, 30n] };

    const before = await scrape();
    const infer = "arbiter.v1.InferenceService/Infer";
    const getModel = "arbiter.v1.ModelRegistryService/GetModel";
    const modelInfer = "inference.GRPCInferenceService/ModelInfer";
    assert.equal(sampleValue(before, "arbiter_rpc_requests_total", { method: infer }), 0);

    // gRPC Infer (the unary fast path), concurrently so that some share a batch.
    await Promise.all(
      Array.from({ length: INFERS }, () =>
        inference.infer({
          model: "risk-classifier",
          inputs: [{ ...tensor, data: { case: "rawContents", value: fp32Bytes(row) } }],
        }),
      ),
    );
    // The Open Inference Protocol (also the fast path).
    for (let i = 0; i < OIP_INFERS; i++) {
      await oip.modelInfer({
        modelName: "risk-classifier",
        inputs: [{ name: "features", datatype: "FP32", shape: [1n, 30n], contents: { fp32Contents: row } }],
      });
    }
    // Connect over HTTP/1.1, failing: NOT_FOUND.
    for (let i = 0; i < NOT_FOUND; i++) {
      await assert.rejects(registry.getModel({ name: `missing-${i}` }), (err) => {
        assert.equal(ConnectError.from(err).code, Code.NotFound);
        return true;
      });
    }
    await registry.getModel({ name: "risk-classifier" });

    const after = await scrape();
    assert.equal(sampleValue(after, "arbiter_rpc_requests_total", { method: infer, code: "OK" }), INFERS);
    assert.equal(sampleValue(after, "arbiter_rpc_duration_seconds_count", { method: infer, code: "OK" }), INFERS);
    assert.equal(sampleValue(after, "arbiter_rpc_requests_total", { method: modelInfer, code: "OK" }), OIP_INFERS);
    assert.equal(sampleValue(after, "arbiter_rpc_requests_total", { method: getModel, code: "NOT_FOUND" }), NOT_FOUND);
    assert.equal(sampleValue(after, "arbiter_rpc_requests_total", { method: getModel, code: "OK" }), 1);
    // Every call took more than nothing, and under the histogram's last bound.
    assert.ok(sampleValue(after, "arbiter_rpc_duration_seconds_sum", { method: infer, code: "OK" }) > 0);
    assert.equal(
      sampleValue(after, "arbiter_rpc_duration_seconds_bucket", { method: infer, code: "OK", le: "10" }),
      INFERS,
    );

    // The scheduler saw each inference once, whichever API it came through.
    const model = { model: "risk-classifier", version: "1" };
    const served = INFERS + OIP_INFERS;
    assert.equal(sampleValue(after, "arbiter_model_requests_total", { ...model, outcome: "success" }), served);
    assert.equal(sampleValue(after, "arbiter_model_requests_total", { ...model, outcome: "failure" }), 0);
    assert.equal(sampleValue(after, "arbiter_model_request_duration_seconds_count", model), served);
    assert.equal(sampleValue(after, "arbiter_model_queued_requests_total", model), served);
    // Each request's wait for its batch and its batch's run, one observation per request.
    assert.equal(sampleValue(after, "arbiter_model_request_queue_seconds_count", model), served);
    assert.equal(sampleValue(after, "arbiter_model_request_compute_seconds_count", model), served);
    assert.ok(sampleValue(after, "arbiter_model_request_compute_seconds_sum", model) > 0, "batches took time to run");
    // Batches: as many as the batch-size histogram counts, holding every row between them.
    const batches = sampleValue(after, "arbiter_model_batches_total", model);
    assert.ok(batches >= 1 && batches <= served, `batches: ${batches}`);
    assert.equal(sampleValue(after, "arbiter_model_batch_size_count", model), batches);
    assert.equal(sampleValue(after, "arbiter_model_batch_size_sum", model), served);
    assert.ok(sampleValue(after, "arbiter_model_compute_seconds_total", model) > 0);

    // The node's gauges and the process's own metrics.
    assert.ok(sampleValue(after, "arbiter_loaded_models") >= 1);
    assert.equal(sampleValue(after, "arbiter_scheduler_queue_depth"), 0);
    assert.ok(sampleValue(after, "arbiter_scheduler_memory_used_bytes") > 0);
    assert.ok(
      sampleValue(after, "arbiter_scheduler_memory_budget_bytes") >=
        sampleValue(after, "arbiter_scheduler_memory_used_bytes"),
    );
    assert.ok(sampleValue(after, "process_cpu_seconds_total") > 0);
    assert.ok(sampleValue(after, "process_resident_memory_bytes") > 0);
    assert.ok(after.some((s) => s.name === "nodejs_eventloop_lag_seconds" && s.labels.quantile === "0.99"));
  });

  it("times every request the gateway sends over the bus, by operation and outcome", async () => {
    // Runs after the workload above: the model is loaded, so each inference is one request, on the
    // model's subject (or, once the gateway's cache of its version has expired, the any-node one).
    const row = ((EXPECTED["risk-classifier"]?.inputs.features?.data ?? []) as number[][])[0] ?? [];
    const inference = client(InferenceService, grpcTransport(gatewayUrl));
    const registry = client(ModelRegistryService, connectHttp1Transport(gatewayUrl));
    const bus = "arbiter_bus_request_duration_seconds_count";
    // The operation of every request on a model's own subject (core/src/bus/bus-metrics.ts).
    const MODEL_INFER_OPERATION = "model.infer";
    const getModel = "arbiter.v1.ModelRegistryService/GetModel";
    const inferences = (samples: Sample[]) =>
      sampleValue(samples, bus, { operation: MODEL_INFER_OPERATION, outcome: "ok" }) +
      sampleValue(samples, bus, { operation: "internal.infer", outcome: "ok" });

    const before = await scrape();
    for (let i = 0; i < INFERS; i++) {
      await inference.infer({
        model: "risk-classifier",
        inputs: [
          {
            name: "features",
            datatype: "FP32",
            shape: [1n, 30n],
            data: { case: "rawContents", value: fp32Bytes(row) },
          },
        ],
      });
    }
    for (let i = 0; i < NOT_FOUND; i++) await assert.rejects(registry.getModel({ name: `absent-${i}` }));
    await registry.getModel({ name: "risk-classifier" });
    const after = await scrape();

    assert.equal(inferences(after) - inferences(before), INFERS);
    const delta = (labels: Record<string, string>) =>
      sampleValue(after, bus, labels) - sampleValue(before, bus, labels);
    assert.equal(delta({ operation: getModel, outcome: "error" }), NOT_FOUND);
    assert.equal(delta({ operation: getModel, outcome: "ok" }), 1);
    assert.equal(delta({ operation: MODEL_INFER_OPERATION, outcome: "timeout" }), 0);
    // Subjects name the tenant and the model: no label may carry one.
    assert.ok(
      !after.some((s) => s.name.startsWith("arbiter_bus_") && /risk-classifier/.test(s.labels.operation ?? "")),
    );
    assert.ok(
      sampleValue(after, "arbiter_bus_request_duration_seconds_sum", { operation: getModel, outcome: "ok" }) > 0,
    );
  });

  it("serves only GET /metrics on its port", async () => {
    const res = await fetch(metricsUrl.replace("/metrics", "/other"));
    assert.equal(res.status, 404);
  });
});
