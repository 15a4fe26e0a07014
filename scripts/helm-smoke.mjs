#!/usr/bin/env node
// What `helm test` runs against a freshly installed release (templates/tests/smoke.yaml in the
// chart), from the Arbiter image: run with `node --import tsx scripts/helm-smoke.mjs` from the
// repository root (the image's working directory).
//
//   1. grpc.health.v1 Check of the gateway says SERVING;
//   2. the example model ARBITER_SMOKE_MODEL and the example pipeline ARBITER_SMOKE_PIPELINE (with
//      the models it uses) are registered from examples/ when the mesh does not have them yet
//      (a distributed install starts empty);
//   3. one inference of the model, over the Open Inference Protocol's REST API, returns the
//      outputs recorded in examples/models/expected.json.
//
// The decision itself is asked by the `arbiter decide` command the test pod runs next.
// Environment: ARBITER_GATEWAY_URL (http://host:port), ARBITER_SMOKE_MODEL, ARBITER_SMOKE_PIPELINE,
// ARBITER_API_KEY (sent as a bearer credential: the release's bootstrap admin key).
// Exits 0 when every step passed, 1 with a message naming the failed step otherwise.
import { readFileSync } from "node:fs";
import { ModelRegistryService, PipelineSchema, PipelineService } from "@arbiter/proto";
import { Health, HealthCheckResponse_ServingStatus } from "@arbiter/proto/grpc";
import { fromJson } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";

const EXAMPLES = new URL("../examples/", import.meta.url);
const CHUNK_BYTES = 1 << 20;

const gatewayUrl = process.env.ARBITER_GATEWAY_URL ?? "http://127.0.0.1:8080";
const modelName = process.env.ARBITER_SMOKE_MODEL ?? "diabetes-regressor";
const pipelineName = process.env.ARBITER_SMOKE_PIPELINE ?? "transaction-risk";

const apiKey = process.env.ARBITER_API_KEY ?? "";
const credentials = apiKey ? { authorization: `Bearer ${apiKey}` } : {};
const transport = createGrpcTransport({
  baseUrl: gatewayUrl,
  interceptors: [
    (next) => (req) => {
      for (const [name, value] of Object.entries(credentials)) req.header.set(name, value);
      return next(req);
    },
  ],
});
const health = createClient(Health, transport);
const models = createClient(ModelRegistryService, transport);
const pipelines = createClient(PipelineService, transport);

function log(message) {
  process.stdout.write(`helm-smoke: ${message}\n`);
}

const isNotFound = (err) => ConnectError.from(err).code === Code.NotFound;

/** Registers version 1 of example model `name` unless the mesh has the model. */
async function ensureModel(name) {
  try {
    await models.getModel({ name });
    log(`model ${name} is registered`);
    return;
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  const bytes = readFileSync(new URL(`models/${name}.onnx`, EXAMPLES));
  async function* upload() {
    yield { part: { case: "metadata", value: { name, version: 1n, format: "onnx", labels: { example: "true" } } } };
    for (let offset = 0; offset < bytes.byteLength; offset += CHUNK_BYTES) {
      yield { part: { case: "chunk", value: bytes.subarray(offset, offset + CHUNK_BYTES) } };
    }
  }
  try {
    await models.registerModel(upload());
    log(`registered model ${name} (${bytes.byteLength} bytes)`);
  } catch (err) {
    // Another run registered it meanwhile.
    if (ConnectError.from(err).code !== Code.AlreadyExists) throw err;
  }
}

/** The model names a pipeline definition's model nodes call. */
function modelsOf(pipeline) {
  return (pipeline.nodes ?? []).filter((node) => node.model).map((node) => node.model.model);
}

/** Creates example pipeline `name` (and registers its models) unless the mesh has it. */
async function ensurePipeline(name) {
  const json = JSON.parse(readFileSync(new URL(`pipelines/${name}.json`, EXAMPLES), "utf8"));
  for (const model of modelsOf(json)) await ensureModel(model);
  try {
    await pipelines.getPipeline({ name });
    log(`pipeline ${name} is registered`);
    return;
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  try {
    await pipelines.createPipeline({ pipeline: fromJson(PipelineSchema, json) });
    log(`created pipeline ${name}`);
  } catch (err) {
    if (ConnectError.from(err).code !== Code.AlreadyExists) throw err;
  }
}

/** One inference over OIP REST; the outputs must match examples/models/expected.json. */
async function infer(name) {
  const expected = JSON.parse(readFileSync(new URL("models/expected.json", EXAMPLES), "utf8"))[name];
  if (!expected) throw new Error(`examples/models/expected.json has no case for ${name}`);
  const inputs = Object.entries(expected.inputs).map(([input, tensor]) => ({
    name: input,
    datatype: tensor.datatype,
    shape: tensor.shape,
    data: tensor.data.flat(Number.POSITIVE_INFINITY),
  }));
  const res = await fetch(`${gatewayUrl}/v2/models/${name}/infer`, {
    method: "POST",
    headers: { "content-type": "application/json", ...credentials },
    body: JSON.stringify({ inputs }),
  });
  const body = await res.text();
  if (!res.ok) throw new Error(`POST /v2/models/${name}/infer answered ${res.status}: ${body}`);
  const outputs = new Map(JSON.parse(body).outputs.map((o) => [o.name, o.data]));
  for (const [output, tensor] of Object.entries(expected.outputs)) {
    const want = tensor.data.flat(Number.POSITIVE_INFINITY);
    const got = outputs.get(output);
    const close =
      Array.isArray(got) &&
      got.length === want.length &&
      got.every((v, i) => Math.abs(Number(v) - Number(want[i])) <= 1e-4 * Math.max(1, Math.abs(Number(want[i]))));
    if (!close)
      throw new Error(`output ${output} of ${name}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  }
  log(`inference of ${name}: ${Object.keys(expected.outputs).join(", ")} as expected`);
}

async function step(name, fn) {
  try {
    await fn();
  } catch (err) {
    const message =
      err instanceof ConnectError ? `${Code[err.code]}: ${err.rawMessage}` : (err?.message ?? String(err));
    process.stderr.write(`helm-smoke: ${name} failed: ${message}\n`);
    process.exit(1);
  }
}

await step("health check", async () => {
  const { status } = await health.check({ service: "" }, { timeoutMs: 10_000 });
  if (status !== HealthCheckResponse_ServingStatus.SERVING) {
    throw new Error(`gateway health is ${HealthCheckResponse_ServingStatus[status]}, not SERVING`);
  }
  log(`gateway ${gatewayUrl} is SERVING`);
});
await step("registering the examples", async () => {
  await ensureModel(modelName);
  await ensurePipeline(pipelineName);
});
await step("inference", () => infer(modelName));
