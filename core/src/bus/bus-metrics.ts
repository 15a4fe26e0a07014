/**
 * Round-trip time of every request/reply over the bus (`arbiter_bus_request_duration_seconds`),
 * by operation and outcome, observed in `rpc.ts` whichever bus carries it (NATS or in-process).
 */
import { DeadlineExceededError } from "../errors.ts";
import { type HistogramChild, processMetrics } from "../metrics/metric-registry.ts";

/** How a bus request ended: a reply, an error (a failure reply or the bus's), or no reply in time. */
export type BusOutcome = "ok" | "error" | "timeout";

/** `operation` of every request on a model's own subject (which names a tenant and a model). */
export const MODEL_INFER_OPERATION = "model.infer";

/** `operation` of requests on subjects outside the arbiter.rpc / arbiter.infer families. */
export const OTHER_OPERATION = "other";

const RPC_PREFIX = "arbiter.rpc.";
const INFER_PREFIX = "arbiter.infer.";

/**
 * The `operation` label of a subject, of bounded cardinality: the method of a control-plane RPC
 * ("arbiter.v1.ModelRegistryService/GetModel"), the name of an internal one ("internal.upload.begin"),
 * {@link MODEL_INFER_OPERATION} for model subjects. Subjects themselves carry tenants and model
 * names, which would make one series per model: they never become labels.
 */
export function busOperation(subject: string): string {
  if (subject.startsWith(INFER_PREFIX)) return MODEL_INFER_OPERATION;
  if (!subject.startsWith(RPC_PREFIX)) return OTHER_OPERATION;
  const rest = subject.slice(RPC_PREFIX.length);
  if (rest.startsWith("internal.")) return rest;
  const dot = rest.lastIndexOf(".");
  return dot < 0 ? rest : `${rest.slice(0, dot)}/${rest.slice(dot + 1)}`;
}

/** The outcome of a request that threw `err`. */
export function failureOutcome(err: unknown): BusOutcome {
  return err instanceof DeadlineExceededError ? "timeout" : "error";
}

/** Children per operation, resolved once: an observation is a map lookup and an addition. */
const children = new Map<string, Record<BusOutcome, HistogramChild>>();
/** Operations by subject for the subjects that map to themselves (arbiter.rpc.*: a fixed set). */
const operations = new Map<string, string>();

function childrenFor(subject: string): Record<BusOutcome, HistogramChild> {
  let operation: string;
  if (subject.startsWith(RPC_PREFIX)) {
    let known = operations.get(subject);
    if (known === undefined) {
      known = busOperation(subject);
      operations.set(subject, known);
    }
    operation = known;
  } else {
    operation = busOperation(subject);
  }
  let found = children.get(operation);
  if (found === undefined) {
    const histogram = processMetrics().histogram(
      "arbiter_bus_request_duration_seconds",
      "Time from sending a request over the bus to its reply or failure, by operation and outcome (ok, error, timeout), in seconds.",
      ["operation", "outcome"],
    );
    found = {
      ok: histogram.labels(operation, "ok"),
      error: histogram.labels(operation, "error"),
      timeout: histogram.labels(operation, "timeout"),
    };
    children.set(operation, found);
  }
  return found;
}

/** Records one request on `subject`, sent at `startedNs` (process.hrtime.bigint()), that ended with `outcome`. */
export function observeBusRequest(subject: string, outcome: BusOutcome, startedNs: bigint): void {
  childrenFor(subject)[outcome].observe(Number(process.hrtime.bigint() - startedNs) / 1e9);
}
