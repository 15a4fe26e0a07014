/**
 * Serving the example models, run against an embedded and a distributed mesh: registration reads
 * the signature and rejects models that do not load; arbiter.v1 Infer and the Open Inference
 * Protocol (driven by a stock grpc-js client, raw and typed contents) return the models' expected
 * outputs; bad input gets the right code and a message naming the problem.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { InferenceService, ModelRegistryService, RegisterModelRequestSchema } from "@arbiter/proto";
import { GRPCInferenceService, ModelInferRequestSchema } from "@arbiter/proto/inference";
import { create } from "@bufbuild/protobuf";
import { type Client, Code } from "@connectrpc/connect";
import type * as grpc from "@grpc/grpc-js";
import { chunksOf, client, connectHttp1Transport, grpcTransport, grpcWebTransport } from "../support/clients.ts";
import { closeTo, decodeRaw, EXPECTED, exampleModel, fp32Bytes } from "../support/examples.ts";
import { grpcJsClient, unaryCall } from "../support/grpc-js.ts";
import type { Mesh } from "../support/mesh.ts";

const oip = GRPCInferenceService.method;

function register(registry: Client<typeof ModelRegistryService>, name: string, bytes: Uint8Array) {
  return registry.registerModel(
    (async function* () {
      yield create(RegisterModelRequestSchema, {
        part: { case: "metadata", value: { name, version: 1n, framework: "sklearn" } },
      });
      for (const c of chunksOf(bytes, 64 * 1024))
        yield create(RegisterModelRequestSchema, { part: { case: "chunk", value: c } });
    })(),
  );
}

async function grpcError(promise: Promise<unknown>): Promise<grpc.ServiceError> {
  return promise.then(
    () => assert.fail("expected the call to fail"),
    (e: grpc.ServiceError) => e,
  );
}

export function inferenceSuite(name: string, startMesh: () => Promise<Mesh>): void {
  describe(`model serving (${name})`, () => {
    let mesh: Mesh;
    let registry: Client<typeof ModelRegistryService>;
    let inference: Client<typeof InferenceService>;
    let stock: grpc.Client;
    const risk = EXPECTED["risk-classifier"];
    assert.ok(risk);
    const features = risk.inputs.features;
    assert.ok(features);

    before(async () => {
      mesh = await startMesh();
      registry = client(ModelRegistryService, grpcTransport(mesh.gatewayUrl));
      inference = client(InferenceService, grpcTransport(mesh.gatewayUrl));
      stock = grpcJsClient(GRPCInferenceService, mesh.gatewayUrl.replace("http://", ""));
      for (const model of ["risk-classifier", "digits-classifier", "diabetes-regressor"])
        await register(registry, model, exampleModel(model));
    });
    after(async () => {
      stock?.close();
      await mesh?.stop();
    });

    it("reads the model's inputs and outputs into its signature at registration", async () => {
      const { model } = await registry.getModel({ name: "risk-classifier" });
      assert.deepEqual(
        model?.signature?.inputs.map((t) => [t.name, t.datatype, t.shape.map(Number)]),
        [["features", "FP32", [-1, 30]]],
      );
      assert.deepEqual(model?.signature?.outputs.map((t) => t.name).sort(), ["label", "probabilities"]);
    });

    it("rejects a model that does not load, at registration, leaving nothing behind", async () => {
      const truncated = exampleModel("risk-classifier").subarray(0, 5000);
      await assert.rejects(register(registry, "broken", truncated), (e: unknown) => {
        const err = e as { code: Code; rawMessage: string };
        assert.equal(err.code, Code.InvalidArgument);
        assert.match(err.rawMessage, /model could not be loaded/);
        return true;
      });
      await assert.rejects(
        registry.getModel({ name: "broken" }),
        (e: unknown) => (e as { code: Code }).code === Code.NotFound,
      );
      const { rows } = await mesh.db.query<{ n: number }>(
        "SELECT count(*)::int8 AS n FROM artifacts WHERE state = 'uploading'",
      );
      assert.equal(rows[0]?.n, 0);
    });

    it("answers arbiter.v1 Infer with the model's expected outputs (loading it on first use)", async () => {
      const res = await inference.infer({
        model: "risk-classifier",
        id: "req-1",
        inputs: [
          {
            name: "features",
            datatype: "FP32",
            shape: [4n, 30n],
            data: { case: "rawContents", value: fp32Bytes(features.data) },
          },
        ],
      });
      assert.equal(res.id, "req-1");
      assert.equal(res.version, 1n);
      const byName = Object.fromEntries(res.outputs.map((t) => [t.name, t]));
      const label = byName.label;
      const probabilities = byName.probabilities;
      assert.ok(label?.data.case === "rawContents" && probabilities?.data.case === "rawContents");
      assert.deepEqual(decodeRaw("INT64", label.data.value), risk.outputs.label?.data);
      assert.ok(
        closeTo(
          decodeRaw("FP32", probabilities.data.value),
          (risk.outputs.probabilities?.data ?? []).flat() as number[],
        ),
      );
    });

    it("gives the same answer over the Connect protocol and gRPC-Web (HTTP/1.1) as over gRPC", async () => {
      for (const transport of [connectHttp1Transport(mesh.gatewayUrl), grpcWebTransport(mesh.gatewayUrl)]) {
        const res = await client(InferenceService, transport).infer({
          model: "risk-classifier",
          inputs: [
            {
              name: "features",
              datatype: "FP32",
              shape: [4n, 30n],
              data: { case: "rawContents", value: fp32Bytes(features.data) },
            },
          ],
          outputs: ["label"],
        });
        const label = res.outputs[0];
        assert.ok(label?.data.case === "rawContents");
        assert.deepEqual(decodeRaw("INT64", label.data.value), risk.outputs.label?.data);
      }
    });

    it("serves the Open Inference Protocol to a stock gRPC client, with raw and with typed contents", async () => {
      const raw = await unaryCall(stock, oip.modelInfer, {
        modelName: "risk-classifier",
        inputs: [{ name: "features", datatype: "FP32", shape: [4n, 30n] }],
        outputs: [{ name: "label" }],
        rawInputContents: [fp32Bytes(features.data)],
      });
      assert.deepEqual(
        raw.outputs.map((o) => o.name),
        ["label"],
      );
      assert.deepEqual(decodeRaw("INT64", raw.rawOutputContents[0] ?? new Uint8Array()), risk.outputs.label?.data);

      const digits = EXPECTED["digits-classifier"];
      assert.ok(digits?.inputs.features);
      const typed = await unaryCall(stock, oip.modelInfer, {
        modelName: "digits-classifier",
        modelVersion: "1",
        inputs: [
          {
            name: "features",
            datatype: "FP32",
            shape: digits.inputs.features.shape.map(BigInt),
            contents: { fp32Contents: (digits.inputs.features.data as unknown[]).flat(2) as number[] },
          },
        ],
      });
      const labelIndex = typed.outputs.findIndex((o) => o.name === "label");
      assert.deepEqual(
        decodeRaw("INT64", typed.rawOutputContents[labelIndex] ?? new Uint8Array()),
        digits.outputs.label?.data,
      );
    });

    it("answers model metadata and readiness from the registry and the nodes", async () => {
      const meta = await unaryCall(stock, oip.modelMetadata, { name: "diabetes-regressor" });
      assert.equal(meta.platform, "onnxruntime_onnx");
      assert.deepEqual(meta.versions, ["1"]);
      assert.deepEqual(
        meta.inputs.map((t) => [t.name, t.datatype, t.shape.map(Number)]),
        [["features", "FP32", [-1, 10]]],
      );
      const deadline = Date.now() + 5000;
      let ready = false;
      while (!ready && Date.now() < deadline) {
        ready = (await unaryCall(stock, oip.modelReady, { name: "risk-classifier" })).ready;
        if (!ready) await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(ready, true, "a model that served a request is reported ready");
      const missing = await grpcError(unaryCall(stock, oip.modelReady, { name: "nope" }));
      assert.equal(missing.code, Code.NotFound);
    });

    it("streams inferences both ways, answering each request (or its error) without closing the stream", async () => {
      const streaming = client(GRPCInferenceService, grpcTransport(mesh.gatewayUrl));
      const good = fp32Bytes(features.data);
      const responses = streaming.modelStreamInfer(
        (async function* () {
          for (let i = 0; i < 5; i++) {
            yield create(ModelInferRequestSchema, {
              modelName: i === 2 ? "nope" : "risk-classifier",
              id: `s-${i}`,
              inputs: [{ name: "features", datatype: "FP32", shape: [4n, 30n] }],
              rawInputContents: [good],
            });
          }
        })(),
      );
      const byId = new Map<string, string>();
      for await (const r of responses)
        byId.set(
          r.inferResponse?.id ?? "",
          r.errorMessage ||
            decodeRaw(
              "INT64",
              r.inferResponse?.rawOutputContents[r.inferResponse.outputs.findIndex((o) => o.name === "label")] ??
                new Uint8Array(),
            ).join(","),
        );
      assert.equal(byId.size, 5);
      assert.equal(byId.get("s-2"), 'model "nope" not found');
      for (const id of ["s-0", "s-1", "s-3", "s-4"]) assert.equal(byId.get(id), risk.outputs.label?.data.join(","));

      const typed = inference.inferStream(
        (async function* () {
          yield {
            request: {
              model: "diabetes-regressor",
              id: "a",
              inputs: [
                {
                  name: "features",
                  datatype: "FP32",
                  shape: [3n, 10n],
                  data: {
                    case: "rawContents" as const,
                    value: fp32Bytes(EXPECTED["diabetes-regressor"]?.inputs.features?.data ?? []),
                  },
                },
              ],
            },
          };
          yield {
            request: {
              model: "diabetes-regressor",
              id: "b",
              inputs: [
                {
                  name: "wrong",
                  datatype: "FP32",
                  shape: [3n, 10n],
                  data: { case: "rawContents" as const, value: new Uint8Array(120) },
                },
              ],
            },
          };
        })(),
      );
      const answers = new Map<string, { code: number; outputs: number }>();
      for await (const r of typed) answers.set(r.id, { code: r.errorCode, outputs: r.response?.outputs.length ?? 0 });
      assert.deepEqual(answers.get("a"), { code: 0, outputs: 1 });
      assert.equal(answers.get("b")?.code, Code.InvalidArgument);
    });

    it("counts requests, executions and failures per model version, over every node", async () => {
      const good = fp32Bytes(features.data);
      const before = (await unaryCall(stock, oip.modelStatistics, { name: "risk-classifier", version: "1" }))
        .modelStats[0];
      for (let i = 0; i < 5; i++) {
        await unaryCall(stock, oip.modelInfer, {
          modelName: "risk-classifier",
          inputs: [{ name: "features", datatype: "FP32", shape: [4n, 30n] }],
          rawInputContents: [good],
        });
      }
      await grpcError(
        unaryCall(stock, oip.modelInfer, {
          modelName: "risk-classifier",
          inputs: [{ name: "features", datatype: "FP32", shape: [4n, 30n] }],
          rawInputContents: [good.subarray(8)],
        }),
      );
      // Statistics travel in heartbeats; wait for the next one.
      const deadline = Date.now() + 5000;
      let after = before;
      while (Date.now() < deadline) {
        after = (await unaryCall(stock, oip.modelStatistics, { name: "risk-classifier", version: "1" })).modelStats[0];
        if ((after?.inferenceStats?.success?.count ?? 0n) >= (before?.inferenceStats?.success?.count ?? 0n) + 5n) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const successBefore = before?.inferenceStats?.success?.count ?? 0n;
      assert.ok(
        (after?.inferenceStats?.success?.count ?? 0n) - successBefore >= 5n,
        "five successful requests counted",
      );
      assert.ok((after?.inferenceCount ?? 0n) - (before?.inferenceCount ?? 0n) >= 20n, "four rows each");
      assert.ok((after?.inferenceStats?.success?.ns ?? 0n) > 0n);
      assert.ok((after?.executionCount ?? 0n) > 0n);
      const missing = await grpcError(unaryCall(stock, oip.modelStatistics, { name: "nope" }));
      assert.equal(missing.code, Code.NotFound);
    });

    it("describes a model in Triton's configuration format, batch dimension implied by max_batch_size", async () => {
      const { config } = await unaryCall(stock, oip.modelConfig, { name: "risk-classifier" });
      assert.equal(config?.name, "risk-classifier");
      assert.equal(config?.platform, "onnxruntime_onnx");
      assert.equal(config?.maxBatchSize, 64);
      assert.deepEqual(
        config?.input.map((t) => [t.name, t.dataType, t.dims.map(Number)]),
        [["features", 11, [30]]],
      );
      assert.equal(config?.schedulingChoice.case, "dynamicBatching");
    });

    it("unloads and loads models through the repository extension, and readiness follows", async () => {
      const waitReady = async (want: boolean) => {
        const deadline = Date.now() + 8000;
        for (;;) {
          const { ready } = await unaryCall(stock, oip.modelReady, { name: "risk-classifier" });
          if (ready === want || Date.now() > deadline) return ready;
          await new Promise((r) => setTimeout(r, 100));
        }
      };
      await unaryCall(stock, oip.repositoryModelUnload, { modelName: "risk-classifier" });
      assert.equal(await waitReady(false), false);
      const index = await unaryCall(stock, oip.repositoryIndex, {});
      const risk = index.models.find((m) => m.name === "risk-classifier");
      assert.equal(risk?.state, "UNAVAILABLE");
      await unaryCall(stock, oip.repositoryModelLoad, { modelName: "risk-classifier" });
      assert.equal(await waitReady(true), true);
      const ready = await unaryCall(stock, oip.repositoryIndex, { ready: true });
      assert.ok(ready.models.some((m) => m.name === "risk-classifier" && m.state === "READY"));
    });

    it("answers bad input with the right code and a message naming the problem, and keeps serving", async () => {
      const good = fp32Bytes(features.data);
      const cases: Array<[string, Parameters<typeof unaryCall<typeof oip.modelInfer>>[2], Code, RegExp]> = [
        [
          "unknown model",
          {
            modelName: "nope",
            inputs: [{ name: "features", datatype: "FP32", shape: [4n, 30n] }],
            rawInputContents: [good],
          },
          Code.NotFound,
          /model "nope" not found/,
        ],
        [
          "unknown version",
          {
            modelName: "risk-classifier",
            modelVersion: "7",
            inputs: [{ name: "features", datatype: "FP32", shape: [4n, 30n] }],
            rawInputContents: [good],
          },
          Code.NotFound,
          /version 7/,
        ],
        [
          "wrong tensor name",
          {
            modelName: "risk-classifier",
            inputs: [{ name: "feats", datatype: "FP32", shape: [4n, 30n] }],
            rawInputContents: [good],
          },
          Code.InvalidArgument,
          /feats/,
        ],
        [
          "wrong datatype",
          {
            modelName: "risk-classifier",
            inputs: [{ name: "features", datatype: "FP64", shape: [4n, 15n] }],
            rawInputContents: [good],
          },
          Code.InvalidArgument,
          /datatype.*FP32.*FP64/,
        ],
        [
          "wrong shape",
          {
            modelName: "risk-classifier",
            inputs: [{ name: "features", datatype: "FP32", shape: [4n, 29n] }],
            rawInputContents: [good.subarray(0, 4 * 4 * 29)],
          },
          Code.InvalidArgument,
          /shape.*\[-1, 30\].*\[4, 29\]/,
        ],
        [
          "wrong byte length",
          {
            modelName: "risk-classifier",
            inputs: [{ name: "features", datatype: "FP32", shape: [4n, 30n] }],
            rawInputContents: [good.subarray(4)],
          },
          Code.InvalidArgument,
          /480 bytes.*476 bytes/,
        ],
        [
          "raw and typed mixed",
          {
            modelName: "risk-classifier",
            inputs: [{ name: "features", datatype: "FP32", shape: [4n, 30n], contents: { fp32Contents: [1] } }],
            rawInputContents: [good],
          },
          Code.InvalidArgument,
          /inputs\[0\]\.contents: expected no typed contents when raw_input_contents is used/,
        ],
      ];
      for (const [label, request, code, message] of cases) {
        const err = await grpcError(unaryCall(stock, oip.modelInfer, request));
        assert.equal(err.code, code, `${label}: ${err.details}`);
        assert.match(err.details, message, label);
      }
      const expired = await grpcError(
        unaryCall(
          stock,
          oip.modelInfer,
          {
            modelName: "risk-classifier",
            inputs: [{ name: "features", datatype: "FP32", shape: [4n, 30n] }],
            rawInputContents: [good],
          },
          0,
        ),
      );
      assert.equal(expired.code, Code.DeadlineExceeded);
      const after = await unaryCall(stock, oip.modelInfer, {
        modelName: "risk-classifier",
        inputs: [{ name: "features", datatype: "FP32", shape: [4n, 30n] }],
        rawInputContents: [good],
      });
      assert.equal(after.modelName, "risk-classifier");
    });
  });
}
