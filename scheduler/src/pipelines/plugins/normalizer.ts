/**
 * The built-in `normalizer` plugin: numeric features to a standardized FP32 tensor, the input a
 * tabular model expects.
 *
 * Inputs:
 * - `features`: one row as a list of numbers or an object `{ name: number }`; several rows as a
 *   list of such lists or objects; or a numeric tensor whose last dimension is the feature count.
 *   Booleans count as 1 and 0; bigints are converted to numbers; anything else (or a non-finite
 *   number) is rejected with INVALID_ARGUMENT naming the row and feature.
 *
 * Outputs:
 * - `features`: FP32 tensor `[rows, n]` (one row gives `[1, n]`); a tensor input of rank 2 or more
 *   keeps its shape.
 *
 * Config: per-feature scaling, given as either
 * - `features`: a list of `{ name?, mean, std }` (standardize: `(x - mean) / std`) or
 *   `{ name?, min, max }` (rescale: `(x - min) / (max - min)`) items, one per column in order;
 *   `name` is required to read objects, and `default` (optional) stands in for a missing or null
 *   value of an object input; or
 * - `mean` and `std`: lists of numbers, one per column; or `min` and `max`: likewise.
 * `clip: true` clamps rescaled (min/max) values to [0, 1]; default false. `std` must be positive and
 * `max` greater than `min`.
 */
import { InvalidArgumentError } from "@arbiter/core";
import type { NodeValue, NodeValues } from "../node-kind.ts";
import type { BuiltinPlugin } from "./builtin-plugin.ts";
import { ConfigReader } from "./config-reader.ts";
import { describeValue, isTensor, tensor } from "./values.ts";

interface FeatureScale {
  name: string | undefined;
  /** x' = (x - offset) * factor */
  offset: number;
  factor: number;
  clip: boolean;
  fallback: number | undefined;
}

function finite(reader: ConfigReader, path: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v)) reader.fail(path, "a finite number", v);
  return v;
}

function scale(
  reader: ConfigReader,
  /** The field of `b` (std or max), named when it is out of range. */
  bPath: string,
  kind: "standard" | "range",
  a: number,
  b: number,
  clip: boolean,
): Pick<FeatureScale, "offset" | "factor" | "clip"> {
  if (kind === "standard") {
    if (!(b > 0)) reader.fail(bPath, "a positive number", b);
    return { offset: a, factor: 1 / b, clip: false };
  }
  if (!(b > a)) reader.fail(bPath, `a number greater than min (${a})`, b);
  return { offset: a, factor: 1 / (b - a), clip };
}

function prepare(node: string, config: Readonly<Record<string, unknown>> | undefined): FeatureScale[] {
  const reader: ConfigReader = new ConfigReader(node, config);
  reader.onlyKeys(["features", "mean", "std", "min", "max", "clip"]);
  const clip = reader.boolean("clip", false);
  if (reader.has("features")) {
    for (const key of ["mean", "std", "min", "max"]) {
      if (reader.has(key)) reader.fail(key, "no value beside features (give each feature its own)", reader.raw(key));
    }
    const list = reader.raw("features");
    if (!Array.isArray(list) || list.length === 0) reader.fail("features", "a non-empty list of features", list);
    const names = new Set<string>();
    return list.map((item, i) => {
      const path = `features[${i}]`;
      if (typeof item !== "object" || item === null || Array.isArray(item)) {
        reader.fail(path, "an object with mean and std, or min and max", item);
      }
      const f = item as Record<string, unknown>;
      for (const key of Object.keys(f)) {
        if (!["name", "mean", "std", "min", "max", "default"].includes(key)) {
          reader.fail(`${path}.${key}`, "one of name, mean, std, min, max, default", "an unknown field");
        }
      }
      const name = f.name;
      if (name !== undefined && (typeof name !== "string" || name === "")) reader.fail(`${path}.name`, "a name", name);
      if (name !== undefined) {
        if (names.has(name as string)) reader.fail(`${path}.name`, "a name used once", name);
        names.add(name as string);
      }
      const standard = f.mean !== undefined || f.std !== undefined;
      const range = f.min !== undefined || f.max !== undefined;
      if (standard === range) reader.fail(path, "either mean and std, or min and max", item);
      const scaled = standard
        ? scale(
            reader,
            `${path}.std`,
            "standard",
            finite(reader, `${path}.mean`, f.mean),
            finite(reader, `${path}.std`, f.std),
            clip,
          )
        : scale(
            reader,
            `${path}.max`,
            "range",
            finite(reader, `${path}.min`, f.min),
            finite(reader, `${path}.max`, f.max),
            clip,
          );
      const fallback = f.default === undefined ? undefined : finite(reader, `${path}.default`, f.default);
      return { name: name as string | undefined, fallback, ...scaled };
    });
  }
  const standard = reader.has("mean") || reader.has("std");
  const range = reader.has("min") || reader.has("max");
  if (standard === range) {
    reader.fail("features", "features, or mean and std, or min and max", undefined);
  }
  const [ka, kb] = standard ? (["mean", "std"] as const) : (["min", "max"] as const);
  const a = reader.numbers(ka);
  const b = reader.numbers(kb);
  if (a.length !== b.length) reader.fail(kb, `${a.length} numbers (as many as ${ka})`, b);
  return a.map((x, i) => ({
    name: undefined,
    fallback: undefined,
    ...scale(reader, `${kb}[${i}]`, standard ? "standard" : "range", x, b[i] as number, clip),
  }));
}

function toNumber(v: unknown): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "bigint") return Number(v);
  return undefined;
}

function readRow(node: string, row: NodeValue, r: number, features: FeatureScale[], out: Float32Array): void {
  const n = features.length;
  const field = (suffix: string) => `node "${node}" input "features"${suffix}`;
  if (Array.isArray(row)) {
    if (row.length !== n) throw new InvalidArgumentError(field(`[${r}]`), `${n} numbers`, `${row.length} values`);
    for (let i = 0; i < n; i++) {
      const x = toNumber(row[i]);
      if (x === undefined)
        throw new InvalidArgumentError(field(`[${r}][${i}]`), "a finite number", describeValue(row[i]));
      out[r * n + i] = apply(features[i] as FeatureScale, x);
    }
    return;
  }
  if (typeof row === "object" && row !== null && !isTensor(row) && !(row instanceof Uint8Array)) {
    const obj = row as Readonly<Record<string, NodeValue>>;
    for (let i = 0; i < n; i++) {
      const f = features[i] as FeatureScale;
      if (f.name === undefined) {
        throw new InvalidArgumentError(
          field(`[${r}]`),
          "a list of numbers (the features have no names in config)",
          "an object",
        );
      }
      const v = obj[f.name];
      const x = v === undefined || v === null ? f.fallback : toNumber(v);
      if (x === undefined)
        throw new InvalidArgumentError(field(`[${r}].${f.name}`), "a finite number", describeValue(v));
      out[r * n + i] = apply(f, x);
    }
    return;
  }
  throw new InvalidArgumentError(
    field(`[${r}]`),
    `a list of ${n} numbers or an object of features`,
    describeValue(row),
  );
}

function apply(f: FeatureScale, x: number): number {
  const y = (x - f.offset) * f.factor;
  return f.clip ? Math.min(1, Math.max(0, y)) : y;
}

function run(features: FeatureScale[], node: string, inputs: NodeValues): NodeValues {
  const n = features.length;
  const input = inputs.features;
  if (isTensor(input)) {
    const shape = input.shape;
    const last = shape[shape.length - 1];
    if (input.datatype === "BYTES" || last !== n) {
      throw new InvalidArgumentError(
        `node "${node}" input "features"`,
        `a numeric tensor whose last dimension is ${n}`,
        describeValue(input),
      );
    }
    const data = input.data as ArrayLike<unknown>;
    const out = new Float32Array(data.length);
    for (let i = 0; i < data.length; i++) {
      const x = toNumber(data[i]);
      if (x === undefined) {
        throw new InvalidArgumentError(
          `node "${node}" input "features" element ${i}`,
          "a finite number",
          describeValue(data[i]),
        );
      }
      out[i] = apply(features[i % n] as FeatureScale, x);
    }
    return { features: tensor("FP32", shape.length === 1 ? [1, n] : shape, out) };
  }
  const isRowList = Array.isArray(input) && input.length > 0 && input.every((r) => typeof r === "object" && r !== null);
  const rows: readonly NodeValue[] = isRowList ? (input as readonly NodeValue[]) : [input ?? null];
  if (input === undefined) {
    throw new InvalidArgumentError(`node "${node}" input "features"`, "numbers, an object or a tensor", "nothing");
  }
  const out = new Float32Array(rows.length * n);
  for (const [r, row] of rows.entries()) readRow(node, row, r, features, out);
  return { features: tensor("FP32", [rows.length, n], out) };
}

/** The built-in `normalizer` plugin (see the module comment for inputs, outputs and config). */
export const normalizerPlugin: BuiltinPlugin<FeatureScale[]> = {
  name: "normalizer",
  description:
    "Numeric features (list, object or tensor) to a standardized (mean/std) or rescaled (min/max) FP32 tensor",
  inputs: [
    { name: "features", description: "a list of numbers, an object of named features, rows of either, or a tensor" },
  ],
  outputs: [{ name: "features", type: "tensor:FP32", description: "[rows, n] scaled features" }],
  prepare,
  run,
};
