/**
 * Behind the gateway: a scheduler serving a loaded model checks the tenant again. The subject a
 * request arrives on names the model's tenant, and a request whose context names another tenant
 * (which no gateway sends) is NOT_FOUND, as if the model did not exist.
 */
import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { callRpc, createRequestContext, modelSubject } from "@arbiter/core";
import { InferenceService, ModelRegistryService, RegisterModelRequestSchema } from "@arbiter/proto";
import { create } from "@bufbuild/protobuf";
import { chunksOf, client, grpcTransport } from "../support/clients.ts";
import { EXPECTED, exampleModel, fp32Bytes } from "../support/examples.ts";
import { startEmbeddedMesh } from "../support/mesh.ts";

let mesh: Awaited<ReturnType<typeof startEmbeddedMesh>>;
before(async () => {
  mesh = await startEmbeddedMesh();
});
after(() => mesh?.stop());

it("answers NOT_FOUND to a request on a model's subject whose context names another tenant", async () => {
  const transport = grpcTransport(mesh.gatewayUrl);
  await client(ModelRegistryService, transport).registerModel(
    (async function* () {
      yield create(RegisterModelRequestSchema, {
        part: { case: "metadata", value: { name: "risk-classifier", version: 1n, framework: "sklearn" } },
      });
      for (const c of chunksOf(exampleModel("risk-classifier"), 64 * 1024))
        yield create(RegisterModelRequestSchema, { part: { case: "chunk", value: c } });
    })(),
  );
  const features = EXPECTED["risk-classifier"]?.inputs.features;
  const served = await client(InferenceService, transport).infer({
    model: "risk-classifier",
    inputs: [
      {
        name: "features",
        datatype: "FP32",
        shape: [4n, 30n],
        data: { case: "rawContents", value: fp32Bytes(features?.data as unknown[]) },
      },
    ],
  });
  assert.equal(served.outputs.length, 2, "the model is loaded and serving its subject");

  const subject = modelSubject("default", "risk-classifier", 1);
  const as = (tenant: string) =>
    createRequestContext({ id: "p", tenant, role: "admin", method: "api_key" }, Date.now() + 5000);
  // The owner's context reaches the model (this body is no request, so it is refused as such)...
  await assert.rejects(
    callRpc(mesh.bus, subject, new Uint8Array([0xff]), as("default")),
    (e: Error & { code?: number }) => {
      assert.notEqual(e.code, 5, e.message);
      return true;
    },
  );
  // ...another tenant's is told the model does not exist, before anything is decoded.
  await assert.rejects(
    callRpc(mesh.bus, subject, new Uint8Array([0xff]), as("other")),
    (e: Error & { code?: number }) => {
      assert.equal(e.code, 5);
      assert.match(e.message, /risk-classifier/);
      return true;
    },
  );
});
