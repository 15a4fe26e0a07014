/**
 * Open Inference Protocol (KServe V2 / Triton) REST bodies for remote nodes:
 * `POST {url}/v2/models/{model}/infer`.
 *
 * Request: one input tensor per node input, named after it, as JSON
 * (`{ name, datatype, shape, data }`, data flat in row-major order). Node values that are not
 * tensors are converted: numbers to FP32, bigints to INT64, booleans to BOOL, strings and
 * Uint8Arrays to BYTES (a lone value has shape [1]), nested lists of one of these to a tensor of
 * their shape. FP16/BF16 tensors,
 * and BYTES elements that are not UTF-8, travel as binary data (Triton's binary tensor extension:
 * a `binary_data_size` parameter and the bytes after the JSON, whose length is given in the
 * `Inference-Header-Content-Length` header); so do all outputs when `binaryOutputs` is on (the
 * `binary_data_output` request parameter), which keeps INT64 values exact. A server that ignores
 * the extension answers JSON, which is read as well.
 *
 * Response: each output becomes a tensor value named after it. Numeric data come back as typed
 * arrays (BigInt64Array/BigUint64Array for INT64/UINT64, Float32Array of values for FP16/BF16),
 * BOOL as booleans, BYTES as Uint8Arrays. INT64 values beyond ±2^53 are exact only as binary data.
 */
import {
  bf16ToFloat,
  type Datatype,
  ELEMENT_BYTES,
  elementCount,
  encodeBytesElements,
  floatToBf16,
  floatToHalf,
  halfToFloat,
  InvalidArgumentError,
  isDatatype,
} from "@arbiter/core";
import type { NodeValue, NodeValues, TensorValue } from "../node-kind.ts";
import { describeValue, isTensor } from "../plugins/values.ts";
import type { HttpResponse } from "./http-exchange.ts";
import { type RemoteTarget, shapeError } from "./remote-errors.ts";

/** Request header giving the length of the JSON part of a body with binary data. */
export const INFERENCE_HEADER_CONTENT_LENGTH = "Inference-Header-Content-Length";

/** A request body ready to send. */
export interface EncodedRequest {
  readonly body: string | Uint8Array;
  readonly headers: Readonly<Record<string, string>>;
}

const utf8 = new TextEncoder();
const utf8Strict = new TextDecoder("utf-8", { fatal: true });
const MAX_NESTING = 32;

/** The path of the infer endpoint of `model` under a base URL. */
export function oipInferPath(model: string): string {
  return `/v2/models/${encodeURIComponent(model)}/infer`;
}

interface FlatTensor {
  readonly datatype: Datatype;
  readonly shape: readonly number[];
  readonly data: ArrayLike<unknown>;
}

function leafType(v: unknown): Datatype | undefined {
  if (typeof v === "number") return "FP32";
  if (typeof v === "bigint") return "INT64";
  if (typeof v === "boolean") return "BOOL";
  if (typeof v === "string" || v instanceof Uint8Array) return "BYTES";
  return undefined;
}

/** A node input as a tensor (see the module comment), or an InvalidArgumentError naming it. */
function toTensor(node: string, name: string, value: NodeValue): FlatTensor {
  if (isTensor(value)) return value;
  const field = `node "${node}" input "${name}"`;
  const expected = "a tensor, or a number, bigint, boolean or string, or equal-length nested lists of one of them";
  const shape: number[] = [];
  let probe: unknown = value;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    if (shape.length > MAX_NESTING) throw new InvalidArgumentError(field, expected, "lists nested too deep");
    probe = probe[0];
  }
  const datatype = leafType(probe);
  if (datatype === undefined && elementCount(shape) !== 0)
    throw new InvalidArgumentError(field, expected, describeValue(value));
  const data: unknown[] = [];
  const walk = (v: unknown, depth: number) => {
    if (depth === shape.length) {
      if (leafType(v) !== datatype)
        throw new InvalidArgumentError(
          field,
          expected,
          `a list mixing ${describeValue(probe)} and ${describeValue(v)}`,
        );
      data.push(typeof v === "string" ? utf8.encode(v) : v);
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[depth]) {
      throw new InvalidArgumentError(field, expected, "nested lists of different lengths");
    }
    for (const x of v) walk(x, depth + 1);
  };
  walk(value, 0);
  // A lone value is a one-element vector: rank-0 tensors are not something every server accepts.
  return { datatype: datatype ?? "FP32", shape: shape.length === 0 ? [1] : shape, data };
}

/** Raw little-endian bytes of a tensor that travels as binary data. */
function rawBytes(t: FlatTensor): Uint8Array {
  if (t.datatype === "BYTES") return encodeBytesElements(t.data as ArrayLike<Uint8Array>);
  const out = new Uint8Array(t.data.length * 2);
  const view = new DataView(out.buffer);
  const convert = t.datatype === "FP16" ? floatToHalf : floatToBf16;
  for (let i = 0; i < t.data.length; i++) view.setUint16(i * 2, convert(Number(t.data[i])), true);
  return out;
}

function jsonNumber(v: unknown): string {
  const n = Number(v);
  return Number.isFinite(n) ? String(n) : "null";
}

/** The JSON text of a tensor's data, or undefined when it must travel as binary data. */
function jsonData(t: FlatTensor): string | undefined {
  const d = t.data;
  const parts = new Array<string>(d.length);
  switch (t.datatype) {
    case "FP16":
    case "BF16":
      return undefined;
    case "BOOL":
      for (let i = 0; i < d.length; i++) parts[i] = d[i] ? "true" : "false";
      break;
    case "BYTES":
      for (let i = 0; i < d.length; i++) {
        const item = d[i];
        try {
          parts[i] = JSON.stringify(typeof item === "string" ? item : utf8Strict.decode(item as Uint8Array));
        } catch {
          return undefined;
        }
      }
      break;
    case "INT64":
    case "UINT64":
      for (let i = 0; i < d.length; i++) {
        const v = d[i];
        parts[i] = typeof v === "bigint" ? String(v) : String(Math.trunc(Number(v)));
      }
      break;
    case "FP32":
    case "FP64":
      for (let i = 0; i < d.length; i++) parts[i] = jsonNumber(d[i]);
      break;
    default:
      for (let i = 0; i < d.length; i++) parts[i] = String(Math.trunc(Number(d[i])));
  }
  return `[${parts.join(",")}]`;
}

/** Builds the infer request body for the node's inputs (see the module comment). */
export function encodeOipRequest(node: string, inputs: NodeValues, binaryOutputs: boolean): EncodedRequest {
  const binary: Uint8Array[] = [];
  const tensors: string[] = [];
  for (const [name, value] of Object.entries(inputs)) {
    const t = toTensor(node, name, value);
    if (elementCount(t.shape) !== t.data.length) {
      throw new InvalidArgumentError(
        `node "${node}" input "${name}"`,
        `${elementCount(t.shape)} elements for shape [${t.shape.join(", ")}]`,
        `${t.data.length}`,
      );
    }
    const head = `{"name":${JSON.stringify(name)},"datatype":"${t.datatype}","shape":[${t.shape.join(",")}]`;
    const data = jsonData(t);
    if (data !== undefined) {
      tensors.push(`${head},"data":${data}}`);
      continue;
    }
    const raw = rawBytes(t);
    binary.push(raw);
    tensors.push(`${head},"parameters":{"binary_data_size":${raw.byteLength}}}`);
  }
  const parameters = binaryOutputs ? `,"parameters":{"binary_data_output":true}` : "";
  const json = `{"inputs":[${tensors.join(",")}]${parameters}}`;
  if (binary.length === 0) return { body: json, headers: { "content-type": "application/json" } };
  const header = utf8.encode(json);
  const body = new Uint8Array(header.byteLength + binary.reduce((n, b) => n + b.byteLength, 0));
  body.set(header, 0);
  let at = header.byteLength;
  for (const b of binary) {
    body.set(b, at);
    at += b.byteLength;
  }
  return {
    body,
    headers: {
      "content-type": "application/octet-stream",
      [INFERENCE_HEADER_CONTENT_LENGTH]: String(header.byteLength),
    },
  };
}

type TypedArrayConstructor =
  | Int8ArrayConstructor
  | Uint8ArrayConstructor
  | Int16ArrayConstructor
  | Uint16ArrayConstructor
  | Int32ArrayConstructor
  | Uint32ArrayConstructor
  | Float32ArrayConstructor
  | Float64ArrayConstructor;

const TYPED: Partial<Record<Datatype, TypedArrayConstructor>> = {
  INT8: Int8Array,
  UINT8: Uint8Array,
  INT16: Int16Array,
  UINT16: Uint16Array,
  INT32: Int32Array,
  UINT32: Uint32Array,
  FP32: Float32Array,
  FP64: Float64Array,
};

/** Tensor data from raw little-endian bytes, or a string saying what is wrong with them. */
function dataFromRaw(datatype: Datatype, count: number, raw: Uint8Array): TensorValue["data"] | string {
  if (datatype === "BYTES") {
    const items: Uint8Array[] = [];
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    let at = 0;
    while (at < raw.byteLength) {
      if (at + 4 > raw.byteLength) return "bytes that are not length-prefixed elements";
      const n = view.getUint32(at, true);
      if (at + 4 + n > raw.byteLength) return "bytes that are not length-prefixed elements";
      items.push(raw.slice(at + 4, at + 4 + n));
      at += 4 + n;
    }
    return items.length === count ? items : `${items.length} BYTES elements`;
  }
  const size = ELEMENT_BYTES[datatype] as number;
  if (raw.byteLength !== count * size) return `${raw.byteLength} bytes`;
  const copy = raw.slice(); // aligned, owned
  const view = new DataView(copy.buffer);
  switch (datatype) {
    case "BOOL":
      return Array.from(copy, (b) => b !== 0);
    case "INT64":
      return new BigInt64Array(copy.buffer);
    case "UINT64":
      return new BigUint64Array(copy.buffer);
    case "FP16":
    case "BF16": {
      const out = new Float32Array(count);
      const toFloat = datatype === "FP16" ? halfToFloat : bf16ToFloat;
      for (let i = 0; i < count; i++) out[i] = toFloat(view.getUint16(i * 2, true));
      return out;
    }
    default:
      return new (TYPED[datatype] as TypedArrayConstructor)(copy.buffer);
  }
}

function flatten(value: unknown[], out: unknown[], depth: number): boolean {
  if (depth > MAX_NESTING) return false;
  for (const v of value) {
    if (Array.isArray(v)) {
      if (!flatten(v, out, depth + 1)) return false;
    } else out.push(v);
  }
  return true;
}

type JsonData = { readonly data: TensorValue["data"] } | { readonly bad: number; readonly expected: string };

/** Tensor data from JSON values, or the index and expectation of the first bad element. */
function dataFromJson(datatype: Datatype, values: unknown[]): JsonData {
  const n = values.length;
  switch (datatype) {
    case "BOOL": {
      const out: boolean[] = [];
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (typeof v === "boolean") out.push(v);
        else if (v === 0 || v === 1) out.push(v === 1);
        else return { bad: i, expected: "true or false" };
      }
      return { data: out };
    }
    case "BYTES": {
      const out: Uint8Array[] = [];
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (typeof v !== "string") return { bad: i, expected: "a string" };
        out.push(utf8.encode(v));
      }
      return { data: out };
    }
    case "INT64":
    case "UINT64": {
      const out = datatype === "INT64" ? new BigInt64Array(n) : new BigUint64Array(n);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        const ok = (typeof v === "number" && Number.isInteger(v)) || (typeof v === "string" && /^-?\d{1,20}$/.test(v));
        if (!ok) return { bad: i, expected: `a ${datatype} integer` };
        out[i] = BigInt(v as number | string);
      }
      return { data: out };
    }
    case "FP16":
    case "BF16":
    case "FP32":
    case "FP64": {
      const out = datatype === "FP64" ? new Float64Array(n) : new Float32Array(n);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (typeof v === "number") out[i] = v;
        else if (v === null || v === "NaN") out[i] = Number.NaN;
        else if (v === "Infinity" || v === "-Infinity") out[i] = Number(v);
        else return { bad: i, expected: "a number" };
      }
      return { data: out };
    }
    default: {
      const out = new (TYPED[datatype] as TypedArrayConstructor)(n);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (typeof v !== "number" || !Number.isInteger(v)) return { bad: i, expected: `a ${datatype} integer` };
        out[i] = v;
      }
      return { data: out };
    }
  }
}

/** Reads an infer response into tensor values by output name; shape errors name the field. */
export function decodeOipResponse(t: RemoteTarget, res: HttpResponse): NodeValues {
  const headerLength = res.headers.get(INFERENCE_HEADER_CONTENT_LENGTH);
  let jsonBytes = res.body;
  let binary: Uint8Array = new Uint8Array(0);
  if (headerLength !== null) {
    const n = Number(headerLength);
    if (!Number.isInteger(n) || n < 0 || n > res.body.byteLength) {
      throw shapeError(
        t,
        INFERENCE_HEADER_CONTENT_LENGTH,
        `at most ${res.body.byteLength}`,
        JSON.stringify(headerLength),
      );
    }
    jsonBytes = res.body.subarray(0, n);
    binary = res.body.subarray(n);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(jsonBytes));
  } catch {
    throw shapeError(t, "body", "Open Inference Protocol JSON", `${jsonBytes.byteLength} bytes that are not JSON`);
  }
  const outputs = (parsed as { outputs?: unknown } | null)?.outputs;
  if (!Array.isArray(outputs)) throw shapeError(t, "outputs", "a list of output tensors", describeValue(outputs));
  const values: Record<string, NodeValue> = {};
  let offset = 0;
  outputs.forEach((o: unknown, i) => {
    const f = `outputs[${i}]`;
    if (typeof o !== "object" || o === null) throw shapeError(t, f, "an output tensor", describeValue(o));
    const out = o as { name?: unknown; datatype?: unknown; shape?: unknown; data?: unknown; parameters?: unknown };
    if (typeof out.name !== "string" || out.name === "")
      throw shapeError(t, `${f}.name`, "a name", describeValue(out.name));
    if (typeof out.datatype !== "string" || !isDatatype(out.datatype)) {
      throw shapeError(t, `${f}.datatype`, "an Open Inference Protocol datatype", describeValue(out.datatype));
    }
    const datatype = out.datatype;
    if (!Array.isArray(out.shape) || !out.shape.every((d) => typeof d === "number" && Number.isInteger(d) && d >= 0)) {
      throw shapeError(t, `${f}.shape`, "a list of non-negative integers", describeValue(out.shape));
    }
    const shape = out.shape as number[];
    const count = elementCount(shape);
    const size = (out.parameters as { binary_data_size?: unknown } | undefined)?.binary_data_size;
    let data: TensorValue["data"];
    if (size !== undefined) {
      if (typeof size !== "number" || !Number.isInteger(size) || size < 0 || offset + size > binary.byteLength) {
        throw shapeError(
          t,
          `${f}.parameters.binary_data_size`,
          `at most the ${binary.byteLength - offset} binary bytes left`,
          describeValue(size),
        );
      }
      const decoded = dataFromRaw(datatype, count, binary.subarray(offset, offset + size));
      offset += size;
      if (typeof decoded === "string") {
        throw shapeError(
          t,
          `${f} binary data`,
          `${count} ${datatype} elements for shape [${shape.join(", ")}]`,
          decoded,
        );
      }
      data = decoded;
    } else {
      if (!Array.isArray(out.data)) throw shapeError(t, `${f}.data`, "a list of values", describeValue(out.data));
      const flat: unknown[] = [];
      if (!flatten(out.data, flat, 1)) throw shapeError(t, `${f}.data`, "lists nested at most 32 deep", "deeper lists");
      if (flat.length !== count) {
        throw shapeError(t, `${f}.data`, `${count} values for shape [${shape.join(", ")}]`, `${flat.length} values`);
      }
      const decoded = dataFromJson(datatype, flat);
      if ("bad" in decoded) {
        throw shapeError(t, `${f}.data[${decoded.bad}]`, decoded.expected, describeValue(flat[decoded.bad]));
      }
      data = decoded.data;
    }
    values[out.name] = { kind: "tensor", datatype, shape, data };
  });
  return values;
}
