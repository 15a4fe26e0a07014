/**
 * Triton's model repository and statistics extensions on the mesh: RepositoryIndex from the
 * registry and the nodes' heartbeats, RepositoryModelLoad/Unload through arbiter.v1's
 * LoadModel/UnloadModel (with parameters: repository-load.ts), ModelStatistics from
 * GetModelStatistics. The model configuration extension is in triton-config.ts.
 */

import { type Bus, callRpc, type RequestContext, rpcSubject, versionSelector } from "@arbiter/core";
import {
  GetModelStatisticsRequestSchema,
  GetModelStatisticsResponseSchema,
  ListModelsRequestSchema,
  ListModelsResponseSchema,
  type Model,
  ModelRegistryService,
  UnloadModelRequestSchema,
  UnloadModelResponseSchema,
} from "@arbiter/proto";
import {
  type ModelStatistics as InferenceModelStatistics,
  ModelStatisticsSchema as InferenceModelStatisticsSchema,
  type RepositoryIndexResponse_ModelIndex,
  RepositoryIndexResponse_ModelIndexSchema,
} from "@arbiter/proto/inference";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";

/** Every registered model version, READY when a live node holds it loaded. */
export async function repositoryIndex(
  bus: Bus,
  ctx: RequestContext,
  loaded: (model: Model) => Promise<boolean>,
  onlyReady: boolean,
): Promise<RepositoryIndexResponse_ModelIndex[]> {
  const out: RepositoryIndexResponse_ModelIndex[] = [];
  let pageToken = "";
  do {
    const req = create(ListModelsRequestSchema, { pageSize: 1000, pageToken });
    const page = fromBinary(
      ListModelsResponseSchema,
      await callRpc(
        bus,
        rpcSubject(ModelRegistryService.typeName, "ListModels"),
        toBinary(ListModelsRequestSchema, req),
        ctx,
      ),
    );
    for (const model of page.models) {
      const ready = await loaded(model);
      if (onlyReady && !ready) continue;
      out.push(
        create(RepositoryIndexResponse_ModelIndexSchema, {
          name: model.name,
          version: String(model.version),
          state: ready ? "READY" : "UNAVAILABLE",
          reason: ready ? "" : "not loaded on any node (loads on first request or RepositoryModelLoad)",
        }),
      );
    }
    pageToken = page.nextPageToken;
  } while (pageToken);
  return out;
}

/** Unloads a model (version "" = latest) from every node. */
export async function unloadModel(bus: Bus, ctx: RequestContext, name: string, version: string): Promise<void> {
  const selector = versionSelector(version);
  const req = create(UnloadModelRequestSchema, { name, ...(selector ? { selector } : {}) });
  fromBinary(
    UnloadModelResponseSchema,
    await callRpc(
      bus,
      rpcSubject(ModelRegistryService.typeName, "UnloadModel"),
      toBinary(UnloadModelRequestSchema, req),
      ctx,
    ),
  );
}

/** Triton's statistics of a model (every model when `name` is empty), summed over the nodes. */
export async function modelStatistics(
  bus: Bus,
  ctx: RequestContext,
  name: string,
  version: string,
): Promise<InferenceModelStatistics[]> {
  const selector = name ? versionSelector(version) : undefined;
  const req = create(GetModelStatisticsRequestSchema, { name, ...(selector ? { selector } : {}) });
  const res = fromBinary(
    GetModelStatisticsResponseSchema,
    await callRpc(
      bus,
      rpcSubject(ModelRegistryService.typeName, "GetModelStatistics"),
      toBinary(GetModelStatisticsRequestSchema, req),
      ctx,
    ),
  );
  const d = (x: { count: bigint; totalNs: bigint } | undefined) => ({ count: x?.count ?? 0n, ns: x?.totalNs ?? 0n });
  return res.statistics.map((s) =>
    create(InferenceModelStatisticsSchema, {
      name: s.name,
      version: String(s.version),
      lastInference: s.lastInferenceMs,
      inferenceCount: s.inferenceCount,
      executionCount: s.executionCount,
      inferenceStats: {
        success: d(s.success),
        fail: d(s.fail),
        queue: d(s.queue),
        computeInput: d(s.computeInput),
        computeInfer: d(s.computeInfer),
        computeOutput: d(s.computeOutput),
        // No response cache: Triton reports zeros when caching is off.
        cacheHit: d(undefined),
        cacheMiss: d(undefined),
      },
      batchStats: Object.entries(s.batchSizes).map(([size, stat]) => ({
        batchSize: BigInt(size),
        computeInput: d(undefined),
        computeInfer: d(stat),
        computeOutput: d(undefined),
      })),
    }),
  );
}
