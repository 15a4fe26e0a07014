/**
 * The probes of the isolation attack: tenant B's admin (the strongest role inside a tenant, so
 * only tenancy can stop it) calls every read, list, infer, search, replay, task and mutating RPC of
 * arbiter.v1 and of the Open Inference Protocol (gRPC and REST) on tenant A's objects, by the
 * names A used and by the exact ids A got back. A probe leaks when an id of A's answers anything
 * but NOT_FOUND (a PERMISSION_DENIED or ALREADY_EXISTS would tell B that the object exists), or
 * when a list or search returns something that is not B's.
 */

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { TensorSchema } from "@arbiter/proto";
import {
  AuditService,
  AuthService,
  ClusterService,
  DecisionService,
  InferenceService,
  ModelRegistryService,
  type NodeInfo,
  PipelineSchema,
  PipelineService,
  Role,
  StreamService,
  TaskService,
  TenantService,
  VectorService,
} from "@arbiter/proto";
import { GRPCInferenceService } from "@arbiter/proto/inference";
import { create, fromJson, type JsonObject, type MessageInitShape } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { EXPECTED, fp32Bytes } from "../support/examples.ts";
import { transactionInputs } from "../support/transaction-risk.ts";
import {
  type Caller,
  clientOf,
  drain,
  headersOf,
  type Outcome,
  once,
  outcomeOf,
  statusName,
} from "./isolation-calls.ts";
import {
  B_VECTORS,
  type IsolationSetup,
  PRIVATE_COLLECTION,
  SHARED_COLLECTION,
  SHARED_HNSW_COLLECTION,
  VECTOR_DIM,
} from "./isolation-setup.ts";

/** One attempt of B on A's objects. */
export interface Probe {
  /** The RPC or route, e.g. "ModelRegistryService/GetModel" or "GET /v2/models/{m}". */
  readonly method: string;
  /** Which of A's ids it used: "guessed name", "leaked id", ... */
  readonly idKind: string;
  /** Resolves with undefined when A's object stayed hidden, else with what came back. */
  run(): Promise<string | undefined>;
  /** What the last run answered (status and message, or the start of the response), for verbose logs. */
  answer?: string;
}

/** Runs `call` for `probe` and keeps what it answered. */
async function observe<T>(probe: Probe, call: () => Promise<T>): Promise<Outcome<T>> {
  const outcome = await outcomeOf(call);
  probe.answer = shown(outcome);
  return outcome;
}

const ROW = ((EXPECTED["risk-classifier"]?.inputs.features?.data ?? []) as number[][])[0] ?? [];
const FEATURES: MessageInitShape<typeof TensorSchema> = {
  name: "features",
  datatype: "FP32",
  shape: [1n, BigInt(ROW.length)],
  data: { case: "rawContents", value: fp32Bytes([ROW]) },
};
const PIPELINE_FILE = fileURLToPath(new URL("../../examples/pipelines/transaction-risk.json", import.meta.url));

/** What a call answered, for a leak's description. */
function shown(outcome: Outcome<unknown>): string {
  if (!outcome.ok) return `${statusName(outcome)}: ${outcome.message.slice(0, 160)}`;
  const json = JSON.stringify(outcome.value, (_, v) =>
    typeof v === "bigint" ? v.toString() : v instanceof Uint8Array ? `<${v.byteLength} bytes>` : v,
  );
  return `OK ${json.slice(0, 200)}`;
}

/** A call on A's object that must answer NOT_FOUND (`alsoAccepted`: malformed ids may be INVALID_ARGUMENT). */
function hidden(method: string, idKind: string, call: () => Promise<unknown>, alsoAccepted: Code[] = []): Probe {
  return {
    method,
    idKind,
    async run() {
      const outcome = await observe(this, call);
      if (!outcome.ok && (outcome.code === Code.NotFound || alsoAccepted.includes(outcome.code))) return undefined;
      return shown(outcome);
    },
  };
}

/**
 * A list or search: it must answer, and every item it returns must be B's. `acceptedErrors`: the
 * list is filtered by an id of A's, which may also answer NOT_FOUND (or an id B cannot use, which
 * may answer INVALID_ARGUMENT).
 */
function listed<T>(
  method: string,
  idKind: string,
  call: () => Promise<T>,
  foreignItems: (value: T) => string[],
  acceptedErrors: Code[] = [],
): Probe {
  return {
    method,
    idKind,
    async run() {
      const outcome = await observe(this, call);
      if (!outcome.ok) return acceptedErrors.includes(outcome.code) ? undefined : shown(outcome);
      const foreign = foreignItems(outcome.value);
      return foreign.length === 0 ? undefined : `returned ${foreign.slice(0, 5).join(", ")}`;
    },
  };
}

/** A call that must succeed and whose answer `check` finds nothing of A's in (undefined when fine). */
export function answered<T>(
  method: string,
  idKind: string,
  call: () => Promise<T>,
  check: (value: T) => string | undefined,
): Probe {
  return {
    method,
    idKind,
    async run() {
      const outcome = await observe(this, call);
      return outcome.ok ? check(outcome.value) : shown(outcome);
    },
  };
}

/**
 * A bidirectional stream of one request on A's object: the stream fails NOT_FOUND, or its one
 * answer carries NOT_FOUND as the per-request error (the stream stays open for the next one).
 */
function streamHidden(
  method: string,
  idKind: string,
  call: () => Promise<{ errorCode: number; errorMessage: string }[]>,
): Probe {
  return {
    method,
    idKind,
    async run() {
      const outcome = await observe(this, call);
      if (!outcome.ok) return outcome.code === Code.NotFound ? undefined : shown(outcome);
      const answers = outcome.value;
      if (answers.length === 1 && answers[0]?.errorCode === Code.NotFound) return undefined;
      return `answers ${answers.map((a) => (a.errorCode === 0 ? "OK" : `${Code[a.errorCode]} ${a.errorMessage}`)).join("; ")}`;
    },
  };
}

/** An Open Inference Protocol REST call that must be 404, or for lists answer 200 with `foreign` finding nothing. */
function rest(
  caller: Caller,
  method: "GET" | "POST",
  path: string,
  idKind: string,
  body?: unknown,
  foreign?: (json: unknown) => string[],
): Probe {
  return {
    method: `${method} ${path}`,
    idKind,
    async run() {
      const res = await fetch(`${caller.gatewayUrl}${path}`, {
        method,
        headers: { ...headersOf(caller), ...(body === undefined ? {} : { "content-type": "application/json" }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      this.answer = `HTTP ${res.status} ${text.slice(0, 160)}`;
      if (!foreign) return res.status === 404 ? undefined : `HTTP ${res.status} ${text.slice(0, 160)}`;
      if (res.status !== 200) return `HTTP ${res.status} ${text.slice(0, 160)}`;
      const found = foreign(JSON.parse(text) as unknown);
      return found.length === 0 ? undefined : `returned ${found.slice(0, 5).join(", ")}`;
    },
  };
}

/** The same id in upper case: PostgreSQL reads it as the same uuid, so it must be scoped too. */
const upper = (id: string) => id.toUpperCase();

/** Collections B may list: its two of the shared names, holding its own vectors. */
function foreignCollections(r: { collections: { name: string; count: bigint }[] }): string[] {
  return r.collections
    .filter((c) => ![SHARED_COLLECTION, SHARED_HNSW_COLLECTION].includes(c.name) || c.count !== BigInt(B_VECTORS))
    .map((c) => `${c.name} (${c.count} vectors)`);
}

/** Models of other tenants that a node lists (B may see its own only). */
function foreignLoadedModels(nodes: NodeInfo[], tenant: string): string[] {
  return nodes.flatMap((n) =>
    n.models.filter((m) => m.tenant !== tenant).map((m) => `node ${n.id} holds ${m.tenant}/${m.name} v${m.version}`),
  );
}

/**
 * Every RPC probe of B on A's objects, except those that create objects in B (see
 * {@link creationProbes}), made as `caller` (B's admin by API key or token, over some protocol).
 */
export function readAndMutationProbes(setup: IsolationSetup, caller: Caller): Probe[] {
  const { a, b, planted } = setup;
  const model = planted.model;
  const pipeline = planted.pipeline;
  const byVersion = { selector: { case: "version" as const, value: model.version } };
  const byAlias = { selector: { case: "alias" as const, value: model.alias } };
  const pipelineVersion = { selector: { case: "version" as const, value: pipeline.version } };
  const pipelineAlias = { selector: { case: "alias" as const, value: pipeline.alias } };
  const registry = clientOf(ModelRegistryService, caller);
  const inference = clientOf(InferenceService, caller);
  const oip = clientOf(GRPCInferenceService, caller);
  const pipelines = clientOf(PipelineService, caller);
  const decisions = clientOf(DecisionService, caller);
  const tasks = clientOf(TaskService, caller);
  const streams = clientOf(StreamService, caller);
  const vectors = clientOf(VectorService, caller);
  const tenants = clientOf(TenantService, caller);
  const audit = clientOf(AuditService, caller);
  const cluster = clientOf(ClusterService, caller);
  const nothingOwned = <T>(items: T[], name: (item: T) => string) => items.map(name);
  const M = "ModelRegistryService/";
  const probes: Probe[] = [
    // The model registry.
    hidden(`${M}GetModel`, "guessed name", () => registry.getModel({ name: model.name })),
    hidden(`${M}GetModel`, "leaked name+version", () => registry.getModel({ name: model.name, selector: byVersion })),
    hidden(`${M}GetModel`, "leaked name+alias", () => registry.getModel({ name: model.name, selector: byAlias })),
    listed(
      `${M}ListModels`,
      "none",
      () => registry.listModels({}),
      (r) => nothingOwned(r.models, (m) => `${m.name} v${m.version}`),
    ),
    listed(
      `${M}ListModels`,
      "guessed name",
      () => registry.listModels({ name: model.name }),
      (r) => nothingOwned(r.models, (m) => `${m.name} v${m.version}`),
    ),
    hidden(`${M}GetModelStatistics`, "guessed name", () => registry.getModelStatistics({ name: model.name })),
    hidden(`${M}GetModelStatistics`, "leaked name+version", () =>
      registry.getModelStatistics({ name: model.name, selector: byVersion }),
    ),
    listed(
      `${M}GetModelStatistics`,
      "none (every model)",
      () => registry.getModelStatistics({}),
      (r) => nothingOwned(r.statistics, (s) => `${s.name} v${s.version}`),
    ),
    hidden(`${M}DeleteModel`, "leaked name+version", () =>
      registry.deleteModel({ name: model.name, version: model.version }),
    ),
    hidden(`${M}DeleteModel`, "guessed name (every version)", () => registry.deleteModel({ name: model.name })),
    hidden(`${M}UpdateModelConfig`, "leaked name+version", () =>
      registry.updateModelConfig({ name: model.name, version: model.version, config: { maxBatchSize: 1 } }),
    ),
    hidden(`${M}SetModelAlias`, "leaked name+version", () =>
      registry.setModelAlias({ name: model.name, alias: "stolen", version: model.version }),
    ),
    hidden(`${M}DeleteModelAlias`, "leaked name+alias", () =>
      registry.deleteModelAlias({ name: model.name, alias: model.alias }),
    ),
    hidden(`${M}LoadModel`, "leaked name+version", () => registry.loadModel({ name: model.name, selector: byVersion })),
    hidden(`${M}UnloadModel`, "leaked name+version", () =>
      registry.unloadModel({ name: model.name, selector: byVersion }),
    ),
    hidden(`${M}UnloadModel`, "guessed name", () => registry.unloadModel({ name: model.name })),

    // Inference, arbiter.v1.
    hidden("InferenceService/Infer", "guessed name", () => inference.infer({ model: model.name, inputs: [FEATURES] })),
    hidden("InferenceService/Infer", "leaked name+version", () =>
      inference.infer({ model: model.name, selector: byVersion, inputs: [FEATURES] }),
    ),
    hidden("InferenceService/Infer", "leaked name+alias", () =>
      inference.infer({ model: model.name, selector: byAlias, inputs: [FEATURES] }),
    ),
    streamHidden("InferenceService/InferStream", "leaked name+version", () =>
      drain(
        inference.inferStream(
          once({ request: { model: model.name, selector: byVersion, id: "probe", inputs: [FEATURES] } }),
        ),
      ),
    ),

    // Inference, Open Inference Protocol over gRPC.
    hidden("GRPCInferenceService/ModelReady", "guessed name", () => oip.modelReady({ name: model.name })),
    hidden("GRPCInferenceService/ModelReady", "leaked name+version", () =>
      oip.modelReady({ name: model.name, version: String(model.version) }),
    ),
    hidden("GRPCInferenceService/ModelMetadata", "guessed name", () => oip.modelMetadata({ name: model.name })),
    hidden("GRPCInferenceService/ModelMetadata", "leaked name+alias", () =>
      oip.modelMetadata({ name: model.name, version: model.alias }),
    ),
    hidden("GRPCInferenceService/ModelConfig", "leaked name+version", () =>
      oip.modelConfig({ name: model.name, version: String(model.version) }),
    ),
    hidden("GRPCInferenceService/ModelStatistics", "guessed name", () => oip.modelStatistics({ name: model.name })),
    listed(
      "GRPCInferenceService/ModelStatistics",
      "none (every model)",
      () => oip.modelStatistics({}),
      (r) => nothingOwned(r.modelStats, (s) => `${s.name} v${s.version}`),
    ),
    listed(
      "GRPCInferenceService/RepositoryIndex",
      "none",
      () => oip.repositoryIndex({}),
      (r) => nothingOwned(r.models, (m) => `${m.name} v${m.version}`),
    ),
    hidden("GRPCInferenceService/ModelInfer", "leaked name+version", () =>
      oip.modelInfer({
        modelName: model.name,
        modelVersion: String(model.version),
        inputs: [
          { name: "features", datatype: "FP32", shape: [1n, BigInt(ROW.length)], contents: { fp32Contents: ROW } },
        ],
      }),
    ),
    hidden("GRPCInferenceService/ModelStreamInfer", "guessed name", async () => {
      const answers = await drain(
        oip.modelStreamInfer(
          once({
            modelName: model.name,
            inputs: [
              { name: "features", datatype: "FP32", shape: [1n, BigInt(ROW.length)], contents: { fp32Contents: ROW } },
            ],
          }),
        ),
      );
      // Errors of one request come back as a message of the stream (Triton's convention).
      const error = answers[0]?.errorMessage ?? "";
      if (answers.length === 1 && /not found/i.test(error)) throw new ConnectError(error, Code.NotFound);
      return answers;
    }),
    hidden("GRPCInferenceService/RepositoryModelLoad", "guessed name", () =>
      oip.repositoryModelLoad({ modelName: model.name }),
    ),
    hidden("GRPCInferenceService/RepositoryModelUnload", "guessed name", () =>
      oip.repositoryModelUnload({ modelName: model.name }),
    ),

    // Pipelines.
    hidden("PipelineService/GetPipeline", "guessed name", () => pipelines.getPipeline({ name: pipeline.name })),
    hidden("PipelineService/GetPipeline", "leaked name+version", () =>
      pipelines.getPipeline({ name: pipeline.name, selector: pipelineVersion }),
    ),
    hidden("PipelineService/GetPipeline", "leaked name+alias", () =>
      pipelines.getPipeline({ name: pipeline.name, selector: pipelineAlias }),
    ),
    listed(
      "PipelineService/ListPipelines",
      "none",
      () => pipelines.listPipelines({}),
      (r) => nothingOwned(r.pipelines, (p) => `${p.name} v${p.version}`),
    ),
    listed(
      "PipelineService/ListPipelines",
      "guessed name",
      () => pipelines.listPipelines({ name: pipeline.name }),
      (r) => nothingOwned(r.pipelines, (p) => `${p.name} v${p.version}`),
    ),
    hidden("PipelineService/DeletePipeline", "leaked name+version", () =>
      pipelines.deletePipeline({ name: pipeline.name, version: pipeline.version }),
    ),
    hidden("PipelineService/DeletePipeline", "guessed name (every version)", () =>
      pipelines.deletePipeline({ name: pipeline.name }),
    ),
    hidden("PipelineService/SetPipelineAlias", "leaked name+version", () =>
      pipelines.setPipelineAlias({ name: pipeline.name, alias: "stolen", version: pipeline.version }),
    ),
    answered(
      "PipelineService/ValidatePipeline",
      "guessed model name",
      () => pipelines.validatePipeline({ pipeline: fromJson(PipelineSchema, exampleDefinition("b-probe")) }),
      (r) =>
        r.problems.some((p) => p.message.includes(model.name))
          ? undefined
          : `no problem names model ${model.name}: ${JSON.stringify(r.problems.map((p) => p.message))}`,
    ),
    answered(
      "PipelineService/ValidatePipeline",
      "guessed collection name",
      () => pipelines.validatePipeline({ pipeline: searchPipeline(PRIVATE_COLLECTION) }),
      (r) =>
        r.problems.some((p) => p.message.includes(PRIVATE_COLLECTION))
          ? undefined
          : `no problem names collection ${PRIVATE_COLLECTION}: ${JSON.stringify(r.problems.map((p) => p.message))}`,
    ),

    // Decisions.
    hidden("DecisionService/Decide", "guessed name", () =>
      decisions.decide({ pipeline: pipeline.name, inputs: transactionInputs(1) }),
    ),
    hidden("DecisionService/Decide", "leaked name+version", () =>
      decisions.decide({ pipeline: pipeline.name, selector: pipelineVersion, inputs: transactionInputs(1) }),
    ),
    hidden("DecisionService/Decide", "leaked name+alias", () =>
      decisions.decide({ pipeline: pipeline.name, selector: pipelineAlias, inputs: transactionInputs(1) }),
    ),
    streamHidden("DecisionService/DecideStream", "leaked name+version", () =>
      drain(
        decisions.decideStream(
          once({
            request: {
              pipeline: pipeline.name,
              selector: pipelineVersion,
              inputs: transactionInputs(2),
              requestId: "b-stream",
            },
          }),
        ),
      ),
    ),
    hidden("DecisionService/GetDecision", "leaked id", () => decisions.getDecision({ id: planted.decisionId })),
    hidden("DecisionService/GetDecision", "leaked id, upper case", () =>
      decisions.getDecision({ id: upper(planted.decisionId) }),
    ),
    hidden(
      "DecisionService/GetDecision",
      "guessed id (A's request id, not a uuid)",
      () => decisions.getDecision({ id: planted.decisionRequestId }),
      [Code.InvalidArgument],
    ),
    listed(
      "DecisionService/ListDecisions",
      "none",
      () => decisions.listDecisions({}),
      (r) => nothingOwned(r.decisions, (d) => `decision ${d.id} of ${d.pipeline}`),
    ),
    listed(
      "DecisionService/ListDecisions",
      "guessed pipeline name",
      () => decisions.listDecisions({ pipeline: pipeline.name }),
      (r) => nothingOwned(r.decisions, (d) => `decision ${d.id} of ${d.pipeline}`),
      [Code.NotFound],
    ),
    hidden("DecisionService/Replay", "guessed pipeline name", () => decisions.replay({ pipeline: pipeline.name })),
    hidden("DecisionService/Replay", "leaked name+version", () =>
      decisions.replay({
        pipeline: pipeline.name,
        candidate: { selector: { case: "version", value: pipeline.version } },
      }),
    ),

    // Tasks.
    hidden("TaskService/GetTask", "leaked id", () => tasks.getTask({ id: planted.taskId })),
    hidden("TaskService/GetTask", "leaked id, upper case", () => tasks.getTask({ id: upper(planted.taskId) })),
    hidden(
      "TaskService/GetTask",
      "guessed id (A's idempotency key, not a uuid)",
      () => tasks.getTask({ id: planted.taskIdempotencyKey }),
      [Code.InvalidArgument],
    ),
    listed(
      "TaskService/ListTasks",
      "none",
      () => tasks.listTasks({}),
      (r) => nothingOwned(r.tasks, (t) => `task ${t.id}`),
    ),
    hidden("TaskService/ListTaskResults", "leaked id", () => tasks.listTaskResults({ id: planted.taskId })),
    hidden("TaskService/StreamTaskResults", "leaked id", () => drain(tasks.streamTaskResults({ id: planted.taskId }))),
    hidden("TaskService/WatchTask", "leaked id", () => drain(tasks.watchTask({ id: planted.taskId }))),
    hidden("TaskService/CancelTask", "leaked id", () => tasks.cancelTask({ id: planted.taskId })),
    hidden("TaskService/CancelTask", "leaked id, upper case", () => tasks.cancelTask({ id: upper(planted.taskId) })),
    hidden("TaskService/SubmitTask", "guessed model name", () =>
      tasks.submitTask({ target: { case: "model", value: { model: model.name } }, items: [{ tensors: [FEATURES] }] }),
    ),
    hidden("TaskService/SubmitTask", "leaked pipeline name+version", () =>
      tasks.submitTask({
        target: { case: "pipeline", value: { pipeline: pipeline.name, selector: pipelineVersion } },
        items: [{ values: transactionInputs(3) }],
      }),
    ),

    // Stream bindings.
    hidden("StreamService/GetStreamBinding", "leaked name", () => streams.getStreamBinding({ name: planted.binding })),
    listed(
      "StreamService/ListStreamBindings",
      "none",
      () => streams.listStreamBindings({}),
      (r) => nothingOwned(r.bindings, (s) => `binding ${s.name}`),
    ),
    hidden("StreamService/DeleteStreamBinding", "leaked name", () =>
      streams.deleteStreamBinding({ name: planted.binding }),
    ),
    hidden("StreamService/CreateStreamBinding", "guessed pipeline name", () =>
      streams.createStreamBinding({ binding: { name: "b-on-a-pipeline", pipeline: pipeline.name } }),
    ),

    // Vector collections: A's private one, and the one whose name both tenants use.
    hidden("VectorService/GetCollection", "guessed name", () => vectors.getCollection({ name: PRIVATE_COLLECTION })),
    answered(
      "VectorService/GetCollection",
      "shared name",
      () => vectors.getCollection({ name: SHARED_COLLECTION }),
      (r) =>
        r.collection?.count === BigInt(B_VECTORS) ? undefined : `count ${r.collection?.count}, B holds ${B_VECTORS}`,
    ),
    listed("VectorService/ListCollections", "none", () => vectors.listCollections({}), foreignCollections),
    listed(
      "VectorService/ListCollections",
      "leaked page token",
      () => vectors.listCollections({ pageToken: planted.collectionPageToken }),
      foreignCollections,
      [Code.InvalidArgument],
    ),
    hidden("VectorService/DeleteCollection", "guessed name", () =>
      vectors.deleteCollection({ name: PRIVATE_COLLECTION }),
    ),
    hidden("VectorService/UpsertVectors", "guessed name", () =>
      vectors.upsertVectors({
        collection: PRIVATE_COLLECTION,
        records: [{ id: "a-0", values: Array.from({ length: VECTOR_DIM }, () => 0) }],
      }),
    ),
    hidden("VectorService/DeleteVectors", "guessed name", () =>
      vectors.deleteVectors({ collection: PRIVATE_COLLECTION, ids: ["a-0", "a-1"] }),
    ),
    answered(
      "VectorService/DeleteVectors",
      "shared name, leaked vector ids",
      () => vectors.deleteVectors({ collection: SHARED_COLLECTION, ids: ["a-0", "a-1", "a-2"] }),
      (r) => (r.deleted === 0n ? undefined : `deleted ${r.deleted} of A's vectors`),
    ),
    hidden("VectorService/Search", "guessed name", () =>
      vectors.search({ collection: PRIVATE_COLLECTION, query: setup.planted.aVectors[0] ?? [], k: 3 }),
    ),
    hidden("VectorService/SearchBatch", "guessed name", () =>
      vectors.searchBatch({
        searches: [
          { collection: SHARED_COLLECTION, query: setup.planted.aVectors[0] ?? [], k: 3 },
          { collection: PRIVATE_COLLECTION, query: setup.planted.aVectors[1] ?? [], k: 3 },
        ],
      }),
    ),

    // The example objects tenant `default` holds, by their documented names.
    hidden("PipelineService/GetPipeline", "guessed name (default's example)", () =>
      pipelines.getPipeline({ name: "recommendation" }),
    ),
    hidden("VectorService/GetCollection", "guessed name (default's example)", () =>
      vectors.getCollection({ name: "catalogue" }),
    ),
    hidden("VectorService/Search", "guessed name (default's example)", () =>
      vectors.search({ collection: "catalogue", query: [0.1, 0.2, 0.3, 0.4], k: 3 }),
    ),
    hidden("InferenceService/Infer", "guessed name (default's example)", () =>
      inference.infer({ model: "diabetes-regressor", inputs: [FEATURES] }),
    ),

    // Names that would cross a tenant boundary if a name were ever pasted into a path or subject.
    ...[`${a.id}.${model.name}`, `${a.id}/${model.name}`, `../${a.id}/${model.name}`, "*", ">"].map((name) =>
      hidden(
        "InferenceService/Infer",
        "name naming A's tenant",
        () => inference.infer({ model: name, inputs: [FEATURES] }),
        [Code.InvalidArgument],
      ),
    ),
    hidden(
      "PipelineService/GetPipeline",
      "name naming A's tenant",
      () => pipelines.getPipeline({ name: `${a.id}.${pipeline.name}` }),
      [Code.InvalidArgument],
    ),
    hidden(
      "VectorService/Search",
      "name naming A's tenant",
      () => vectors.search({ collection: `${a.id}.${PRIVATE_COLLECTION}`, query: planted.aVectors[0] ?? [], k: 3 }),
      [Code.InvalidArgument],
    ),

    // Tenants, principals and keys.
    hidden("TenantService/GetTenant", "leaked tenant id", () => tenants.getTenant({ id: a.id })),
    hidden("TenantService/GetTenant", "guessed tenant id", () => tenants.getTenant({ id: "default" })),
    // Listing and deleting tenants need the platform permission, which no role of B's tenant grants:
    // PERMISSION_DENIED here answers for the RPC, whatever the id (checked against a ghost tenant).
    sameAsGhost(
      "TenantService/DeleteTenant",
      "leaked tenant id",
      (id) => tenants.deleteTenant({ id }),
      a.id,
      "iso-ghost",
    ),
    deniedOrOwn(
      "TenantService/ListTenants",
      "none",
      () => tenants.listTenants({}),
      (r) => r.tenants.filter((t) => t.id !== b.id).map((t) => `tenant ${t.id}`),
    ),
    listed(
      "TenantService/ListPrincipals",
      "none",
      () => tenants.listPrincipals({}),
      (r) =>
        r.principals
          .filter((p) => p.tenant !== b.id || p.id === a.principalId)
          .map((p) => `principal ${p.name} of ${p.tenant}`),
    ),
    hidden("TenantService/DeletePrincipal", "leaked principal id", () =>
      tenants.deletePrincipal({ id: a.principalId }),
    ),
    hidden("TenantService/DeletePrincipal", "leaked principal id, upper case", () =>
      tenants.deletePrincipal({ id: upper(a.principalId) }),
    ),
    hidden("TenantService/SetRole", "leaked principal id", () =>
      tenants.setRole({ principalId: a.principalId, role: Role.VIEWER }),
    ),
    hidden("TenantService/CreateApiKey", "leaked principal id", () =>
      tenants.createApiKey({ principalId: a.principalId }),
    ),
    hidden("TenantService/CreateApiKey", "leaked principal id, upper case", () =>
      tenants.createApiKey({ principalId: upper(a.principalId) }),
    ),
    listed(
      "TenantService/ListPrincipals",
      "leaked page token",
      () => tenants.listPrincipals({ pageToken: planted.principalPageToken }),
      (r) =>
        r.principals
          .filter((p) => p.tenant !== b.id || p.id === a.principalId)
          .map((p) => `principal ${p.name} of ${p.tenant}`),
      [Code.InvalidArgument],
    ),
    listed(
      "TenantService/ListApiKeys",
      "leaked principal id",
      () => tenants.listApiKeys({ principalId: a.principalId }),
      (r) => r.keys.map((k) => `key ${k.id} of ${k.principalId}`),
      [Code.NotFound],
    ),
    listed(
      "TenantService/ListApiKeys",
      "none",
      () => tenants.listApiKeys({}),
      (r) => r.keys.filter((k) => k.principalId !== b.principalId).map((k) => `key ${k.id} of ${k.principalId}`),
    ),
    hidden("TenantService/RevokeApiKey", "leaked key id", () => tenants.revokeApiKey({ id: a.keyId })),
    hidden("TenantService/RevokeApiKey", "leaked key id, upper case", () =>
      tenants.revokeApiKey({ id: upper(a.keyId) }),
    ),

    // The audit log and the cluster's view of loaded models.
    listed(
      "AuditService/ListAuditEvents",
      "none",
      () => audit.listAuditEvents({ pageSize: 1000 }),
      (r) => r.events.filter((e) => e.tenant !== b.id).map((e) => `${e.tenant} ${e.action} ${e.object}`),
    ),
    listed(
      "AuditService/ListAuditEvents",
      "leaked principal id",
      () => audit.listAuditEvents({ principalId: a.principalId, pageSize: 1000 }),
      (r) => r.events.filter((e) => e.tenant !== b.id).map((e) => `${e.tenant} ${e.action} ${e.object}`),
      [Code.NotFound],
    ),
    listed(
      "ClusterService/ListNodes",
      "none",
      () => cluster.listNodes({}),
      (r) => foreignLoadedModels(r.nodes, b.id),
    ),

    // B's key naming A's tenant: only platform admins may act in another tenant, whatever it is.
    sameAsGhost(
      "x-arbiter-tenant + ModelRegistryService/GetModel",
      "leaked tenant id",
      (tenant) => clientOf(ModelRegistryService, { ...caller, tenant }).getModel({ name: model.name }),
      a.id,
      "iso-ghost",
    ),
  ];
  return probes;
}

/** The Open Inference Protocol REST routes on A's model, as B's admin. */
export function restProbes(setup: IsolationSetup): Probe[] {
  const caller = setup.b.caller;
  const model = setup.planted.model;
  return [
    rest(caller, "GET", `/v2/models/${model.name}`, "guessed name"),
    rest(caller, "GET", `/v2/models/${model.name}/versions/${model.version}`, "leaked name+version"),
    rest(caller, "GET", `/v2/models/${model.name}/ready`, "guessed name"),
    rest(caller, "GET", `/v2/models/${model.name}/versions/${model.alias}/config`, "leaked name+alias"),
    rest(caller, "GET", `/v2/models/${model.name}/stats`, "guessed name"),
    rest(caller, "POST", `/v2/models/${model.name}/infer`, "guessed name", {
      inputs: [{ name: "features", datatype: "FP32", shape: [1, ROW.length], data: ROW }],
    }),
    rest(caller, "POST", `/v2/models/${model.name}/versions/${model.version}/infer`, "leaked name+version", {
      inputs: [{ name: "features", datatype: "FP32", shape: [1, ROW.length], data: ROW }],
    }),
    rest(caller, "POST", `/v2/repository/models/${model.name}/load`, "guessed name", {}),
    rest(caller, "POST", `/v2/repository/models/${model.name}/unload`, "guessed name", {}),
    rest(caller, "GET", "/v2/models/stats", "none (every model)", undefined, (json) =>
      ((json as { model_stats?: { name: string }[] }).model_stats ?? []).map((s) => s.name),
    ),
    rest(caller, "POST", "/v2/repository/index", "none", {}, (json) =>
      ((json as { name: string }[]) ?? []).map((m) => m.name),
    ),

    sameAsGhost(
      "x-arbiter-tenant + GET /v2/models/{m}",
      "leaked tenant id",
      async (tenant) => {
        const res = await fetch(`${caller.gatewayUrl}/v2/models/${model.name}`, {
          headers: headersOf({ ...caller, tenant }),
        });
        const text = await res.text();
        if (res.ok) return text;
        throw new ConnectError(text, httpCode(res.status));
      },
      setup.a.id,
      "iso-ghost",
    ),
  ];
}

/**
 * Signing in to A with a wrong password must answer exactly as signing in to a tenant that does
 * not exist, or as a user A does not have: otherwise anyone learns A's tenant and user names.
 */
export function loginProbes(setup: IsolationSetup): Probe[] {
  const { a } = setup;
  const auth = clientOf(AuthService, { gatewayUrl: a.caller.gatewayUrl, key: "" });
  const attempt = (tenant: string, username: string) => () =>
    auth.login({ tenant, username, password: "not-the-password-0" });
  const probe = (idKind: string, real: () => Promise<unknown>, ghost: () => Promise<unknown>): Probe => ({
    method: "AuthService/Login",
    idKind,
    async run() {
      const [r, g] = [await outcomeOf(real), await outcomeOf(ghost)];
      this.answer = `${shown(r)}; for a tenant or user that does not exist: ${shown(g)}`;
      const same = !r.ok && !g.ok && r.code === g.code && r.message === g.message;
      return same ? undefined : this.answer;
    },
  });
  return [
    probe("leaked tenant id and user name", attempt(a.id, a.userName), attempt("iso-ghost", a.userName)),
    probe("leaked tenant id and user name", attempt(a.id, a.userName), attempt(a.id, "nobody-here")),
  ];
}

/** The gRPC code of an HTTP status of the REST routes (enough to compare two answers). */
function httpCode(status: number): Code {
  if (status === 404) return Code.NotFound;
  if (status === 403) return Code.PermissionDenied;
  if (status === 401) return Code.Unauthenticated;
  return Code.Internal;
}

/**
 * A call that fails for B whatever the id (a permission of the platform): the answer on A's id
 * must be the answer on an id that exists nowhere, so it tells B nothing about A.
 */
function sameAsGhost(
  method: string,
  idKind: string,
  call: (id: string) => Promise<unknown>,
  realId: string,
  ghostId: string,
): Probe {
  return {
    method,
    idKind,
    async run() {
      const [real, ghost] = [await outcomeOf(() => call(realId)), await outcomeOf(() => call(ghostId))];
      this.answer = `${shown(real)}; on an id that exists nowhere: ${shown(ghost)}`;
      if (!real.ok && !ghost.ok && real.code === ghost.code) return undefined;
      return `${shown(real)}; on an id that exists nowhere: ${shown(ghost)}`;
    },
  };
}

/** A list behind a platform permission: PERMISSION_DENIED, or only B's items. */
function deniedOrOwn<T>(
  method: string,
  idKind: string,
  call: () => Promise<T>,
  foreign: (value: T) => string[],
): Probe {
  const inner = listed(method, idKind, call, foreign);
  return {
    method,
    idKind,
    async run() {
      const outcome = await observe(this, call);
      if (!outcome.ok && outcome.code === Code.PermissionDenied) return undefined;
      const found = await inner.run();
      this.answer = inner.answer;
      return found;
    },
  };
}

/** The example transaction-risk definition under another name (it names A's model). */
function exampleDefinition(name: string): JsonObject {
  const definition = JSON.parse(readFileSync(PIPELINE_FILE, "utf8")) as JsonObject;
  definition.name = name;
  return definition;
}

/** A pipeline of one vector search of `collection`. */
export function searchPipeline(collection: string) {
  return create(PipelineSchema, {
    name: "b-search-probe",
    inputs: [{ name: "query", type: "list", required: true }],
    nodes: [{ name: "search", kind: { case: "vectorSearch", value: { collection, k: 3 } } }],
    edges: [
      { from: "input.query", to: "search.query" },
      { from: "search.ids", to: "output.ids" },
    ],
  });
}
