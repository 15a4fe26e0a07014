/**
 * After tenant B's attempts, tenant A checks with its own key that every object it planted is as
 * it left it: the model's version, configuration and alias, the pipeline's alias, the vectors, the
 * decision record, the task (not cancelled), the stream binding, its principal's role and its key;
 * and that its model and pipeline still run A's artifact and rules, though B now has its own under
 * the same names; and that A's audit log shows none of B's attempts (they are B's to read).
 */
import {
  AuditService,
  DecisionService,
  InferenceService,
  ModelRegistryService,
  PipelineService,
  Role,
  StreamService,
  TaskService,
  TaskState,
  TenantService,
  VectorService,
} from "@arbiter/proto";
import { EXPECTED, fp32Bytes } from "../support/examples.ts";
import { transactionInputs } from "../support/transaction-risk.ts";
import { type Caller, clientOf, outcomeOf, statusName } from "./isolation-calls.ts";
import {
  A_VECTORS,
  type IsolationSetup,
  PRIVATE_COLLECTION,
  SHARED_COLLECTION,
  SHARED_HNSW_COLLECTION,
} from "./isolation-setup.ts";

const ROW = ((EXPECTED["risk-classifier"]?.inputs.features?.data ?? []) as number[][])[0] ?? [];
const FEATURES = {
  name: "features",
  datatype: "FP32",
  shape: [1n, BigInt(ROW.length)],
  data: { case: "rawContents" as const, value: fp32Bytes([ROW]) },
};

/** One check: a description of what is wrong, or undefined. */
type Check = [what: string, run: (a: Caller) => Promise<string | undefined>];

function checks(setup: IsolationSetup): Check[] {
  const { a, planted } = setup;
  const { model, pipeline } = planted;
  return [
    [
      "A's model",
      async (c) => {
        const registry = clientOf(ModelRegistryService, c);
        const { models } = await registry.listModels({ name: model.name });
        const got = models.find((m) => m.version === model.version);
        if (models.length !== 1 || !got) return `versions ${models.map((m) => m.version).join(", ")}`;
        if (got.config?.maxBatchSize !== model.maxBatchSize) return `max_batch_size ${got.config?.maxBatchSize}`;
        if (got.aliases.join() !== model.alias) return `aliases ${got.aliases.join(", ")}`;
        return undefined;
      },
    ],
    [
      "A's pipeline",
      async (c) => {
        const { pipelines } = await clientOf(PipelineService, c).listPipelines({ name: pipeline.name });
        const got = pipelines.find((p) => p.version === pipeline.version);
        if (pipelines.length !== 1 || !got) return `versions ${pipelines.map((p) => p.version).join(", ")}`;
        if (got.aliases.join() !== pipeline.alias) return `aliases ${got.aliases.join(", ")}`;
        return undefined;
      },
    ],
    [
      "A's vectors",
      async (c) => {
        const vectors = clientOf(VectorService, c);
        const shared = await vectors.getCollection({ name: SHARED_COLLECTION });
        if (shared.collection?.count !== BigInt(A_VECTORS))
          return `${SHARED_COLLECTION} holds ${shared.collection?.count}`;
        const hnsw = await vectors.getCollection({ name: SHARED_HNSW_COLLECTION });
        if (hnsw.collection?.count !== BigInt(A_VECTORS))
          return `${SHARED_HNSW_COLLECTION} holds ${hnsw.collection?.count}`;
        const own = await vectors.getCollection({ name: PRIVATE_COLLECTION });
        if (own.collection?.count !== 50n) return `${PRIVATE_COLLECTION} holds ${own.collection?.count}`;
        const { hits } = await vectors.search({
          collection: SHARED_COLLECTION,
          query: planted.aVectors[0] ?? [],
          k: 1,
        });
        return hits[0]?.id === "a-0" ? undefined : `nearest to a-0 is ${hits[0]?.id}`;
      },
    ],
    [
      "A's decision",
      async (c) => {
        const { decision } = await clientOf(DecisionService, c).getDecision({ id: planted.decisionId });
        return decision?.id === planted.decisionId ? undefined : `got ${decision?.id}`;
      },
    ],
    [
      "A's task",
      async (c) => {
        const { task } = await clientOf(TaskService, c).getTask({ id: planted.taskId });
        return task && task.state !== TaskState.CANCELLED && task.cancelledItems === 0n
          ? undefined
          : `state ${task ? TaskState[task.state] : "none"}, ${task?.cancelledItems} items cancelled`;
      },
    ],
    [
      "A's model serves A's artifact",
      async (c) => {
        const { outputs } = await clientOf(InferenceService, c).infer({
          model: model.name,
          selector: { selector: { case: "alias", value: model.alias } },
          inputs: [FEATURES],
        });
        const names = outputs
          .map((t) => t.name)
          .sort()
          .join();
        return names === "label,probabilities" ? undefined : `outputs ${names}`;
      },
    ],
    [
      "A's pipeline decides by A's rules",
      async (c) => {
        const { decision } = await clientOf(DecisionService, c).decide({
          pipeline: pipeline.name,
          selector: { selector: { case: "alias", value: pipeline.alias } },
          inputs: transactionInputs(1),
        });
        return ["approve", "review", "decline"].includes(decision?.label ?? "")
          ? undefined
          : `label ${decision?.label}`;
      },
    ],
    [
      "A's stream binding",
      async (c) => {
        const { binding } = await clientOf(StreamService, c).getStreamBinding({ name: planted.binding });
        return binding?.pipeline === pipeline.name ? undefined : `pipeline ${binding?.pipeline}`;
      },
    ],
    [
      "A's audit log holds only A's calls",
      async (c) => {
        const { events } = await clientOf(AuditService, c).listAuditEvents({ pageSize: 1000 });
        const foreign = events.filter((e) => e.tenant !== a.id || e.principalId === setup.b.principalId);
        if (events.length === 0) return "no events at all";
        return foreign.length === 0 ? undefined : `${foreign[0]?.tenant} ${foreign[0]?.action} ${foreign[0]?.object}`;
      },
    ],
    [
      "A's principal and key",
      async (c) => {
        const tenants = clientOf(TenantService, c);
        const { principals } = await tenants.listPrincipals({});
        const me = principals.find((p) => p.id === a.principalId);
        if (me?.role !== Role.ADMIN) return `role ${me ? Role[me.role] : "gone"}`;
        const { keys } = await tenants.listApiKeys({ principalId: a.principalId });
        if (keys.length !== 1) return `${keys.length} keys`;
        return keys[0]?.id === a.keyId && !keys[0]?.revoked
          ? undefined
          : `key ${keys[0]?.id} revoked ${keys[0]?.revoked}`;
      },
    ],
  ];
}

/** What B's attempts changed of A's objects, as A sees them (`problems` empty when nothing), and how many checks ran. */
export async function changedObjectsOfA(setup: IsolationSetup): Promise<{ checks: number; problems: string[] }> {
  const problems: string[] = [];
  const all = checks(setup);
  for (const [what, run] of all) {
    const outcome = await outcomeOf(() => run(setup.a.caller));
    if (!outcome.ok) problems.push(`${what}: ${statusName(outcome)} ${outcome.message}`);
    else if (outcome.value !== undefined) problems.push(`${what}: ${outcome.value}`);
  }
  return { checks: all.length, problems };
}
