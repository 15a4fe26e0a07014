import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { after, describe, it } from "node:test";
import { InMemorySpanExporter, type ReadableSpan } from "@opentelemetry/sdk-trace";
import { createMemoryBus } from "../bus/memory-bus.ts";
import { callRpc, serveRpc } from "../bus/rpc.ts";
import { loadConfig } from "../config.ts";
import { ANONYMOUS_PRINCIPAL, createRequestContext } from "../context.ts";
import { InvalidArgumentError, NotFoundError } from "../errors.ts";
import { createRootLogger } from "../logging.ts";
import {
  ATTR_MESSAGING_DESTINATION_NAME,
  ATTR_MESSAGING_OPERATION,
  ATTR_MESSAGING_SYSTEM,
  endSpan,
  extractFromRecord,
  otlpTarget,
  SpanKind,
  startSpan,
  startTracing,
  tracingActive,
  tracingWanted,
  withSpan,
} from "./index.ts";
import { samplerFromEnv } from "./sampler.ts";

const CLIENT_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const CLIENT_SPAN = "00f067aa0ba902b7";
const CLIENT_TRACEPARENT = `00-${CLIENT_TRACE}-${CLIENT_SPAN}-01`;

/** Log lines as parsed JSON objects. */
function capturedLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n")) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createRootLogger({ level: "debug", destination }), lines };
}

/** Serves `handler` on `subject` over a fresh in-process bus; returns the bus. */
function busServing(
  subject: string,
  handler: (headers: Record<string, string>) => Promise<Uint8Array>,
  logger = createRootLogger({ level: "silent" }),
) {
  const bus = createMemoryBus();
  serveRpc(bus, subject, "q", (_data, _ctx, message) => handler(message.headers), logger, { "arbiter-node": "n1" });
  return bus;
}

const context = (traceparent?: string) => createRequestContext(ANONYMOUS_PRINCIPAL, Date.now() + 5000, traceparent);

describe("tracing settings", () => {
  const config = (enabled: string) => loadConfig({ env: { ARBITER_TRACING_ENABLED: enabled } });

  it("is on in auto mode only when an OTLP endpoint is named, and OTEL_SDK_DISABLED wins", () => {
    assert.equal(tracingWanted(config("auto"), {}), false);
    assert.equal(tracingWanted(config("auto"), { OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:4318" }), true);
    assert.equal(tracingWanted(config("auto"), { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://c/v1/traces" }), true);
    assert.equal(tracingWanted(config("false"), { OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:4318" }), false);
    assert.equal(tracingWanted(config("true"), {}), true);
    assert.equal(tracingWanted(config("true"), { OTEL_SDK_DISABLED: "true" }), false);
    assert.equal(tracingWanted(config("true"), { OTEL_TRACES_EXPORTER: "none" }), false);
  });

  it("sends where the OTLP variables say: /v1/traces appended over HTTP, the signal's own URL as is", () => {
    assert.deepEqual(otlpTarget({}), { protocol: "http/protobuf", url: "http://localhost:4318/v1/traces" });
    assert.deepEqual(otlpTarget({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://jaeger:4318/" }), {
      protocol: "http/protobuf",
      url: "http://jaeger:4318/v1/traces",
    });
    assert.deepEqual(
      otlpTarget({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://a:4318", OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://b/t" }),
      { protocol: "http/protobuf", url: "http://b/t" },
    );
    assert.deepEqual(
      otlpTarget({ OTEL_EXPORTER_OTLP_PROTOCOL: "grpc", OTEL_EXPORTER_OTLP_ENDPOINT: "http://j:4317" }),
      {
        protocol: "grpc",
        url: "http://j:4317",
      },
    );
    assert.throws(
      () => otlpTarget({ OTEL_EXPORTER_OTLP_PROTOCOL: "http/json" }),
      (err: unknown) => err instanceof InvalidArgumentError && /OTEL_EXPORTER_OTLP_PROTOCOL/.test(err.message),
    );
  });

  it("samples parent-based by default, and rejects a sampler or ratio it does not know, naming the variable", () => {
    assert.match(samplerFromEnv({}).toString(), /ParentBased.*TraceIdRatioBased\{1\}/);
    assert.match(
      samplerFromEnv({ OTEL_TRACES_SAMPLER: "parentbased_traceidratio", OTEL_TRACES_SAMPLER_ARG: "0.25" }).toString(),
      /TraceIdRatioBased\{0.25\}/,
    );
    assert.match(samplerFromEnv({ OTEL_TRACES_SAMPLER: "always_on" }).toString(), /AlwaysOnSampler/);
    assert.throws(
      () => samplerFromEnv({ OTEL_TRACES_SAMPLER: "sometimes" }),
      (err: unknown) => err instanceof InvalidArgumentError && /OTEL_TRACES_SAMPLER: expected one of/.test(err.message),
    );
    assert.throws(
      () => samplerFromEnv({ OTEL_TRACES_SAMPLER: "traceidratio", OTEL_TRACES_SAMPLER_ARG: "2" }),
      (err: unknown) => err instanceof InvalidArgumentError && /OTEL_TRACES_SAMPLER_ARG/.test(err.message),
    );
  });
});

describe("tracing over the bus", () => {
  it("is off until started: the caller's traceparent crosses the bus unchanged and no log line has a trace id", async () => {
    assert.equal(tracingActive(), false);
    const { logger, lines } = capturedLogger();
    let seen = "";
    const bus = busServing("svc.echo", async (headers) => {
      seen = headers.traceparent ?? "";
      logger.info("handled");
      return new Uint8Array(0);
    });
    await callRpc(bus, "svc.echo", new Uint8Array(0), context(CLIENT_TRACEPARENT));
    assert.equal(seen, CLIENT_TRACEPARENT);
    assert.equal(lines[0]?.trace_id, undefined);
    await bus.close();
  });

  describe("once started", () => {
    const exporter = new InMemorySpanExporter();
    const { logger, lines } = capturedLogger();
    let stop: () => Promise<void> = async () => {};
    let flush: () => Promise<void> = async () => {};
    after(() => stop());

    const spans = () => exporter.getFinishedSpans();
    const named = (name: string): ReadableSpan => {
      const span = spans().find((s) => s.name === name);
      assert.ok(span, `no span "${name}" in ${JSON.stringify(spans().map((s) => s.name))}`);
      return span;
    };

    it("chains the caller's span, the publish and the processing, and log lines name the trace", async () => {
      const tracing = await startTracing({
        config: loadConfig(),
        env: { OTEL_TRACES_SAMPLER: "parentbased_always_on" },
        serviceName: "tracing-test",
        logger,
        exporter,
      });
      stop = () => tracing.shutdown();
      flush = () => tracing.flush();
      assert.equal(tracingActive(), true);
      let seen = "";
      const bus = busServing(
        "svc.work",
        async (headers) => {
          seen = headers.traceparent ?? "";
          logger.info("working");
          return new Uint8Array(0);
        },
        logger,
      );
      // What the gateway does: a server span under the client's, active while it calls the bus.
      const parent = extractFromRecord({ traceparent: CLIENT_TRACEPARENT });
      const server = startSpan("svc/Work", SpanKind.SERVER, {}, parent);
      await withSpan(server, () => callRpc(bus, "svc.work", new Uint8Array(3), context(CLIENT_TRACEPARENT)), parent);
      endSpan(server);
      await bus.close();
      await flush();

      const publish = named("publish svc.work");
      const processing = named("process svc.work");
      assert.equal(server.spanContext().traceId, CLIENT_TRACE);
      assert.equal(publish.kind, SpanKind.CLIENT);
      assert.equal(publish.parentSpanContext?.spanId, server.spanContext().spanId);
      assert.equal(publish.spanContext().traceId, CLIENT_TRACE);
      assert.equal(publish.attributes[ATTR_MESSAGING_SYSTEM], "memory");
      assert.equal(publish.attributes[ATTR_MESSAGING_DESTINATION_NAME], "svc.work");
      assert.equal(publish.attributes[ATTR_MESSAGING_OPERATION], "publish");
      assert.equal(publish.attributes["arbiter.node"], "n1", "the node that answered");
      assert.equal(processing.kind, SpanKind.CONSUMER);
      assert.equal(processing.parentSpanContext?.spanId, publish.spanContext().spanId);
      assert.equal(processing.attributes[ATTR_MESSAGING_OPERATION], "process");
      // The bus carried the publish span's context, not the client's.
      assert.equal(seen, `00-${CLIENT_TRACE}-${publish.spanContext().spanId}-01`);
      // Spans name their service, and never carry the command line (flags may hold passwords).
      assert.equal(publish.resource.attributes["service.name"], "tracing-test");
      assert.equal(publish.resource.attributes["process.pid"], process.pid);
      assert.equal(publish.resource.attributes["process.command_args"], undefined);
      const line = lines.find((l) => l.msg === "working");
      assert.equal(line?.trace_id, CLIENT_TRACE);
      assert.equal(line?.span_id, processing.spanContext().spanId);
    });

    it("marks a failed call's publish span as an error, and the processing span only for the server's faults", async () => {
      exporter.reset();
      const bus = busServing("svc.missing", async () => {
        throw new NotFoundError("thing", "x");
      });
      await assert.rejects(callRpc(bus, "svc.missing", new Uint8Array(0), context()), NotFoundError);
      const failing = busServing("svc.broken", async () => {
        throw new Error("bug");
      });
      await assert.rejects(callRpc(failing, "svc.broken", new Uint8Array(0), context()));
      await Promise.all([bus.close(), failing.close()]);
      await flush();

      assert.equal(named("publish svc.missing").status.code, 2, "client span of a NOT_FOUND call is an error");
      assert.equal(named("process svc.missing").status.code, 0, "NOT_FOUND is the caller's mistake");
      assert.equal(named("process svc.missing").events[0]?.name, "exception");
      assert.equal(named("process svc.broken").status.code, 2, "an unexpected failure is the server's");
      // Without a caller's context, each call is a trace of its own.
      assert.notEqual(named("publish svc.missing").spanContext().traceId, CLIENT_TRACE);
    });

    it("keeps the caller's decision not to sample", async () => {
      exporter.reset();
      const bus = busServing("svc.quiet", async () => new Uint8Array(0));
      const unsampled = `00-${CLIENT_TRACE}-${CLIENT_SPAN}-00`;
      await callRpc(bus, "svc.quiet", new Uint8Array(0), context(unsampled));
      await bus.close();
      await flush();
      assert.deepEqual(spans(), []);
    });
  });
});
