/**
 * Triton's own Python client (tritonclient, gRPC and HTTP, pinned by @arbiter/testkit) against the
 * gateway, unchanged: health and metadata, model configuration, inference on an example model
 * compared with examples/models/expected.json, statistics (per-stage times included), the
 * repository index, and a model uploaded with load_model(config=..., files={"file:1/model.onnx": ...})
 * then served, reconfigured, unloaded; the uploads Triton refuses are refused the same way.
 *
 * The client is installed into a cached venv (.cache/venv-tritonclient-<version>) on first use,
 * which needs python3 with its venv module (Debian: python3-venv) and access to PyPI.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createRootLogger } from "@arbiter/core";
import { registerExampleModels } from "@arbiter/scheduler";
import { createTempDir, ensureTritonClient, type TempDir } from "@arbiter/testkit";
import { closeTo, EXPECTED } from "../support/examples.ts";
import { type Mesh, startDistributedMesh, startEmbeddedMesh } from "../support/mesh.ts";

const EXAMPLES = fileURLToPath(new URL("../../examples/models/", import.meta.url));

/** The script each protocol runs; it prints one JSON object of what the server answered. */
const DRIVE_PY = `"""Drives an Open Inference Protocol server with Triton's own Python client, unchanged.

Usage: python drive.py <grpc|http> <host:port> <examples/models dir> <name for an uploaded model>

Prints one JSON object with what the server answered; the node:test file asserts on it. Calls that
are expected to fail are recorded as {"status": ..., "message": ...} instead of raising.
"""

import json
import sys
import time

import numpy as np
from tritonclient.utils import InferenceServerException

protocol, url, examples, uploaded = sys.argv[1:5]
if protocol == "grpc":
    import tritonclient.grpc as tc
else:
    import tritonclient.http as tc

client = tc.InferenceServerClient(url=url)
expected = json.load(open(f"{examples}/expected.json"))
digits = open(f"{examples}/digits-classifier.onnx", "rb").read()
out = {}


def call(fn, *args, **kwargs):
    """The answer as JSON (the gRPC client's as_json: .proto field names, 64-bit integers as strings)."""
    if protocol == "grpc":
        kwargs["as_json"] = True
    return fn(*args, **kwargs)


def failure(fn, *args, **kwargs):
    try:
        fn(*args, **kwargs)
    except InferenceServerException as e:
        return {"status": str(e.status()), "message": e.message()}
    return None


def until(predicate, seconds=15):
    deadline = time.time() + seconds
    while True:
        value = predicate()
        if value or time.time() > deadline:
            return value
        time.sleep(0.1)


def infer(model, case):
    inputs = []
    for name, t in case["inputs"].items():
        array = np.array(t["data"], dtype=np.float32).reshape(t["shape"])
        tensor = tc.InferInput(name, list(array.shape), t["datatype"])
        tensor.set_data_from_numpy(array)
        inputs.append(tensor)
    outputs = [tc.InferRequestedOutput(name) for name in case["outputs"]]
    result = client.infer(model, inputs, outputs=outputs, request_id=f"{protocol}-1")
    response = result.get_response(as_json=True) if protocol == "grpc" else result.get_response()
    return {
        "id": response["id"],
        "outputs": {
            name: {"dtype": str(result.as_numpy(name).dtype), "shape": list(result.as_numpy(name).shape),
                   "data": result.as_numpy(name).reshape(-1).tolist()}
            for name in case["outputs"]
        },
    }


def stats(model, version=""):
    return call(client.get_inference_statistics, model, version)["model_stats"]


def success_count(model, version):
    found = stats(model, version)
    return int(found[0]["inference_stats"]["success"].get("count", 0)) if found else 0


def config_of(model):
    answer = call(client.get_model_config, model)
    return answer["config"] if protocol == "grpc" else answer


def index():
    answer = call(client.get_model_repository_index)
    return answer.get("models", []) if protocol == "grpc" else answer


# Health and metadata.
out["live"] = client.is_server_live()
out["ready"] = client.is_server_ready()
out["server_metadata"] = call(client.get_server_metadata)
out["model_metadata"] = call(client.get_model_metadata, "risk-classifier")
out["model_config"] = config_of("risk-classifier")

# Inference on an example model, then its statistics (they travel in heartbeats: wait for them).
before = success_count("risk-classifier", "1")
out["infer"] = [infer("risk-classifier", expected["risk-classifier"]) for _ in range(3)]
until(lambda: success_count("risk-classifier", "1") >= before + 3)
out["stats_before"] = before
out["stats"] = stats("risk-classifier", "1")
out["stats_all"] = [[m["name"], m["version"]] for m in stats("")]
out["stats_unknown"] = failure(client.get_inference_statistics, "no-such-model")
out["index"] = index()

# Upload a new model through the repository extension, as Triton's users do, and use it.
config = {
    "name": uploaded,
    "backend": "onnxruntime",
    "max_batch_size": 8,
    "input": [{"name": "features", "data_type": "TYPE_FP32", "dims": [64]}],
    "output": [{"name": "probabilities", "data_type": "TYPE_FP32", "dims": [10]}],
    "dynamic_batching": {"preferred_batch_size": [4], "max_queue_delay_microseconds": 200},
    "instance_group": [{"count": 2, "kind": "KIND_CPU"}],
}
client.load_model(uploaded, config=json.dumps(config), files={"file:1/model.onnx": digits})
out["uploaded_ready"] = until(lambda: client.is_model_ready(uploaded))
out["uploaded_config"] = config_of(uploaded)
out["uploaded_metadata"] = call(client.get_model_metadata, uploaded)
out["uploaded_infer"] = infer(uploaded, expected["digits-classifier"])
out["uploaded_in_index"] = [m for m in index() if m["name"] == uploaded]

# Loading the same file again with another configuration keeps the version and applies the settings.
config["max_batch_size"] = 16
config["dynamic_batching"] = {"max_queue_delay_microseconds": 500}
client.load_model(uploaded, config=json.dumps(config), files={"file:1/model.onnx": digits})
out["reloaded_ready"] = until(lambda: client.is_model_ready(uploaded))
out["reloaded_config"] = config_of(uploaded)

# The configuration alone replaces the settings of the latest version and reloads it.
client.load_model(uploaded, config=json.dumps({"max_batch_size": 4}))
out["reconfigured_ready"] = until(lambda: client.is_model_ready(uploaded))
out["reconfigured_config"] = config_of(uploaded)
out["reconfigured_infer"] = infer(uploaded, expected["digits-classifier"])

client.unload_model(uploaded)
out["unloaded_ready"] = until(lambda: not client.is_model_ready(uploaded))
out["unloaded_ready"] = client.is_model_ready(uploaded)

# What Triton refuses, refused the same way.
bad = f"{uploaded}-bad"
out["errors"] = {
    "config_not_json": failure(client.load_model, bad, config="{not json", files={"file:1/model.onnx": digits}),
    "config_bad_field": failure(client.load_model, bad, config='{"max_batch_size": "many"}',
                                files={"file:1/model.onnx": digits}),
    "files_without_config": failure(client.load_model, bad, files={"file:1/model.onnx": digits}),
    "not_onnx": failure(client.load_model, bad, config="{}", files={"file:1/model.onnx": b"not a model"}),
    "wrong_input": failure(client.load_model, bad, config=json.dumps(
        {"max_batch_size": 8, "input": [{"name": "pixels", "data_type": "TYPE_FP32", "dims": [64]}]}),
        files={"file:1/model.onnx": digits}),
    "other_content_same_version": failure(client.load_model, uploaded, config="{}",
                                          files={"file:1/model.onnx": open(f"{examples}/risk-classifier.onnx", "rb").read()}),
    "unknown_model": failure(client.load_model, "no-such-model"),
}
# None of the refused uploads left a model behind.
out["bad_left_behind"] = failure(client.get_model_metadata, bad) is None

print(json.dumps(out))
`;

type Json = Record<string, unknown>;
type Failure = { status: string; message: string } | null;
interface InferAnswer {
  id: string;
  outputs: Record<string, { dtype: string; shape: number[]; data: number[] }>;
}

/** A statistic duration from either client (the gRPC client's JSON writes 64-bit integers as strings). */
const duration = (d: unknown) => {
  const x = (d ?? {}) as { count?: string | number; ns?: string | number };
  return { count: Number(x.count ?? 0), ns: Number(x.ns ?? 0) };
};

function assertMatchesExpected(answer: InferAnswer, model: string, label: string) {
  const expected = EXPECTED[model];
  assert.ok(expected, model);
  for (const [name, tensor] of Object.entries(expected.outputs)) {
    const got = answer.outputs[name];
    assert.ok(got, `${label}: output ${name}`);
    assert.deepEqual(got.shape, tensor.shape, `${label}: ${name} shape`);
    const want = (tensor.data as unknown[]).flat(Number.POSITIVE_INFINITY) as number[];
    if (tensor.datatype === "INT64") {
      assert.equal(got.dtype, "int64", `${label}: ${name} dtype`);
      assert.deepEqual(got.data, want, `${label}: ${name}`);
    } else {
      assert.equal(got.dtype, "float32", `${label}: ${name} dtype`);
      assert.ok(closeTo(got.data, want), `${label}: ${name} = ${got.data} vs ${want}`);
    }
  }
}

/**
 * Runs the script once per protocol against a fresh mesh (with the example models registered, as
 * `arbiter start` does), then asserts on each run's answers.
 */
function tritonClientSuite(mode: string, startMesh: () => Promise<Mesh>, protocols: readonly ("grpc" | "http")[]) {
  describe(`Triton's Python client against the gateway (${mode} mesh)`, () => {
    let mesh: Mesh;
    let python: string;
    let dir: TempDir;
    const answers: Record<string, Json> = {};

    before(async () => {
      python = await ensureTritonClient();
      dir = await createTempDir({ prefix: "arbiter-tritonclient-" });
      await writeFile(dir.join("drive.py"), DRIVE_PY);
      mesh = await startMesh();
      await registerExampleModels(mesh.db, EXAMPLES, createRootLogger({ level: "silent" }));
      const address = new URL(mesh.gatewayUrl).host;
      for (const protocol of protocols) {
        const { stdout } = await promisify(execFile)(
          python,
          [dir.join("drive.py"), protocol, address, EXAMPLES, `uploaded-${protocol}`],
          { timeout: 180_000, maxBuffer: 16 * 1024 * 1024 },
        ).catch((err: { stderr?: string; message: string }) => {
          throw new Error(`tritonclient.${protocol} script failed: ${err.stderr ?? err.message}`);
        });
        answers[protocol] = JSON.parse(stdout) as Json;
      }
    });
    after(async () => {
      await mesh?.stop();
      await dir?.remove();
    });

    for (const protocol of protocols) {
      describe(`tritonclient.${protocol}`, () => {
        const a = () => answers[protocol] as Json;

        it("sees a live, ready server advertising the extensions, and the example model's metadata", () => {
          assert.equal(a().live, true);
          assert.equal(a().ready, true);
          const server = a().server_metadata as { name: string; extensions: string[] };
          assert.equal(server.name, "arbiter");
          for (const extension of ["model_configuration", "model_repository", "statistics"])
            assert.ok(server.extensions.includes(extension), extension);
          const meta = a().model_metadata as { name: string; platform: string; inputs: Json[] };
          assert.equal(meta.name, "risk-classifier");
          assert.equal(meta.platform, "onnxruntime_onnx");
          assert.deepEqual(
            meta.inputs.map((t) => [t.name, t.datatype, (t.shape as unknown[]).map(Number)]),
            [["features", "FP32", [-1, 30]]],
          );
          const config = a().model_config as Json;
          assert.equal(config.name, "risk-classifier");
          assert.equal(config.backend, "onnxruntime");
          assert.equal(Number(config.max_batch_size), 64);
          const input = (config.input as Json[])[0] as Json;
          assert.equal(input.data_type, "TYPE_FP32");
          assert.deepEqual((input.dims as unknown[]).map(Number), [30]);
        });

        it("infers the example classifier and gets the expected outputs", () => {
          const infers = a().infer as InferAnswer[];
          assert.equal(infers.length, 3);
          for (const [i, answer] of infers.entries()) {
            assert.equal(answer.id, `${protocol}-1`);
            assertMatchesExpected(answer, "risk-classifier", `inference ${i}`);
          }
        });

        it("reads the statistics: counts, and time in every stage", () => {
          const [stats] = a().stats as Json[];
          assert.ok(stats);
          assert.equal(stats.name, "risk-classifier");
          assert.equal(stats.version, "1");
          const inference = stats.inference_stats as Json;
          const success = duration(inference.success);
          assert.ok(success.count >= Number(a().stats_before) + 3, `success count ${success.count}`);
          assert.ok(success.ns > 0);
          // Four rows per request.
          assert.ok(Number(stats.inference_count) >= success.count * 4, `inference_count ${stats.inference_count}`);
          assert.ok(Number(stats.execution_count) >= 1);
          assert.ok(Number(stats.last_inference) > Date.now() - 600_000, "last_inference is recent (ms since epoch)");
          for (const stage of ["queue", "compute_input", "compute_infer", "compute_output"]) {
            const d = duration(inference[stage]);
            assert.equal(d.count, success.count, `${stage} count`);
            assert.ok(d.ns > 0, `${stage} ns = ${d.ns}`);
          }
          const batches = (stats.batch_stats as Json[]).map((b) => [
            Number(b.batch_size),
            duration(b.compute_infer).count,
            duration(b.compute_infer).ns,
          ]);
          assert.ok(
            batches.some(([size, count, ns]) => (size as number) >= 4 && (count as number) > 0 && (ns as number) > 0),
            JSON.stringify(batches),
          );
          const all = a().stats_all as [string, string][];
          // Every model loaded somewhere (as Triton lists its ready models); the others were never used.
          assert.deepEqual(all, [["risk-classifier", "1"]]);
          const unknown = a().stats_unknown as Failure;
          assert.match(unknown?.message ?? "", /model "no-such-model" not found/);
        });

        it("lists the repository with each model's state", () => {
          const index = a().index as Json[];
          const risk = index.find((m) => m.name === "risk-classifier");
          assert.deepEqual(risk && [risk.version, risk.state], ["1", "READY"]);
          assert.ok(index.some((m) => m.name === "diabetes-regressor"));
        });

        it("uploads a new model with load_model(config, files), serves it, reconfigures it, unloads it", () => {
          assert.equal(a().uploaded_ready, true);
          const config = a().uploaded_config as Json;
          assert.equal(config.name, `uploaded-${protocol}`);
          assert.equal(Number(config.max_batch_size), 8);
          const batching = config.dynamic_batching as Json;
          assert.deepEqual((batching.preferred_batch_size as unknown[]).map(Number), [4]);
          assert.equal(Number(batching.max_queue_delay_microseconds), 200);
          const groups = config.instance_group as Json[];
          assert.deepEqual(
            groups.map((g) => [g.kind, Number(g.count)]),
            [["KIND_CPU", 2]],
          );
          const meta = a().uploaded_metadata as { versions: string[]; inputs: Json[] };
          assert.deepEqual(meta.versions, ["1"]);
          assert.deepEqual(
            meta.inputs.map((t) => [t.name, (t.shape as unknown[]).map(Number)]),
            [["features", [-1, 64]]],
          );
          assertMatchesExpected(a().uploaded_infer as InferAnswer, "digits-classifier", "uploaded model");
          assert.deepEqual(
            (a().uploaded_in_index as Json[]).map((m) => [m.version, m.state]),
            [["1", "READY"]],
          );

          assert.equal(a().reloaded_ready, true);
          const reloaded = a().reloaded_config as Json;
          assert.equal(Number(reloaded.max_batch_size), 16);
          assert.equal(Number((reloaded.dynamic_batching as Json).max_queue_delay_microseconds), 500);
          assert.deepEqual(
            ((reloaded.dynamic_batching as Json).preferred_batch_size as unknown[] | undefined) ?? [],
            [],
          );

          assert.equal(a().reconfigured_ready, true);
          const reconfigured = a().reconfigured_config as Json;
          assert.equal(Number(reconfigured.max_batch_size), 4);
          assert.equal(Number((reconfigured.instance_group as Json[])[0]?.count), 1);
          assertMatchesExpected(a().reconfigured_infer as InferAnswer, "digits-classifier", "reconfigured model");

          assert.equal(a().unloaded_ready, false);
        });

        it("refuses what Triton refuses: bad configurations, files without one, invalid ONNX", () => {
          const errors = a().errors as Record<string, Failure>;
          const invalid = protocol === "grpc" ? "StatusCode.INVALID_ARGUMENT" : "400";
          const cases: [string, string, RegExp][] = [
            ["config_not_json", invalid, /parameters\["config"\]: expected a model configuration in JSON/],
            [
              "config_bad_field",
              invalid,
              /config \(ModelConfig\.max_batch_size\): expected number \(int32\), got "many"/,
            ],
            [
              "files_without_config",
              invalid,
              /parameters\["config"\]: expected the model's configuration along with its files/,
            ],
            ["not_onnx", invalid, /model could not be loaded: .*protobuf parsing failed/],
            [
              "wrong_input",
              invalid,
              /config\.input\[0\]\.name: expected one of the model's inputs \("features"\), got "pixels"/,
            ],
            [
              "other_content_same_version",
              protocol === "grpc" ? "StatusCode.ALREADY_EXISTS" : "409",
              /version 1 already exists with other content/,
            ],
            ["unknown_model", protocol === "grpc" ? "StatusCode.NOT_FOUND" : "404", /model "no-such-model" not found/],
          ];
          for (const [name, status, message] of cases) {
            const error = errors[name];
            assert.ok(error, `${name} was accepted`);
            assert.equal(error.status, status, `${name}: ${error.message}`);
            assert.match(error.message, message, name);
          }
          assert.equal(a().bad_left_behind, false, "a refused upload left a model behind");
        });
      });
    }
  });
}

tritonClientSuite("embedded", () => startEmbeddedMesh({ ARBITER_SCHEDULER_HEARTBEAT_INTERVAL_MS: "100" }), [
  "grpc",
  "http",
]);
// Uploads cross NATS in pieces; the load, the reloads and the statistics involve two nodes.
tritonClientSuite("distributed", () => startDistributedMesh({ schedulers: 2 }), ["grpc"]);
