/**
 * inference.GRPCInferenceService, the Open Inference Protocol. Server liveness, readiness and
 * metadata are answered by the gateway itself; the model RPCs answer UNIMPLEMENTED until the
 * model server behind them exists, and no extension is advertised before it works.
 */

import type { GRPCInferenceService } from "@arbiter/proto/inference";
import type { ServiceImpl } from "@connectrpc/connect";
import { type HealthState, ServingStatus } from "./health.ts";

export const SERVER_NAME = "arbiter";
export const SERVER_VERSION = "0.1.0";

export function openInferenceService(health: HealthState): Partial<ServiceImpl<typeof GRPCInferenceService>> {
  return {
    serverLive: () => ({ live: true }),
    serverReady: () => ({ ready: health.get("") === ServingStatus.SERVING }),
    serverMetadata: () => ({ name: SERVER_NAME, version: SERVER_VERSION, extensions: [] }),
  };
}
