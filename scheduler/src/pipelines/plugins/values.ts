/**
 * Helpers for node values shared by the plugin code: describing a received value in an error
 * message, recognising tensors, and checking that what a user plugin returned is a valid
 * {@link NodeValue}.
 */
import { type Datatype, elementCount, isDatatype } from "@arbiter/core";
import type { TensorValue } from "../node-kind.ts";

/** How deep a returned value may nest before it is rejected. */
const MAX_DEPTH = 64;

/** Describes a received value for an error message: `"abc"`, `12`, `a list of 3`, `an FP32 tensor [2, 4]`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value instanceof Uint8Array) return `${value.byteLength} bytes`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  switch (typeof value) {
    case "string":
      return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
    case "number":
    case "boolean":
      return String(value);
    case "bigint":
      return `${value}n`;
    case "function":
      return "a function";
    case "object":
      if (isTensor(value)) return `a ${value.datatype} tensor [${value.shape.join(", ")}]`;
      return "an object";
    default:
      return typeof value;
  }
}

/** True when `value` looks like a {@link TensorValue} (`kind: "tensor"`). */
export function isTensor(value: unknown): value is TensorValue {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "tensor";
}

/** Builds a tensor value. */
export function tensor(datatype: Datatype, shape: readonly number[], data: TensorValue["data"]): TensorValue {
  return { kind: "tensor", datatype, shape, data };
}

/**
 * Returns undefined when `value` is a valid NodeValue, else the path and problem of the first
 * invalid part (e.g. `.scores: a tensor whose data holds 3 elements for shape [2, 2]`).
 */
export function findInvalidValue(value: unknown, path = "", depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return `${path}: nested deeper than ${MAX_DEPTH}`;
  if (value === null) return undefined;
  switch (typeof value) {
    case "boolean":
    case "string":
    case "bigint":
      return undefined;
    case "number":
      return undefined;
    case "object":
      break;
    default:
      return `${path}: ${describeValue(value)} is not a value (use null, booleans, numbers, strings, lists, objects or tensors)`;
  }
  if (value instanceof Uint8Array) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = findInvalidValue(value[i], `${path}[${i}]`, depth + 1);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  if (ArrayBuffer.isView(value)) return `${path}: a ${value.constructor.name} outside a tensor (wrap it in a tensor)`;
  if (isTensor(value)) return findInvalidTensor(value, path);
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return `${path}: an object that is not a plain object`;
  for (const [key, v] of Object.entries(value)) {
    const problem = findInvalidValue(v, `${path}.${key}`, depth + 1);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function findInvalidTensor(t: TensorValue, path: string): string | undefined {
  const raw = t as unknown as { datatype: unknown; shape: unknown; data: unknown };
  if (typeof raw.datatype !== "string" || !isDatatype(raw.datatype)) {
    return `${path}: a tensor whose datatype ${describeValue(raw.datatype)} is not an Open Inference Protocol datatype`;
  }
  if (!Array.isArray(raw.shape) || !raw.shape.every((d) => typeof d === "number" && Number.isInteger(d) && d >= 0)) {
    return `${path}: a tensor whose shape is not a list of non-negative integers`;
  }
  const data = raw.data as ArrayLike<unknown> | undefined;
  if (typeof data !== "object" || data === null || typeof data.length !== "number") {
    return `${path}: a tensor without a data array`;
  }
  const expected = elementCount(raw.shape as number[]);
  if (data.length !== expected) {
    return `${path}: a tensor whose data holds ${data.length} elements for shape [${(raw.shape as number[]).join(", ")}] (${expected} expected)`;
  }
  return undefined;
}
