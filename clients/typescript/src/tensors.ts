import { endianness } from "node:os";
import { create } from "@bufbuild/protobuf";
import { type Tensor, TensorSchema } from "./gen/arbiter/v1/common_pb.js";

/** The typed arrays a tensor's values may come in, one per numeric datatype. */
export type TensorArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | BigInt64Array
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | BigUint64Array;

/** Values of any datatype: a typed array, booleans (BOOL) or strings/bytes (BYTES). */
export type TensorValues = TensorArray | boolean[] | (string | Uint8Array)[];

// Raw tensor bytes are little-endian on the wire; typed arrays use the machine's order.
const LITTLE_ENDIAN = endianness() === "LE";

const ARRAYS = {
  FP32: Float32Array,
  FP64: Float64Array,
  INT8: Int8Array,
  INT16: Int16Array,
  INT32: Int32Array,
  INT64: BigInt64Array,
  UINT8: Uint8Array,
  UINT16: Uint16Array,
  UINT32: Uint32Array,
  UINT64: BigUint64Array,
} as const;

type NumericDatatype = keyof typeof ARRAYS;

function datatypeOf(values: TensorValues): string {
  if (Array.isArray(values)) return values.length > 0 && typeof values[0] === "boolean" ? "BOOL" : "BYTES";
  for (const [datatype, ctor] of Object.entries(ARRAYS)) if (values instanceof ctor) return datatype;
  throw new TypeError(`tensor values: expected a typed array, booleans or strings, got ${values}`);
}

function rawBytes(values: TensorArray): Uint8Array {
  const view = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  if (LITTLE_ENDIAN || values.BYTES_PER_ELEMENT === 1) return view;
  const out = new Uint8Array(view);
  for (let i = 0; i < out.length; i += values.BYTES_PER_ELEMENT)
    out.subarray(i, i + values.BYTES_PER_ELEMENT).reverse();
  return out;
}

/**
 * A tensor from native values: numbers travel as raw little-endian bytes (no per-element
 * encoding), booleans and strings as typed contents. `shape` defaults to one dimension.
 *
 *     tensor("features", new Float32Array(row), [1, 30])
 */
export function tensor(name: string, values: TensorValues, shape: readonly number[] = [values.length]): Tensor {
  const elements = shape.reduce((a, b) => a * b, 1);
  if (elements !== values.length) {
    throw new RangeError(`tensor ${name}: shape [${shape.join(", ")}] holds ${elements} values, got ${values.length}`);
  }
  const datatype = datatypeOf(values);
  const base = { name, datatype, shape: shape.map(BigInt) };
  if (datatype === "BOOL") {
    return create(TensorSchema, { ...base, data: { case: "contents", value: { boolContents: values as boolean[] } } });
  }
  if (datatype === "BYTES") {
    const encoder = new TextEncoder();
    const bytesContents = (values as (string | Uint8Array)[]).map((v) =>
      typeof v === "string" ? encoder.encode(v) : v,
    );
    return create(TensorSchema, { ...base, data: { case: "contents", value: { bytesContents } } });
  }
  return create(TensorSchema, { ...base, data: { case: "rawContents", value: rawBytes(values as TensorArray) } });
}

/** A tensor's shape as numbers. */
export function shapeOf(t: Tensor): number[] {
  return t.shape.map(Number);
}

/**
 * A tensor's values as native ones, whichever way the server sent them (raw bytes or typed
 * contents): a typed array for numeric datatypes, booleans for BOOL, byte strings for BYTES.
 */
export function values(t: Tensor): TensorValues {
  const contents = t.data.case === "contents" ? t.data.value : undefined;
  if (t.datatype === "BOOL") {
    return contents
      ? contents.boolContents
      : Array.from(t.data.case === "rawContents" ? t.data.value : [], (b) => b !== 0);
  }
  if (t.datatype === "BYTES") return contents ? contents.bytesContents : [];
  const ctor = ARRAYS[t.datatype as NumericDatatype];
  if (!ctor) throw new TypeError(`tensor ${t.name}: datatype ${t.datatype} has no typed array here`);
  if (t.data.case === "rawContents") {
    const raw = t.data.value;
    const copy = new Uint8Array(raw); // aligned, and ours to reorder
    if (!LITTLE_ENDIAN) {
      for (let i = 0; i < copy.length; i += ctor.BYTES_PER_ELEMENT)
        copy.subarray(i, i + ctor.BYTES_PER_ELEMENT).reverse();
    }
    return new ctor(copy.buffer, 0, copy.byteLength / ctor.BYTES_PER_ELEMENT);
  }
  if (!contents) return new ctor(0);
  switch (t.datatype as NumericDatatype) {
    case "FP32":
      return Float32Array.from(contents.fp32Contents);
    case "FP64":
      return Float64Array.from(contents.fp64Contents);
    case "INT64":
      return BigInt64Array.from(contents.int64Contents);
    case "UINT64":
      return BigUint64Array.from(contents.uint64Contents);
    case "UINT8":
    case "UINT16":
    case "UINT32":
      return (ctor as typeof Uint32Array).from(contents.uintContents);
    default:
      return (ctor as typeof Int32Array).from(contents.intContents);
  }
}
