/**
 * RPC metrics of the gateway: every call counted and timed by method and status code
 * (`arbiter_rpc_requests_total`, `arbiter_rpc_duration_seconds`), whether Connect served it or
 * the unary fast path did. A streaming call is timed until its last message.
 */
import { type CounterChild, codeName, type HistogramChild, type MetricRegistry, processMetrics } from "@arbiter/core";
import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";

/** gRPC's status 0, which Connect's Code enum leaves out. */
export const OK = 0;

/** Records finished calls. */
export interface RpcMetrics {
  /** A call to `method` ("package.Service/Method") that began at `startedNs` ended with `code`. */
  observe(method: string, code: number, startedNs: bigint): void;
  /** Counts and times every call Connect serves. */
  interceptor: Interceptor;
}

export function createRpcMetrics(registry: MetricRegistry = processMetrics()): RpcMetrics {
  const requests = registry.counter(
    "arbiter_rpc_requests_total",
    "RPCs the gateway finished, by method and gRPC status code.",
    ["method", "code"],
  );
  const duration = registry.histogram(
    "arbiter_rpc_duration_seconds",
    "Time from an RPC's arrival at the gateway to its status, by method and gRPC status code, in seconds.",
    ["method", "code"],
  );
  // One pair of children per (method, code), resolved once: recording is two additions.
  const children = new Map<string, { count: CounterChild; time: HistogramChild }>();
  const observe = (method: string, code: number, startedNs: bigint) => {
    const key = `${method} ${code}`;
    let child = children.get(key);
    if (!child) {
      const name = codeName(code);
      child = { count: requests.labels(method, name), time: duration.labels(method, name) };
      children.set(key, child);
    }
    child.count.inc();
    child.time.observe(Number(process.hrtime.bigint() - startedNs) / 1e9);
  };
  const codeOf = (err: unknown) => (err instanceof ConnectError ? err.code : Code.Unknown);

  const interceptor: Interceptor = (next) => async (req) => {
    const method = `${req.service.typeName}/${req.method.name}`;
    const started = process.hrtime.bigint();
    let res: Awaited<ReturnType<typeof next>>;
    try {
      res = await next(req);
    } catch (err) {
      observe(method, codeOf(err), started);
      throw err;
    }
    if (!res.stream) {
      observe(method, OK, started);
      return res;
    }
    const output = res.message;
    async function* timed() {
      // A stream the client abandons ends without an error of ours: CANCELED.
      let code: number = Code.Canceled;
      try {
        yield* output;
        code = OK;
      } catch (err) {
        code = codeOf(err);
        throw err;
      } finally {
        observe(method, code, started);
      }
    }
    return { ...res, message: timed() };
  };
  return { observe, interceptor };
}
