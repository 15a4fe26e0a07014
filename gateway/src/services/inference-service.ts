/**
 * arbiter.v1.InferenceService through Connect: Infer (unary gRPC Infer usually arrives on the fast
 * path instead, see fast-unary.ts) and InferStream, both routed by the {@link InferenceRouter}.
 */

import { type InferenceService, InferRequestSchema, InferStreamResponseSchema } from "@arbiter/proto";
import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import { type DeadlinePolicy, requestContextOf } from "../request-context.ts";
import type { InferenceRouter } from "./inference-router.ts";
import { concurrentResponses } from "./stream-responses.ts";

export function inferenceService(
  router: InferenceRouter,
  policy: DeadlinePolicy,
): Partial<ServiceImpl<typeof InferenceService>> {
  return {
    infer: (req, hctx) => router.infer(req, requestContextOf(hctx, policy), hctx.signal),
    inferStream: (requests, hctx) =>
      concurrentResponses(
        requests,
        (req) => router.infer(req.request ?? create(InferRequestSchema), requestContextOf(hctx, policy), hctx.signal),
        (response) => create(InferStreamResponseSchema, { id: response.id, response }),
        (err, req) =>
          create(InferStreamResponseSchema, {
            id: req.request?.id ?? "",
            errorCode: err.code,
            errorMessage: err.message,
          }),
      ),
  };
}
