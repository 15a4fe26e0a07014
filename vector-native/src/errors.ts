/**
 * The one place where native errors become `@arbiter/core` errors. The addon throws a JS Error
 * whose message is a JSON object `{ kind, message, field?, expected?, received?, objectKind?,
 * name?, path?, reason? }` (see `binding.rs`).
 */
import {
  ArbiterError,
  type ArbiterErrorOptions,
  CancelledError,
  Code,
  FailedPreconditionError,
  InternalError,
  InvalidArgumentError,
  NotFoundError,
  registerErrorClass,
} from "@arbiter/core";

/** A snapshot file is truncated, corrupted or of an unsupported format version (DATA_LOSS). */
export class SnapshotCorruptedError extends ArbiterError {
  constructor(
    readonly path: string,
    readonly reason: string,
    options?: ArbiterErrorOptions,
  ) {
    super(Code.DataLoss, `snapshot ${path} is corrupted: ${reason}`, { path, reason }, options);
  }
}
registerErrorClass(SnapshotCorruptedError);

interface NativeErrorBody {
  kind: string;
  message: string;
  field?: string;
  expected?: string;
  received?: string;
  objectKind?: string;
  name?: string;
  path?: string;
  reason?: string;
}

function parse(err: unknown): NativeErrorBody | undefined {
  if (!(err instanceof Error) || !err.message.startsWith("{")) return undefined;
  try {
    const body = JSON.parse(err.message) as NativeErrorBody;
    return typeof body.kind === "string" ? body : undefined;
  } catch {
    return undefined;
  }
}

/** Converts anything the addon threw into the matching ArbiterError (the original is the cause). */
export function fromNative(err: unknown): ArbiterError {
  if (err instanceof ArbiterError) return err;
  const body = parse(err);
  if (body === undefined) return new InternalError("vector-native call failed", {}, { cause: err });
  const options = { cause: err };
  switch (body.kind) {
    case "INVALID_ARGUMENT":
      return new InvalidArgumentError(
        body.field ?? "argument",
        body.expected ?? "a valid value",
        body.received ?? "?",
        options,
      );
    case "NOT_FOUND":
      return new NotFoundError(body.objectKind ?? "object", body.name ?? "?", options);
    case "DATA_LOSS":
      return new SnapshotCorruptedError(body.path ?? "?", body.reason ?? body.message, options);
    case "IO":
      if (/No such file|os error 2\b/.test(body.message))
        return new NotFoundError("snapshot", body.path ?? "?", options);
      return new FailedPreconditionError(body.message, { path: body.path }, options);
    case "CANCELLED":
      return new CancelledError(body.message, {}, options);
    default:
      return new InternalError("vector-native internal error", {}, options);
  }
}

/** Runs a native call, converting its errors. */
export function callNative<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    throw fromNative(err);
  }
}

/** Awaits a native promise, converting its errors. */
export async function awaitNative<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    throw fromNative(err);
  }
}
