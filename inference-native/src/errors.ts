/**
 * The one place where native failures become `@arbiter/core` error classes. The addon reports a
 * failure as a JSON record in the error message: `{"kind": ..., "message": ..., <fields>}`.
 */
import {
  type ArbiterErrorOptions,
  CancelledError,
  FailedPreconditionError,
  InternalError,
  InvalidArgumentError,
  registerErrorClass,
} from "@arbiter/core";

/** ONNX Runtime could not load the model (corrupt, truncated, unsupported operator...). */
export class ModelLoadError extends InvalidArgumentError {
  constructor(
    readonly reason: string,
    options?: ArbiterErrorOptions,
  ) {
    super("model", "a model ONNX Runtime can load", reason, options);
    this.message = `model could not be loaded: ${reason}`;
  }
}

/** The configured execution provider is not available and the fallback policy is "error". */
export class ProviderUnavailableError extends FailedPreconditionError {
  constructor(
    readonly provider: string,
    message: string,
    options?: ArbiterErrorOptions,
  ) {
    super(message, { provider }, options);
  }
}

registerErrorClass(ModelLoadError);
registerErrorClass(ProviderUnavailableError);

interface NativeErrorRecord {
  kind: string;
  message: string;
  field?: string;
  expected?: string;
  received?: string;
  provider?: string;
}

function parseRecord(err: unknown): NativeErrorRecord | undefined {
  const message = err instanceof Error ? err.message : undefined;
  if (message === undefined || !message.startsWith('{"kind":')) return undefined;
  try {
    return JSON.parse(message) as NativeErrorRecord;
  } catch {
    return undefined;
  }
}

/** Converts an error thrown by the addon into the matching Arbiter error. */
export function fromNative(err: unknown): Error {
  const record = parseRecord(err);
  if (record === undefined) return new InternalError("inference-native failed", {}, { cause: err });
  switch (record.kind) {
    case "INVALID_ARGUMENT":
      return new InvalidArgumentError(record.field ?? "", record.expected ?? "", record.received ?? "");
    case "MODEL_LOAD":
      return new ModelLoadError(record.message.replace(/^model could not be loaded: /, ""));
    case "PROVIDER_UNAVAILABLE":
      return new ProviderUnavailableError(record.provider ?? "", record.message);
    case "FAILED_PRECONDITION":
      return new FailedPreconditionError(record.message);
    case "CANCELLED":
      return new CancelledError("inference cancelled");
    default:
      return new InternalError(record.message);
  }
}
