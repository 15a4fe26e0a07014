/**
 * Input checks done on the JS thread before a request is queued or run, so that a bad request
 * fails alone (never a whole batch) and without a thread hop. The messages are the same as the
 * native core's (`src/tensor.rs`), which checks again.
 */
import { InvalidArgumentError } from "@arbiter/core";
import { countBytesElements, ELEMENT_SIZE, isOipDatatype, type Tensor, type TensorMetadata } from "./datatypes.ts";

/** `[1, -1, 30]` */
export function shapeString(shape: readonly unknown[]): string {
  return `[${shape.map((d) => String(d)).join(", ")}]`;
}

const q = (s: string): string => JSON.stringify(s);

/** Converts any byte view to a Uint8Array over the same memory (no copy). */
export function asBytes(data: unknown, field: string): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new InvalidArgumentError(field, "a Buffer, Uint8Array or other ArrayBuffer view", typeof data);
}

/**
 * Checks one tensor against the model's declaration and returns its data as bytes.
 * Throws InvalidArgumentError naming the input, the expected and the received value.
 */
export function validateTensor(info: TensorMetadata, tensor: Tensor): Uint8Array {
  const name = q(info.name);
  if (tensor === null || typeof tensor !== "object") {
    throw new InvalidArgumentError(`input ${name}`, "a tensor { datatype, shape, data }", String(tensor));
  }
  const { datatype, shape } = tensor;
  if (datatype !== info.datatype) {
    throw new InvalidArgumentError(`input ${name} datatype`, info.datatype, String(datatype));
  }
  if (
    !Array.isArray(shape) ||
    shape.length !== info.shape.length ||
    !shape.every((d, i) => Number.isSafeInteger(d) && d >= 0 && ((info.shape[i] ?? -1) < 0 || d === info.shape[i]))
  ) {
    throw new InvalidArgumentError(
      `input ${name} shape`,
      shapeString(info.shape),
      Array.isArray(shape) ? shapeString(shape) : String(shape),
    );
  }
  const data = asBytes(tensor.data, `input ${name} data`);
  let elements = 1;
  for (const d of shape) elements *= d;
  const size = isOipDatatype(datatype) ? ELEMENT_SIZE[datatype] : undefined;
  if (size !== undefined) {
    const expected = elements * size;
    if (data.byteLength !== expected) {
      throw new InvalidArgumentError(
        `input ${name} data`,
        `${expected} bytes (${elements} ${datatype} elements of shape ${shapeString(shape)})`,
        `${data.byteLength} bytes`,
      );
    }
  } else {
    const count = countBytesElements(data);
    if (count !== elements) {
      throw new InvalidArgumentError(
        `input ${name} data`,
        `${elements} BYTES elements of shape ${shapeString(shape)} (4-byte little-endian length + bytes each)`,
        count < 0
          ? `${data.byteLength} bytes that are not a sequence of length-prefixed elements`
          : `${count} elements in ${data.byteLength} bytes`,
      );
    }
  }
  return data;
}

/** The error for an input name the model does not have. */
export function unknownInput(inputs: readonly TensorMetadata[], name: string): InvalidArgumentError {
  return new InvalidArgumentError("inputs", `names from [${inputs.map((i) => i.name).join(", ")}]`, q(name));
}

/** The error for a request that leaves out a model input. */
export function missingInput(info: TensorMetadata, given: readonly string[]): InvalidArgumentError {
  return new InvalidArgumentError(
    "inputs",
    `a tensor for every model input, including ${q(info.name)}`,
    `[${given.map(q).join(", ")}]`,
  );
}

/** The error for an output name the model does not have. */
export function unknownOutput(outputs: readonly TensorMetadata[], name: string): InvalidArgumentError {
  return new InvalidArgumentError("outputs", `one of [${outputs.map((o) => o.name).join(", ")}]`, q(name));
}
