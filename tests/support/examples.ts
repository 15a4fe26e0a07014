/** The example models and their expected outputs (examples/models/expected.json). */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const DIR = fileURLToPath(new URL("../../examples/models/", import.meta.url));

interface ExampleTensor {
  datatype: string;
  shape: number[];
  data: unknown[];
}

export interface ExampleCase {
  inputs: Record<string, ExampleTensor>;
  outputs: Record<string, ExampleTensor>;
}

export const EXPECTED = JSON.parse(readFileSync(`${DIR}/expected.json`, "utf8")) as Record<string, ExampleCase>;

/** The .onnx bytes of an example model. */
export function exampleModel(name: string): Uint8Array {
  return readFileSync(`${DIR}/${name}.onnx`);
}

/** Row-major FP32 little-endian bytes of a nested number array. */
export function fp32Bytes(data: unknown[]): Uint8Array {
  const flat = (data as unknown[]).flat(Number.POSITIVE_INFINITY) as number[];
  return new Uint8Array(Float32Array.from(flat).buffer);
}

/** Decodes raw little-endian bytes of FP32 or INT64 into numbers. */
export function decodeRaw(datatype: string, raw: Uint8Array): number[] {
  const copy = new Uint8Array(raw); // a copy: Buffer.slice would be a view into a shared pool
  if (datatype === "FP32") return [...new Float32Array(copy.buffer)];
  if (datatype === "INT64") return [...new BigInt64Array(copy.buffer)].map(Number);
  throw new Error(`decodeRaw: ${datatype} not needed by the examples`);
}

/** Asserts numbers are equal within a relative tolerance (ONNX Runtime kernels may reorder sums). */
export function closeTo(actual: number[], expected: number[], relative = 1e-5): boolean {
  return (
    actual.length === expected.length &&
    actual.every(
      (a, i) => Math.abs(a - (expected[i] as number)) <= relative * Math.max(1, Math.abs(expected[i] as number)),
    )
  );
}

/**
 * A valid, loadable ONNX model of at least `size` bytes: the risk classifier with a long
 * `doc_string` (ModelProto field 6) appended — protobuf lets a later field occurrence win.
 */
export function paddedModel(size: number): Uint8Array {
  const base = exampleModel("risk-classifier");
  const padding = Math.max(0, size - base.byteLength);
  const varint: number[] = [];
  for (let n = padding; ; n = Math.floor(n / 128)) {
    if (n < 128) {
      varint.push(n);
      break;
    }
    varint.push((n % 128) | 0x80);
  }
  return Buffer.concat([base, Buffer.from([(6 << 3) | 2, ...varint]), Buffer.alloc(padding, 0x61)]);
}
