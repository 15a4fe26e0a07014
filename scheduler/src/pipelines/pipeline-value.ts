/**
 * Conversions between the wire form of pipeline values (`arbiter.v1.PipelineValue`: a
 * `google.protobuf.Value` or a `Tensor`) and the in-process {@link NodeValue} that flows along
 * edges. Used for request inputs, fallback values, decision outputs and reported rule values.
 *
 * Tensors arrive with raw little-endian contents or typed contents and become typed arrays
 * (Float32Array for FP32, FP16 and BF16, BigInt64Array for INT64, ...); BYTES tensors become lists
 * of Uint8Array. Going back, tensors always travel as raw contents.
 */
import {
  bf16ToFloat,
  checkRawSize,
  type Datatype,
  ELEMENT_BYTES,
  elementCount,
  encodeBytesElements,
  floatToBf16,
  floatToHalf,
  halfToFloat,
  InvalidArgumentError,
  isDatatype,
  readElement,
  TYPED_FIELD,
  type TypedContents,
  writeElement,
} from "@arbiter/core";
import { type PipelineValue, PipelineValueSchema, type Tensor, TensorSchema } from "@arbiter/proto";
import { create, type JsonObject, type JsonValue } from "@bufbuild/protobuf";
import { ListValueSchema, StructSchema, type Value, ValueSchema } from "@bufbuild/protobuf/wkt";
import { isTensorValue, type NodeValue, type TensorValue } from "./node-kind.ts";

/** Converts a wire value to an edge value. `field` names it in errors (e.g. `inputs.features`). */
export function fromPipelineValue(value: PipelineValue, field: string): NodeValue {
  switch (value.kind.case) {
    case "value":
      return fromProtoValue(value.kind.value);
    case "tensor":
      return tensorFromProto(value.kind.value, field);
    default:
      return null;
  }
}

/** Converts an edge value to its wire form (tensors as tensors, everything else as a Value). */
export function toPipelineValue(value: NodeValue): PipelineValue {
  if (isTensorValue(value))
    return create(PipelineValueSchema, { kind: { case: "tensor", value: tensorToProto(value) } });
  return create(PipelineValueSchema, { kind: { case: "value", value: toProtoValue(value) } });
}

/** A `google.protobuf.Value` as an edge value: numbers, strings, bools, null, lists and objects. */
export function fromProtoValue(value: Value): NodeValue {
  const kind = value.kind;
  switch (kind.case) {
    case "numberValue":
    case "stringValue":
    case "boolValue":
      return kind.value;
    case "listValue":
      return kind.value.values.map(fromProtoValue);
    case "structValue": {
      const out: Record<string, NodeValue> = {};
      for (const [key, field] of Object.entries(kind.value.fields)) out[key] = fromProtoValue(field);
      return out;
    }
    default:
      return null;
  }
}

/**
 * An edge value as a `google.protobuf.Value` (what FiredRule.values holds): bigints become numbers,
 * bytes base64 strings, tensors objects `{datatype, shape, data}` with a list of elements.
 */
export function toProtoValue(value: NodeValue): Value {
  return create(ValueSchema, { kind: protoKind(value) });
}

function protoKind(value: NodeValue): Value["kind"] {
  if (value === null) return { case: "nullValue", value: 0 };
  switch (typeof value) {
    case "number":
      return { case: "numberValue", value };
    case "bigint":
      return { case: "numberValue", value: Number(value) };
    case "string":
      return { case: "stringValue", value };
    case "boolean":
      return { case: "boolValue", value };
  }
  if (value instanceof Uint8Array) return { case: "stringValue", value: Buffer.from(value).toString("base64") };
  if (Array.isArray(value)) {
    return {
      case: "listValue",
      value: create(ListValueSchema, { values: (value as readonly NodeValue[]).map(toProtoValue) }),
    };
  }
  if (isTensorValue(value)) {
    const data = Array.from(value.data as ArrayLike<NodeValue>, (x) => x);
    return protoKind({ datatype: value.datatype, shape: [...value.shape], data } as { [key: string]: NodeValue });
  }
  const fields: Record<string, Value> = {};
  for (const [key, field] of Object.entries(value as { [key: string]: NodeValue })) fields[key] = toProtoValue(field);
  return { case: "structValue", value: create(StructSchema, { fields }) };
}

/** A value as plain JSON (for audit records and logs): the same mapping as {@link toProtoValue}. */
export function toJsonValue(value: NodeValue): JsonValue {
  if (value === null) return null;
  switch (typeof value) {
    case "number":
    case "string":
    case "boolean":
      return value;
    case "bigint":
      return Number(value);
  }
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (Array.isArray(value)) return (value as readonly NodeValue[]).map(toJsonValue);
  if (isTensorValue(value)) {
    return {
      datatype: value.datatype,
      shape: [...value.shape],
      data: Array.from(value.data as ArrayLike<NodeValue>, toJsonValue),
    };
  }
  const out: JsonObject = {};
  for (const [key, field] of Object.entries(value as { [key: string]: NodeValue })) out[key] = toJsonValue(field);
  return out;
}

/** Decodes a wire tensor; throws InvalidArgumentError naming `field` when it is malformed. */
export function tensorFromProto(tensor: Tensor, field: string): TensorValue {
  const datatype = tensor.datatype;
  if (!isDatatype(datatype))
    throw new InvalidArgumentError(`${field}.datatype`, "a tensor datatype", JSON.stringify(datatype));
  const shape = tensor.shape.map(Number);
  if (shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new InvalidArgumentError(`${field}.shape`, "dimensions >= 0", `[${shape.join(", ")}]`);
  }
  const data = tensor.data;
  if (data.case === "rawContents") {
    checkRawSize(`${field}.raw_contents`, datatype, shape, data.value);
    return { kind: "tensor", datatype, shape, data: decodeRaw(datatype, data.value) };
  }
  const count = elementCount(shape);
  const key = TYPED_FIELD[datatype];
  if (key === undefined) {
    throw new InvalidArgumentError(`${field}.raw_contents`, `raw contents for ${datatype}`, "typed contents");
  }
  const values = (data.case === "contents" ? data.value[key] : []) as TypedContents[typeof key];
  if (values.length !== count) {
    throw new InvalidArgumentError(
      `${field}.contents`,
      `${count} values for shape [${shape.join(", ")}]`,
      `${values.length} values`,
    );
  }
  return { kind: "tensor", datatype, shape, data: typedData(datatype, values) };
}

/** Encodes a tensor for the wire with raw little-endian contents. */
export function tensorToProto(tensor: TensorValue, name = ""): Tensor {
  return create(TensorSchema, {
    name,
    datatype: tensor.datatype,
    shape: tensor.shape.map((d) => BigInt(d)),
    data: { case: "rawContents", value: encodeRaw(tensor) },
  });
}

function typedData(datatype: Datatype, values: ArrayLike<unknown>): TensorValue["data"] {
  switch (datatype) {
    case "BOOL":
      return Array.from(values as ArrayLike<boolean>);
    case "BYTES":
      return Array.from(values as ArrayLike<Uint8Array>);
    case "INT64":
      return BigInt64Array.from(values as ArrayLike<bigint>);
    case "UINT64":
      return BigUint64Array.from(values as ArrayLike<bigint>);
    default:
      return new (TYPED_ARRAY[datatype] ?? Float32Array)(values as ArrayLike<number>);
  }
}

type NumberArrayConstructor = new (values: ArrayLike<number> | number) => ArrayLike<number>;

const TYPED_ARRAY: Partial<Record<Datatype, NumberArrayConstructor>> = {
  INT8: Int8Array,
  INT16: Int16Array,
  INT32: Int32Array,
  UINT8: Uint8Array,
  UINT16: Uint16Array,
  UINT32: Uint32Array,
  FP32: Float32Array,
  FP64: Float64Array,
};

/** A tensor of raw little-endian contents (what the inference addon returns), decoded. */
export function tensorFromRaw(datatype: Datatype, shape: readonly number[], raw: Uint8Array): TensorValue {
  return { kind: "tensor", datatype, shape, data: decodeRaw(datatype, raw) };
}

/** A tensor's elements as raw little-endian contents (what the inference addon reads). */
export function tensorToRaw(tensor: TensorValue): Uint8Array {
  return encodeRaw(tensor);
}

function decodeRaw(datatype: Datatype, raw: Uint8Array): TensorValue["data"] {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const size = ELEMENT_BYTES[datatype] ?? 0;
  const n = size === 0 ? 0 : raw.byteLength / size;
  switch (datatype) {
    case "BYTES": {
      const items: Uint8Array[] = [];
      for (let at = 0; at + 4 <= raw.byteLength; ) {
        const length = view.getUint32(at, true);
        items.push(raw.slice(at + 4, at + 4 + length));
        at += 4 + length;
      }
      return items;
    }
    case "BOOL":
      return Array.from(raw, (b) => b !== 0);
    case "FP16":
      return Float32Array.from({ length: n }, (_, i) => halfToFloat(view.getUint16(i * 2, true)));
    case "BF16":
      return Float32Array.from({ length: n }, (_, i) => bf16ToFloat(view.getUint16(i * 2, true)));
  }
  // Copy into an aligned buffer of its own, then read it through a typed array when the host is
  // little-endian. (Not `raw.slice()`: on a Node Buffer that is a view of a shared pool.)
  const aligned = new Uint8Array(raw.byteLength);
  aligned.set(raw);
  const copy = aligned.buffer;
  if (LITTLE_ENDIAN) {
    if (datatype === "INT64") return new BigInt64Array(copy);
    if (datatype === "UINT64") return new BigUint64Array(copy);
    const Ctor = TYPED_ARRAY[datatype] as unknown as new (buffer: ArrayBuffer) => ArrayLike<number>;
    return new Ctor(copy);
  }
  return Array.from({ length: n }, (_, i) => readElement(view, datatype, i * size)) as number[] | bigint[];
}

function encodeRaw(tensor: TensorValue): Uint8Array {
  const { datatype } = tensor;
  const data = tensor.data as ArrayLike<unknown>;
  if (datatype === "BYTES") return encodeBytesElements(data as ArrayLike<Uint8Array>);
  const size = ELEMENT_BYTES[datatype] as number;
  const out = new Uint8Array(data.length * size);
  const view = new DataView(out.buffer);
  for (let i = 0; i < data.length; i++) writeValue(view, datatype, i * size, data[i]);
  return out;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** {@link writeElement} plus the half-precision types this layer stores as numbers. */
function writeValue(view: DataView, datatype: Datatype, at: number, v: unknown): void {
  if (datatype === "FP16") view.setUint16(at, floatToHalf(Number(v)), true);
  else if (datatype === "BF16") view.setUint16(at, floatToBf16(Number(v)), true);
  else writeElement(view, datatype, at, v);
}
