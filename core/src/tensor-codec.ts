/**
 * Tensor contents in the two forms the Open Inference Protocol allows: raw little-endian bytes
 * (one `bytes` entry per tensor) and typed repeated fields (`InferTensorContents`). Arbiter moves
 * raw bytes internally (what the native addon consumes without copying); typed contents are
 * converted at the edge, once.
 */
import { InvalidArgumentError } from "./errors.ts";

/** Open Inference Protocol datatype strings. */
export type Datatype =
  | "BOOL"
  | "UINT8"
  | "UINT16"
  | "UINT32"
  | "UINT64"
  | "INT8"
  | "INT16"
  | "INT32"
  | "INT64"
  | "FP16"
  | "BF16"
  | "FP32"
  | "FP64"
  | "BYTES";

/** Bytes per element; undefined for BYTES (4-byte little-endian length + bytes per element). */
export const ELEMENT_BYTES: Readonly<Record<Datatype, number | undefined>> = Object.freeze({
  BOOL: 1,
  UINT8: 1,
  INT8: 1,
  UINT16: 2,
  INT16: 2,
  FP16: 2,
  BF16: 2,
  UINT32: 4,
  INT32: 4,
  FP32: 4,
  UINT64: 8,
  INT64: 8,
  FP64: 8,
  BYTES: undefined,
});

export function isDatatype(s: string): s is Datatype {
  return Object.hasOwn(ELEMENT_BYTES, s);
}

/** The typed contents of a tensor: the fields of InferTensorContents / arbiter.v1.TensorContents. */
export interface TypedContents {
  boolContents: boolean[];
  intContents: number[];
  int64Contents: bigint[];
  uintContents: number[];
  uint64Contents: bigint[];
  fp32Contents: number[];
  fp64Contents: number[];
  bytesContents: Uint8Array[];
}

/** Which typed field carries each datatype (FP16 and BF16 travel only raw). */
export const TYPED_FIELD: Readonly<Record<Datatype, keyof TypedContents | undefined>> = Object.freeze({
  BOOL: "boolContents",
  INT8: "intContents",
  INT16: "intContents",
  INT32: "intContents",
  INT64: "int64Contents",
  UINT8: "uintContents",
  UINT16: "uintContents",
  UINT32: "uintContents",
  UINT64: "uint64Contents",
  FP32: "fp32Contents",
  FP64: "fp64Contents",
  BYTES: "bytesContents",
  FP16: undefined,
  BF16: undefined,
});

/** Number of elements of a shape (1 for a scalar). */
export function elementCount(shape: readonly (number | bigint)[]): number {
  let n = 1;
  for (const d of shape) n *= Number(d);
  return n;
}

/** Counts the elements of a raw BYTES tensor, or -1 when the bytes are not length-prefixed elements. */
export function countBytesElements(raw: Uint8Array): number {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  let offset = 0;
  let count = 0;
  while (offset < raw.byteLength) {
    if (offset + 4 > raw.byteLength) return -1;
    offset += 4 + view.getUint32(offset, true);
    if (offset > raw.byteLength) return -1;
    count++;
  }
  return count;
}

/**
 * Checks that raw bytes hold exactly product(shape) elements of the datatype; `field` names the
 * tensor in the error (e.g. `raw_input_contents[0] ("features")`).
 */
/** BYTES elements as raw contents: each a 4-byte little-endian length, then its bytes. */
export function encodeBytesElements(items: ArrayLike<Uint8Array>): Uint8Array {
  let total = 0;
  for (let i = 0; i < items.length; i++) total += 4 + (items[i] as Uint8Array).byteLength;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let at = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as Uint8Array;
    view.setUint32(at, item.byteLength, true);
    out.set(item, at + 4);
    at += 4 + item.byteLength;
  }
  return out;
}

export function checkRawSize(
  field: string,
  datatype: Datatype,
  shape: readonly (number | bigint)[],
  raw: Uint8Array,
): void {
  const elements = elementCount(shape);
  const size = ELEMENT_BYTES[datatype];
  const shapeText = `[${shape.join(", ")}]`;
  if (size !== undefined) {
    if (raw.byteLength !== elements * size) {
      throw new InvalidArgumentError(
        field,
        `${elements * size} bytes (${elements} ${datatype} elements of shape ${shapeText})`,
        `${raw.byteLength} bytes`,
      );
    }
    return;
  }
  const count = countBytesElements(raw);
  if (count !== elements) {
    throw new InvalidArgumentError(
      field,
      `${elements} BYTES elements of shape ${shapeText}`,
      count < 0 ? `${raw.byteLength} bytes that are not length-prefixed elements` : `${count} elements`,
    );
  }
}

/** Converts typed contents to raw little-endian bytes. */
export function typedToRaw(
  field: string,
  datatype: Datatype,
  shape: readonly (number | bigint)[],
  contents: TypedContents,
): Uint8Array {
  const key = TYPED_FIELD[datatype];
  if (key === undefined)
    throw new InvalidArgumentError(field, `${datatype} as raw contents (it has no typed field)`, "typed contents");
  const values = contents[key] as ArrayLike<unknown>;
  const elements = elementCount(shape);
  if (values.length !== elements) {
    throw new InvalidArgumentError(
      `${field}.${snake(key)}`,
      `${elements} values for shape [${shape.join(", ")}]`,
      `${values.length} values`,
    );
  }
  if (datatype === "BYTES") return encodeBytesElements(contents.bytesContents);
  const size = ELEMENT_BYTES[datatype] as number;
  const out = new Uint8Array(elements * size);
  const view = new DataView(out.buffer);
  for (let i = 0; i < elements; i++) writeElement(view, datatype, i * size, values[i]);
  return out;
}

/**
 * One element of a raw little-endian tensor (not BOOL, BYTES, FP16 or BF16: callers handle those
 * element types themselves).
 */
export function readElement(view: DataView, datatype: Datatype, at: number): number | bigint {
  switch (datatype) {
    case "INT8":
      return view.getInt8(at);
    case "UINT8":
      return view.getUint8(at);
    case "INT16":
      return view.getInt16(at, true);
    case "UINT16":
      return view.getUint16(at, true);
    case "INT32":
      return view.getInt32(at, true);
    case "UINT32":
      return view.getUint32(at, true);
    case "INT64":
      return view.getBigInt64(at, true);
    case "UINT64":
      return view.getBigUint64(at, true);
    case "FP32":
      return view.getFloat32(at, true);
    default:
      return view.getFloat64(at, true);
  }
}

/** Writes one element of a raw little-endian tensor (BOOL as 0/1; not BYTES, FP16 or BF16). */
export function writeElement(view: DataView, datatype: Datatype, at: number, v: unknown): void {
  switch (datatype) {
    case "BOOL":
      view.setUint8(at, v ? 1 : 0);
      return;
    case "INT8":
      view.setInt8(at, Number(v));
      return;
    case "UINT8":
      view.setUint8(at, Number(v));
      return;
    case "INT16":
      view.setInt16(at, Number(v), true);
      return;
    case "UINT16":
      view.setUint16(at, Number(v), true);
      return;
    case "INT32":
      view.setInt32(at, Number(v), true);
      return;
    case "UINT32":
      view.setUint32(at, Number(v), true);
      return;
    case "INT64":
      view.setBigInt64(at, BigInt(v as bigint), true);
      return;
    case "UINT64":
      view.setBigUint64(at, BigInt(v as bigint), true);
      return;
    case "FP32":
      view.setFloat32(at, Number(v), true);
      return;
    default:
      view.setFloat64(at, Number(v), true);
      return;
  }
}

/** Converts raw little-endian bytes to typed contents (for JSON answers and typed clients). */
export function rawToTyped(datatype: Datatype, raw: Uint8Array): Partial<TypedContents> {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const size = ELEMENT_BYTES[datatype];
  if (datatype === "BYTES") {
    const items: Uint8Array[] = [];
    let offset = 0;
    while (offset + 4 <= raw.byteLength) {
      const length = view.getUint32(offset, true);
      items.push(raw.subarray(offset + 4, offset + 4 + length));
      offset += 4 + length;
    }
    return { bytesContents: items };
  }
  if (size === undefined || TYPED_FIELD[datatype] === undefined) return {};
  const n = raw.byteLength / size;
  const read = (i: number): number | bigint | boolean =>
    datatype === "BOOL" ? view.getUint8(i * size) !== 0 : readElement(view, datatype, i * size);
  const values = Array.from({ length: n }, (_, i) => read(i));
  return { [TYPED_FIELD[datatype] as string]: values } as Partial<TypedContents>;
}

function snake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replace(/([a-z])(\d)/, "$1$2");
}
