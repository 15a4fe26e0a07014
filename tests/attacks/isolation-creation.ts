/**
 * Probes that create objects in tenant B under tenant A's names, ids and keys, run in this order
 * after every other probe (they give B objects those names would then find). B's first version of
 * a name must be 1, an alias B sets must have had no previous target, A's idempotency key and
 * request id must start B's own task and decision, no name may be "already taken" by A. B's model
 * and pipeline of A's names are different ones (another artifact, other rules), so a cache or a
 * queue shared across tenants would show: B's calls must run B's, and A's (see
 * isolation-intact.ts) A's.
 */
import {
  DecisionService,
  InferenceService,
  Metric,
  ModelRegistryService,
  PipelineSchema,
  PipelineService,
  PrincipalKind,
  RegisterModelRequestSchema,
  Role,
  RulesMode,
  StreamService,
  TaskService,
  TenantService,
  type TensorSchema,
  VectorService,
} from "@arbiter/proto";
import { create, fromJson, type MessageInitShape, toJson } from "@bufbuild/protobuf";
import { type Value, ValueSchema } from "@bufbuild/protobuf/wkt";
import { EXPECTED, exampleModel, fp32Bytes } from "../support/examples.ts";
import { clientOf } from "./isolation-calls.ts";
import { answered, type Probe, searchPipeline } from "./isolation-probes.ts";
import { type IsolationSetup, PRIVATE_COLLECTION, SHARED_COLLECTION, VECTOR_DIM } from "./isolation-setup.ts";

/** The artifact B registers under A's model name: the diabetes regressor (10 features in, "prediction" out). */
const B_ARTIFACT = "diabetes-regressor";
const B_ROW = ((EXPECTED[B_ARTIFACT]?.inputs.features?.data ?? []) as number[][])[0] ?? [];
const B_FEATURES: MessageInitShape<typeof TensorSchema> = {
  name: "features",
  datatype: "FP32",
  shape: [1n, BigInt(B_ROW.length)],
  data: { case: "rawContents", value: fp32Bytes([B_ROW]) },
};
/** The label B's pipeline of A's pipeline name always decides. */
export const B_LABEL = "b-only-label";

/** B's pipeline named like A's: one rule over the amount, deciding {@link B_LABEL}. */
function bPipeline(name: string) {
  return create(PipelineSchema, {
    name,
    inputs: [{ name: "amount", type: "number", required: true }],
    nodes: [
      {
        name: "decide",
        kind: {
          case: "rules",
          value: {
            mode: RulesMode.FIRST_MATCH,
            rules: [{ name: "always", when: "amount >= 0.0", label: B_LABEL, reason: "tenant B's rule" }],
            defaultLabel: B_LABEL,
          },
        },
      },
    ],
    edges: [
      { from: "input.amount", to: "decide.amount" },
      { from: "decide.label", to: "output.label" },
    ],
    audit: { sampleRate: 1 },
  });
}

const amount = (n: number) => ({ amount: { kind: { case: "value" as const, value: fromJson(ValueSchema, n) } } });

/** The probes; see the file's comment. */
export function creationProbes(setup: IsolationSetup): Probe[] {
  const { a, b, planted } = setup;
  const caller = b.caller;
  const registry = clientOf(ModelRegistryService, caller);
  const pipelines = clientOf(PipelineService, caller);
  const decisions = clientOf(DecisionService, caller);
  const model = planted.model;
  const pipeline = planted.pipeline;
  return [
    answered(
      "ModelRegistryService/RegisterModel",
      "guessed name (next version)",
      () =>
        registry.registerModel(
          (async function* () {
            yield create(RegisterModelRequestSchema, { part: { case: "metadata", value: { name: model.name } } });
            yield create(RegisterModelRequestSchema, { part: { case: "chunk", value: exampleModel(B_ARTIFACT) } });
          })(),
        ),
      (r) => (r.model?.version === 1n ? undefined : `B's first version is ${r.model?.version}`),
    ),
    answered(
      "ModelRegistryService/SetModelAlias",
      "leaked alias",
      () => registry.setModelAlias({ name: model.name, alias: model.alias, version: 1n }),
      (r) => (r.previousVersion === 0n ? undefined : `previous version ${r.previousVersion}`),
    ),
    answered(
      "InferenceService/Infer",
      "B's own model of A's name",
      () =>
        clientOf(InferenceService, caller).infer({
          model: model.name,
          selector: { selector: { case: "alias", value: model.alias } },
          inputs: [B_FEATURES],
        }),
      (r) => {
        const outputs = r.outputs.map((t) => t.name).join();
        return outputs === "prediction" ? undefined : `outputs ${outputs}: not B's model`;
      },
    ),
    answered(
      "PipelineService/CreatePipeline",
      "guessed name (next version)",
      () => pipelines.createPipeline({ pipeline: bPipeline(pipeline.name) }),
      (r) => (r.pipeline?.version === 1n ? undefined : `B's first version is ${r.pipeline?.version}`),
    ),
    answered(
      "PipelineService/SetPipelineAlias",
      "leaked alias",
      () => pipelines.setPipelineAlias({ name: pipeline.name, alias: pipeline.alias, version: 1n }),
      (r) => (r.previousVersion === 0n ? undefined : `previous version ${r.previousVersion}`),
    ),
    answered(
      "DecisionService/Decide",
      "leaked request id",
      () =>
        decisions.decide({
          pipeline: pipeline.name,
          selector: { selector: { case: "alias", value: pipeline.alias } },
          inputs: amount(120),
          requestId: planted.decisionRequestId,
        }),
      (r) =>
        r.decision && r.decision.id !== planted.decisionId && r.decision.label === B_LABEL
          ? undefined
          : `decision ${r.decision?.id} labelled ${r.decision?.label} (A's is ${planted.decisionId})`,
    ),
    answered(
      "StreamService/CreateStreamBinding",
      "leaked name",
      () =>
        clientOf(StreamService, caller).createStreamBinding({
          binding: { name: planted.binding, pipeline: pipeline.name },
        }),
      (r) => (r.binding?.inputSubject.includes(`.${b.id}.`) ? undefined : `input subject ${r.binding?.inputSubject}`),
    ),
    answered(
      "VectorService/CreateCollection",
      "guessed name",
      () =>
        clientOf(VectorService, caller).createCollection({
          name: PRIVATE_COLLECTION,
          dim: VECTOR_DIM,
          metric: Metric.L2,
        }),
      (r) => (r.collection?.count === 0n ? undefined : `new collection holds ${r.collection?.count} vectors`),
    ),
    answered(
      "TaskService/SubmitTask",
      "leaked idempotency key",
      () =>
        clientOf(TaskService, caller).submitTask({
          idempotencyKey: planted.taskIdempotencyKey,
          target: { case: "model", value: { model: model.name } },
          items: [{ tensors: [B_FEATURES] }],
        }),
      (r) =>
        r.created && r.task?.id !== planted.taskId
          ? undefined
          : `created ${r.created}, task ${r.task?.id} (A's ${planted.taskId})`,
    ),
    answered(
      "DecisionService/Decide",
      "B's pipeline searching the shared collection name",
      async () => {
        const search = searchPipeline(SHARED_COLLECTION);
        search.name = "b-shared-search";
        await pipelines.createPipeline({ pipeline: search });
        return decisions.decide({
          pipeline: search.name,
          inputs: { query: { kind: { case: "value", value: fromJson(ValueSchema, planted.aVectors[7] ?? []) } } },
        });
      },
      (r) => {
        const ids = toJson(ValueSchema, r.decision?.outputs.ids?.kind.value as Value) as string[];
        return ids.length > 0 && ids.every((id) => id.startsWith("b-")) ? undefined : `ids ${ids.join(", ")}`;
      },
    ),
    answered(
      "TenantService/CreatePrincipal",
      "guessed principal name",
      () =>
        clientOf(TenantService, caller).createPrincipal({
          kind: PrincipalKind.SERVICE_ACCOUNT,
          name: `${a.id}-admin`,
          role: Role.VIEWER,
        }),
      (r) => (r.principal?.tenant === b.id ? undefined : `principal in tenant ${r.principal?.tenant}`),
    ),
  ];
}
