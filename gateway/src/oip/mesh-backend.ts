/**
 * The Open Inference Protocol backed by the mesh: metadata from the registry (over the bus),
 * readiness from the nodes' heartbeats, inference through the {@link InferenceRouter}.
 */

import {
  type Bus,
  callRpc,
  createRequestContext,
  fromBinaryOrThrow,
  type KeyValueStore,
  NODES_BUCKET,
  type Principal,
  type RequestContext,
  rpcSubject,
  versionSelector,
} from "@arbiter/core";
import {
  GetModelRequestSchema,
  GetModelResponseSchema,
  ListModelsRequestSchema,
  ListModelsResponseSchema,
  type Model,
  ModelRegistryService,
  NodeInfoSchema,
} from "@arbiter/proto";
import {
  type ModelStatistics as InferenceModelStatistics,
  type ModelConfig,
  type ModelInferRequest,
  ModelInferRequestSchema,
  type ModelInferResponse,
  ModelInferResponseSchema,
  type ModelMetadataResponse,
  ModelMetadataResponseSchema,
  type ModelRepositoryParameter,
  type RepositoryIndexResponse_ModelIndex,
  type ServerMetadataResponse,
  ServerMetadataResponseSchema,
} from "@arbiter/proto/inference";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import type { MessageCheck } from "../interceptors/validation.ts";
import type { RequestHeaders } from "../request-context.ts";
import type { InferenceRouter } from "../services/inference-router.ts";
import type { RegisterModelOptions } from "../services/register-model.ts";
import { oipDeadline, withTypedOutputs } from "./convert.ts";
import type { OipBackend, OipCallContext } from "./oip-backend.ts";
import { modelStatistics, repositoryIndex, unloadModel } from "./repository.ts";
import { repositoryModelLoad } from "./repository-load.ts";
import { tritonModelConfig } from "./triton-config.ts";

export const SERVER_NAME = "arbiter";
export const SERVER_VERSION = "0.1.0";

export interface MeshBackendOptions {
  bus: Bus;
  router: InferenceRouter;
  /**
   * The caller of a call, from its headers, checked against the permission of `procedure`
   * ("inference.GRPCInferenceService/<Method>"): the gateway's authenticator.
   */
  principalOf: (headers: RequestHeaders, procedure: string) => Promise<Principal>;
  /** Whether the gateway reports SERVING. */
  serving: () => boolean;
  /** Extensions this server honours, for ServerMetadata. */
  extensions: readonly string[];
  heartbeatTtlMs: number;
  /** The RegisterModel upload path, for RepositoryModelLoad with files. */
  upload: RegisterModelOptions;
  /** The contract's validation rules, for the registrations RepositoryModelLoad makes. */
  check: MessageCheck;
}

export class MeshOipBackend implements OipBackend {
  private nodes: Promise<KeyValueStore> | undefined;

  constructor(private readonly options: MeshBackendOptions) {}

  private async context(
    ctx: Omit<OipCallContext, "signal">,
    method: string,
    deadline: number | undefined = ctx.deadline,
  ): Promise<RequestContext> {
    const principal =
      ctx.principal ?? (await this.options.principalOf(ctx.headers, `inference.GRPCInferenceService/${method}`));
    return createRequestContext(
      principal,
      Math.min(deadline, ctx.deadline),
      ctx.headers.get("traceparent") ?? undefined,
      ctx.headers.get("x-request-id") ?? undefined,
      ctx.peer,
    );
  }

  private async getModel(name: string, version: string, rc: RequestContext, signal: AbortSignal): Promise<Model> {
    const selector = versionSelector(version);
    const req = create(GetModelRequestSchema, { name, ...(selector ? { selector } : {}) });
    const subject = rpcSubject(ModelRegistryService.typeName, "GetModel");
    const res = fromBinary(
      GetModelResponseSchema,
      await callRpc(this.options.bus, subject, toBinary(GetModelRequestSchema, req), rc, { signal }),
    );
    if (!res.model) throw new Error("GetModel answered without a model");
    return res.model;
  }

  serverLive(): boolean {
    return true;
  }

  serverReady(): boolean {
    return this.options.serving();
  }

  serverMetadata(): ServerMetadataResponse {
    return create(ServerMetadataResponseSchema, {
      name: SERVER_NAME,
      version: SERVER_VERSION,
      extensions: [...this.options.extensions],
    });
  }

  /** True when a live, accepting node reports the model version loaded. */
  private async isLoaded(tenant: string, model: Model): Promise<boolean> {
    this.nodes ??= this.options.bus.keyValue(NODES_BUCKET, { ttlMs: this.options.heartbeatTtlMs });
    const now = Date.now();
    for (const value of (await (await this.nodes).entries()).values()) {
      const node = fromBinary(NodeInfoSchema, value);
      const fresh =
        node.lastHeartbeatTime && now - Number(node.lastHeartbeatTime.seconds) * 1000 < this.options.heartbeatTtlMs;
      if (!fresh || !node.accepting) continue;
      if (node.models.some((m) => m.tenant === tenant && m.name === model.name && m.version === model.version))
        return true;
    }
    return false;
  }

  async modelReady(name: string, version: string, ctx: OipCallContext): Promise<boolean> {
    const rc = await this.context(ctx, "ModelReady");
    return this.isLoaded(rc.tenant, await this.getModel(name, version, rc, ctx.signal));
  }

  async modelConfig(name: string, version: string, ctx: OipCallContext): Promise<ModelConfig> {
    const rc = await this.context(ctx, "ModelConfig");
    return tritonModelConfig(await this.getModel(name, version, rc, ctx.signal));
  }

  async repositoryIndex(onlyReady: boolean, ctx: OipCallContext): Promise<RepositoryIndexResponse_ModelIndex[]> {
    const rc = await this.context(ctx, "RepositoryIndex");
    return repositoryIndex(this.options.bus, rc, (model) => this.isLoaded(rc.tenant, model), onlyReady);
  }

  async modelStatistics(name: string, version: string, ctx: OipCallContext): Promise<InferenceModelStatistics[]> {
    return modelStatistics(this.options.bus, await this.context(ctx, "ModelStatistics"), name, version);
  }

  async repositoryLoad(
    name: string,
    parameters: { [key: string]: ModelRepositoryParameter },
    ctx: OipCallContext,
  ): Promise<void> {
    const rc = await this.context(ctx, "RepositoryModelLoad");
    await repositoryModelLoad(this.options, rc, name, parameters, ctx.signal, (model) =>
      this.isLoaded(rc.tenant, model),
    );
  }

  async repositoryUnload(name: string, ctx: OipCallContext): Promise<void> {
    await unloadModel(this.options.bus, await this.context(ctx, "RepositoryModelUnload"), name, "");
  }

  async modelMetadata(name: string, version: string, ctx: OipCallContext): Promise<ModelMetadataResponse> {
    const rc = await this.context(ctx, "ModelMetadata");
    const model = await this.getModel(name, version, rc, ctx.signal);
    const list = create(ListModelsRequestSchema, { name: model.name, pageSize: 1000 });
    const subject = rpcSubject(ModelRegistryService.typeName, "ListModels");
    const versions = fromBinary(
      ListModelsResponseSchema,
      await callRpc(this.options.bus, subject, toBinary(ListModelsRequestSchema, list), rc, { signal: ctx.signal }),
    ).models.map((m) => String(m.version));
    const spec = (t: { name: string; datatype: string; shape: bigint[] }) => ({
      name: t.name,
      datatype: t.datatype,
      shape: t.shape,
    });
    return create(ModelMetadataResponseSchema, {
      name: model.name,
      versions,
      platform: model.platform,
      inputs: model.signature?.inputs.map(spec) ?? [],
      outputs: model.signature?.outputs.map(spec) ?? [],
    });
  }

  async modelInfer(
    request: ModelInferRequest,
    ctx: OipCallContext,
    options: { typedOutputs?: boolean } = {},
  ): Promise<ModelInferResponse> {
    const encoded = await this.modelInferEncoded(request, toBinary(ModelInferRequestSchema, request), ctx);
    const res = fromBinaryOrThrow(ModelInferResponseSchema, encoded);
    return options.typedOutputs ? withTypedOutputs(res) : res;
  }

  /**
   * {@link modelInfer} for a request the caller holds encoded too (the gRPC fast path): the bytes go
   * to the scheduler as they are and the encoded ModelInferResponse comes back. Without a signal,
   * the request runs to its reply or its deadline.
   */
  async modelInferEncoded(
    request: ModelInferRequest,
    encoded: Uint8Array,
    ctx: Omit<OipCallContext, "signal"> & { signal?: AbortSignal },
  ): Promise<Uint8Array> {
    const rc = await this.context(ctx, "ModelInfer", oipDeadline(request));
    return this.options.router.modelInferEncoded(request, encoded, rc, ctx.signal);
  }
}
