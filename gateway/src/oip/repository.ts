/**
 * Triton's model configuration and model repository extensions on the mesh: ModelConfig from the
 * registry's record, RepositoryIndex from the registry and the nodes' heartbeats, and
 * RepositoryModelLoad/Unload through arbiter.v1's LoadModel/UnloadModel.
 */

import { type Bus, callRpc, type RequestContext, rpcSubject } from "@arbiter/core";
import {
  GetModelStatisticsRequestSchema,
  GetModelStatisticsResponseSchema,
  ListModelsRequestSchema,
  ListModelsResponseSchema,
  LoadModelRequestSchema,
  LoadModelResponseSchema,
  type Model,
  ModelRegistryService,
  UnloadModelRequestSchema,
  UnloadModelResponseSchema,
} from "@arbiter/proto";
import {
  DataType,
  type ModelStatistics as InferenceModelStatistics,
  ModelStatisticsSchema as InferenceModelStatisticsSchema,
  type ModelConfig,
  ModelConfigSchema,
  type RepositoryIndexResponse_ModelIndex,
  RepositoryIndexResponse_ModelIndexSchema,
} from "@arbiter/proto/inference";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { versionSelector } from "./convert.ts";

const DATA_TYPES: Record<string, DataType> = {
  BOOL: DataType.TYPE_BOOL,
  UINT8: DataType.TYPE_UINT8,
  UINT16: DataType.TYPE_UINT16,
  UINT32: DataType.TYPE_UINT32,
  UINT64: DataType.TYPE_UINT64,
  INT8: DataType.TYPE_INT8,
  INT16: DataType.TYPE_INT16,
  INT32: DataType.TYPE_INT32,
  INT64: DataType.TYPE_INT64,
  FP16: DataType.TYPE_FP16,
  FP32: DataType.TYPE_FP32,
  FP64: DataType.TYPE_FP64,
  BYTES: DataType.TYPE_STRING,
  BF16: DataType.TYPE_BF16,
};

/**
 * Triton's view of a model: with batching, the first (batch) dimension is implied by
 * max_batch_size and left out of dims, as Triton's clients expect.
 */
export function tritonModelConfig(model: Model): ModelConfig {
  const config = model.config;
  const maxBatchSize = config?.maxBatchSize || 64;
  const batched = (shape: bigint[]) => shape.length > 0 && shape[0] === -1n;
  const allBatched = [...(model.signature?.inputs ?? []), ...(model.signature?.outputs ?? [])].every((t) =>
    batched(t.shape),
  );
  const dims = (shape: bigint[]) => (allBatched ? shape.slice(1) : shape);
  return create(ModelConfigSchema, {
    name: model.name,
    platform: model.platform,
    backend: "onnxruntime",
    maxBatchSize: allBatched ? maxBatchSize : 0,
    input: (model.signature?.inputs ?? []).map((t) => ({
      name: t.name,
      dataType: DATA_TYPES[t.datatype] ?? DataType.TYPE_INVALID,
      dims: dims(t.shape),
    })),
    output: (model.signature?.outputs ?? []).map((t) => ({
      name: t.name,
      dataType: DATA_TYPES[t.datatype] ?? DataType.TYPE_INVALID,
      dims: dims(t.shape),
    })),
    ...(allBatched
      ? {
          schedulingChoice: {
            case: "dynamicBatching" as const,
            value: {
              preferredBatchSize: config?.preferredBatchSizes ?? [],
              maxQueueDelayMicroseconds: config?.maxQueueDelayMicros ?? 0n,
            },
          },
        }
      : {}),
  });
}

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

/** Loads a model (version "" = latest) on a node. */
export async function loadModel(bus: Bus, ctx: RequestContext, name: string, version: string): Promise<void> {
  const selector = versionSelector(version);
  const req = create(LoadModelRequestSchema, { name, ...(selector ? { selector } : {}) });
  fromBinary(
    LoadModelResponseSchema,
    await callRpc(
      bus,
      rpcSubject(ModelRegistryService.typeName, "LoadModel"),
      toBinary(LoadModelRequestSchema, req),
      ctx,
    ),
  );
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
      },
      batchStats: Object.entries(s.batchSizes).map(([size, stat]) => ({
        batchSize: BigInt(size),
        computeInfer: d(stat),
      })),
    }),
  );
}
