/**
 * One trace per request, in a real Jaeger: a distributed mesh (gateway and two schedulers as
 * processes, NATS, PostgreSQL) exporting over OTLP to Jaeger v2 from the test kit, with every span
 * sampled. A Decide on the example transaction-risk pipeline, sent with the client's own
 * `traceparent`, must show up in Jaeger's query API as one trace: the gateway's server span (a
 * child of the client's span), the bus publish, a scheduler's processing, the pipeline, each of its
 * nodes, and the model call with its queue and compute time, every span's parent in the trace. The
 * gateway tells the client the trace id, and the log line of a failed request carries it. The
 * embedded mesh (`arbiter start`) traces the same way through its in-process bus, exporting over
 * OTLP/gRPC.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { createNatsBus } from "@arbiter/core";
import {
  DecideRequestSchema,
  DecisionService,
  ModelRegistryService,
  PipelineSchema,
  PipelineService,
  RegisterModelRequestSchema,
  StreamService,
  TaskService,
} from "@arbiter/proto";
import {
  type JaegerServer,
  type JaegerSpan,
  type JaegerTrace,
  parentOf,
  serviceOf,
  startJaeger,
  tagOf,
} from "@arbiter/testkit";
import { create, fromJson, type JsonValue } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { client, connectHttp1Transport, grpcTransport } from "../support/clients.ts";
import { openEventStreams } from "../support/event-streams.ts";
import { EXPECTED, exampleModel } from "../support/examples.ts";
import { type DistributedMesh, type RoleProcess, spawnRole, startDistributedMesh } from "../support/mesh.ts";
import { transactionEvent, transactionInputs } from "../support/transaction-risk.ts";

const EXAMPLES = new URL("../../examples/", import.meta.url);
const DECIDE = "arbiter.v1.DecisionService/Decide";
const DECIDE_SUBJECT = "arbiter.rpc.arbiter.v1.DecisionService.Decide";

const hex = (bytes: number) => randomBytes(bytes).toString("hex");

/** The example request as DecideRequest inputs: each JSON value as a PipelineValue's `value`. */
function exampleDecideRequest(pipeline: string) {
  const inputs = JSON.parse(readFileSync(new URL("requests/transaction-risk.json", EXAMPLES), "utf8")) as Record<
    string,
    JsonValue
  >;
  return fromJson(DecideRequestSchema, {
    pipeline,
    inputs: Object.fromEntries(Object.entries(inputs).map(([name, value]) => [name, { value }])),
  });
}

/** The one span named `name` reported by `service`. */
function spanNamed(trace: JaegerTrace, service: string, name: string): JaegerSpan {
  const found = trace.spans.filter((s) => s.operationName === name && serviceOf(trace, s) === service);
  assert.equal(found.length, 1, `${service} "${name}" in ${describeTrace(trace)}`);
  return found[0] as JaegerSpan;
}

function describeTrace(trace: JaegerTrace): string {
  return JSON.stringify(trace.spans.map((s) => `${serviceOf(trace, s)}: ${s.operationName}`));
}

/** Polls the log files until a JSON line of one of them satisfies `match`. */
/** Polls Jaeger's search for a trace of `service` with `tags` that `complete` accepts. */
async function findTrace(
  jaeger: JaegerServer,
  service: string,
  tags: Record<string, string>,
  complete: (trace: JaegerTrace) => boolean,
): Promise<JaegerTrace> {
  const url = `${jaeger.queryUrl}/api/traces?service=${encodeURIComponent(service)}&tags=${encodeURIComponent(JSON.stringify(tags))}&limit=20`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const response = await fetch(url);
    const found = ((await response.json()) as { data?: JaegerTrace[] }).data ?? [];
    const trace = found.find(complete);
    if (trace) return trace;
    if (Date.now() > deadline)
      assert.fail(`no complete trace of ${service} with ${JSON.stringify(tags)}: ${found.length} found`);
    await sleep(200);
  }
}

async function logLine(
  files: readonly string[],
  match: (line: Record<string, unknown>) => boolean,
  what: string,
): Promise<Record<string, unknown>> {
  const until = Date.now() + 10_000;
  for (;;) {
    for (const file of files) {
      const lines = (await readFile(file, "utf8")).split("\n").flatMap((text) => {
        try {
          return [JSON.parse(text) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
      const found = lines.find(match);
      if (found) return found;
    }
    if (Date.now() > until) assert.fail(`no log line ${what} in ${files.join(", ")}`);
    await sleep(100);
  }
}

describe("tracing into Jaeger (distributed mesh)", () => {
  let jaeger: JaegerServer;
  let mesh: DistributedMesh;

  before(async () => {
    jaeger = await startJaeger();
    mesh = await startDistributedMesh({
      schedulers: 2,
      settings: {
        OTEL_EXPORTER_OTLP_ENDPOINT: jaeger.otlpHttpEndpoint,
        OTEL_TRACES_SAMPLER: "always_on",
        // Spans reach Jaeger within a tenth of a second rather than the default five.
        OTEL_BSP_SCHEDULE_DELAY: "100",
      },
    });
    // A new distributed install is empty: register the example model and pipeline through the API.
    const transport = grpcTransport(mesh.gatewayUrl);
    await client(ModelRegistryService, transport).registerModel(
      (async function* () {
        yield create(RegisterModelRequestSchema, {
          part: { case: "metadata", value: { name: "risk-classifier", version: 1n } },
        });
        yield create(RegisterModelRequestSchema, { part: { case: "chunk", value: exampleModel("risk-classifier") } });
      })(),
    );
    const definition = JSON.parse(readFileSync(new URL("pipelines/transaction-risk.json", EXAMPLES), "utf8"));
    await client(PipelineService, transport).createPipeline({ pipeline: fromJson(PipelineSchema, definition) });
  });
  after(async () => {
    await mesh?.stop();
    await jaeger?.stop();
  });

  it("shows a decision as one trace from the client's span through the gateway, the bus, a scheduler, the pipeline, its nodes and the model", async () => {
    const traceId = hex(16);
    const clientSpan = hex(8);
    let returnedTraceId: string | null = null;
    const { decision } = await client(DecisionService, grpcTransport(mesh.gatewayUrl)).decide(
      exampleDecideRequest("transaction-risk"),
      {
        headers: { traceparent: `00-${traceId}-${clientSpan}-01` },
        onHeader: (headers) => {
          returnedTraceId = headers.get("x-trace-id");
        },
      },
    );
    assert.ok(["approve", "review", "decline"].includes(decision?.label ?? ""), decision?.label);
    assert.equal(returnedTraceId, traceId, "the gateway names the trace the call joined");

    const expected: Array<[string, string]> = [
      ["arbiter-gateway", DECIDE],
      ["arbiter-gateway", `publish ${DECIDE_SUBJECT}`],
      ["arbiter-scheduler", `process ${DECIDE_SUBJECT}`],
      ["arbiter-scheduler", "pipeline transaction-risk"],
      ["arbiter-scheduler", "node normalize"],
      ["arbiter-scheduler", "node score"],
      ["arbiter-scheduler", "node decide"],
      ["arbiter-scheduler", "infer risk-classifier"],
    ];
    const trace = await jaeger.waitForTrace(traceId, (t) =>
      expected.every(([service, name]) => t.spans.some((s) => s.operationName === name && serviceOf(t, s) === service)),
    );

    // Every span's parent is in the trace, except the root's: the client's span.
    const ids = new Set(trace.spans.map((s) => s.spanID));
    const roots = trace.spans.filter((s) => !ids.has(parentOf(s) ?? ""));
    assert.deepEqual(
      roots.map((s) => s.operationName),
      [DECIDE],
      `one root, the gateway's server span: ${describeTrace(trace)}`,
    );

    const server = spanNamed(trace, "arbiter-gateway", DECIDE);
    assert.equal(parentOf(server), clientSpan);
    assert.equal(tagOf(server, "span.kind"), "server");
    assert.equal(tagOf(server, "rpc.system"), "grpc");
    assert.equal(tagOf(server, "rpc.service"), "arbiter.v1.DecisionService");
    assert.equal(tagOf(server, "rpc.method"), "Decide");
    assert.equal(tagOf(server, "rpc.grpc.status_code"), 0);

    const publish = spanNamed(trace, "arbiter-gateway", `publish ${DECIDE_SUBJECT}`);
    assert.equal(parentOf(publish), server.spanID);
    assert.equal(tagOf(publish, "span.kind"), "client");
    assert.equal(tagOf(publish, "messaging.system"), "nats");
    assert.equal(tagOf(publish, "messaging.destination.name"), DECIDE_SUBJECT);
    assert.equal(tagOf(publish, "messaging.operation"), "publish");

    const processing = spanNamed(trace, "arbiter-scheduler", `process ${DECIDE_SUBJECT}`);
    assert.equal(parentOf(processing), publish.spanID);
    assert.equal(tagOf(processing, "span.kind"), "consumer");
    assert.equal(tagOf(processing, "messaging.operation"), "process");
    const node = tagOf(processing, "arbiter.node");
    assert.ok(node === "scheduler-1" || node === "scheduler-2", `served by ${node}`);
    assert.equal(tagOf(publish, "arbiter.node"), node, "the publish names the node that answered");

    const pipeline = spanNamed(trace, "arbiter-scheduler", "pipeline transaction-risk");
    assert.equal(parentOf(pipeline), processing.spanID);
    assert.equal(tagOf(pipeline, "arbiter.pipeline.version"), 1);
    for (const [name, kind] of [
      ["normalize", "plugin"],
      ["score", "model"],
      ["decide", "rules"],
    ] as const) {
      const span = spanNamed(trace, "arbiter-scheduler", `node ${name}`);
      assert.equal(parentOf(span), pipeline.spanID, name);
      assert.equal(tagOf(span, "arbiter.pipeline.node_kind"), kind);
      assert.equal(tagOf(span, "arbiter.pipeline.node_status"), "ok");
    }
    const score = spanNamed(trace, "arbiter-scheduler", "node score");

    const model = spanNamed(trace, "arbiter-scheduler", "infer risk-classifier");
    assert.equal(parentOf(model), score.spanID);
    assert.equal(tagOf(model, "arbiter.model.version"), 1);
    assert.equal(tagOf(model, "arbiter.model.rows"), 1);
    assert.equal(tagOf(model, "arbiter.batch.rows"), 1);
    assert.equal(tagOf(model, "arbiter.batch.requests"), 1);
    const queued = Number(tagOf(model, "arbiter.batch.queue_us"));
    const computed = Number(tagOf(model, "arbiter.batch.compute_us"));
    assert.ok(queued >= 0 && computed > 0, `queue ${queued} µs, compute ${computed} µs`);
    assert.ok(computed <= model.duration, "the batch ran within the model call");
    // The batch that ran it is a trace of its own, linked to the call (and to any other it served).
    const batchTraceId = String(tagOf(model, "arbiter.batch.trace_id"));
    const batchTrace = await jaeger.waitForTrace(batchTraceId, (t) => t.spans.length > 0);
    const batch = spanNamed(batchTrace, "arbiter-scheduler", "batch risk-classifier");
    assert.equal(tagOf(batch, "arbiter.batch.rows"), 1);
    assert.ok(
      batch.references.some((r) => r.refType === "FOLLOWS_FROM" && r.traceID === traceId && r.spanID === model.spanID),
      `the batch links to the call: ${JSON.stringify(batch.references)}`,
    );

    // Every span of the trace is on one side of the bus or the other, and the first decision loaded
    // the model on the scheduler that served it, inside the score node.
    assert.deepEqual(
      new Set(trace.spans.map((s) => serviceOf(trace, s))),
      new Set(["arbiter-gateway", "arbiter-scheduler"]),
    );
    const load = spanNamed(trace, "arbiter-scheduler", "load risk-classifier");
    assert.equal(parentOf(load), score.spanID);
    // Loading read the model's artifact from PostgreSQL: queries are spans of the request too.
    const queries = trace.spans.filter((s) => parentOf(s) === load.spanID && tagOf(s, "db.system") === "postgresql");
    assert.ok(
      queries.some((q) => /artifact_chunks/.test(String(tagOf(q, "db.query.text")))),
      `the artifact's query under the load: ${describeTrace(trace)}`,
    );
    assert.ok(queries.every((q) => tagOf(q, "span.kind") === "client" && tagOf(q, "db.namespace") === "arbiter"));
  });

  it("returns the trace id of a failed call, finds it in Jaeger, and its log lines carry it", async () => {
    let error: ConnectError | undefined;
    try {
      // The Connect protocol, which Connect's router serves (gRPC unary Decide takes the fast path).
      await client(DecisionService, connectHttp1Transport(mesh.gatewayUrl)).decide(
        exampleDecideRequest("no-such-pipeline"),
      );
    } catch (err) {
      error = ConnectError.from(err);
    }
    assert.equal(error?.code, Code.NotFound, error?.message);
    const traceId = error?.metadata.get("x-trace-id") ?? "";
    assert.match(traceId, /^[0-9a-f]{32}$/, "a new trace, named to the client");

    const gatewayLine = await logLine(
      [mesh.gateway.logFile],
      (line) => line.trace_id === traceId && line.msg === "call failed",
      `"call failed" with trace_id ${traceId}`,
    );
    assert.equal(gatewayLine.procedure, DECIDE);
    assert.equal(gatewayLine.code, "NotFound");
    assert.match(String(gatewayLine.span_id), /^[0-9a-f]{16}$/);
    // The scheduler that answered logged it under the same trace.
    const schedulerLine = await logLine(
      mesh.schedulers.map((s) => s.logFile),
      (line) => line.trace_id === traceId && line.msg === "request failed",
      `"request failed" with trace_id ${traceId}`,
    );
    assert.equal(schedulerLine.subject, DECIDE_SUBJECT);

    // Both processes export on their own schedule: wait for the gateway's span and the scheduler's.
    const trace = await jaeger.waitForTrace(
      traceId,
      (t) =>
        t.spans.some((s) => s.operationName === `process ${DECIDE_SUBJECT}`) &&
        t.spans.some((s) => s.operationName === DECIDE && serviceOf(t, s) === "arbiter-gateway"),
    );
    const server = spanNamed(trace, "arbiter-gateway", DECIDE);
    assert.equal(parentOf(server), undefined, "a call without a traceparent starts its trace");
    assert.equal(tagOf(server, "rpc.system"), "connect_rpc");
    assert.equal(tagOf(server, "rpc.grpc.status_code"), Code.NotFound);
  });

  it("traces each unit of a task as a trace of its own, linked to the submit's span, with the model calls inside", async () => {
    const traceId = hex(16);
    const tasks = client(TaskService, grpcTransport(mesh.gatewayUrl));
    const { task } = await tasks.submitTask(
      {
        target: { case: "pipeline", value: { pipeline: "transaction-risk" } },
        items: [0, 1, 2].map((i) => ({ values: transactionInputs(i) })),
      },
      { headers: { traceparent: `00-${traceId}-${hex(8)}-01` } },
    );
    for await (const _ of tasks.watchTask({ id: task?.id ?? "" })) {
      // until the task ends
    }
    // The submit's own trace holds the scheduler's span that recorded the task.
    const submit = await jaeger.waitForTrace(traceId, (t) =>
      t.spans.some((s) => s.operationName === "process arbiter.rpc.arbiter.v1.TaskService.SubmitTask"),
    );
    const recorded = submit.spans.find(
      (s) => s.operationName === "process arbiter.rpc.arbiter.v1.TaskService.SubmitTask",
    ) as JaegerSpan;
    // The unit's trace is found by the task id it carries.
    // Spans are exported as they end: wait for the unit's own span, which ends last.
    const unit = await findTrace(
      jaeger,
      "arbiter-scheduler",
      { "arbiter.task.id": task?.id ?? "" },
      (t) =>
        t.spans.some((s) => s.operationName === "process arbiter.tasks.default") &&
        t.spans.filter((s) => s.operationName === "pipeline transaction-risk").length === 3,
    );
    const process = unit.spans.find((s) => s.operationName === "process arbiter.tasks.default") as JaegerSpan;
    assert.ok(process, `a span for the unit: ${describeTrace(unit)}`);
    assert.equal(parentOf(process), undefined, "the unit starts a trace of its own");
    assert.ok(
      process.references.some(
        (r) => r.refType === "FOLLOWS_FROM" && r.traceID === traceId && r.spanID === recorded.spanID,
      ),
      `the unit links to the submit: ${JSON.stringify(process.references)}`,
    );
    assert.equal(tagOf(process, "messaging.operation.type"), "process");
    const pipelines = unit.spans.filter((s) => s.operationName === "pipeline transaction-risk");
    assert.equal(pipelines.length, 3, "one pipeline span per item");
    for (const p of pipelines) assert.equal(parentOf(p), process.spanID);
  });

  it("continues a stream event's trace from its producer through the pipeline to the decision published", async () => {
    const traceId = hex(16);
    const producerSpan = hex(8);
    await client(StreamService, grpcTransport(mesh.gatewayUrl)).createStreamBinding({
      binding: { name: "traced", pipeline: "transaction-risk" },
    });
    const bus = await createNatsBus({ servers: [mesh.nats.url], name: "traced-producer" });
    try {
      const { events, decisions } = await openEventStreams(bus);
      await events.publish("arbiter.events.default.traced", transactionEvent(0), {
        msgId: "traced-1",
        headers: { traceparent: `00-${traceId}-${producerSpan}-01` },
      });
      const trace = await jaeger.waitForTrace(
        traceId,
        (t) =>
          t.spans.some((s) => s.operationName === "process arbiter.events.default.traced") &&
          t.spans.some((s) => s.operationName === "pipeline transaction-risk"),
      );
      const process = spanNamed(trace, "arbiter-scheduler", "process arbiter.events.default.traced");
      assert.equal(parentOf(process), producerSpan, "the event's span is a child of the producer's");
      assert.equal(tagOf(process, "messaging.message.id"), "traced-1");
      assert.equal(parentOf(spanNamed(trace, "arbiter-scheduler", "pipeline transaction-risk")), process.spanID);
      // The decision goes out in the same trace.

      for await (const m of decisions.read("arbiter.decisions.default.traced")) {
        assert.match(m.headers.traceparent ?? "", new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
      }
    } finally {
      await bus.close();
    }
  });
});

describe("tracing into Jaeger (embedded mesh, OTLP over gRPC)", () => {
  let jaeger: JaegerServer;
  let mesh: RoleProcess | undefined;

  before(async () => {
    jaeger = await startJaeger();
    const dataDir = mkdtempSync(join(tmpdir(), "arbiter-tracing-"));
    // `arbiter start` as a newcomer runs it (the example model and pipelines registered), exporting
    // over gRPC with the service name the operator chose.
    mesh = await spawnRole(
      "start",
      {
        ARBITER_DATA_DIR: dataDir,
        ARBITER_GATEWAY_PORT: "0",
        OTEL_EXPORTER_OTLP_ENDPOINT: jaeger.otlpGrpcEndpoint,
        OTEL_EXPORTER_OTLP_PROTOCOL: "grpc",
        OTEL_SERVICE_NAME: "arbiter-laptop",
        OTEL_BSP_SCHEDULE_DELAY: "100",
      },
      dataDir,
    );
  });
  after(async () => {
    mesh?.child.kill("SIGTERM");
    await mesh?.exited;
    await jaeger?.stop();
  });

  it("traces a decision through the in-process bus in one service", async () => {
    const traceId = hex(16);
    const clientSpan = hex(8);
    await client(DecisionService, grpcTransport(`http://127.0.0.1:${mesh?.id}`)).decide(
      exampleDecideRequest("transaction-risk"),
      { headers: { traceparent: `00-${traceId}-${clientSpan}-01` } },
    );
    const trace = await jaeger.waitForTrace(
      traceId,
      (t) =>
        t.spans.some((s) => s.operationName === "infer risk-classifier") &&
        t.spans.some((s) => s.operationName === DECIDE),
    );
    const server = spanNamed(trace, "arbiter-laptop", DECIDE);
    assert.equal(parentOf(server), clientSpan);
    const publish = spanNamed(trace, "arbiter-laptop", `publish ${DECIDE_SUBJECT}`);
    assert.equal(parentOf(publish), server.spanID);
    assert.equal(tagOf(publish, "messaging.system"), "memory");
    const processing = spanNamed(trace, "arbiter-laptop", `process ${DECIDE_SUBJECT}`);
    assert.equal(parentOf(processing), publish.spanID);
    const pipeline = spanNamed(trace, "arbiter-laptop", "pipeline transaction-risk");
    assert.equal(parentOf(pipeline), processing.spanID);
    const score = spanNamed(trace, "arbiter-laptop", "node score");
    assert.equal(parentOf(score), pipeline.spanID);
    assert.equal(parentOf(spanNamed(trace, "arbiter-laptop", "infer risk-classifier")), score.spanID);
  });

  it("traces an Open Inference Protocol REST call from its HTTP server span to the model", async () => {
    const traceId = hex(16);
    const clientSpan = hex(8);
    const row = ((EXPECTED["risk-classifier"]?.inputs.features?.data ?? []) as number[][])[0] ?? [];
    const response = await fetch(`http://127.0.0.1:${mesh?.id}/v2/models/risk-classifier/infer`, {
      method: "POST",
      headers: { "content-type": "application/json", traceparent: `00-${traceId}-${clientSpan}-01` },
      body: JSON.stringify({ inputs: [{ name: "features", datatype: "FP32", shape: [1, 30], data: row }] }),
    });
    assert.equal(response.status, 200, await response.text());
    assert.equal(response.headers.get("x-trace-id"), traceId, "the response names the trace");
    const trace = await jaeger.waitForTrace(
      traceId,
      (t) =>
        t.spans.some((s) => s.operationName === "infer risk-classifier") &&
        t.spans.some((s) => s.operationName === "POST /v2/models/{name}/infer"),
    );
    const server = spanNamed(trace, "arbiter-laptop", "POST /v2/models/{name}/infer");
    assert.equal(parentOf(server), clientSpan);
    assert.equal(tagOf(server, "http.route"), "/v2/models/{name}/infer");
    assert.equal(tagOf(server, "http.response.status_code"), 200);
    // Every other span of the trace descends from the server span.
    const byId = new Map(trace.spans.map((s) => [s.spanID, s]));
    for (const span of trace.spans) {
      if (span === server) continue;
      let up = parentOf(span);
      while (up !== undefined && up !== server.spanID) up = parentOf(byId.get(up) as JaegerSpan);
      assert.equal(up, server.spanID, `${span.operationName} descends from the HTTP server span`);
    }
  });
});
