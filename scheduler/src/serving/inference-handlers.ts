/**
 * Inference on the scheduler. Requests arrive as arbiter.v1.InferRequest on a loaded model's
 * subject (the fast path), or on INFER_ANY_SUBJECT when the gateway does not know which version to
 * ask for: then this node resolves the version and, unless another node already holds it, loads
 * the model and serves it, naming the version in its reply so the gateway can use the model's own
 * subject from then on.
 */

import {
  ATTR_ARBITER_BATCH_REQUESTS,
  ATTR_ARBITER_BATCH_ROWS,
  ATTR_ARBITER_BATCH_TRACE_ID,
  ATTR_ARBITER_COMPUTE_MICROS,
  ATTR_ARBITER_MODEL,
  ATTR_ARBITER_MODEL_ROWS,
  ATTR_ARBITER_MODEL_VERSION,
  ATTR_ARBITER_QUEUE_MICROS,
  type Bus,
  type BusHeaders,
  type BusMessage,
  decodeRequest,
  endSpan,
  INFER_ANY_SUBJECT,
  InvalidArgumentError,
  isDatatype,
  MODEL_VERSION_HEADER,
  ModelNotFoundError,
  type ModelRef,
  modelSubject,
  NODE_HEADER,
  NoRespondersError,
  NotFoundError,
  OIP_INFER_PAYLOAD,
  PAYLOAD_HEADER,
  type RequestContext,
  type RpcHandler,
  recordSharedSpan,
  requestRpc,
  type Span,
  SpanKind,
  startSpan,
  tracingActive,
  typedToRaw,
  versionSelector,
} from "@arbiter/core";
import type { BatchTiming, InferTiming, Tensor as NativeTensor, OipDatatype } from "@arbiter/inference-native";
import {
  type InferRequest,
  InferRequestSchema,
  type InferResponse,
  InferResponseSchema,
  type VersionSelector,
} from "@arbiter/proto";
import { ModelInferRequestSchema, ModelInferResponseSchema } from "@arbiter/proto/inference";
import { create, toBinary } from "@bufbuild/protobuf";
import type { ModelStore } from "../registry/model-store.ts";
import type { HandlerTable } from "../rpc-router.ts";
import type { LoadedModel, ModelHost } from "./model-host.ts";
import type { StageTimes } from "./model-statistics.ts";
import { fromModelInferRequest, modelInferResponse } from "./oip-inference.ts";

const decode = (data: Uint8Array): InferRequest => decodeRequest(InferRequestSchema, data);

/**
 * The request's tensors as raw bytes keyed by name (typed contents converted once, here). Names,
 * datatypes, shapes and byte lengths are checked against the model by the batcher, whose messages
 * name the input.
 */
export function nativeInputs(req: InferRequest): Record<string, NativeTensor> {
  const inputs: Record<string, NativeTensor> = {};
  req.inputs.forEach((t, i) => {
    const field = `inputs[${i}] ("${t.name}")`;
    if (Object.hasOwn(inputs, t.name))
      throw new InvalidArgumentError(`inputs[${i}].name`, "a name used once", JSON.stringify(t.name));
    if (!isDatatype(t.datatype))
      throw new InvalidArgumentError(
        `${field}.datatype`,
        "an Open Inference Protocol datatype",
        JSON.stringify(t.datatype),
      );
    const shape = t.shape.map(Number);
    if (shape.some((d) => d < 0))
      throw new InvalidArgumentError(`${field}.shape`, "dimensions ≥ 0", `[${shape.join(", ")}]`);
    let raw: Uint8Array;
    if (t.data.case === "rawContents") raw = t.data.value;
    else if (t.data.case === "contents") raw = typedToRaw(`${field}.contents`, t.datatype, shape, t.data.value);
    else throw new InvalidArgumentError(`${field}`, "raw_contents or contents", "neither");
    inputs[t.name] = { datatype: t.datatype as OipDatatype, shape, data: raw };
  });
  return inputs;
}

/** What a caller hands the batcher: the inputs in the addon's form, and the outputs it wants. */
export interface NativeCall {
  inputs: Record<string, NativeTensor>;
  outputs?: readonly string[];
  priority?: number;
}

/** While tracing: the span of each model call waiting in a batcher, by its timing record. */
const callSpans = new WeakMap<InferTiming, Span>();
/** While tracing: the trace id of each batch's own span, recorded by the first of its calls to end. */
const batchTraces = new WeakMap<BatchTiming, string>();

/**
 * The trace of a batch: one span (`batch <model>`) for the run, linked to the span of every traced
 * call it served, so an operator can see which requests shared a run.
 */
function batchTraceOf(batch: BatchTiming, ref: ModelRef): string {
  let traceId = batchTraces.get(batch);
  if (traceId === undefined) {
    const served: Span[] = [];
    for (const member of batch.members) {
      const span = callSpans.get(member);
      if (span !== undefined) served.push(span);
    }
    traceId = recordSharedSpan(
      `batch ${ref.name}`,
      {
        [ATTR_ARBITER_MODEL]: ref.name,
        [ATTR_ARBITER_MODEL_VERSION]: ref.version,
        [ATTR_ARBITER_BATCH_ROWS]: batch.rows,
        [ATTR_ARBITER_BATCH_REQUESTS]: batch.requests,
      },
      batch.sentAtMs,
      batch.sentAtMs + batch.computeMicros / 1000,
      served,
    );
    batchTraces.set(batch, traceId);
  }
  return traceId;
}

/** Ends the span of one model call with what the batcher recorded of it. */
function endModelSpan(span: Span, ref: ModelRef, rows: number, timing: InferTiming, failure: unknown): void {
  span.setAttribute(ATTR_ARBITER_MODEL_ROWS, rows);
  const batch = timing.batch;
  // No batch: the request never ran (refused, or expired in the queue).
  if (batch !== undefined) {
    span.setAttributes({
      [ATTR_ARBITER_QUEUE_MICROS]: Math.round(timing.queueMicros),
      [ATTR_ARBITER_COMPUTE_MICROS]: Math.round(batch.computeMicros),
      [ATTR_ARBITER_BATCH_ROWS]: batch.rows,
      [ATTR_ARBITER_BATCH_REQUESTS]: batch.requests,
      [ATTR_ARBITER_BATCH_TRACE_ID]: batchTraceOf(batch, ref),
    });
  }
  endSpan(span, failure);
}

/**
 * Runs one call on a loaded model through its batcher and records its statistics: compute_input is
 * `lower` (turning the request into tensors) plus the batcher's checks, compute_output is `answer`
 * (turning the outputs into the reply). Shared by inference requests and pipeline model nodes.
 * While tracing, the call is a span (`infer <model>`) that records how long the request queued for
 * its batch, how long the batch ran, the batch's size, and the trace id of the batch's own span.
 */
export async function runOnModel<R>(
  loaded: LoadedModel,
  ctx: Pick<RequestContext, "tenant" | "deadline">,
  lower: () => NativeCall,
  answer: (outputs: Record<string, NativeTensor>) => R,
): Promise<R> {
  if (ctx.tenant !== loaded.ref.tenant) {
    // Subjects carry the tenant; a mismatch means a forged or misrouted request.
    throw new NotFoundError("model", loaded.ref.name);
  }
  loaded.lastUsed = Date.now();
  loaded.inFlight++;
  const started = process.hrtime.bigint();
  let rows = 0;
  let stages: StageTimes | undefined;
  let span: Span | undefined;
  let failure: unknown;
  // Every call's batching is timed (for the queue and compute histograms); traced calls also get a span.
  const timing: InferTiming = { queueMicros: 0 };
  if (tracingActive()) {
    span = startSpan(`infer ${loaded.ref.name}`, SpanKind.INTERNAL, {
      [ATTR_ARBITER_MODEL]: loaded.ref.name,
      [ATTR_ARBITER_MODEL_VERSION]: loaded.ref.version,
    });
    callSpans.set(timing, span);
  }
  try {
    const call = lower();
    rows = Object.values(call.inputs)[0]?.shape[0] ?? 0;
    // The batcher validates and lowers the inputs before it returns: compute_input ends here.
    const pending = loaded.batcher.infer(call.inputs, {
      ...(call.outputs !== undefined && call.outputs.length > 0 ? { outputs: call.outputs } : {}),
      deadline: ctx.deadline,
      ...(call.priority ? { priority: call.priority } : {}),
      timing,
    });
    const queuedAt = process.hrtime.bigint();
    const outputs = await pending;
    const returnedAt = process.hrtime.bigint();
    const reply = answer(outputs);
    stages = {
      inputNs: queuedAt - started,
      batcherNs: returnedAt - queuedAt,
      outputNs: process.hrtime.bigint() - returnedAt,
    };
    return reply;
  } catch (err) {
    failure = err;
    throw err;
  } finally {
    loaded.inFlight--;
    loaded.lastUsed = Date.now();
    loaded.statistics.record(stages !== undefined, started, rows, stages);
    if (timing.batch !== undefined) loaded.statistics.recordBatching(timing.queueMicros, timing.batch.computeMicros);
    if (span !== undefined) endModelSpan(span, loaded.ref, rows, timing, failure);
  }
}

/** Runs one request on a loaded model through its batcher. */
export function runInference(
  loaded: LoadedModel,
  req: InferRequest,
  ctx: Pick<RequestContext, "tenant" | "deadline">,
): Promise<InferResponse> {
  return runOnModel(
    loaded,
    ctx,
    () => ({ inputs: nativeInputs(req), outputs: req.outputs, priority: req.priority }),
    (outputs) =>
      create(InferResponseSchema, {
        model: loaded.ref.name,
        version: BigInt(loaded.ref.version),
        id: req.id,
        outputs: Object.entries(outputs).map(([name, t]) => ({
          name,
          datatype: t.datatype,
          shape: t.shape.map(BigInt),
          data: { case: "rawContents" as const, value: t.data },
        })),
      }),
  );
}

/**
 * A request as it arrived: arbiter.v1.InferRequest, or an OIP ModelInferRequest (PAYLOAD_HEADER),
 * with the version it selects and how to run it into the reply its sender expects.
 */
interface IncomingInference {
  model: string;
  selector: VersionSelector | undefined;
  run(loaded: LoadedModel, ctx: RequestContext): Promise<Uint8Array>;
}

function incoming(data: Uint8Array, message: BusMessage): IncomingInference {
  if (message.headers[PAYLOAD_HEADER] === OIP_INFER_PAYLOAD) {
    const oip = decodeRequest(ModelInferRequestSchema, data);
    const request = fromModelInferRequest(oip);
    return {
      model: oip.modelName,
      selector: versionSelector(oip.modelVersion),
      // Answered straight from the batcher's outputs: no arbiter.v1 response in between.
      run: (loaded, ctx) =>
        runOnModel(
          loaded,
          ctx,
          () => ({ inputs: nativeInputs(request), outputs: request.outputs, priority: request.priority }),
          (outputs) => toBinary(ModelInferResponseSchema, modelInferResponse(loaded.ref, request.id, outputs)),
        ),
    };
  }
  const request = decode(data);
  return {
    model: request.model,
    selector: request.selector,
    run: async (loaded, ctx) => toBinary(InferResponseSchema, await runInference(loaded, request, ctx)),
  };
}

/** The handler of a loaded model's own subject. */
export function modelHandler(loaded: LoadedModel): RpcHandler {
  const version = { [MODEL_VERSION_HEADER]: String(loaded.ref.version) };
  const { tenant, name } = loaded.ref;
  return async (data, ctx, message) => {
    // The subject names the model's tenant; the request's context must name the same one (a check
    // behind the gateway's, which picks the subject from the caller's tenant).
    if (ctx.tenant !== tenant) throw new ModelNotFoundError(ctx.tenant, name, String(loaded.ref.version));
    return { data: await incoming(data, message).run(loaded, ctx), headers: version };
  };
}

/**
 * Registers the route of requests whose version the gateway has not resolved: this node resolves
 * it, passes the request on to the nodes that hold that version, and loads it itself only when none
 * does. A gateway meets each model this way once (and again whenever its cache of versions
 * expires), so loading on every such request would leave copies of a model on many nodes, each
 * taking a share of its node's budget and pushing out models that no other node holds.
 */
export function registerInferenceHandlers(table: HandlerTable, store: ModelStore, host: ModelHost, bus: Bus): void {
  table.set(INFER_ANY_SUBJECT, async (data, ctx, message) => {
    const request = incoming(data, message);
    const model = await store.get(ctx.tenant, request.model, request.selector);
    const ref = { tenant: ctx.tenant, name: model.name, version: Number(model.version) };
    if (!host.get(ref)) {
      const payload = message.headers[PAYLOAD_HEADER];
      try {
        const reply = await requestRpc(
          bus,
          modelSubject(ref.tenant, ref.name, ref.version),
          data,
          ctx,
          payload === undefined ? {} : { headers: { [PAYLOAD_HEADER]: payload } },
        );
        const headers: BusHeaders = { [MODEL_VERSION_HEADER]: String(model.version) };
        const holder = reply.headers[NODE_HEADER];
        if (holder !== undefined) headers[NODE_HEADER] = holder;
        return { data: reply.data, headers };
      } catch (err) {
        // No node holds it (or the one that did just unloaded it): load it here.
        if (!(err instanceof NoRespondersError)) throw err;
      }
    }
    const loaded = await host.ensureLoaded(ref);
    return { data: await request.run(loaded, ctx), headers: { [MODEL_VERSION_HEADER]: String(model.version) } };
  });
}
