/**
 * Arbiter's error vocabulary.
 *
 * Every failure a user can see is an {@link ArbiterError}: one closed set of status codes (the
 * gRPC/Connect {@link Code}), a message that names the problem exactly (which field, what was
 * expected, what was received), and typed `details` from which the same class is rebuilt on the
 * other side of the bus (see `bus/wire-error.ts`). Services map these to `ConnectError` in exactly
 * one place; the `cause` is logged there and never sent to a client.
 */
import { Code } from "@connectrpc/connect";

export { Code };

/** `NOT_FOUND` for Code.NotFound: the names gRPC's status codes have everywhere else. */
const CODE_NAMES: readonly string[] = (() => {
  const names = ["OK"];
  for (let code = 1; code <= 16; code++) {
    names[code] = (Code[code] ?? String(code)).replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
  }
  names[Code.Canceled] = "CANCELLED"; // gRPC's spelling
  return names;
})();

/** The gRPC name of a status code (`NOT_FOUND`, `CANCELLED`). */
export function codeName(code: number): string {
  return CODE_NAMES[code] ?? String(code);
}

/** Plain JSON values: what error details may hold so they survive the bus. */
export type ErrorDetails = Record<string, string | number | boolean | null | undefined>;

/** Options shared by every Arbiter error constructor. */
export interface ArbiterErrorOptions {
  /** The underlying failure; logged, never sent to the client. */
  cause?: unknown;
}

/**
 * Longest message an error carries. Messages quote what the client sent, and a client may send a
 * name of megabytes: gRPC puts the message in a trailer, whose size clients cap (grpc-java at
 * 8 KiB by default), so a longer one would lose the status with it.
 */
export const MAX_ERROR_MESSAGE_CHARS = 1024;

/**
 * `message`, cut to {@link MAX_ERROR_MESSAGE_CHARS} with a note of how long it was, and
 * well-formed (see {@link wellFormedText}): a cut may fall inside a surrogate pair.
 */
export function boundedMessage(message: string): string {
  if (message.length <= MAX_ERROR_MESSAGE_CHARS) return wellFormedText(message);
  const note = `… (${message.length} characters)`;
  return wellFormedText(message.slice(0, MAX_ERROR_MESSAGE_CHARS - note.length)) + note;
}

const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `text` with each lone surrogate replaced by U+FFFD (what String.prototype.toWellFormed does).
 * Messages quote what clients sent, and JSON can carry a lone surrogate ("\ud83d"), as can a
 * quote cut short. Such a message has no UTF-8 form: percent-encoding it for gRPC's grpc-message
 * throws, and the call would never get its status.
 */
export function wellFormedText(text: string): string {
  return SURROGATE.test(text) ? text.replace(LONE_SURROGATE, "\uFFFD") : text;
}

/** Base class of every error Arbiter reports to a caller. */
export class ArbiterError extends Error {
  /** The gRPC/Connect status code the caller receives. */
  readonly code: Code;
  /** Typed fields of the error, carried across the bus so the same class can be rebuilt. */
  readonly details: ErrorDetails;

  constructor(code: Code, message: string, details: ErrorDetails = {}, options: ArbiterErrorOptions = {}) {
    const bounded = boundedMessage(message);
    super(bounded, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = details;
    this.name = new.target.name;
  }
}

/** The caller sent a value that is malformed or out of range. */
export class InvalidArgumentError extends ArbiterError {
  constructor(
    readonly field: string,
    readonly expected: string,
    readonly received: string,
    options?: ArbiterErrorOptions,
  ) {
    super(
      Code.InvalidArgument,
      `${field}: expected ${expected}, got ${received}`,
      { field, expected, received },
      options,
    );
  }
}

/** A named object does not exist, or belongs to another tenant (which must look the same). */
export class NotFoundError extends ArbiterError {
  constructor(
    readonly kind: string,
    readonly objectName: string,
    options?: ArbiterErrorOptions,
  ) {
    super(Code.NotFound, `${kind} "${objectName}" not found`, { kind, objectName }, options);
  }
}

/** A model (or one version of it) does not exist in the caller's tenant. */
export class ModelNotFoundError extends ArbiterError {
  constructor(
    readonly tenant: string,
    readonly modelName: string,
    readonly version: string | undefined,
    options?: ArbiterErrorOptions,
  ) {
    super(
      Code.NotFound,
      version === undefined ? `model "${modelName}" not found` : `model "${modelName}" version ${version} not found`,
      { tenant, modelName, version },
      options,
    );
  }
}

/** An object with the same identity already exists. */
export class AlreadyExistsError extends ArbiterError {
  constructor(
    readonly kind: string,
    readonly objectName: string,
    options?: ArbiterErrorOptions,
  ) {
    super(Code.AlreadyExists, `${kind} "${objectName}" already exists`, { kind, objectName }, options);
  }
}

/** A model version with the same name and number already exists in the tenant. */
export class ModelAlreadyExistsError extends ArbiterError {
  constructor(
    readonly tenant: string,
    readonly modelName: string,
    readonly version: string,
    options?: ArbiterErrorOptions,
  ) {
    super(
      Code.AlreadyExists,
      `model "${modelName}" version ${version} already exists`,
      { tenant, modelName, version },
      options,
    );
  }
}

/** A limit was reached: an upload size, a queue length, a quota. */
export class ResourceExhaustedError extends ArbiterError {
  constructor(
    readonly limit: string,
    message: string,
    readonly retryAfterMs?: number,
    options?: ArbiterErrorOptions,
  ) {
    super(Code.ResourceExhausted, message, { limit, retryAfterMs }, options);
  }
}

/** The system is not in a state that allows the operation (e.g. an execution provider is missing). */
export class FailedPreconditionError extends ArbiterError {
  constructor(message: string, details: ErrorDetails = {}, options?: ArbiterErrorOptions) {
    super(Code.FailedPrecondition, message, details, options);
  }
}

/** Nobody can serve the request right now; retrying later may succeed. */
export class UnavailableError extends ArbiterError {
  constructor(message: string, details: ErrorDetails = {}, options?: ArbiterErrorOptions) {
    super(Code.Unavailable, message, details, options);
  }
}

/** A request found nobody subscribed to its subject: it reached no one, so retrying is always safe. */
export class NoRespondersError extends UnavailableError {
  constructor(readonly subject: string) {
    super(`no responders for ${subject}`, { subject });
  }
}

/** The request's deadline passed before it completed. */
export class DeadlineExceededError extends ArbiterError {
  constructor(message: string, details: ErrorDetails = {}, options?: ArbiterErrorOptions) {
    super(Code.DeadlineExceeded, message, details, options);
  }
}

/** The caller (or an AbortSignal) cancelled the operation. */
export class CancelledError extends ArbiterError {
  constructor(message = "operation cancelled", details: ErrorDetails = {}, options?: ArbiterErrorOptions) {
    super(Code.Canceled, message, details, options);
  }
}

/** The RPC exists in the contract but is not built yet. */
export class UnimplementedError extends ArbiterError {
  constructor(readonly method: string) {
    super(Code.Unimplemented, `${method} is not implemented`, { method });
  }
}

/** An invariant broke inside Arbiter; the cause is logged, the caller sees only this message. */
export class InternalError extends ArbiterError {
  constructor(message = "internal error", details: ErrorDetails = {}, options?: ArbiterErrorOptions) {
    super(Code.Internal, message, details, options);
  }
}

/** The caller presented no credentials, or credentials that are not valid. */
export class UnauthenticatedError extends ArbiterError {
  constructor(message: string, details: ErrorDetails = {}, options?: ArbiterErrorOptions) {
    super(Code.Unauthenticated, message, details, options);
  }
}

/** The caller is known but its role does not allow the operation. */
export class PermissionDeniedError extends ArbiterError {
  constructor(message: string, details: ErrorDetails = {}, options?: ArbiterErrorOptions) {
    super(Code.PermissionDenied, message, details, options);
  }
}

/** True when `err` is an {@link ArbiterError} (including one rebuilt from the bus). */
export function isArbiterError(err: unknown): err is ArbiterError {
  return err instanceof ArbiterError;
}
