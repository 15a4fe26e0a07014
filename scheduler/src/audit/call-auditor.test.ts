import assert from "node:assert/strict";
import { test } from "node:test";
import { UPLOAD_SUBJECTS } from "@arbiter/core";
import { auditedSubjects, traceIdOf } from "./call-auditor.ts";

const subject = (action: string) => `arbiter.rpc.${action.replace("/", ".")}`;

test("mutating methods are audited; reads, the data plane and signing in are not", () => {
  const audited = auditedSubjects();
  for (const action of [
    "arbiter.v1.PipelineService/DeletePipeline",
    "arbiter.v1.VectorService/UpsertVectors",
    "arbiter.v1.TaskService/SubmitTask",
    "arbiter.v1.TenantService/RevokeApiKey",
    "arbiter.v1.ClusterService/SetLogLevel",
    "arbiter.v1.DecisionService/Replay",
  ]) {
    assert.equal(audited.get(subject(action))?.action, action, `${action} is audited`);
  }
  for (const action of [
    "arbiter.v1.PipelineService/GetPipeline",
    "arbiter.v1.AuditService/ListAuditEvents",
    "arbiter.v1.InferenceService/Infer",
    "arbiter.v1.DecisionService/Decide",
    "arbiter.v1.AuthService/Login",
  ]) {
    assert.ok(!audited.has(subject(action)), `${action} is not audited`);
  }
});

test("RegisterModel is audited at its commit, and at its begin only when that fails", () => {
  const audited = auditedSubjects();
  const action = "arbiter.v1.ModelRegistryService/RegisterModel";
  assert.deepEqual(
    [audited.get(UPLOAD_SUBJECTS.commit)?.action, audited.get(UPLOAD_SUBJECTS.commit)?.failuresOnly],
    [action, false],
  );
  assert.deepEqual(
    [audited.get(UPLOAD_SUBJECTS.begin)?.action, audited.get(UPLOAD_SUBJECTS.begin)?.failuresOnly],
    [action, true],
  );
  assert.ok(!audited.has(UPLOAD_SUBJECTS.chunk) && !audited.has(UPLOAD_SUBJECTS.abort));
});

test("the trace id is read from a W3C traceparent, and nothing else passes for one", () => {
  assert.equal(
    traceIdOf("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
    "4bf92f3577b34da6a3ce929d0e0e4736",
  );
  assert.equal(traceIdOf(undefined), "");
  assert.equal(traceIdOf("garbage"), "");
});
