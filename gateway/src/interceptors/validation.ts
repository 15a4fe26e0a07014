/**
 * Enforces the protovalidate rules declared in the contract on every request message (each message
 * of a client stream too). A violation is INVALID_ARGUMENT naming the field, the rule and the
 * received value, before any work is done.
 */

import { InvalidArgumentError } from "@arbiter/core";
import type { DescMessage, Message } from "@bufbuild/protobuf";
import { type Path, pathToString } from "@bufbuild/protobuf/reflect";
import { createValidator, type Violation } from "@bufbuild/protovalidate";
import type { Interceptor } from "@connectrpc/connect";

const MAX_SHOWN = 80;

/** The value at a violation's path, for the error message. */
function valueAt(message: unknown, path: Path): unknown {
  let node: unknown = message;
  for (const step of path) {
    if (node === null || node === undefined) return undefined;
    if (step.kind === "list_sub") node = (node as unknown[])[step.index];
    else if (step.kind === "map_sub") node = (node as Record<string, unknown>)[String(step.key)];
    else if (step.kind === "oneof") node = (node as Record<string, { value?: unknown }>)[step.localName]?.value;
    else if (step.kind === "field" && step.oneof) {
      const oneof = (node as Record<string, { case?: string; value?: unknown }>)[step.oneof.localName];
      node = oneof?.case === step.localName ? oneof.value : undefined;
    } else if (step.kind === "field") node = (node as Record<string, unknown>)[step.localName];
    else return undefined;
  }
  return node;
}

function show(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value instanceof Uint8Array) return `${value.byteLength} bytes`;
  if (Array.isArray(value)) return `${value.length} items`;
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "object" && value !== null && "$typeName" in value)
    return `a ${(value as Message).$typeName} message`;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

/** protovalidate says "value must be X" / "value does not match regex pattern `P`"; we say what was expected. */
function expectation(violation: Violation): string {
  const text = violation.message;
  const pattern = /^(?:value )?does not match regex pattern (.+)$/.exec(text);
  if (pattern) return `a value matching ${pattern[1]}`;
  return text.replace(/^(?:value )?must (?:be )?/, "").replace(/^value is required$/, "a value") || violation.ruleId;
}

function toError(message: unknown, violation: Violation): InvalidArgumentError {
  const field = pathToString(violation.field) || "request";
  return new InvalidArgumentError(field, expectation(violation), show(valueAt(message, violation.field)));
}

/** Checks a message against its rules; throws InvalidArgumentError naming the first violation. */
export type MessageCheck = (schema: DescMessage, message: Message) => void;

/** A checker with its own validator (which caches compiled rules): create one per gateway. */
export function createMessageCheck(): MessageCheck {
  const validator = createValidator();
  return (schema, message) => {
    const result = validator.validate(schema, message);
    if (result.kind === "invalid") {
      const first = result.error.violations[0];
      if (first) throw toError(message, first);
    } else if (result.kind === "error") {
      throw result.error;
    }
  };
}

/** The interceptor applying `check` to every request message, streamed ones included. */
export function validationInterceptor(check: MessageCheck): Interceptor {
  return (next) => async (req) => {
    if (!req.stream) {
      check(req.method.input, req.message);
      return next(req);
    }
    const input = req.message;
    async function* validated() {
      for await (const message of input) {
        check(req.method.input, message);
        yield message;
      }
    }
    return next({ ...req, message: validated() });
  };
}
