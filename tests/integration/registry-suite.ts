/**
 * The model registry's acceptance tests, run unchanged against an embedded and a distributed mesh
 * (registry-embedded.test.ts, registry-distributed.test.ts).
 */
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { ModelRegistryService, type RegisterModelRequest, RegisterModelRequestSchema } from "@arbiter/proto";
import { Health, HealthCheckResponse_ServingStatus } from "@arbiter/proto/grpc";
import { create } from "@bufbuild/protobuf";
import { type Client, Code } from "@connectrpc/connect";
import { chunksOf, client, connectHttp1Transport, grpcTransport } from "../support/clients.ts";
import { exampleModel, paddedModel } from "../support/examples.ts";
import { expectCode } from "../support/expect-code.ts";
import type { Mesh } from "../support/mesh.ts";

/** The upload limit the suite's meshes are started with. */
export const SUITE_UPLOAD_LIMIT = 3 * 1024 * 1024;

function upload(
  name: string,
  version: number,
  artifact: Uint8Array,
  chunkSize = 256 * 1024,
): AsyncIterable<RegisterModelRequest> {
  return (async function* () {
    yield create(RegisterModelRequestSchema, {
      part: {
        case: "metadata",
        value: { name, version: BigInt(version), framework: "sklearn", labels: { team: "risk" } },
      },
    });
    for (const chunk of chunksOf(artifact, chunkSize))
      yield create(RegisterModelRequestSchema, { part: { case: "chunk", value: chunk } });
  })();
}

async function rowCounts(mesh: Mesh): Promise<{ artifacts: number; chunks: number; models: number }> {
  const q = async (table: string) =>
    (await mesh.db.query<{ n: number }>(`SELECT count(*)::int8 AS n FROM ${table}`)).rows[0]?.n ?? -1;
  return { artifacts: await q("artifacts"), chunks: await q("artifact_chunks"), models: await q("models") };
}

export function registrySuite(name: string, startMesh: () => Promise<Mesh>): void {
  describe(`model registry (${name})`, () => {
    let mesh: Mesh;
    let registry: Client<typeof ModelRegistryService>;
    let health: Client<typeof Health>;

    before(async () => {
      mesh = await startMesh();
      registry = client(ModelRegistryService, grpcTransport(mesh.gatewayUrl));
      health = client(Health, grpcTransport(mesh.gatewayUrl));
    });
    after(async () => mesh?.stop());

    const assertServing = async () => {
      const res = await health.check({ service: "" });
      assert.equal(res.status, HealthCheckResponse_ServingStatus.SERVING);
    };

    it("registers a model from a client stream, storing its bytes and sha256", async () => {
      const artifact = paddedModel(1_300_000); // several bus pieces and database rows
      const res = await registry.registerModel(upload("fraud", 1, artifact));
      assert.equal(res.model?.name, "fraud");
      assert.equal(res.model?.version, 1n);
      assert.equal(res.model?.sizeBytes, BigInt(artifact.byteLength));
      assert.equal(res.model?.sha256, createHash("sha256").update(artifact).digest("hex"));
      assert.equal(res.model?.platform, "onnxruntime_onnx");
      assert.deepEqual(res.model?.labels, { team: "risk" });
      const stored = await mesh.db.query<{ data: Uint8Array }>(
        `SELECT c.data FROM artifact_chunks c JOIN models m ON m.artifact_id = c.artifact_id
         WHERE m.name = 'fraud' AND m.version = 1 ORDER BY c.seq`,
      );
      assert.deepEqual(Buffer.concat(stored.rows.map((r) => r.data)), artifact);
    });

    it("gets a model by version and the latest version, and assigns the next version when none is given", async () => {
      const second = await registry.registerModel(upload("fraud", 0, exampleModel("diabetes-regressor")));
      assert.equal(second.model?.version, 2n);
      const latest = await registry.getModel({ name: "fraud" });
      assert.equal(latest.model?.version, 2n);
      const first = await registry.getModel({ name: "fraud", selector: { selector: { case: "version", value: 1n } } });
      assert.ok((first.model?.sizeBytes ?? 0n) >= 1_300_000n, "version 1 is the large upload");
    });

    it("lists models in pages, in name then version order", async () => {
      for (const n of ["alpha", "beta", "gamma"])
        await registry.registerModel(upload(n, 1, exampleModel("risk-classifier")));
      const seen: string[] = [];
      let pageToken = "";
      let pages = 0;
      do {
        const page = await registry.listModels({ pageSize: 2, pageToken });
        assert.ok(page.models.length <= 2);
        seen.push(...page.models.map((m) => `${m.name}@${m.version}`));
        pageToken = page.nextPageToken;
        pages++;
      } while (pageToken);
      assert.deepEqual(seen, ["alpha@1", "beta@1", "fraud@1", "fraud@2", "gamma@1"]);
      assert.equal(pages, 3);
      const onlyFraud = await registry.listModels({ name: "fraud" });
      assert.deepEqual(
        onlyFraud.models.map((m) => m.version),
        [1n, 2n],
      );
    });

    it("points aliases at versions, moving them atomically, and resolves them", async () => {
      const first = await registry.setModelAlias({ name: "fraud", alias: "production", version: 1n });
      assert.equal(first.previousVersion, 0n);
      assert.deepEqual(first.model?.aliases, ["production"]);
      const byAlias = await registry.getModel({
        name: "fraud",
        selector: { selector: { case: "alias", value: "production" } },
      });
      assert.equal(byAlias.model?.version, 1n);
      const promoted = await registry.setModelAlias({ name: "fraud", alias: "production", version: 2n });
      assert.equal(promoted.previousVersion, 1n);
      const after = await registry.getModel({
        name: "fraud",
        selector: { selector: { case: "alias", value: "production" } },
      });
      assert.equal(after.model?.version, 2n);
      assert.deepEqual(
        (await registry.getModel({ name: "fraud", selector: { selector: { case: "version", value: 1n } } })).model
          ?.aliases,
        [],
      );
      await expectCode(
        registry.setModelAlias({ name: "fraud", alias: "staging", version: 9n }),
        Code.NotFound,
        /version 9/,
      );
      await registry.deleteModelAlias({ name: "fraud", alias: "production" });
      await expectCode(registry.deleteModelAlias({ name: "fraud", alias: "production" }), Code.NotFound);
    });

    it("rejects a duplicate name and version with ALREADY_EXISTS", async () => {
      await expectCode(
        registry.registerModel(upload("fraud", 1, exampleModel("risk-classifier"))),
        Code.AlreadyExists,
        /model "fraud" version 1 already exists/,
      );
      await assertServing();
    });

    it("rejects an upload over the limit with RESOURCE_EXHAUSTED and leaves no row or piece behind", async () => {
      const before = await rowCounts(mesh);
      await expectCode(
        registry.registerModel(upload("huge", 1, randomBytes(SUITE_UPLOAD_LIMIT + 1))),
        Code.ResourceExhausted,
        /upload limit of 3145728 bytes/,
      );
      assert.deepEqual(await rowCounts(mesh), before);
      await expectCode(registry.getModel({ name: "huge" }), Code.NotFound);
      await assertServing();
    });

    it("answers NOT_FOUND for an unknown model, version or alias", async () => {
      await expectCode(registry.getModel({ name: "nope" }), Code.NotFound, /model "nope" not found/);
      await expectCode(
        registry.getModel({ name: "fraud", selector: { selector: { case: "version", value: 9n } } }),
        Code.NotFound,
        /version 9/,
      );
      await expectCode(
        registry.getModel({ name: "fraud", selector: { selector: { case: "alias", value: "production" } } }),
        Code.NotFound,
      );
      await expectCode(registry.deleteModel({ name: "nope" }), Code.NotFound);
      await assertServing();
    });

    it("answers INVALID_ARGUMENT naming the field that fails validation", async () => {
      const err = await expectCode(
        registry.registerModel(upload("bad name!", 1, randomBytes(10))),
        Code.InvalidArgument,
      );
      assert.equal(
        err.rawMessage,
        'metadata.name: expected a value matching `^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$`, got "bad name!"',
      );
      const page = await expectCode(registry.listModels({ pageSize: 5000 }), Code.InvalidArgument);
      assert.equal(
        page.rawMessage,
        "page_size: expected greater than or equal to 0 and less than or equal to 1000, got 5000",
      );
      await assertServing();
    });

    it("answers INVALID_ARGUMENT to a stream that does not start with metadata", async () => {
      const chunksOnly = (async function* () {
        yield create(RegisterModelRequestSchema, { part: { case: "chunk", value: new Uint8Array([1, 2, 3]) } });
      })();
      await expectCode(
        registry.registerModel(chunksOnly),
        Code.InvalidArgument,
        /part: expected metadata in the first message, got chunk/,
      );
      await assertServing();
    });

    it("answers INVALID_ARGUMENT to a malformed protobuf body", async () => {
      const url = `${mesh.gatewayUrl}/arbiter.v1.ModelRegistryService/GetModel`;
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/proto" },
        body: new Uint8Array([0x0a, 0xff, 0xff, 0xff]),
      });
      assert.equal(res.status, 400);
      const body = (await res.json()) as { code: string; message: string };
      assert.equal(body.code, "invalid_argument");
      await assertServing();
    });

    it("serves the same registry over the Connect protocol on HTTP/1.1", async () => {
      const viaConnect = client(ModelRegistryService, connectHttp1Transport(mesh.gatewayUrl));
      const res = await viaConnect.getModel({ name: "fraud", selector: { selector: { case: "version", value: 2n } } });
      assert.equal(res.model?.version, 2n);
      // A request encoded by hand: the JSON flavour of Connect, as curl would send it.
      const json = await fetch(`${mesh.gatewayUrl}/arbiter.v1.ModelRegistryService/GetModel`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "beta" }),
      });
      assert.equal(json.status, 200);
      assert.equal(((await json.json()) as { model: { name: string } }).model.name, "beta");
    });

    it("deletes one version, then every version, with their artifacts", async () => {
      const one = await registry.deleteModel({ name: "fraud", version: 1n });
      assert.equal(one.deletedVersions, 1);
      await expectCode(
        registry.getModel({ name: "fraud", selector: { selector: { case: "version", value: 1n } } }),
        Code.NotFound,
      );
      assert.equal((await registry.getModel({ name: "fraud" })).model?.version, 2n);
      const rest = await registry.deleteModel({ name: "fraud" });
      assert.equal(rest.deletedVersions, 1);
      await expectCode(registry.getModel({ name: "fraud" }), Code.NotFound);
      const orphans = await mesh.db.query<{ n: number }>(
        "SELECT count(*)::int8 AS n FROM artifacts a WHERE NOT EXISTS (SELECT 1 FROM models m WHERE m.artifact_id = a.id)",
      );
      assert.equal(orphans.rows[0]?.n, 0);
    });
  });
}
