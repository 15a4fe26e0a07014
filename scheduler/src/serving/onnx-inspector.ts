/**
 * Reads a model's signature at registration by loading it in ONNX Runtime, so that a model that
 * does not load is rejected when it is registered, not at its first request.
 */

import { FailedPreconditionError } from "@arbiter/core";
import { loadSession } from "@arbiter/inference-native";
import { type ModelSignature, ModelSignatureSchema } from "@arbiter/proto";
import { create } from "@bufbuild/protobuf";
import type { ArtifactInspector } from "../registry/model-store.ts";

/** An inspector using the ONNX Runtime library at `ortLibraryPath` ("" = onnxruntime-node's). */
export function onnxInspector(ortLibraryPath: string): ArtifactInspector {
  return async (artifact, format): Promise<ModelSignature> => {
    if (format !== "onnx")
      throw new FailedPreconditionError(`models of format "${format}" cannot be executed; use "onnx"`);
    const session = await loadSession(
      { bytes: artifact },
      { warmup: false, graphOptimizationLevel: "disabled", ...(ortLibraryPath ? { ortLibraryPath } : {}) },
    );
    try {
      const spec = (t: { name: string; datatype: string; shape: readonly number[] }) => ({
        name: t.name,
        datatype: t.datatype,
        shape: t.shape.map(BigInt),
      });
      return create(ModelSignatureSchema, { inputs: session.inputs.map(spec), outputs: session.outputs.map(spec) });
    } finally {
      session.unload();
    }
  };
}
