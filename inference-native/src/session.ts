/** Sessions: load a model, describe it, run it off the JS thread, unload it. */
import { CancelledError, FailedPreconditionError, InvalidArgumentError } from "@arbiter/core";
import { awaitRun } from "./completion.ts";
import { isOipDatatype, type OipDatatype, type Tensor, type TensorMetadata } from "./datatypes.ts";
import { fromNative } from "./errors.ts";
import { defaultOrtLibraryPath } from "./library-path.ts";
import { type NativeInput, type NativeOutput, type NativeSession, native } from "./native.ts";
import { asBytes, missingInput, unknownInput, unknownOutput, validateTensor } from "./validate.ts";

/** A pino-compatible logger (only the methods the addon uses). */
export interface InferenceLogger {
  warn(obj: object, msg?: string): void;
  error?(obj: object, msg?: string): void;
  debug?(obj: object, msg?: string): void;
}

/** Execution providers: `cpu`, `cuda:<device>`, `tensorrt` or `tensorrt:<device>`. */
export type ExecutionProvider = "cpu" | `cuda:${number}` | "tensorrt" | `tensorrt:${number}`;

/** How a session is built. Every field is optional. */
export interface SessionOptions {
  /** Where kernels run. Default `"cpu"`. */
  executionProvider?: ExecutionProvider;
  /**
   * When the provider is unavailable: `"error"` (default) rejects the load with
   * ProviderUnavailableError (FAILED_PRECONDITION) naming the provider; `"cpu"` loads on the CPU and
   * logs a warning through `logger`. `session.executionProvider` tells which one is used.
   */
  providerFallback?: "error" | "cpu";
  /** Threads inside one operator. Default 0: ONNX Runtime's choice (one per physical core). */
  intraOpThreads?: number;
  /** Threads across independent operators (parallel execution when > 1). Default 0 (sequential). */
  interOpThreads?: number;
  /** Graph optimizations applied at load. Default `"all"`. */
  graphOptimizationLevel?: "disabled" | "basic" | "extended" | "all";
  /** Run once with zero-filled inputs after loading. Default true. */
  warmup?: boolean;
  /**
   * Runs of this session that execute at once, each on its own worker thread (like an instance
   * count in Triton). Default 1; a batcher in front keeps that one busy.
   */
  concurrency?: number;
  /**
   * How long an idle worker keeps polling for the next run before it sleeps, in microseconds
   * (one worker per process polls at a time). Trades a little CPU for not paying a thread
   * wake-up per request. Default 0 (off): on virtual machines a spinning vCPU can slow the
   * others down more than a wake-up costs.
   */
  workerSpinMicros?: number;
  /**
   * Let ONNX Runtime's intra-/inter-op thread pools busy-wait for work (its own default). Default
   * false: on a node that also runs the gateway and the batcher, a spinning pool thread takes a
   * core away from them after every run.
   */
  threadSpinning?: boolean;
  /**
   * A run whose typical duration (measured on this session) is at most this many microseconds
   * executes on the calling thread when no other run of the session is in flight: handing it to a
   * worker thread would cost more than the run itself. Such a run cannot be interrupted once
   * started (an aborted signal is still honoured before it starts). Default 250; 0: always use the
   * worker threads. A batcher's batch of one request may run inline too; batches of several
   * requests always use the worker threads.
   */
  inlineRunMaxMicros?: number;
  /**
   * Path of the ONNX Runtime shared library. Default: the one inside the `onnxruntime-node` package
   * ({@link defaultOrtLibraryPath}). One library per process: the first load decides.
   */
  ortLibraryPath?: string;
  /** Receives warnings (provider fallback, ONNX Runtime warnings). The addon itself never prints. */
  logger?: InferenceLogger;
}

/** Options of {@link InferenceSession.run}. */
export interface RunOptions {
  /** Output names to compute and return, in this order. Default: every tensor output. */
  outputs?: readonly string[];
  /** Aborting rejects the run with CancelledError and stops ONNX Runtime between operators. */
  signal?: AbortSignal;
}

/** Where the model comes from: its bytes (an .onnx file's content) or a file path. */
export type ModelSourceInput = { bytes: Uint8Array } | { path: string };

const OPTIMIZATION_LEVELS = ["disabled", "basic", "extended", "all"] as const;

function threads(value: unknown, field: string, max = 1024): number {
  if (value === undefined) return 0;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > max) {
    throw new InvalidArgumentError(field, `an integer from 0 to ${max}`, String(value));
  }
  return value;
}

/** Emits the addon's pending log records through `logger`. */
export function flushNativeLogs(logger: InferenceLogger | undefined): void {
  const records = native.drainLogRecords();
  if (logger === undefined) return;
  for (const r of records) {
    const obj = { component: "inference-native", category: r.category };
    if (r.level === "error" && logger.error !== undefined) logger.error(obj, r.message);
    else logger.warn(obj, r.message);
  }
}

/**
 * Loads a model off the JS thread.
 *
 * Rejects with ModelLoadError (INVALID_ARGUMENT) when ONNX Runtime cannot load the model,
 * ProviderUnavailableError (FAILED_PRECONDITION) when the provider is missing and the policy is
 * `"error"`, and InvalidArgumentError for bad options.
 */
export async function loadSession(source: ModelSourceInput, options: SessionOptions = {}): Promise<InferenceSession> {
  const executionProvider = options.executionProvider ?? "cpu";
  if (typeof executionProvider !== "string") {
    throw new InvalidArgumentError(
      "executionProvider",
      '"cpu", "cuda:<device>" or "tensorrt[:<device>]"',
      String(executionProvider),
    );
  }
  const providerFallback = options.providerFallback ?? "error";
  if (providerFallback !== "error" && providerFallback !== "cpu") {
    throw new InvalidArgumentError("providerFallback", '"error" or "cpu"', JSON.stringify(providerFallback));
  }
  const graphOptimizationLevel = options.graphOptimizationLevel ?? "all";
  if (!OPTIMIZATION_LEVELS.includes(graphOptimizationLevel)) {
    throw new InvalidArgumentError(
      "graphOptimizationLevel",
      '"disabled", "basic", "extended" or "all"',
      JSON.stringify(graphOptimizationLevel),
    );
  }
  const nativeOptions = {
    libraryPath: options.ortLibraryPath ?? defaultOrtLibraryPath(),
    executionProvider,
    providerFallback,
    intraOpThreads: threads(options.intraOpThreads, "intraOpThreads"),
    interOpThreads: threads(options.interOpThreads, "interOpThreads"),
    graphOptimizationLevel,
    warmup: options.warmup ?? true,
    concurrency: options.concurrency === undefined ? 1 : Math.max(1, threads(options.concurrency, "concurrency")),
    spinMicros:
      options.workerSpinMicros === undefined ? 0 : threads(options.workerSpinMicros, "workerSpinMicros", 100_000),
    threadSpinning: options.threadSpinning === true,
  };
  let bytes: Uint8Array | undefined;
  let path: string | undefined;
  if (source !== null && typeof source === "object" && "bytes" in source) bytes = asBytes(source.bytes, "source.bytes");
  else if (source !== null && typeof source === "object" && "path" in source && typeof source.path === "string")
    path = source.path;
  else throw new InvalidArgumentError("source", "{ bytes: Uint8Array } or { path: string }", String(source));

  let handle: NativeSession;
  try {
    handle = await native.loadSession(bytes, path, nativeOptions);
  } catch (err) {
    flushNativeLogs(options.logger);
    throw fromNative(err);
  }
  const fallbackReason = handle.fallbackReason;
  if (fallbackReason !== null) {
    options.logger?.warn(
      {
        component: "inference-native",
        requestedProvider: executionProvider,
        executionProvider: handle.executionProvider,
      },
      fallbackReason,
    );
  }
  flushNativeLogs(options.logger);
  const inlineRunMaxMicros = options.inlineRunMaxMicros ?? 250;
  if (typeof inlineRunMaxMicros !== "number" || !(inlineRunMaxMicros >= 0)) {
    handle.unload();
    throw new InvalidArgumentError("inlineRunMaxMicros", "a non-negative number", String(inlineRunMaxMicros));
  }
  return new InferenceSession(handle, options.logger, inlineRunMaxMicros);
}

/** A run goes inline only when its typical duration is known (measured) and short enough. */
function isInlineCandidate(typicalMicros: number, maxMicros: number): boolean {
  return typicalMicros > 0 && typicalMicros <= maxMicros;
}

function metadata(list: readonly { name: string; datatype: string; shape: number[] }[]): readonly TensorMetadata[] {
  return Object.freeze(
    list.map((t) => {
      if (!isOipDatatype(t.datatype)) throw new Error(`unexpected datatype ${t.datatype}`);
      return Object.freeze({ name: t.name, datatype: t.datatype, shape: Object.freeze([...t.shape]) });
    }),
  );
}

/** A request already validated and lowered to the addon's form. */
export interface PreparedRun {
  inputs: NativeInput[];
  outputIndices: number[];
}

/**
 * A loaded model. Create with {@link loadSession}. `run` may be called concurrently; each run
 * executes on a libuv worker thread. Call `unload` to free the model's memory.
 */
export class InferenceSession {
  /** Model inputs in model order; dynamic dimensions are -1. */
  readonly inputs: readonly TensorMetadata[];
  /** Model tensor outputs in model order (non-tensor outputs such as ZipMap maps are left out). */
  readonly outputs: readonly TensorMetadata[];
  /** The provider actually used (`"cpu"` after a fallback). */
  readonly executionProvider: string;
  /** Growth of resident memory while loading and warming up, in bytes (an estimate of the footprint). */
  readonly memoryBytes: number;
  readonly #handle: NativeSession;
  readonly #logger: InferenceLogger | undefined;
  readonly #inputIndex = new Map<string, number>();
  readonly #outputIndex = new Map<string, number>();
  readonly #inlineRunMaxMicros: number;
  #inflight = 0;
  #unloaded = false;

  /** Not for direct use: see {@link loadSession}. */
  constructor(handle: NativeSession, logger: InferenceLogger | undefined, inlineRunMaxMicros = 0) {
    this.#handle = handle;
    this.#inlineRunMaxMicros = inlineRunMaxMicros;
    this.#logger = logger;
    this.inputs = metadata(handle.inputs);
    this.outputs = metadata(handle.outputs);
    this.executionProvider = handle.executionProvider;
    this.memoryBytes = handle.memoryBytes;
    for (const [i, t] of this.inputs.entries()) this.#inputIndex.set(t.name, i);
    for (const [i, t] of this.outputs.entries()) this.#outputIndex.set(t.name, i);
  }

  /** True after {@link unload}. */
  get unloaded(): boolean {
    return this.#unloaded;
  }

  /**
   * Runs the model on `inputs` (one tensor per model input, by name) off the JS thread.
   * Input bytes are read in place; output `data` are views over memory owned by the addon and
   * freed when garbage-collected.
   *
   * Rejects with InvalidArgumentError (unknown/missing input, wrong datatype, shape or byte
   * length; unknown output), CancelledError (signal aborted), FailedPreconditionError (unloaded).
   */
  async run(inputs: Readonly<Record<string, Tensor>>, options: RunOptions = {}): Promise<Record<string, Tensor>> {
    const prepared = this.prepare(inputs, options.outputs);
    const outputs = await this.execute(prepared, options.signal, true);
    return this.toRecord(prepared.outputIndices, outputs);
  }

  /**
   * Runs on the calling thread when allowed and worthwhile: nothing else of this session is in
   * flight and its typical run is within `inlineRunMaxMicros`. Returns undefined otherwise.
   */
  #runInline(prepared: PreparedRun, signal: AbortSignal | undefined): NativeOutput[] | undefined {
    if (
      this.#inflight !== 0 ||
      this.#inlineRunMaxMicros <= 0 ||
      this.#unloaded ||
      !isInlineCandidate(this.#handle.typicalRunMicros, this.#inlineRunMaxMicros)
    ) {
      return undefined;
    }
    if (signal?.aborted) throw new CancelledError("inference cancelled");
    try {
      return this.#handle.runInline(prepared.inputs, prepared.outputIndices);
    } catch (err) {
      throw this.#fail(err);
    }
  }

  /** Typical duration of one run of this session (a moving mean), in microseconds. */
  get typicalRunMicros(): number {
    return this.#handle.typicalRunMicros;
  }

  /** Validates a request and lowers it to the addon's form. @internal (used by the batcher). */
  prepare(inputs: Readonly<Record<string, Tensor>>, outputs: readonly string[] | undefined): PreparedRun {
    if (this.#unloaded) throw new FailedPreconditionError("session is unloaded");
    if (inputs === null || typeof inputs !== "object") {
      throw new InvalidArgumentError("inputs", "an object of tensors by input name", String(inputs));
    }
    const names = Object.keys(inputs);
    const lowered: NativeInput[] = [];
    for (const name of names) {
      const index = this.#inputIndex.get(name);
      if (index === undefined) throw unknownInput(this.inputs, name);
      const info = this.inputs[index] as TensorMetadata;
      const tensor = inputs[name] as Tensor;
      const data = validateTensor(info, tensor);
      lowered.push({ index, datatype: tensor.datatype, shape: tensor.shape, chunks: [data] });
    }
    if (lowered.length !== this.inputs.length) {
      for (const info of this.inputs) if (!(info.name in inputs)) throw missingInput(info, names);
    }
    return { inputs: lowered, outputIndices: this.outputIndices(outputs) };
  }

  /** Output names → indices (all outputs when `names` is undefined). @internal */
  outputIndices(names: readonly string[] | undefined): number[] {
    if (names === undefined) return this.outputs.map((_, i) => i);
    if (!Array.isArray(names)) throw new InvalidArgumentError("outputs", "an array of output names", String(names));
    return names.map((name) => {
      const index = this.#outputIndex.get(name);
      if (index === undefined) throw unknownOutput(this.outputs, String(name));
      return index;
    });
  }

  /**
   * Runs a prepared request; with `allowInline`, a short run while the session is idle executes on
   * the calling thread (see `inlineRunMaxMicros`). @internal (used by the batcher).
   */
  async execute(prepared: PreparedRun, signal: AbortSignal | undefined, allowInline = false): Promise<NativeOutput[]> {
    if (this.#unloaded) throw new FailedPreconditionError("session is unloaded");
    if (allowInline) {
      const outputs = this.#runInline(prepared, signal);
      if (outputs !== undefined) return outputs;
    }
    this.#inflight++;
    try {
      return await this.#execute(prepared, signal);
    } finally {
      this.#inflight--;
    }
  }

  async #execute(prepared: PreparedRun, signal: AbortSignal | undefined): Promise<NativeOutput[]> {
    if (signal === undefined) {
      try {
        return await awaitRun(this.#handle.start(prepared.inputs, prepared.outputIndices, null));
      } catch (err) {
        throw this.#fail(err);
      }
    }
    if (signal.aborted) throw new CancelledError("inference cancelled");
    const token = new native.NativeCancelToken();
    const onAbort = (): void => token.cancel();
    signal.addEventListener("abort", onAbort, { once: true });
    try {
      return await awaitRun(this.#handle.start(prepared.inputs, prepared.outputIndices, token));
    } catch (err) {
      throw this.#fail(err);
    } finally {
      signal.removeEventListener("abort", onAbort);
    }
  }

  /** Names the outputs of a run. @internal */
  toRecord(outputIndices: readonly number[], outputs: readonly NativeOutput[]): Record<string, Tensor> {
    const result: Record<string, Tensor> = {};
    for (let i = 0; i < outputs.length; i++) {
      const info = this.outputs[outputIndices[i] as number] as TensorMetadata;
      const out = outputs[i] as NativeOutput;
      result[info.name] = { datatype: info.datatype as OipDatatype, shape: out.shape, data: out.data };
    }
    return result;
  }

  #fail(err: unknown): Error {
    flushNativeLogs(this.#logger);
    return fromNative(err);
  }

  /**
   * Frees the model. Runs already executing finish first; later runs reject with
   * FailedPreconditionError. Idempotent.
   */
  unload(): void {
    if (this.#unloaded) return;
    this.#unloaded = true;
    try {
      this.#handle.unload();
    } catch (err) {
      throw fromNative(err);
    }
  }
}

/** Version and execution providers of the ONNX Runtime library (loading it if needed). */
export function runtimeInfo(ortLibraryPath: string = defaultOrtLibraryPath()): {
  version: string;
  libraryPath: string;
  providers: string[];
} {
  try {
    return native.runtimeInfo(ortLibraryPath);
  } catch (err) {
    throw fromNative(err);
  }
}
