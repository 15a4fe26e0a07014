/**
 * A pipeline's declared inputs (`PipelineInput`): the type notation (`"tensor:FP32"`, `"number"`,
 * `"string"`, `"bool"`, `"list"`, `"object"`), and the check a request's inputs pass before any
 * node runs.
 */
import { type Datatype, InvalidArgumentError, isDatatype } from "@arbiter/core";
import type { PipelineInput } from "@arbiter/proto";
import { isTensorValue, type NodeValue, type NodeValues } from "./node-kind.ts";

/** A parsed input type. `shape` is known only for tensors declared with one (-1: any size). */
export type ValueType =
  | { readonly kind: "tensor"; readonly datatype: Datatype; readonly shape: readonly number[] | undefined }
  | { readonly kind: "number" | "string" | "bool" | "list" | "object" };

const SCALAR_KINDS = new Set(["number", "string", "bool", "list", "object"]);

/** Parses a declared type; returns the problem (exact message) when it is not one. */
export function parseValueType(type: string, shape: readonly (number | bigint)[] = []): ValueType | string {
  if (SCALAR_KINDS.has(type)) return { kind: type as "number" };
  if (type.startsWith("tensor:")) {
    const datatype = type.slice("tensor:".length);
    if (!isDatatype(datatype)) return `unknown datatype "${datatype}" in "${type}"`;
    return { kind: "tensor", datatype, shape: shape.length === 0 ? undefined : shape.map(Number) };
  }
  return `unknown type "${type}"; expected "tensor:<DATATYPE>", "number", "string", "bool", "list" or "object"`;
}

/** Writes a type for messages: `number`, `tensor:FP32`, `tensor:FP32 [-1, 4]`. */
export function formatValueType(type: ValueType): string {
  if (type.kind !== "tensor") return type.kind;
  return type.shape === undefined ? `tensor:${type.datatype}` : `tensor:${type.datatype} [${type.shape.join(", ")}]`;
}

/** True when a concrete shape fits a declared one (same rank; -1 matches any size). */
export function shapeFits(declared: readonly number[], actual: readonly number[]): boolean {
  if (declared.length !== actual.length) return false;
  for (let i = 0; i < declared.length; i++) {
    const d = declared[i] as number;
    const a = actual[i] as number;
    if (d >= 0 && a >= 0 && d !== a) return false;
  }
  return true;
}

/** The type a value has, for messages: `number 12`, `string "abc"`, `tensor:INT64 [1, 4]`, `list of 3`. */
export function describeValue(value: NodeValue | undefined): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  switch (typeof value) {
    case "number":
    case "bigint":
      return `number ${value}`;
    case "boolean":
      return `bool ${value}`;
    case "string":
      return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  }
  if (value instanceof Uint8Array) return `bytes (${value.byteLength})`;
  if (Array.isArray(value)) return `list of ${value.length}`;
  if (isTensorValue(value)) return `tensor:${value.datatype} [${value.shape.join(", ")}]`;
  return "object";
}

function fits(type: ValueType, value: NodeValue): boolean {
  switch (type.kind) {
    case "number":
      return typeof value === "number" || typeof value === "bigint";
    case "string":
      return typeof value === "string";
    case "bool":
      return typeof value === "boolean";
    case "list":
      return Array.isArray(value);
    case "object":
      return (
        typeof value === "object" &&
        value !== null &&
        !Array.isArray(value) &&
        !(value instanceof Uint8Array) &&
        !isTensorValue(value)
      );
    case "tensor":
      return (
        isTensorValue(value) &&
        value.datatype === type.datatype &&
        (type.shape === undefined || shapeFits(type.shape, value.shape))
      );
  }
}

/** One declared input, parsed once when the pipeline is compiled. */
export interface DeclaredInput {
  readonly name: string;
  readonly type: ValueType;
  readonly required: boolean;
}

/** Parses the declared inputs of a valid pipeline (an unparseable type accepts anything). */
export function declaredInputs(inputs: readonly PipelineInput[]): DeclaredInput[] {
  return inputs.map((input) => {
    const type = parseValueType(input.type, input.shape);
    return { name: input.name, type: typeof type === "string" ? { kind: "object" } : type, required: input.required };
  });
}

/**
 * Checks a request's inputs against the declaration; throws InvalidArgumentError naming the input:
 * `inputs.amount: expected number, got string "12"`, `inputs.amount: expected number (required), got nothing`,
 * `inputs.amout: expected one of the declared inputs (amount, country), got an undeclared input`.
 */
export function checkInputs(declared: readonly DeclaredInput[], values: NodeValues): void {
  for (const input of declared) {
    const value = Object.hasOwn(values, input.name) ? values[input.name] : undefined;
    if (value === undefined) {
      if (input.required) {
        throw new InvalidArgumentError(`inputs.${input.name}`, `${formatValueType(input.type)} (required)`, "nothing");
      }
      continue;
    }
    if (!fits(input.type, value)) {
      throw new InvalidArgumentError(`inputs.${input.name}`, formatValueType(input.type), describeValue(value));
    }
  }
  for (const name of Object.keys(values)) {
    if (!declared.some((d) => d.name === name)) {
      const names = declared.map((d) => d.name).join(", ");
      throw new InvalidArgumentError(
        `inputs.${name}`,
        declared.length === 0 ? "no inputs (the pipeline declares none)" : `one of the declared inputs (${names})`,
        "an undeclared input",
      );
    }
  }
}
