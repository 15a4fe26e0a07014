/** Open Inference Protocol datatypes that ONNX has tensor types for. */
export type OipDatatype =
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

/** Bytes per element; BYTES is variable (4-byte little-endian length + bytes per element). */
export const ELEMENT_SIZE: Readonly<Record<OipDatatype, number | undefined>> = Object.freeze({
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

/** Every supported datatype. */
export const OIP_DATATYPES: readonly OipDatatype[] = Object.freeze(Object.keys(ELEMENT_SIZE) as OipDatatype[]);

/** True when `s` names a supported datatype. */
export function isOipDatatype(s: unknown): s is OipDatatype {
  return typeof s === "string" && Object.hasOwn(ELEMENT_SIZE, s);
}

/**
 * A tensor as the Open Inference Protocol carries it in `raw_input_contents`/`raw_output_contents`:
 * little-endian bytes in row-major order; BYTES elements as a 4-byte little-endian length + bytes.
 * Inputs are read in place (never modified); outputs are views over memory the addon owns.
 */
export interface Tensor {
  datatype: OipDatatype;
  shape: number[];
  data: Uint8Array;
}

/** Name, datatype and shape of a model input or output; dynamic dimensions are -1. */
export interface TensorMetadata {
  readonly name: string;
  readonly datatype: OipDatatype;
  readonly shape: readonly number[];
}

/** Encodes strings (or byte arrays) as a BYTES tensor payload. */
export function encodeBytes(items: ReadonlyArray<string | Uint8Array>): Buffer {
  const parts = items.map((item) => (typeof item === "string" ? Buffer.from(item, "utf8") : item));
  const out = Buffer.allocUnsafe(parts.reduce((n, p) => n + 4 + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    out.writeUInt32LE(p.byteLength, offset);
    out.set(p, offset + 4);
    offset += 4 + p.byteLength;
  }
  return out;
}

/** Decodes a BYTES tensor payload into its elements (views, not copies). */
export function decodeBytes(data: Uint8Array): Uint8Array[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const items: Uint8Array[] = [];
  let offset = 0;
  while (offset + 4 <= data.byteLength) {
    const len = view.getUint32(offset, true);
    items.push(data.subarray(offset + 4, offset + 4 + len));
    offset += 4 + len;
  }
  return items;
}

/** Number of length-prefixed elements in a BYTES payload, or -1 when it does not parse exactly. */
export function countBytesElements(data: Uint8Array): number {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let offset = 0;
  let count = 0;
  while (offset < data.byteLength) {
    if (offset + 4 > data.byteLength) return -1;
    offset += 4 + view.getUint32(offset, true);
    if (offset > data.byteLength) return -1;
    count++;
  }
  return count;
}
