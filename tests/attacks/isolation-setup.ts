/**
 * The two tenants of the isolation attack, made through the public API only: the bootstrap admin
 * creates tenants "iso-a" and "iso-b", and inside each (with `x-arbiter-tenant`) an admin service
 * account and its API key. Tenant A then owns one object of every kind — a model with an alias,
 * a pipeline with an alias and full audit, vector collections, a recorded decision, a task and a
 * stream binding — and B owns a collection with the same name as A's, holding other vectors.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  AuthService,
  DecisionService,
  IndexKind,
  Metric,
  ModelRegistryService,
  PipelineSchema,
  PipelineService,
  PrincipalKind,
  RegisterModelRequestSchema,
  Role,
  StreamService,
  TaskService,
  TenantService,
  type VectorRecordSchema,
  VectorService,
} from "@arbiter/proto";
import { create, fromJson, type JsonObject, type MessageInitShape } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";
import { EXPECTED, exampleModel, fp32Bytes } from "../support/examples.ts";
import { transactionInputs } from "../support/transaction-risk.ts";
import { type Caller, clientOf, outcomeOf } from "./isolation-calls.ts";

/** A tenant of the attack and its admin's credentials. */
export interface IsolationTenant {
  readonly id: string;
  /** Its admin service account's own key (no `x-arbiter-tenant`). */
  readonly caller: Caller;
  readonly principalId: string;
  readonly keyId: string;
  /** An admin user of the tenant, signed in: its access token (a JWT) as the credential. */
  readonly tokenCaller: Caller;
  /** That user's name (it signs in with {@link USER_PASSWORD}). */
  readonly userName: string;
}

/** The password of each tenant's admin user. */
export const USER_PASSWORD = "isolation-user-password-1";

/** Dimension of the planted vectors. */
export const VECTOR_DIM = 16;
/** The collection both tenants have, each with its own vectors. */
export const SHARED_COLLECTION = "shared-catalogue";
/** A second pair of same-named collections, on the approximate (HNSW) index. */
export const SHARED_HNSW_COLLECTION = "shared-catalogue-hnsw";
/** A collection only A has. */
export const PRIVATE_COLLECTION = "a-private-vectors";
/** Vectors A plants (ids "a-0"...) and B holds (ids "b-0"...). */
export const A_VECTORS = 300;
export const B_VECTORS = 200;

/** The ids and names A got back when it made its objects. */
export interface PlantedObjects {
  readonly model: { name: string; version: bigint; alias: string; maxBatchSize: number };
  readonly pipeline: { name: string; version: bigint; alias: string };
  readonly decisionId: string;
  readonly decisionRequestId: string;
  readonly taskId: string;
  readonly taskIdempotencyKey: string;
  readonly binding: string;
  /** A's vectors, in id order ("a-<n>" is `aVectors[n]`). */
  readonly aVectors: readonly number[][];
  /** next_page_token of A's first page of one collection, and of one principal. */
  readonly collectionPageToken: string;
  readonly principalPageToken: string;
}

const PIPELINE_FILE = fileURLToPath(new URL("../../examples/pipelines/transaction-risk.json", import.meta.url));
const FEATURE_ROWS = (EXPECTED["risk-classifier"]?.inputs.features?.data ?? []) as number[][];

/** A small seeded generator (mulberry32), so every run plants the same vectors. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` vectors of VECTOR_DIM values in [-1, 1). */
function randomVectors(count: number, seed: number): number[][] {
  const next = seededRandom(seed);
  return Array.from({ length: count }, () => Array.from({ length: VECTOR_DIM }, () => next() * 2 - 1));
}

/** Creates tenant `id` as the bootstrap admin, and an admin service account with an API key inside it. */
async function createTenant(gatewayUrl: string, adminKey: string, id: string): Promise<IsolationTenant> {
  const tenants = clientOf(TenantService, { gatewayUrl, key: adminKey });
  const created = await outcomeOf(() => tenants.createTenant({ id, displayName: `isolation attack ${id}` }));
  if (!created.ok) {
    const hint = created.code === Code.AlreadyExists ? " (the attack needs a fresh mesh)" : "";
    throw new Error(`CreateTenant ${id}: ${Code[created.code]} ${created.message}${hint}`);
  }
  const inside = clientOf(TenantService, { gatewayUrl, key: adminKey, tenant: id });
  const { principal } = await inside.createPrincipal({
    kind: PrincipalKind.SERVICE_ACCOUNT,
    name: `${id}-admin`,
    role: Role.ADMIN,
  });
  if (!principal) throw new Error(`CreatePrincipal in ${id} returned no principal`);
  const { key, secret } = await inside.createApiKey({ principalId: principal.id });
  if (!key || secret === "") throw new Error(`CreateApiKey in ${id} returned no key`);
  const caller = { gatewayUrl, key: secret };
  const { principal: me } = await clientOf(AuthService, caller).whoAmI({});
  if (me?.tenant !== id) throw new Error(`the new key of ${id} authenticates in tenant ${me?.tenant}`);
  const userName = `${id}-user`;
  await inside.createPrincipal({ kind: PrincipalKind.USER, name: userName, role: Role.ADMIN, password: USER_PASSWORD });
  const { accessToken } = await clientOf(AuthService, { gatewayUrl, key: "" }).login({
    tenant: id,
    username: userName,
    password: USER_PASSWORD,
  });
  const tokenCaller = { gatewayUrl, key: accessToken };
  return { id, caller, principalId: principal.id, keyId: key.id, tokenCaller, userName };
}

/** Vector records `<prefix>-0`... with a payload naming their owner. */
function records(
  prefix: string,
  vectors: readonly number[][],
  owner: string,
): MessageInitShape<typeof VectorRecordSchema>[] {
  return vectors.map((values, n) => ({
    id: `${prefix}-${n}`,
    values,
    payload: {
      owner: { kind: { case: "stringValue", value: owner } },
      note: { kind: { case: "stringValue", value: `${owner}-secret-${n}` } },
      rank: { kind: { case: "numberValue", value: n } },
    },
  }));
}

/** Creates an L2 collection (FLAT unless `index` says otherwise) and fills it. */
async function plantCollection(
  caller: Caller,
  name: string,
  recs: MessageInitShape<typeof VectorRecordSchema>[],
  index = IndexKind.FLAT,
): Promise<void> {
  const vectors = clientOf(VectorService, caller);
  await vectors.createCollection({ name, dim: VECTOR_DIM, metric: Metric.L2, index });
  await vectors.upsertVectors({ collection: name, records: recs });
}

/** Polls `read` until it resolves, for records written behind the answer (decision audit). */
async function eventually<T>(what: string, read: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const giveUpAt = Date.now() + timeoutMs;
  for (;;) {
    const outcome = await outcomeOf(read);
    if (outcome.ok) return outcome.value;
    if (Date.now() > giveUpAt) throw new Error(`${what}: still ${Code[outcome.code]} (${outcome.message})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Tenant A's objects, one of every kind, and the ids it got back. */
async function plantTenantA(a: Caller): Promise<PlantedObjects> {
  const modelName = "risk-classifier";
  const alias = "production";
  const maxBatchSize = 8;
  const registry = clientOf(ModelRegistryService, a);
  const { model } = await registry.registerModel(
    (async function* () {
      yield create(RegisterModelRequestSchema, {
        part: { case: "metadata", value: { name: modelName, version: 1n, config: { maxBatchSize } } },
      });
      yield create(RegisterModelRequestSchema, { part: { case: "chunk", value: exampleModel(modelName) } });
    })(),
  );
  if (!model) throw new Error("RegisterModel returned no model");
  await registry.setModelAlias({ name: modelName, alias, version: model.version });

  // Every decision of A's pipeline is recorded, so GetDecision has something to find.
  const definition = JSON.parse(readFileSync(PIPELINE_FILE, "utf8")) as JsonObject;
  definition.audit = { sampleRate: 1 };
  const pipelines = clientOf(PipelineService, a);
  const { pipeline } = await pipelines.createPipeline({ pipeline: fromJson(PipelineSchema, definition) });
  if (!pipeline) throw new Error("CreatePipeline returned no pipeline");
  await pipelines.setPipelineAlias({ name: pipeline.name, alias, version: pipeline.version });

  const aVectors = randomVectors(A_VECTORS, 0xa11ce);
  await plantCollection(a, SHARED_COLLECTION, records("a", aVectors, "iso-a"));
  await plantCollection(a, SHARED_HNSW_COLLECTION, records("a", aVectors, "iso-a"), IndexKind.HNSW);
  await plantCollection(a, PRIVATE_COLLECTION, records("a", aVectors.slice(0, 50), "iso-a"));
  const collectionPage = await clientOf(VectorService, a).listCollections({ pageSize: 1 });
  const principalPage = await clientOf(TenantService, a).listPrincipals({ pageSize: 1 });

  const decisionRequestId = "a-decision-1";
  const decisions = clientOf(DecisionService, a);
  const { decision } = await decisions.decide({
    pipeline: pipeline.name,
    inputs: transactionInputs(0),
    requestId: decisionRequestId,
  });
  if (!decision) throw new Error("Decide returned no decision");
  await eventually("A's decision record", () => decisions.getDecision({ id: decision.id }));

  const taskIdempotencyKey = "a-task-1";
  const { task } = await clientOf(TaskService, a).submitTask({
    idempotencyKey: taskIdempotencyKey,
    target: { case: "model", value: { model: modelName } },
    items: FEATURE_ROWS.slice(0, 2).map((row) => ({
      tensors: [
        {
          name: "features",
          datatype: "FP32",
          shape: [1n, BigInt(row.length)],
          data: { case: "rawContents", value: fp32Bytes([row]) },
        },
      ],
    })),
  });
  if (!task) throw new Error("SubmitTask returned no task");

  const binding = "a-payments";
  await clientOf(StreamService, a).createStreamBinding({ binding: { name: binding, pipeline: pipeline.name } });

  return {
    model: { name: modelName, version: model.version, alias, maxBatchSize },
    pipeline: { name: pipeline.name, version: pipeline.version, alias },
    decisionId: decision.id,
    decisionRequestId,
    taskId: task.id,
    taskIdempotencyKey,
    binding,
    aVectors,
    collectionPageToken: collectionPage.nextPageToken,
    principalPageToken: principalPage.nextPageToken,
  };
}

/** Everything the attack needs: both tenants, and what A planted. */
export interface IsolationSetup {
  readonly a: IsolationTenant;
  readonly b: IsolationTenant;
  readonly planted: PlantedObjects;
}

/** Makes tenants A and B and their objects (see the file's comment). */
export async function setUpTenants(gatewayUrl: string, adminKey: string): Promise<IsolationSetup> {
  const a = await createTenant(gatewayUrl, adminKey, "iso-a");
  const b = await createTenant(gatewayUrl, adminKey, "iso-b");
  const planted = await plantTenantA(a.caller);
  const bVectors = records("b", randomVectors(B_VECTORS, 0xb0b), "iso-b");
  await plantCollection(b.caller, SHARED_COLLECTION, bVectors);
  await plantCollection(b.caller, SHARED_HNSW_COLLECTION, bVectors, IndexKind.HNSW);
  return { a, b, planted };
}
