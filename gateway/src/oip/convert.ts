/**
 * What the gateway itself does with Open Inference Protocol inference messages: reads the `timeout`
 * parameter as a deadline, and moves outputs into typed contents for clients that ask for them. Requests otherwise travel to the schedulers as the client sent them (see
 * PAYLOAD_HEADER in @arbiter/core), which check and translate them.
 */

import { isDatatype, oipNumberParameter, rawToTyped } from "@arbiter/core";
import { type ModelInferRequest, type ModelInferResponse, ModelInferResponseSchema } from "@arbiter/proto/inference";
import { create } from "@bufbuild/protobuf";

/** The request's `timeout` parameter (microseconds, as Triton's) as an absolute deadline, if it sets one. */
export function oipDeadline(req: ModelInferRequest): number | undefined {
  const timeoutMicros = oipNumberParameter(req.parameters.timeout);
  return timeoutMicros && timeoutMicros > 0 ? Date.now() + timeoutMicros / 1000 : undefined;
}

/** The response with its raw outputs moved into typed contents (for clients that cannot read raw bytes). */
export function withTypedOutputs(res: ModelInferResponse): ModelInferResponse {
  return create(ModelInferResponseSchema, {
    modelName: res.modelName,
    modelVersion: res.modelVersion,
    id: res.id,
    parameters: res.parameters,
    outputs: res.outputs.map((t, i) => ({
      name: t.name,
      datatype: t.datatype,
      shape: t.shape,
      ...(isDatatype(t.datatype)
        ? { contents: rawToTyped(t.datatype, res.rawOutputContents[i] ?? new Uint8Array(0)) }
        : {}),
    })),
  });
}
