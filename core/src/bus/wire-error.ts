/**
 * Errors across the bus: a failed request's reply carries the status code, message, error class
 * and typed details in headers, and the caller rebuilds the same error class from them.
 */
import { Code } from "@connectrpc/connect";
import * as errors from "../errors.ts";
import { ArbiterError, type ErrorDetails, InternalError } from "../errors.ts";
import type { BusHeaders } from "./bus.ts";

const H_CODE = "arbiter-error-code";
const H_MESSAGE = "arbiter-error-message";
const H_TYPE = "arbiter-error-type";
const H_DETAILS = "arbiter-error-details";

type ErrorClass = { prototype: ArbiterError; name: string };

const classes = new Map<string, ErrorClass>();
for (const value of Object.values(errors)) {
  if (typeof value === "function" && (value === ArbiterError || value.prototype instanceof ArbiterError)) {
    classes.set(value.name, value as ErrorClass);
  }
}

/** Lets a package rebuild its own ArbiterError subclasses from the wire. */
export function registerErrorClass(cls: ErrorClass): void {
  classes.set(cls.name, cls);
}

/** Headers describing `err`. Anything that is not an ArbiterError is sent as INTERNAL. */
export function errorToHeaders(err: unknown): BusHeaders {
  const e = err instanceof ArbiterError ? err : new InternalError();
  return {
    [H_CODE]: String(e.code),
    [H_MESSAGE]: e.message,
    [H_TYPE]: e.name,
    [H_DETAILS]: JSON.stringify(e.details),
  };
}

/** The error a reply carries, or undefined for a successful reply. */
export function errorFromHeaders(headers: BusHeaders): ArbiterError | undefined {
  const rawCode = headers[H_CODE];
  if (rawCode === undefined) return undefined;
  const code = Number(rawCode);
  const message = headers[H_MESSAGE] ?? "";
  let details: ErrorDetails = {};
  try {
    details = JSON.parse(headers[H_DETAILS] ?? "{}") as ErrorDetails;
  } catch {
    details = {};
  }
  const cls = classes.get(headers[H_TYPE] ?? "") ?? ArbiterError;
  // Rebuild without re-running the constructor: its message and details are already final.
  const rebuilt = Object.create(cls.prototype) as ArbiterError & Record<string, unknown>;
  Object.assign(rebuilt, details);
  Object.defineProperties(rebuilt, {
    message: { value: message, writable: true, configurable: true },
    name: { value: cls.name, writable: true, configurable: true },
    code: { value: Number.isInteger(code) && Code[code] !== undefined ? code : Code.Unknown, enumerable: true },
    details: { value: details, enumerable: true },
    stack: { value: `${cls.name}: ${message}\n    (rebuilt from a bus reply)`, writable: true, configurable: true },
  });
  return rebuilt;
}
