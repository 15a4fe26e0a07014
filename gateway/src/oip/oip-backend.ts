/**
 * What the Open Inference Protocol front ends (gRPC `inference.GRPCInferenceService` and the REST
 * routes under /v2) need from the mesh. Both speak in `inference.*` messages; the backend resolves
 * models, forwards inference to the schedulers and answers metadata, so the two front ends only
 * translate their wire format.
 */
import type { Principal } from "@arbiter/core";
import type {
  ModelConfig,
  ModelInferRequest,
  ModelInferResponse,
  ModelMetadataResponse,
  ModelRepositoryParameter,
  ModelStatistics,
  RepositoryIndexResponse_ModelIndex,
  ServerMetadataResponse,
} from "@arbiter/proto/inference";
import type { RequestHeaders } from "../request-context.ts";

/** The caller and its time budget, however the call arrived. */
export interface OipCallContext {
  /** Request headers (authentication, traceparent, x-request-id). */
  headers: RequestHeaders;
  /** Absolute deadline, epoch milliseconds. */
  deadline: number;
  /** Aborts when the client goes away. */
  signal: AbortSignal;
  /** The caller, when the front end already authenticated it (gRPC); otherwise taken from the headers. */
  principal?: Principal;
  /** The caller's address ("ip:port"), for audit records. */
  peer?: string;
}

/** The operations behind both OIP front ends. Every failure is an ArbiterError with the right code. */
export interface OipBackend {
  serverLive(): boolean;
  serverReady(): boolean;
  serverMetadata(): ServerMetadataResponse;
  /** True when the model (version "" = the default version) can serve now. NOT_FOUND if unknown. */
  modelReady(name: string, version: string, ctx: OipCallContext): Promise<boolean>;
  modelMetadata(name: string, version: string, ctx: OipCallContext): Promise<ModelMetadataResponse>;
  /**
   * Runs one inference. The request may carry typed `contents` or `raw_input_contents`; the
   * response carries raw outputs (`raw_output_contents`) unless `typedOutputs` is true.
   */
  modelInfer(
    request: ModelInferRequest,
    ctx: OipCallContext,
    options?: { typedOutputs?: boolean },
  ): Promise<ModelInferResponse>;
  /** Triton's model configuration of a model version (version "" = the latest). */
  modelConfig(name: string, version: string, ctx: OipCallContext): Promise<ModelConfig>;
  /**
   * Triton's statistics of a model version, of every version of a model (version ""), or of every
   * model (name ""). NOT_FOUND for an unknown model.
   */
  modelStatistics(name: string, version: string, ctx: OipCallContext): Promise<ModelStatistics[]>;
  /** Every registered model version and its state; only those ready to serve when `onlyReady`. */
  repositoryIndex(onlyReady: boolean, ctx: OipCallContext): Promise<RepositoryIndexResponse_ModelIndex[]>;
  /**
   * Loads a model; with Triton's `config` and `file:<version>/<file>` parameters, registers or
   * reconfigures it first.
   */
  repositoryLoad(
    name: string,
    parameters: { [key: string]: ModelRepositoryParameter },
    ctx: OipCallContext,
  ): Promise<void>;
  /** Unloads a model (its latest version) from every node. */
  repositoryUnload(name: string, ctx: OipCallContext): Promise<void>;
}
