/**
 * Starting OpenTelemetry in a role's process: the Node SDK with an OTLP trace exporter, W3C trace
 * context propagation and the sampler of {@link samplerFromEnv}, configured from `tracing.enabled`
 * and the standard `OTEL_*` variables of the environment the caller passes.
 *
 * The SDK is imported only when tracing is on, so a process that does not trace neither loads it
 * nor pays for it. Only traces are set up: metrics stay on Arbiter's own Prometheus endpoint and
 * logs on stdout, so the SDK is told to build no metric reader and no log exporter.
 */
import type { SpanExporter } from "@opentelemetry/sdk-trace";
import type { ArbiterConfig } from "../config.ts";
import { FailedPreconditionError, InvalidArgumentError } from "../errors.ts";
import { componentLogger, type Logger } from "../logging.ts";
import { samplerFromEnv } from "./sampler.ts";
import { setTracingActive, tracingActive } from "./spans.ts";

/** Options of {@link startTracing}. */
export interface TracingOptions {
  config: ArbiterConfig;
  /** The environment to read `OTEL_*` from (the entry point passes `process.env`). */
  env: Record<string, string | undefined>;
  /** `service.name` when `OTEL_SERVICE_NAME` is not set, e.g. `arbiter-gateway`. */
  serviceName: string;
  /** Where SDK problems (a failed export) are logged. */
  logger: Logger;
  /**
   * Receives each span as it ends, instead of the OTLP exporter the environment names (tests that
   * read spans in process). With it, tracing is on whatever `tracing.enabled` says.
   */
  exporter?: SpanExporter;
}

/** Tracing in this process, on or off. */
export interface Tracing {
  readonly enabled: boolean;
  /** Where spans are sent (the OTLP traces URL), when exported over OTLP. */
  readonly endpoint: string | undefined;
  readonly protocol: OtlpProtocol | undefined;
  readonly serviceName: string | undefined;
  /** Exports every span ended so far (the batch processor otherwise sends them within OTEL_BSP_SCHEDULE_DELAY). */
  flush(): Promise<void>;
  /** Sends the spans still buffered and stops tracing; a no-op when tracing is off. */
  shutdown(): Promise<void>;
}

/** The OTLP transports Arbiter exports with. */
export type OtlpProtocol = "http/protobuf" | "grpc";

const OFF: Tracing = Object.freeze({
  enabled: false,
  endpoint: undefined,
  protocol: undefined,
  serviceName: undefined,
  flush: async () => {},
  shutdown: async () => {},
});

function setting(env: Record<string, string | undefined>, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === "" ? undefined : value;
}

/** Whether `tracing.enabled` and the environment switch tracing on. */
export function tracingWanted(config: ArbiterConfig, env: Record<string, string | undefined>): boolean {
  if (setting(env, "OTEL_SDK_DISABLED") === "true" || setting(env, "OTEL_TRACES_EXPORTER") === "none") return false;
  const mode = config.tracing.enabled;
  if (mode === "true") return true;
  if (mode === "false") return false;
  return (
    setting(env, "OTEL_EXPORTER_OTLP_ENDPOINT") !== undefined ||
    setting(env, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") !== undefined
  );
}

/**
 * Where and how to send spans, as the OTLP exporter specification reads the environment: the
 * signal-specific variables first, then the general ones; the general endpoint gets `/v1/traces`
 * appended over HTTP. Defaults: http/protobuf to http://localhost:4318.
 */
export function otlpTarget(env: Record<string, string | undefined>): { protocol: OtlpProtocol; url: string } {
  const protocol = setting(env, "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL") ?? setting(env, "OTEL_EXPORTER_OTLP_PROTOCOL");
  const chosen = protocol ?? "http/protobuf";
  if (chosen !== "http/protobuf" && chosen !== "grpc") {
    const variable = setting(env, "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL")
      ? "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"
      : "OTEL_EXPORTER_OTLP_PROTOCOL";
    throw new InvalidArgumentError(variable, "http/protobuf or grpc", JSON.stringify(chosen));
  }
  const signal = setting(env, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
  if (signal !== undefined) return { protocol: chosen, url: signal };
  const general = setting(env, "OTEL_EXPORTER_OTLP_ENDPOINT");
  if (chosen === "grpc") return { protocol: chosen, url: general ?? "http://localhost:4317" };
  return { protocol: chosen, url: `${(general ?? "http://localhost:4318").replace(/\/+$/, "")}/v1/traces` };
}

/**
 * Starts tracing when `tracing.enabled` (or a test's exporter) asks for it, and returns how to stop
 * it; returns an inert handle otherwise. One SDK per process: a second start while one runs fails.
 * A bad `OTEL_*` value fails naming the variable.
 */
export async function startTracing(options: TracingOptions): Promise<Tracing> {
  const { config, env, logger } = options;
  if (options.exporter === undefined && !tracingWanted(config, env)) return OFF;
  if (tracingActive()) throw new FailedPreconditionError("tracing is already started in this process");
  const sampler = samplerFromEnv(env);
  const target = options.exporter === undefined ? otlpTarget(env) : undefined;
  const serviceName = setting(env, "OTEL_SERVICE_NAME") ?? options.serviceName;

  const [{ NodeSDK, resources }, { W3CTraceContextPropagator }, api, { SimpleSpanProcessor }] = await Promise.all([
    import("@opentelemetry/sdk-node"),
    import("@opentelemetry/core"),
    import("@opentelemetry/api"),
    import("@opentelemetry/sdk-trace"),
  ]);
  let exporter: SpanExporter;
  if (options.exporter !== undefined) exporter = options.exporter;
  else if (target?.protocol === "grpc") {
    const { OTLPTraceExporter } = await import("@opentelemetry/exporter-trace-otlp-grpc");
    exporter = new OTLPTraceExporter({ url: target.url });
  } else {
    const { OTLPTraceExporter } = await import("@opentelemetry/exporter-trace-otlp-proto");
    exporter = new OTLPTraceExporter({ url: target?.url ?? "" });
  }

  // The SDK reports failures (an export the collector refused or never received) through its
  // diagnostic logger; without one they would go unseen.
  const sdkLogger = componentLogger(logger, "tracing");
  api.diag.setLogger(
    {
      error: (message, ...args) => sdkLogger.warn({ args }, message),
      warn: (message, ...args) => sdkLogger.warn({ args }, message),
      info: (message, ...args) => sdkLogger.debug({ args }, message),
      debug: () => {},
      verbose: () => {},
    },
    api.DiagLogLevel.WARN,
  );

  const sdk = new NodeSDK({
    serviceName,
    // OTEL_RESOURCE_ATTRIBUTES and the host; not the process detector, whose process.command_args
    // would send the command line (a --database-url with its password) with every export.
    resourceDetectors: [resources.envDetector, resources.hostDetector],
    resource: resources.defaultResource().merge(
      resources.resourceFromAttributes({
        "process.pid": process.pid,
        "process.runtime.name": "nodejs",
        "process.runtime.version": process.versions.node,
      }),
    ),
    sampler,
    textMapPropagator: new W3CTraceContextPropagator(),
    // Spans only: Prometheus serves the metrics, stdout the logs.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [],
    // A test's exporter gets each span as it ends; OTLP export is batched (OTEL_BSP_* tune it).
    ...(options.exporter !== undefined
      ? { spanProcessors: [new SimpleSpanProcessor({ exporter })] }
      : { traceExporter: exporter }),
  });
  sdk.start();
  setTracingActive(true);
  sdkLogger.info(
    target === undefined ? { serviceName } : { serviceName, endpoint: target.url, protocol: target.protocol },
    "tracing on",
  );
  let stopped: Promise<void> | undefined;
  return {
    enabled: true,
    endpoint: target?.url,
    protocol: target?.protocol,
    serviceName,
    async flush() {
      // The SDK's provider sits behind the API's proxy; it is the one that can flush.
      const provider = api.trace.getTracerProvider() as { getDelegate?: () => unknown };
      const delegate = provider.getDelegate?.() as { forceFlush?: () => Promise<void> } | undefined;
      await delegate?.forceFlush?.();
    },
    shutdown() {
      stopped ??= (async () => {
        setTracingActive(false);
        try {
          await sdk.shutdown();
        } catch (err) {
          sdkLogger.warn({ err }, "tracing shutdown failed");
        } finally {
          // Unregistered, so that a later startTracing in this process (a test's) can register its own.
          api.trace.disable();
          api.context.disable();
          api.propagation.disable();
          api.diag.disable();
        }
      })();
      return stopped;
    },
  };
}
