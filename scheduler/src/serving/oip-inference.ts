/**
 * Open Inference Protocol requests on the scheduler: the gateway forwards a ModelInferRequest as
 * the client sent it (PAYLOAD_HEADER), and the reply is the ModelInferResponse the client gets.
 * Raw contents pass through untouched; typed contents are converted by `nativeInputs`.
 */

import { InvalidArgumentError, isDatatype, type ModelRef, oipNumberParameter } from "@arbiter/core";
import type { Tensor as NativeTensor } from "@arbiter/inference-native";
import { type InferRequest, InferRequestSchema } from "@arbiter/proto";
import {
  type InferTensorContents,
  type ModelInferRequest,
  type ModelInferResponse,
  ModelInferResponseSchema,
} from "@arbiter/proto/inference";
import { create } from "@bufbuild/protobuf";

function hasTypedContents(c: InferTensorContents | undefined): boolean {
  if (!c) return false;
  return (
    c.boolContents.length +
      c.intContents.length +
      c.int64Contents.length +
      c.uintContents.length +
      c.uint64Contents.length +
      c.fp32Contents.length +
      c.fp64Contents.length +
      c.bytesContents.length >
    0
  );
}

/**
 * Checks an OIP request and states it in arbiter.v1 terms (the version was resolved by routing).
 * Throws INVALID_ARGUMENT naming the offending field.
 */
export function fromModelInferRequest(req: ModelInferRequest): InferRequest {
  const raw = req.rawInputContents;
  if (raw.length > 0 && raw.length !== req.inputs.length) {
    throw new InvalidArgumentError(
      "raw_input_contents",
      `one entry per input (${req.inputs.length})`,
      `${raw.length} entries`,
    );
  }
  const inputs = req.inputs.map((t, i) => {
    if (!isDatatype(t.datatype))
      throw new InvalidArgumentError(
        `inputs[${i}].datatype`,
        "an Open Inference Protocol datatype",
        JSON.stringify(t.datatype),
      );
    if (raw.length > 0) {
      if (hasTypedContents(t.contents)) {
        throw new InvalidArgumentError(
          `inputs[${i}].contents`,
          "no typed contents when raw_input_contents is used",
          `typed contents for "${t.name}"`,
        );
      }
      return {
        name: t.name,
        datatype: t.datatype,
        shape: t.shape,
        data: { case: "rawContents" as const, value: raw[i] as Uint8Array },
      };
    }
    return {
      name: t.name,
      datatype: t.datatype,
      shape: t.shape,
      data: { case: "contents" as const, value: t.contents ?? {} },
    };
  });
  const priority = oipNumberParameter(req.parameters.priority);
  return create(InferRequestSchema, {
    model: req.modelName,
    id: req.id,
    inputs,
    outputs: req.outputs.map((o) => o.name),
    // Triton's priority: 1 is the highest level, 0 the default; Arbiter's: higher runs first.
    priority: priority && priority > 0 ? Math.max(1, 101 - Math.min(priority, 100)) : 0,
  });
}

/**
 * The OIP answer, built straight from the batcher's outputs, with raw outputs as Triton answers
 * (the gateway converts to typed contents when asked).
 */
export function modelInferResponse(
  model: ModelRef,
  id: string,
  outputs: Readonly<Record<string, NativeTensor>>,
): ModelInferResponse {
  const tensors = Object.entries(outputs);
  return create(ModelInferResponseSchema, {
    modelName: model.name,
    modelVersion: String(model.version),
    id,
    outputs: tensors.map(([name, t]) => ({ name, datatype: t.datatype, shape: t.shape.map(BigInt) })),
    rawOutputContents: tensors.map(([, t]) => t.data),
  });
}
