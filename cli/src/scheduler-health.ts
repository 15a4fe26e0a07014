/**
 * The scheduler role's health port: grpc.health.v1 (Check, Watch, List) and nothing else, over
 * cleartext HTTP/2, so Kubernetes `grpc:` probes can ask a scheduler how it is. The scheduler has
 * no other port: its work arrives over the bus.
 *
 * Two statuses, because liveness and readiness mean different things for a worker:
 * - service "liveness": SERVING as long as the process runs (a liveness probe restarts the pod only
 *   when the process is wedged, not while it waits for NATS or PostgreSQL);
 * - service "" (the server, what a probe without `service` asks): NOT_SERVING until the bus and the
 *   database are connected and the node has started, SERVING then, NOT_SERVING again while it drains.
 *
 * `arbiter start` does not open this port: its gateway port already answers health.
 */
import http2 from "node:http2";
import type { Logger } from "@arbiter/core";
import { HealthState, ServingStatus } from "@arbiter/gateway";
import { Health } from "@arbiter/proto/grpc";
import { connectNodeAdapter } from "@connectrpc/connect-node";

/** The health service name whose status is SERVING while the process runs. */
export const LIVENESS_SERVICE = "liveness";

/** A listening health port. */
export interface SchedulerHealthServer {
  readonly port: number;
  readonly state: HealthState;
  /** The node has started: readiness becomes SERVING. */
  ready(): void;
  /** The node is draining: readiness becomes NOT_SERVING, liveness stays SERVING. */
  draining(): void;
  /** Stops listening and ends open connections (Watch streams included). */
  close(): Promise<void>;
}

/** Listens on `host:port` (0: a free port) with readiness NOT_SERVING and liveness SERVING. */
export async function startSchedulerHealthServer(options: {
  host: string;
  port: number;
  logger: Logger;
}): Promise<SchedulerHealthServer> {
  const state = new HealthState([LIVENESS_SERVICE, Health.typeName]);
  state.set(LIVENESS_SERVICE, ServingStatus.SERVING);
  const server = http2.createServer(
    connectNodeAdapter({ routes: (router) => router.service(Health, state.service()) }),
  );
  const sessions = new Set<http2.Http2Session>();
  server.on("session", (session: http2.Http2Session) => {
    sessions.add(session);
    session.on("close", () => sessions.delete(session));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) => {
      const hint = err.code === "EADDRINUSE" ? " (in use; set scheduler.healthPort, 0 picks a free port)" : "";
      reject(new Error(`cannot listen for health checks on ${options.host}:${options.port}${hint}: ${err.message}`));
    });
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  options.logger.info({ host: options.host, port }, "scheduler health listening");

  const setReadiness = (status: ServingStatus) => {
    state.set("", status);
    state.set(Health.typeName, status);
  };
  return {
    port,
    state,
    ready: () => setReadiness(ServingStatus.SERVING),
    draining: () => setReadiness(ServingStatus.NOT_SERVING),
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const session of sessions) session.destroy();
      await closed;
    },
  };
}
