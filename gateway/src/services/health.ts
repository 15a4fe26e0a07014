/**
 * grpc.health.v1: overall status (service "") and one per served service, for Kubernetes grpc
 * probes and load balancers. Watch streams the current status and every change.
 *
 * Readiness (service "" and the served services) and liveness ({@link LIVENESS_SERVICE}) differ:
 * a process that lost its bus cannot serve, but restarting it would not bring the bus back.
 */
import { EventEmitter, on } from "node:events";
import { type Health, HealthCheckResponse_ServingStatus as Status } from "@arbiter/proto/grpc";
import { Code, ConnectError, type ServiceImpl } from "@connectrpc/connect";

export { Status as ServingStatus };

/** The health service name whose status is SERVING as long as the process runs. */
export const LIVENESS_SERVICE = "liveness";

/** The health state of a gateway. */
export class HealthState {
  private readonly statuses = new Map<string, Status>();
  private readonly changes = new EventEmitter();

  constructor(services: readonly string[]) {
    this.changes.setMaxListeners(0);
    this.statuses.set("", Status.NOT_SERVING);
    for (const s of services) this.statuses.set(s, Status.NOT_SERVING);
  }

  /** Sets one service's status ("" is the whole server). */
  set(service: string, status: Status): void {
    if (this.statuses.get(service) === status) return;
    this.statuses.set(service, status);
    this.changes.emit("change", service, status);
  }

  /** Sets every service, and the server, to one status. */
  setAll(status: Status): void {
    for (const service of [...this.statuses.keys()]) this.set(service, status);
  }

  /** Sets the server and every served service to one status, leaving {@link LIVENESS_SERVICE} as it is. */
  setReadiness(status: Status): void {
    for (const service of [...this.statuses.keys()]) if (service !== LIVENESS_SERVICE) this.set(service, status);
  }

  get(service: string): Status | undefined {
    return this.statuses.get(service);
  }

  /** Yields the current status of `service`, then each change, until `signal` aborts. */
  async *watch(service: string, signal: AbortSignal): AsyncGenerator<Status> {
    let last = this.get(service) ?? Status.SERVICE_UNKNOWN;
    yield last;
    try {
      for await (const [changed, status] of on(this.changes, "change", { signal })) {
        if (changed !== service || status === last) continue;
        last = status as Status;
        yield last;
      }
    } catch (err) {
      if ((err as Error).name !== "AbortError") throw err;
    }
  }

  private async *watchResponses(service: string, signal: AbortSignal) {
    for await (const status of this.watch(service, signal)) yield { status };
  }

  /** The service implementation. */
  service(): Partial<ServiceImpl<typeof Health>> {
    return {
      check: (req) => {
        const status = this.get(req.service);
        if (status === undefined) throw new ConnectError(`unknown service "${req.service}"`, Code.NotFound);
        return { status };
      },
      list: () => ({
        statuses: Object.fromEntries([...this.statuses].map(([name, status]) => [name, { status }])),
      }),
      watch: (req, ctx) => this.watchResponses(req.service, ctx.signal),
    };
  }
}
