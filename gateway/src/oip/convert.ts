/**
 * Translation between the Open Inference Protocol's messages and arbiter.v1's. Raw contents pass
 * through untouched; typed contents are checked here and converted on the scheduler.
 */

import { InvalidArgumentError, isDatatype, rawToTyped } from "@arbiter/core";
import { type InferRequest, InferRequestSchema, type InferResponse, type VersionSelector } from "@arbiter/proto";
import {
  type InferParameter,
  type InferTensorContents,
  type ModelInferRequest,
  type ModelInferResponse,
  ModelInferResponseSchema,
} from "@arbiter/proto/inference";
import { create } from "@bufbuild/protobuf";

/** "" → latest, "3" → version 3, anything else → an alias (Arbiter's extension of OIP versions). */
export function versionSelector(version: string): VersionSelector | undefined {
  if (version === "") return undefined;
  if (/^\d+$/.test(version))
    return { $typeName: "arbiter.v1.VersionSelector", selector: { case: "version", value: BigInt(version) } };
  return { $typeName: "arbiter.v1.VersionSelector", selector: { case: "alias", value: version } };
}

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

function numberParam(p: InferParameter | undefined): number | undefined {
  const choice = p?.parameterChoice;
  if (!choice) return undefined;
  if (choice.case === "int64Param" || choice.case === "uint64Param") return Number(choice.value);
  if (choice.case === "doubleParam") return choice.value;
  return undefined;
}

/** What a ModelInferRequest asks for, in arbiter.v1 terms, plus its own time limit. */
export interface TranslatedRequest {
  request: InferRequest;
  /** The request's `timeout` parameter as an absolute deadline (epoch ms), if it set one. */
  deadline?: number;
}

/** Checks and translates an OIP request. Throws INVALID_ARGUMENT naming the offending field. */
export function fromModelInferRequest(req: ModelInferRequest): TranslatedRequest {
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
  const priority = numberParam(req.parameters.priority);
  const timeoutMicros = numberParam(req.parameters.timeout);
  const request = create(InferRequestSchema, {
    model: req.modelName,
    ...(versionSelector(req.modelVersion) ? { selector: versionSelector(req.modelVersion) } : {}),
    id: req.id,
    inputs,
    outputs: req.outputs.map((o) => o.name),
    // Triton's priority: 1 is the highest level, 0 the default; Arbiter's: higher runs first.
    priority: priority && priority > 0 ? Math.max(1, 101 - Math.min(priority, 100)) : 0,
  });
  return timeoutMicros && timeoutMicros > 0 ? { request, deadline: Date.now() + timeoutMicros / 1000 } : { request };
}

/** The OIP answer: raw outputs (as Triton answers), or typed contents when asked. */
export function toModelInferResponse(res: InferResponse, typedOutputs: boolean): ModelInferResponse {
  const outputs = res.outputs.map((t) => {
    const raw = t.data.case === "rawContents" ? t.data.value : new Uint8Array(0);
    return {
      name: t.name,
      datatype: t.datatype,
      shape: t.shape,
      ...(typedOutputs && isDatatype(t.datatype) ? { contents: rawToTyped(t.datatype, raw) } : {}),
    };
  });
  return create(ModelInferResponseSchema, {
    modelName: res.model,
    modelVersion: String(res.version),
    id: res.id,
    outputs,
    rawOutputContents: typedOutputs
      ? []
      : res.outputs.map((t) => (t.data.case === "rawContents" ? t.data.value : new Uint8Array(0))),
  });
}
