/**
 * @arbiter/inference-native — ONNX Runtime for Arbiter's scheduler.
 *
 * - {@link loadSession}: load a model (bytes or path) on an execution provider; read its
 *   inputs/outputs; `run` it off the JS thread with Open Inference Protocol tensors; `unload` it.
 * - {@link createBatcher}: merge concurrent requests into batches along the first dimension.
 * - Errors are `@arbiter/core` classes: InvalidArgumentError (bad inputs; {@link ModelLoadError} for
 *   models ONNX Runtime cannot load), FailedPreconditionError ({@link ProviderUnavailableError}),
 *   CancelledError, DeadlineExceededError, ResourceExhaustedError.
 *
 * The raw addon is internal; everything public is exported here.
 */
export {
  type Batcher,
  type BatcherOptions,
  type BatcherStats,
  type BatchTiming,
  createBatcher,
  type InferOptions,
  type InferTiming,
} from "./batcher.ts";
export {
  countBytesElements,
  decodeBytes,
  encodeBytes,
  isOipDatatype,
  OIP_DATATYPES,
  type OipDatatype,
  type Tensor,
  type TensorMetadata,
} from "./datatypes.ts";
export { ModelLoadError, ProviderUnavailableError } from "./errors.ts";
export { defaultOrtLibraryPath } from "./library-path.ts";
export { type NativeLogger, setNativeLogger } from "./native-logger.ts";
export {
  type ExecutionProvider,
  type InferenceLogger,
  InferenceSession,
  loadSession,
  type ModelSourceInput,
  type RunOptions,
  runtimeInfo,
  type SessionOptions,
} from "./session.ts";
