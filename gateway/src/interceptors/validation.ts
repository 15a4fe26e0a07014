/**
 * Enforces the protovalidate rules declared in the contract on every request message (each message
 * of a client stream too). A violation is INVALID_ARGUMENT naming the field, the rule and the
 * received value, before any work is done. Strings with a NUL character are refused too (the
 * database cannot store them), naming the field.
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

/** How deep {@link findNul} descends; deeper messages are left to the database's own refusal. */
const NUL_SEARCH_DEPTH = 32;

interface NulFound {
  path: string;
  value: string;
}

// Module-level helpers rather than closures per field: findNul runs on every request.
function nested(found: NulFound | undefined, prefix: string): NulFound | undefined {
  return found ? { path: `${prefix}.${found.path}`, value: found.value } : undefined;
}

function mapEntryPath(field: string, key: string): string {
  return `${field}[${JSON.stringify(key)}]`;
}

/**
 * The path and value of the first string field holding a NUL character (U+0000), which
 * PostgreSQL's text cannot store: names, ids and aliases are stored or looked up there. The
 * values of google.protobuf.Value and Struct are data, not identifiers, and are not searched.
 */
export function findNul(schema: DescMessage, message: unknown, depth = 0): NulFound | undefined {
  if (depth > NUL_SEARCH_DEPTH || message === null || typeof message !== "object") return undefined;
  if (schema.typeName.startsWith("google.protobuf.")) return undefined;
  const record = message as Record<string, unknown>;
  for (const field of schema.fields) {
    let value: unknown;
    if (field.oneof) {
      const chosen = record[field.oneof.localName] as { case?: string; value?: unknown } | undefined;
      if (chosen?.case !== field.localName) continue;
      value = chosen.value;
    } else {
      value = record[field.localName];
    }
    switch (field.fieldKind) {
      case "scalar":
        if (typeof value === "string" && value.includes("\u0000")) return { path: field.name, value };
        break;
      case "message": {
        const found = nested(findNul(field.message, value, depth + 1), field.name);
        if (found) return found;
        break;
      }
      case "list": {
        if (!Array.isArray(value) || field.listKind === "enum") break;
        for (let i = 0; i < value.length; i++) {
          const item = value[i];
          if (field.listKind === "scalar") {
            if (typeof item !== "string") break; // a list of numbers or bytes
            if (item.includes("\u0000")) return { path: `${field.name}[${i}]`, value: item };
          } else {
            const found = nested(findNul(field.message, item, depth + 1), `${field.name}[${i}]`);
            if (found) return found;
          }
        }
        break;
      }
      case "map": {
        if (value === null || typeof value !== "object") break;
        for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
          if (key.includes("\u0000")) return { path: mapEntryPath(field.name, key), value: key };
          if (field.mapKind === "scalar" && typeof item === "string" && item.includes("\u0000")) {
            return { path: mapEntryPath(field.name, key), value: item };
          }
          if (field.mapKind === "message") {
            const found = nested(findNul(field.message, item, depth + 1), mapEntryPath(field.name, key));
            if (found) return found;
          }
        }
        break;
      }
    }
  }
  return undefined;
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
    const nul = findNul(schema, message);
    if (nul) throw new InvalidArgumentError(nul.path, "text without NUL characters (U+0000)", show(nul.value));
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
