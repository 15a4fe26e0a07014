/**
 * JSON <-> `inference.*` messages for the Open Inference Protocol REST routes, including Triton's
 * binary tensor data extension (`binary_data_size`, `binary_data`, `binary_data_output`).
 *
 * Inputs always reach the backend as raw little-endian bytes (`raw_input_contents`): JSON data is
 * validated element by element and encoded once, binary data is passed on as views of the request
 * body. Outputs come back raw and are either appended to the answer as binary data or written as
 * JSON arrays.
 *
 * INT64/UINT64 values travel exactly both ways, also beyond ±2^53 (see {@link parseJsonBody}).
 * Non-finite floats are written as `null` (JSON has no NaN or Infinity) and
 * `null` is read back as NaN.
 */
import {
  bf16ToFloat,
  checkRawSize,
  type Datatype,
  elementCount,
  halfToFloat,
  InvalidArgumentError,
  isDatatype,
  rawToTyped,
  type TypedContents,
  typedToRaw,
} from "@arbiter/core";
import {
  type InferParameter,
  InferParameterSchema,
  type InferTensorContents,
  type ModelInferRequest,
  type ModelInferRequest_InferInputTensorSchema,
  type ModelInferRequest_InferRequestedOutputTensorSchema,
  ModelInferRequestSchema,
  type ModelInferResponse,
  type ModelMetadataResponse,
  type ServerMetadataResponse,
} from "@arbiter/proto/inference";
import { create, type MessageInitShape } from "@bufbuild/protobuf";

/** Input parameter giving the byte size of a tensor sent as binary data after the JSON header. */
export const BINARY_DATA_SIZE = "binary_data_size";
/** Output parameter asking for the output as binary data. */
export const BINARY_DATA = "binary_data";
/** Request parameter asking for every output as binary data (unless an output says otherwise). */
export const BINARY_DATA_OUTPUT = "binary_data_output";

/** How deep `data` arrays may nest: tensors deeper than this are not tensors anyone sends. */
const MAX_DATA_DEPTH = 64;

/** The REST request, translated. */
export interface ParsedInferRequest {
  request: ModelInferRequest;
  /** The request parameter `timeout` (microseconds, as Triton's clients send it), if given. */
  timeoutMicros: number | undefined;
  /** Whether the named output is to be returned as binary data. */
  binaryOutput(name: string): boolean;
}

/** A rendered answer: the JSON text, and the binary tensors that follow it (none for plain JSON). */
export interface RenderedInferResponse {
  json: string;
  binary: Uint8Array[];
}

type JsonObject = Record<string, unknown>;

/** Describes a received JSON value for error messages: `"abc"`, `12`, `an object`. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
    case "number":
    case "bigint":
    case "boolean":
      return String(value);
    case "undefined":
      return "nothing";
    default:
      return "an object";
  }
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const BIG_KEY = "\u0000bigint";
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * Rewrites integer literals of 16 digits or more (outside strings) as `{"\u0000bigint": "<digits>"}`
 * so that a reviver can turn them into exact bigints; returns undefined when there are none.
 */
function markBigIntegers(text: string): string | undefined {
  if (!/\d{16}/.test(text)) return undefined;
  const parts: string[] = [];
  let last = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // a string: skip to its closing quote
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i += 2;
        else if (d === 0x22) break;
        else i++;
      }
      i++;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const start = i;
      i++;
      let integer = true;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d >= 0x30 && d <= 0x39) i++;
        else if (d === 0x2e || d === 0x65 || d === 0x45 || d === 0x2b || d === 0x2d) {
          integer = false;
          i++;
        } else break;
      }
      const digits = i - start - (c === 0x2d ? 1 : 0);
      if (integer && digits >= 16) {
        parts.push(text.slice(last, start), `{"\\u0000bigint":"${text.slice(start, i)}"}`);
        last = i;
      }
    } else i++;
  }
  if (parts.length === 0) return undefined;
  parts.push(text.slice(last));
  return parts.join("");
}

function reviveBigInt(_key: string, value: unknown): unknown {
  if (isObject(value)) {
    const digits = value[BIG_KEY];
    if (typeof digits === "string" && /^-?\d+$/.test(digits) && Object.keys(value).length === 1) {
      const big = BigInt(digits);
      return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
    }
  }
  return value;
}

/**
 * Parses a JSON request body (or the JSON header of a binary request). Integers beyond ±2^53 are
 * returned as exact bigints (Triton's clients send INT64/UINT64 data and uint64 parameters such as
 * `sequence_id` as plain JSON integers); every other number is a double.
 */
export function parseJsonBody(text: string, what: string): unknown {
  try {
    const marked = markBigIntegers(text);
    return marked === undefined ? JSON.parse(text) : JSON.parse(marked, reviveBigInt);
  } catch (err) {
    throw new InvalidArgumentError(what, "valid JSON", `malformed JSON (${(err as Error).message})`);
  }
}

/** JSON parameter values -> InferParameter map (bool, int64, double or string). */
export function parametersFromJson(value: unknown, field: string, skip?: string): { [key: string]: InferParameter } {
  const out: { [key: string]: InferParameter } = {};
  if (value === undefined) return out;
  if (!isObject(value)) throw new InvalidArgumentError(field, "an object of parameters", describe(value));
  for (const [key, v] of Object.entries(value)) {
    if (key === skip) continue;
    out[key] = create(InferParameterSchema, { parameterChoice: parameterChoiceFromJson(v, `${field}.${key}`) });
  }
  return out;
}

function parameterChoiceFromJson(v: unknown, field: string): InferParameter["parameterChoice"] {
  if (typeof v === "boolean") return { case: "boolParam", value: v };
  if (typeof v === "string") return { case: "stringParam", value: v };
  if (typeof v === "number") {
    if (Number.isSafeInteger(v)) return { case: "int64Param", value: BigInt(v) };
    if (Number.isFinite(v)) return { case: "doubleParam", value: v };
  }
  if (typeof v === "bigint") {
    if (v >= INT64_MIN && v <= INT64_MAX) return { case: "int64Param", value: v };
    if (v > 0n && v <= UINT64_MAX) return { case: "uint64Param", value: v };
    return { case: "doubleParam", value: Number(v) };
  }
  throw new InvalidArgumentError(field, "a bool, number or string", describe(v));
}

function parameterToJson(p: InferParameter): string {
  const choice = p.parameterChoice;
  switch (choice.case) {
    case "boolParam":
      return choice.value ? "true" : "false";
    case "int64Param":
    case "uint64Param":
      return String(choice.value);
    case "doubleParam":
      return Number.isFinite(choice.value) ? String(choice.value) : "null";
    case "stringParam":
      return JSON.stringify(choice.value);
    default:
      return "null";
  }
}

/** An InferParameter map as a JSON object text; `extra` entries are already JSON text. */
export function parametersToJson(map: { [key: string]: InferParameter }, extra: [string, string][] = []): string {
  const parts = Object.entries(map).map(([k, p]) => `${JSON.stringify(k)}:${parameterToJson(p)}`);
  for (const [k, text] of extra) parts.push(`${JSON.stringify(k)}:${text}`);
  return `{${parts.join(",")}}`;
}

function optionalBool(params: unknown, key: string, field: string): boolean | undefined {
  if (!isObject(params)) return undefined;
  const v = params[key];
  if (v === undefined) return undefined;
  if (typeof v !== "boolean") throw new InvalidArgumentError(`${field}.${key}`, "true or false", describe(v));
  return v;
}

function parseShape(value: unknown, field: string): bigint[] {
  if (!Array.isArray(value)) throw new InvalidArgumentError(field, "an array of dimensions", describe(value));
  return value.map((d, i) => {
    if (typeof d !== "number" || !Number.isSafeInteger(d) || d < 0) {
      throw new InvalidArgumentError(`${field}[${i}]`, "a non-negative integer", describe(d));
    }
    return BigInt(d);
  });
}

/** Flattens nested (row-major) `data` arrays into `out`. */
function flatten(value: unknown[], out: unknown[], field: string, depth: number): void {
  if (depth > MAX_DATA_DEPTH)
    throw new InvalidArgumentError(field, `data nested at most ${MAX_DATA_DEPTH} deep`, "deeper nesting");
  for (const v of value) {
    if (Array.isArray(v)) flatten(v, out, field, depth + 1);
    else out.push(v);
  }
}

const INT_RANGE: Partial<Record<Datatype, [number, number]>> = {
  INT8: [-128, 127],
  INT16: [-32768, 32767],
  INT32: [-2147483648, 2147483647],
  UINT8: [0, 255],
  UINT16: [0, 65535],
  UINT32: [0, 4294967295],
};

const textEncoder = new TextEncoder();
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Validates flat JSON values for a datatype and returns them as typed contents. */
function typedFromJson(values: unknown[], datatype: Datatype, field: string): TypedContents {
  const contents: TypedContents = {
    boolContents: [],
    intContents: [],
    int64Contents: [],
    uintContents: [],
    uint64Contents: [],
    fp32Contents: [],
    fp64Contents: [],
    bytesContents: [],
  };
  const fail = (i: number, expected: string): never => {
    throw new InvalidArgumentError(`${field}.data[${i}]`, expected, describe(values[i]));
  };
  switch (datatype) {
    case "BOOL":
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (typeof v !== "boolean") fail(i, "true or false");
        contents.boolContents.push(v as boolean);
      }
      break;
    case "INT8":
    case "INT16":
    case "INT32":
    case "UINT8":
    case "UINT16":
    case "UINT32": {
      const [lo, hi] = INT_RANGE[datatype] as [number, number];
      const target = datatype.startsWith("U") ? contents.uintContents : contents.intContents;
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (typeof v !== "number" || !Number.isInteger(v) || v < lo || v > hi) {
          fail(i, `a ${datatype} integer (${lo} to ${hi})`);
        }
        target.push(v as number);
      }
      break;
    }
    case "INT64":
    case "UINT64": {
      const unsigned = datatype === "UINT64";
      const [lo, hi] = unsigned ? [0n, UINT64_MAX] : [INT64_MIN, INT64_MAX];
      const target = unsigned ? contents.uint64Contents : contents.int64Contents;
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        const big = typeof v === "bigint" ? v : typeof v === "number" && Number.isInteger(v) ? BigInt(v) : undefined;
        if (big === undefined || big < lo || big > hi) fail(i, `a ${datatype} integer (${lo} to ${hi})`);
        target.push(big as bigint);
      }
      break;
    }
    case "FP32":
    case "FP64": {
      const target = datatype === "FP32" ? contents.fp32Contents : contents.fp64Contents;
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (v === null) target.push(Number.NaN);
        else if (typeof v === "number" || typeof v === "bigint") target.push(Number(v));
        else fail(i, "a number (or null for NaN)");
      }
      break;
    }
    case "BYTES":
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (typeof v !== "string") fail(i, "a string");
        contents.bytesContents.push(textEncoder.encode(v as string));
      }
      break;
    default:
      throw new InvalidArgumentError(
        field,
        `${datatype} data as binary data (a "${BINARY_DATA_SIZE}" parameter); JSON has no ${datatype} numbers`,
        "JSON data",
      );
  }
  return contents;
}

/**
 * Translates a REST inference request into a ModelInferRequest with raw inputs.
 *
 * `binary` is what follows the JSON header (undefined when the request had no
 * `Inference-Header-Content-Length`); its bytes are consumed by the inputs that carry
 * `binary_data_size`, in order, and must be consumed exactly.
 */
export function parseInferRequest(
  modelName: string,
  modelVersion: string,
  body: unknown,
  binary: Uint8Array | undefined,
): ParsedInferRequest {
  if (!isObject(body)) throw new InvalidArgumentError("request", "a JSON object", describe(body));
  const id = body.id ?? "";
  if (typeof id !== "string") throw new InvalidArgumentError("id", "a string", describe(id));

  const binaryOutputDefault = optionalBool(body.parameters, BINARY_DATA_OUTPUT, "parameters") ?? false;
  const parameters = parametersFromJson(body.parameters, "parameters", BINARY_DATA_OUTPUT);
  const timeout = parameters.timeout?.parameterChoice;
  let timeoutMicros: number | undefined;
  if (timeout !== undefined) {
    const v =
      timeout.case === "int64Param" || timeout.case === "uint64Param"
        ? Number(timeout.value)
        : timeout.case === "doubleParam"
          ? timeout.value
          : Number.NaN;
    if (!(v >= 0))
      throw new InvalidArgumentError(
        "parameters.timeout",
        "a non-negative number of microseconds",
        describe((body.parameters as JsonObject).timeout),
      );
    timeoutMicros = v;
  }

  if (!Array.isArray(body.inputs))
    throw new InvalidArgumentError("inputs", "an array of input tensors", describe(body.inputs));
  const inputs: MessageInitShape<typeof ModelInferRequest_InferInputTensorSchema>[] = [];
  const raw: Uint8Array[] = [];
  let offset = 0;
  body.inputs.forEach((input: unknown, i: number) => {
    let field = `inputs[${i}]`;
    if (!isObject(input)) throw new InvalidArgumentError(field, "an input tensor object", describe(input));
    if (typeof input.name !== "string" || input.name === "") {
      throw new InvalidArgumentError(`${field}.name`, "a non-empty string", describe(input.name));
    }
    field = `input "${input.name}"`;
    const datatype = input.datatype;
    if (typeof datatype !== "string" || !isDatatype(datatype)) {
      throw new InvalidArgumentError(
        `${field} datatype`,
        "one of BOOL, UINT8..UINT64, INT8..INT64, FP16, BF16, FP32, FP64, BYTES",
        describe(datatype),
      );
    }
    const shape = parseShape(input.shape, `${field} shape`);
    const size = isObject(input.parameters) ? input.parameters[BINARY_DATA_SIZE] : undefined;
    let bytes: Uint8Array;
    if (size !== undefined) {
      if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) {
        throw new InvalidArgumentError(
          `${field} parameters.${BINARY_DATA_SIZE}`,
          "a non-negative integer",
          describe(size),
        );
      }
      if (input.data !== undefined)
        throw new InvalidArgumentError(field, `either "data" or "${BINARY_DATA_SIZE}"`, "both");
      if (binary === undefined) {
        throw new InvalidArgumentError(
          field,
          `a request with an Inference-Header-Content-Length header (it has "${BINARY_DATA_SIZE}": ${size})`,
          "a request without one",
        );
      }
      if (offset + size > binary.byteLength) {
        throw new InvalidArgumentError(
          `${field} ${BINARY_DATA_SIZE}`,
          `at most the ${binary.byteLength - offset} bytes of binary data left in the body`,
          `${size}`,
        );
      }
      bytes = binary.subarray(offset, offset + size);
      offset += size;
      checkRawSize(field, datatype, shape, bytes);
    } else {
      if (!Array.isArray(input.data)) {
        throw new InvalidArgumentError(
          `${field} data`,
          `an array of values (or a "${BINARY_DATA_SIZE}" parameter)`,
          describe(input.data),
        );
      }
      if (datatype === "FP16" || datatype === "BF16") {
        throw new InvalidArgumentError(
          field,
          `${datatype} data as binary data (a "${BINARY_DATA_SIZE}" parameter); JSON has no ${datatype} numbers`,
          "JSON data",
        );
      }
      const values: unknown[] = [];
      flatten(input.data, values, field, 1);
      const expected = elementCount(shape);
      if (values.length !== expected) {
        throw new InvalidArgumentError(
          `${field} data`,
          `${expected} values for shape [${shape.join(", ")}]`,
          `${values.length} values`,
        );
      }
      bytes = typedToRaw(field, datatype, shape, typedFromJson(values, datatype, field));
    }
    raw.push(bytes);
    inputs.push({
      name: input.name,
      datatype,
      shape,
      parameters: parametersFromJson(input.parameters, `${field} parameters`, BINARY_DATA_SIZE),
    });
  });
  if (binary !== undefined && offset !== binary.byteLength) {
    throw new InvalidArgumentError(
      "binary data",
      `the ${BINARY_DATA_SIZE} parameters to add up to the ${binary.byteLength} bytes after the JSON header`,
      `${offset} bytes`,
    );
  }

  const binaryOutputs = new Map<string, boolean>();
  const outputs: MessageInitShape<typeof ModelInferRequest_InferRequestedOutputTensorSchema>[] = [];
  if (body.outputs !== undefined) {
    if (!Array.isArray(body.outputs))
      throw new InvalidArgumentError("outputs", "an array of requested outputs", describe(body.outputs));
    body.outputs.forEach((output: unknown, i: number) => {
      const field = `outputs[${i}]`;
      if (!isObject(output)) throw new InvalidArgumentError(field, "a requested output object", describe(output));
      if (typeof output.name !== "string" || output.name === "") {
        throw new InvalidArgumentError(`${field}.name`, "a non-empty string", describe(output.name));
      }
      const binaryFlag = optionalBool(output.parameters, BINARY_DATA, `output "${output.name}" parameters`);
      if (binaryFlag !== undefined) binaryOutputs.set(output.name, binaryFlag);
      outputs.push({
        name: output.name,
        parameters: parametersFromJson(output.parameters, `output "${output.name}" parameters`, BINARY_DATA),
      });
    });
  }

  const request = create(ModelInferRequestSchema, {
    modelName,
    modelVersion,
    id,
    parameters,
    inputs,
    outputs,
    rawInputContents: raw,
  });
  return {
    request,
    timeoutMicros,
    binaryOutput: (name) => binaryOutputs.get(name) ?? binaryOutputDefault,
  };
}

function numberText(v: number): string {
  return Number.isFinite(v) ? String(v) : "null";
}

/** Raw tensor bytes as the text of a flat JSON array. */
export function rawToJsonData(name: string, datatype: string, raw: Uint8Array): string {
  if (!isDatatype(datatype))
    throw new InvalidArgumentError(`output "${name}" datatype`, "a known datatype", describe(datatype));
  if (datatype === "FP16" || datatype === "BF16") {
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const parts: string[] = [];
    for (let at = 0; at + 2 <= raw.byteLength; at += 2) {
      const bits = view.getUint16(at, true);
      parts.push(numberText(datatype === "FP16" ? halfToFloat(bits) : bf16ToFloat(bits)));
    }
    return `[${parts.join(",")}]`;
  }
  const typed = rawToTyped(datatype, raw);
  if (datatype === "BYTES") {
    const items = typed.bytesContents ?? [];
    return `[${items
      .map((b) => {
        try {
          return JSON.stringify(utf8.decode(b));
        } catch {
          throw new InvalidArgumentError(
            `output "${name}"`,
            `UTF-8 text to write as JSON (ask for it with "${BINARY_DATA}": true)`,
            "bytes that are not UTF-8",
          );
        }
      })
      .join(",")}]`;
  }
  const values = Object.values(typed)[0] as (number | bigint | boolean)[] | undefined;
  if (values === undefined) return "[]";
  if (datatype === "FP32" || datatype === "FP64") return `[${(values as number[]).map(numberText).join(",")}]`;
  return `[${values.join(",")}]`;
}

function typedContentsOf(contents: InferTensorContents): TypedContents {
  return {
    boolContents: contents.boolContents,
    intContents: contents.intContents,
    int64Contents: contents.int64Contents,
    uintContents: contents.uintContents,
    uint64Contents: contents.uint64Contents,
    fp32Contents: contents.fp32Contents,
    fp64Contents: contents.fp64Contents,
    bytesContents: contents.bytesContents,
  };
}

/**
 * Renders a ModelInferResponse as the REST answer. Outputs for which `binaryOutput(name)` holds
 * are appended as binary data (views of the backend's buffers, not copies), with a
 * `binary_data_size` parameter; the others are written as JSON `data` arrays.
 */
export function renderInferResponse(
  response: ModelInferResponse,
  binaryOutput: (name: string) => boolean,
): RenderedInferResponse {
  const binary: Uint8Array[] = [];
  const outputs = response.outputs.map((output, i) => {
    const datatype = output.datatype;
    let raw = response.rawOutputContents[i];
    if (raw === undefined) {
      if (!isDatatype(datatype))
        throw new InvalidArgumentError(`output "${output.name}" datatype`, "a known datatype", describe(datatype));
      raw = typedToRaw(
        `output "${output.name}"`,
        datatype,
        output.shape,
        typedContentsOf(output.contents ?? ({} as InferTensorContents)),
      );
    }
    const head = `"name":${JSON.stringify(output.name)},"datatype":${JSON.stringify(datatype)},"shape":[${output.shape.join(",")}]`;
    if (binaryOutput(output.name)) {
      binary.push(raw);
      return `{${head},"parameters":${parametersToJson(output.parameters, [[BINARY_DATA_SIZE, String(raw.byteLength)]])}}`;
    }
    const params =
      Object.keys(output.parameters).length > 0 ? `,"parameters":${parametersToJson(output.parameters)}` : "";
    return `{${head}${params},"data":${rawToJsonData(output.name, datatype, raw)}}`;
  });
  const fields = [`"model_name":${JSON.stringify(response.modelName)}`];
  if (response.modelVersion !== "") fields.push(`"model_version":${JSON.stringify(response.modelVersion)}`);
  fields.push(`"id":${JSON.stringify(response.id)}`);
  if (Object.keys(response.parameters).length > 0) fields.push(`"parameters":${parametersToJson(response.parameters)}`);
  fields.push(`"outputs":[${outputs.join(",")}]`);
  return { json: `{${fields.join(",")}}`, binary };
}

/** Server metadata as OIP JSON. */
export function serverMetadataToJson(m: ServerMetadataResponse): string {
  return JSON.stringify({ name: m.name, version: m.version, extensions: m.extensions });
}

/** Model metadata as OIP JSON (shapes as numbers, -1 for variable dimensions). */
export function modelMetadataToJson(m: ModelMetadataResponse): string {
  const tensor = (t: ModelMetadataResponse["inputs"][number]) => ({
    name: t.name,
    datatype: t.datatype,
    shape: t.shape.map(Number),
  });
  return JSON.stringify({
    name: m.name,
    versions: m.versions,
    platform: m.platform,
    inputs: m.inputs.map(tensor),
    outputs: m.outputs.map(tensor),
  });
}
