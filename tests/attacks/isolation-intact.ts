/**
 * After tenant B's attempts, tenant A checks with its own key that every object it planted is as
 * it left it: the model's version, configuration and alias, the pipeline's alias, the vectors, the
 * decision record, the task (not cancelled), the stream binding, its principal's role and its key.
 */
import {
  DecisionService,
  ModelRegistryService,
  PipelineService,
  Role,
  StreamService,
  TaskService,
  TaskState,
  TenantService,
  VectorService,
} from "@arbiter/proto";
import { type Caller, clientOf, outcomeOf, statusName } from "./isolation-calls.ts";
import {
  A_VECTORS,
  type IsolationSetup,
  PRIVATE_COLLECTION,
  SHARED_COLLECTION,
  SHARED_HNSW_COLLECTION,
} from "./isolation-setup.ts";

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
      "A's stream binding",
      async (c) => {
        const { binding } = await clientOf(StreamService, c).getStreamBinding({ name: planted.binding });
        return binding?.pipeline === pipeline.name ? undefined : `pipeline ${binding?.pipeline}`;
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

/** What B's attempts changed of A's objects, as A sees them (empty when nothing). */
export async function changedObjectsOfA(setup: IsolationSetup): Promise<string[]> {
  const problems: string[] = [];
  for (const [what, run] of checks(setup)) {
    const outcome = await outcomeOf(() => run(setup.a.caller));
    if (!outcome.ok) problems.push(`${what}: ${statusName(outcome)} ${outcome.message}`);
    else if (outcome.value !== undefined) problems.push(`${what}: ${outcome.value}`);
  }
  return problems;
}
