/** Datatypes and tensors as the addon takes them; the datatype facts themselves live in @arbiter/core. */
import { type Datatype, ELEMENT_BYTES, isDatatype } from "@arbiter/core";

export { countBytesElements } from "@arbiter/core";

/** Open Inference Protocol datatypes that ONNX has tensor types for (all of them). */
export type OipDatatype = Datatype;

/** Bytes per element; BYTES is variable (4-byte little-endian length + bytes per element). */
export const ELEMENT_SIZE = ELEMENT_BYTES;

/** Every supported datatype. */
export const OIP_DATATYPES: readonly OipDatatype[] = Object.freeze(Object.keys(ELEMENT_SIZE) as OipDatatype[]);

/** True when `s` names a supported datatype. */
export function isOipDatatype(s: unknown): s is OipDatatype {
  return typeof s === "string" && isDatatype(s);
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
