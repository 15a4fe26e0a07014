/**
 * inference.GRPCInferenceService, the Open Inference Protocol over gRPC, on the mesh backend. RPCs
 * not listed here answer UNIMPLEMENTED, and only implemented extensions are advertised.
 */

import type { GRPCInferenceService } from "@arbiter/proto/inference";
import type { HandlerContext, ServiceImpl } from "@connectrpc/connect";
import type { OipBackend, OipCallContext } from "../oip/oip-backend.ts";
import { type DeadlinePolicy, principalKey } from "../request-context.ts";

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
  backend: OipBackend,
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
  };
}
