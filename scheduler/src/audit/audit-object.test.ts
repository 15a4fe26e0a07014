import assert from "node:assert/strict";
import { test } from "node:test";
import {
  CancelTaskRequestSchema,
  CreateApiKeyRequestSchema,
  CreateApiKeyResponseSchema,
  CreatePipelineRequestSchema,
  CreatePipelineResponseSchema,
  CreateTenantRequestSchema,
  DeleteModelAliasRequestSchema,
  DeleteModelRequestSchema,
  DeletePrincipalRequestSchema,
  DeleteStreamBindingRequestSchema,
  ReplayRequestSchema,
  RevokeApiKeyRequestSchema,
  SetLogLevelRequestSchema,
  SetRoleRequestSchema,
  SubmitTaskRequestSchema,
  SubmitTaskResponseSchema,
  UpsertVectorsRequestSchema,
} from "@arbiter/proto";
import { CommitUploadSchema } from "@arbiter/proto/internal";
import { create } from "@bufbuild/protobuf";
import { auditObject, MAX_AUDIT_OBJECT_CHARS } from "./audit-object.ts";

test("a request's name or id names an object of the kind the method mentions, with its version", () => {
  assert.equal(
    auditObject("DeleteModel", create(DeleteModelRequestSchema, { name: "fraud", version: 3n }), {}),
    "model/fraud/3",
  );
  assert.equal(
    auditObject("DeleteModel", create(DeleteModelRequestSchema, { name: "fraud" }), undefined),
    "model/fraud",
  );
  assert.equal(
    auditObject("DeleteModelAlias", create(DeleteModelAliasRequestSchema, { name: "fraud", alias: "prod" }), undefined),
    "model/fraud",
  );
  assert.equal(auditObject("CancelTask", create(CancelTaskRequestSchema, { id: "t-1" }), undefined), "task/t-1");
  assert.equal(
    auditObject("DeletePrincipal", create(DeletePrincipalRequestSchema, { id: "p-1" }), undefined),
    "principal/p-1",
  );
  assert.equal(auditObject("RevokeApiKey", create(RevokeApiKeyRequestSchema, { id: "k-1" }), undefined), "api_key/k-1");
  assert.equal(
    auditObject("CreateTenant", create(CreateTenantRequestSchema, { id: "acme" }), undefined),
    "tenant/acme",
  );
  assert.equal(
    auditObject("DeleteStreamBinding", create(DeleteStreamBindingRequestSchema, { name: "payments" }), undefined),
    "stream_binding/payments",
  );
});

test("reference fields name the object when the method's noun does not", () => {
  assert.equal(
    auditObject("SetRole", create(SetRoleRequestSchema, { principalId: "p-2" }), undefined),
    "principal/p-2",
  );
  assert.equal(
    auditObject("UpsertVectors", create(UpsertVectorsRequestSchema, { collection: "docs" }), undefined),
    "collection/docs",
  );
  assert.equal(
    auditObject("Replay", create(ReplayRequestSchema, { pipeline: "scoring" }), undefined),
    "pipeline/scoring",
  );
});

test("the response names what a create made: the id or version the server assigned", () => {
  const submit = create(SubmitTaskRequestSchema, { target: { case: "pipeline", value: { pipeline: "scoring" } } });
  assert.equal(
    auditObject("SubmitTask", submit, create(SubmitTaskResponseSchema, { task: { id: "9f1c" } })),
    "task/9f1c",
  );
  assert.equal(auditObject("SubmitTask", submit, undefined), "pipeline/scoring", "a failed submit names its target");
  assert.equal(
    auditObject(
      "CreatePipeline",
      create(CreatePipelineRequestSchema, { pipeline: { name: "scoring" } }),
      create(CreatePipelineResponseSchema, { pipeline: { name: "scoring", version: 4n } }),
    ),
    "pipeline/scoring/4",
  );
  assert.equal(
    auditObject(
      "CreateApiKey",
      create(CreateApiKeyRequestSchema, { principalId: "p-3" }),
      create(CreateApiKeyResponseSchema, { key: { id: "k-9" }, secret: "arb_secret" }),
    ),
    "api_key/k-9",
  );
  assert.equal(
    auditObject("CreateApiKey", create(CreateApiKeyRequestSchema, { principalId: "p-3" }), undefined),
    "principal/p-3",
  );
  assert.equal(
    auditObject("RegisterModel", create(CommitUploadSchema, { uploadId: "u", metadata: { name: "fraud" } }), undefined),
    "model/fraud",
  );
});

test("a call that names no object records none", () => {
  assert.equal(auditObject("SetLogLevel", create(SetLogLevelRequestSchema, { level: "debug" }), {}), "");
});

test("an object named with megabytes is recorded cut short, saying how long the name was", () => {
  const object = auditObject("DeleteModel", create(DeleteModelRequestSchema, { name: "a".repeat(4_000_000) }), {});
  assert.equal(object.length, MAX_AUDIT_OBJECT_CHARS);
  assert.match(object, /^model\/aaa+… \(4000006 characters\)$/);
});

test("a NUL character in an object's name is recorded escaped (PostgreSQL text cannot hold it)", () => {
  assert.equal(
    auditObject("DeleteModel", create(DeleteModelRequestSchema, { name: "a\u0000b" }), {}),
    "model/a\\u0000b",
  );
});
