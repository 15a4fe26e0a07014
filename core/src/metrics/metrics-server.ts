/**
 * The `/metrics` port: plain HTTP, separate from the service ports, so Prometheus scrapes every
 * role the same way (gateway, scheduler, embedded) and network policy can open it to Prometheus
 * alone.
 */
import http from "node:http";
import type { Logger } from "../logging.ts";
import { EXPOSITION_CONTENT_TYPE, type MetricRegistry } from "./metric-registry.ts";
import { registerProcessMetrics } from "./process-metrics.ts";

/** A listening metrics port. */
export interface MetricsServer {
  readonly port: number;
  close(): Promise<void>;
}

/** Serves `registry` (with the process metrics added) at `GET /metrics` on `host:port` (0: a free port). */
export async function startMetricsServer(options: {
  host: string;
  port: number;
  registry: MetricRegistry;
  logger: Logger;
}): Promise<MetricsServer> {
  const { registry, logger } = options;
  registerProcessMetrics(registry);
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "").split("?", 1)[0];
    if (path !== "/metrics" || (req.method !== "GET" && req.method !== "HEAD")) {
      res.writeHead(404, { "content-type": "text/plain" }).end("only GET /metrics here\n");
      return;
    }
    let body: string;
    try {
      body = registry.expose();
    } catch (err) {
      logger.error({ err }, "metrics collection failed");
      res.writeHead(500, { "content-type": "text/plain" }).end("metrics collection failed\n");
      return;
    }
    res.writeHead(200, { "content-type": EXPOSITION_CONTENT_TYPE }).end(req.method === "HEAD" ? undefined : body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) => {
      const hint = err.code === "EADDRINUSE" ? " (in use; set metrics.port, 0 picks a free port)" : "";
      reject(new Error(`cannot serve metrics on ${options.host}:${options.port}${hint}: ${err.message}`));
    });
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  logger.info({ host: options.host, port }, "metrics listening");
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
