/**
 * inference.GRPCInferenceService, the Open Inference Protocol over gRPC, on the mesh backend. RPCs
 * not listed here answer UNIMPLEMENTED, and only implemented extensions are advertised.
 */

import { type GRPCInferenceService, ModelStreamInferResponseSchema } from "@arbiter/proto/inference";
import { create } from "@bufbuild/protobuf";
import type { HandlerContext, ServiceImpl } from "@connectrpc/connect";
import type { MeshOipBackend } from "../oip/mesh-backend.ts";
import type { OipCallContext } from "../oip/oip-backend.ts";
import { type DeadlinePolicy, principalKey } from "../request-context.ts";
import { concurrentResponses } from "./stream-responses.ts";

function callContext(hctx: HandlerContext, policy: DeadlinePolicy): OipCallContext {
  const timeout = Math.min(hctx.timeoutMs() ?? policy.defaultTimeoutMs, policy.maxTimeoutMs);
  return {
    headers: hctx.requestHeader,
    deadline: Date.now() + timeout,
    signal: hctx.signal,
    principal: hctx.values.get(principalKey),
  };
}

export function openInferenceService(
  backend: MeshOipBackend,
  policy: DeadlinePolicy,
): Partial<ServiceImpl<typeof GRPCInferenceService>> {
  return {
    serverLive: () => ({ live: backend.serverLive() }),
    serverReady: () => ({ ready: backend.serverReady() }),
    serverMetadata: () => backend.serverMetadata(),
    modelReady: async (req, hctx) => ({
      ready: await backend.modelReady(req.name, req.version, callContext(hctx, policy)),
    }),
    modelMetadata: (req, hctx) => backend.modelMetadata(req.name, req.version, callContext(hctx, policy)),
    modelInfer: (req, hctx) => backend.modelInfer(req, callContext(hctx, policy)),
    modelStreamInfer: (requests, hctx) =>
      concurrentResponses(
        requests,
        (req) => backend.modelInfer(req, callContext(hctx, policy)),
        (inferResponse) => create(ModelStreamInferResponseSchema, { inferResponse }),
        (err, req) =>
          create(ModelStreamInferResponseSchema, {
            errorMessage: err.message,
            inferResponse: { modelName: req.modelName, id: req.id },
          }),
      ),
    modelConfig: async (req, hctx) => ({
      config: await backend.modelConfig(req.name, req.version, callContext(hctx, policy)),
    }),
    modelStatistics: async (req, hctx) => ({
      modelStats: await backend.modelStatistics(req.name, req.version, callContext(hctx, policy)),
    }),
    repositoryIndex: async (req, hctx) => ({
      models: await backend.repositoryIndex(req.ready, callContext(hctx, policy)),
    }),
    repositoryModelLoad: async (req, hctx) => {
      await backend.repositoryLoad(req.modelName, req.parameters, callContext(hctx, policy));
      return {};
    },
    repositoryModelUnload: async (req, hctx) => {
      await backend.repositoryUnload(req.modelName, callContext(hctx, policy));
      return {};
    },
  };
}
