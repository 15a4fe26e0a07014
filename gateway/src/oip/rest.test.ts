import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import {
  createRootLogger,
  FailedPreconditionError,
  InvalidArgumentError,
  ModelNotFoundError,
  ResourceExhaustedError,
  UnavailableError,
  UnimplementedError,
} from "@arbiter/core";
import {
  DataType,
  ModelConfigSchema,
  type ModelInferRequest,
  ModelInferResponseSchema,
  ModelMetadataResponseSchema,
  type ModelRepositoryParameter,
  ModelStatisticsSchema,
  RepositoryIndexResponse_ModelIndexSchema,
  ServerMetadataResponseSchema,
} from "@arbiter/proto/inference";
import { create } from "@bufbuild/protobuf";
import type { OipBackend, OipCallContext } from "./oip-backend.ts";
import { createOipRestRoute } from "./rest.ts";

const MAX_BODY = 64 * 1024;
const DEFAULT_TIMEOUT_MS = 5_000;
const MAX_TIMEOUT_MS = 10_000;

/**
 * A small but real backend: model "echo" returns every input as an output named `<input>_out`
 * (same datatype, shape and bytes), honours the requested outputs and echoes the request's
 * parameters; "sleepy" waits until its call is aborted; the `err-*` models fail with one code each.
 */
class TestBackend implements OipBackend {
  ready = true;
  lastRequest: ModelInferRequest | undefined;
  lastCtx: OipCallContext | undefined;
  lastCallAt = 0;
  abortReason: unknown;
  sleeping: (() => void) | undefined;

  serverLive() {
    return true;
  }
  serverReady() {
    return this.ready;
  }
  serverMetadata() {
    return create(ServerMetadataResponseSchema, {
      name: "arbiter",
      version: "0.1.0",
      extensions: ["binary_tensor_data"],
    });
  }
  async modelReady(name: string, version: string) {
    if (name === "echo" && (version === "" || version === "1")) return true;
    if (name === "loading") return false;
    throw new ModelNotFoundError("default", name, version || undefined);
  }
  async modelMetadata(name: string, version: string) {
    if (name !== "echo" || (version !== "" && version !== "1")) {
      throw new ModelNotFoundError("default", name, version || undefined);
    }
    return create(ModelMetadataResponseSchema, {
      name: "echo",
      versions: ["1"],
      platform: "onnxruntime_onnx",
      inputs: [{ name: "x", datatype: "FP32", shape: [-1n, 3n] }],
      outputs: [{ name: "x_out", datatype: "FP32", shape: [-1n, 3n] }],
    });
  }
  /** Repository calls, in order: ["load" | "unload", model, parameters]. */
  repositoryCalls: ["load" | "unload", string, { [key: string]: ModelRepositoryParameter }][] = [];

  async modelConfig(name: string, version: string) {
    if (name !== "echo" || (version !== "" && version !== "1")) {
      throw new ModelNotFoundError("default", name, version || undefined);
    }
    return create(ModelConfigSchema, {
      name: "echo",
      platform: "onnxruntime_onnx",
      backend: "onnxruntime",
      maxBatchSize: 8,
      input: [{ name: "x", dataType: DataType.TYPE_FP32, dims: [3n] }],
      output: [{ name: "x_out", dataType: DataType.TYPE_FP32, dims: [3n] }],
      schedulingChoice: {
        case: "dynamicBatching",
        value: { preferredBatchSize: [4, 8], maxQueueDelayMicroseconds: 250n },
      },
    });
  }
  async modelStatistics(name: string, version: string) {
    if (name !== "" && name !== "echo") throw new ModelNotFoundError("default", name, version || undefined);
    const echo = create(ModelStatisticsSchema, {
      name: "echo",
      version: version || "1",
      lastInference: 1_700_000_000_123n,
      inferenceCount: 12n,
      executionCount: 3n,
      inferenceStats: {
        success: { count: 4n, ns: 9_007_199_254_740_993n }, // beyond 2^53: must stay exact
        fail: { count: 1n, ns: 50n },
        queue: { count: 4n, ns: 400n },
        computeInput: { count: 4n, ns: 40n },
        computeInfer: { count: 4n, ns: 4000n },
        computeOutput: { count: 4n, ns: 44n },
      },
      batchStats: [{ batchSize: 4n, computeInfer: { count: 3n, ns: 3000n } }],
    });
    const other = create(ModelStatisticsSchema, { name: "other", version: "2" });
    return name === "" ? [echo, other] : [echo];
  }
  async repositoryIndex(onlyReady: boolean) {
    const all = [
      create(RepositoryIndexResponse_ModelIndexSchema, { name: "echo", version: "1", state: "READY" }),
      create(RepositoryIndexResponse_ModelIndexSchema, {
        name: "loading",
        version: "1",
        state: "UNAVAILABLE",
        reason: "not loaded on any node",
      }),
    ];
    return onlyReady ? all.filter((m) => m.state === "READY") : all;
  }
  async repositoryLoad(name: string, parameters: { [key: string]: ModelRepositoryParameter }) {
    if (name === "bad-config") throw new InvalidArgumentError("config.max_batch_size", "a non-negative integer", "-1");
    if (name !== "echo" && Object.keys(parameters).length === 0)
      throw new ModelNotFoundError("default", name, undefined);
    this.repositoryCalls.push(["load", name, parameters]);
  }
  async repositoryUnload(name: string) {
    if (name !== "echo") throw new ModelNotFoundError("default", name, undefined);
    this.repositoryCalls.push(["unload", name, {}]);
  }
  async modelInfer(request: ModelInferRequest, ctx: OipCallContext) {
    this.lastRequest = request;
    this.lastCtx = ctx;
    this.lastCallAt = Date.now();
    switch (request.modelName) {
      case "sleepy":
        return new Promise<never>((_, reject) => {
          this.sleeping?.();
          ctx.signal.addEventListener("abort", () => {
            this.abortReason = ctx.signal.reason;
            reject(ctx.signal.reason);
          });
        });
      case "broken":
        throw new Error("secret stack detail");
      case "err-unavailable":
        throw new UnavailableError('no scheduler holds model "err-unavailable"');
      case "err-exhausted":
        throw new ResourceExhaustedError("queue", 'queue of model "err-exhausted" is full (8 requests)');
      case "err-precondition":
        throw new FailedPreconditionError('model "err-precondition" is not loaded');
      case "err-unimplemented":
        throw new UnimplementedError("sequence batching");
      case "echo":
        break;
      default:
        throw new ModelNotFoundError("default", request.modelName, request.modelVersion || undefined);
    }
    const wanted = request.outputs.map((o) => o.name);
    const all = request.inputs.map((input, i) => ({ input, raw: request.rawInputContents[i] as Uint8Array }));
    for (const name of wanted) {
      if (!all.some(({ input }) => `${input.name}_out` === name)) {
        throw new InvalidArgumentError(`outputs`, 'an output of model "echo"', `"${name}"`);
      }
    }
    const chosen = wanted.length === 0 ? all : all.filter(({ input }) => wanted.includes(`${input.name}_out`));
    return create(ModelInferResponseSchema, {
      modelName: "echo",
      modelVersion: "1",
      id: request.id,
      parameters: request.parameters,
      outputs: chosen.map(({ input }) => ({ name: `${input.name}_out`, datatype: input.datatype, shape: input.shape })),
      rawOutputContents: chosen.map(({ raw }) => raw),
    });
  }
}

const backend = new TestBackend();
const logLines: string[] = [];
let server: Server;
let base: string;

before(async () => {
  const logger = createRootLogger({ level: "debug", destination: { write: (line: string) => logLines.push(line) } });
  const route = createOipRestRoute(backend, {
    maxBodyBytes: MAX_BODY,
    defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
    maxTimeoutMs: MAX_TIMEOUT_MS,
    logger,
  });
  server = createServer((req, res) => {
    if (route(req, res)) return;
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not an OIP route");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function getJson(path: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(base + path);
  assert.equal(res.headers.get("content-type"), "application/json");
  return { status: res.status, body: await res.json() };
}

async function postJson(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(base + path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body),
  });
  return { status: res.status, contentType: res.headers.get("content-type"), text: await res.text() };
}

/** A binary-extension body: the JSON header, then the tensors' bytes. */
function binaryBody(header: unknown, ...tensors: Uint8Array[]): { body: Buffer; headerLength: number } {
  const json = Buffer.from(JSON.stringify(header));
  return { body: Buffer.concat([json, ...tensors]), headerLength: json.byteLength };
}

async function postBinary(path: string, body: Buffer, headerLength: number | string) {
  const res = await fetch(base + path, {
    method: "POST",
    headers: { "content-type": "application/octet-stream", "inference-header-content-length": String(headerLength) },
    body,
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  const length = res.headers.get("inference-header-content-length");
  const n = length === null ? bytes.byteLength : Number(length);
  return {
    status: res.status,
    contentType: res.headers.get("content-type"),
    headerLength: length,
    json: JSON.parse(bytes.subarray(0, n).toString("utf8")),
    binary: bytes.subarray(n),
  };
}

function f32(...values: number[]): Buffer {
  return Buffer.from(new Float32Array(values).buffer);
}

describe("health and metadata", () => {
  test("live and ready answer 200 with a JSON body; not ready is 503", async () => {
    assert.deepEqual(await getJson("/v2/health/live"), { status: 200, body: { live: true } });
    assert.deepEqual(await getJson("/v2/health/ready"), { status: 200, body: { ready: true } });
    backend.ready = false;
    try {
      assert.deepEqual(await getJson("/v2/health/ready"), { status: 503, body: { ready: false } });
    } finally {
      backend.ready = true;
    }
  });

  test("server metadata", async () => {
    assert.deepEqual(await getJson("/v2"), {
      status: 200,
      body: { name: "arbiter", version: "0.1.0", extensions: ["binary_tensor_data"] },
    });
  });

  test("model metadata, with and without a version; shapes are numbers", async () => {
    const expected = {
      name: "echo",
      versions: ["1"],
      platform: "onnxruntime_onnx",
      inputs: [{ name: "x", datatype: "FP32", shape: [-1, 3] }],
      outputs: [{ name: "x_out", datatype: "FP32", shape: [-1, 3] }],
    };
    assert.deepEqual(await getJson("/v2/models/echo"), { status: 200, body: expected });
    assert.deepEqual(await getJson("/v2/models/echo/versions/1"), { status: 200, body: expected });
    assert.deepEqual(await getJson("/v2/models/echo/versions/7"), {
      status: 404,
      body: { error: 'model "echo" version 7 not found' },
    });
    assert.deepEqual(await getJson("/v2/models/nope"), { status: 404, body: { error: 'model "nope" not found' } });
  });

  test("model ready: 200 when ready, 400 when it cannot serve, 404 when unknown", async () => {
    assert.deepEqual(await getJson("/v2/models/echo/ready"), { status: 200, body: { name: "echo", ready: true } });
    assert.deepEqual(await getJson("/v2/models/echo/versions/1/ready"), {
      status: 200,
      body: { name: "echo", ready: true },
    });
    assert.deepEqual(await getJson("/v2/models/loading/ready"), {
      status: 400,
      body: { name: "loading", ready: false },
    });
    assert.deepEqual(await getJson("/v2/models/ghost/ready"), {
      status: 404,
      body: { error: 'model "ghost" not found' },
    });
  });

  test("percent-encoded model names are decoded", async () => {
    assert.deepEqual(await getJson("/v2/models/my%20model"), {
      status: 404,
      body: { error: 'model "my model" not found' },
    });
    assert.deepEqual(await getJson("/v2/models/%E0%A4%A/ready"), {
      status: 400,
      body: { error: 'model name in the path: expected a valid percent-encoded name, got "%E0%A4%A"' },
    });
  });

  test("wrong methods are 405 with Allow; other paths are left to other routes", async () => {
    const res = await fetch(`${base}/v2/models/echo/infer`);
    assert.equal(res.status, 405);
    assert.equal(res.headers.get("allow"), "POST");
    assert.deepEqual(await res.json(), { error: "method not allowed: expected POST" });
    const post = await fetch(`${base}/v2/health/live`, { method: "POST" });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get("allow"), "GET");
    for (const path of [
      "/v2/models/echo/other",
      "/v2/repository/models/echo/reload",
      "/v2/repository/other",
      "/v1/models/echo",
      "/v2x",
    ]) {
      const other = await fetch(base + path);
      assert.equal(await other.text(), "not an OIP route", path);
    }
  });
});

describe("model repository, statistics and configuration extensions", () => {
  const post = (path: string, body?: string) =>
    fetch(base + path, { method: "POST", ...(body === undefined ? {} : { body }) }).then(async (res) => ({
      status: res.status,
      text: await res.text(),
    }));

  test("repository index: every model with its state, or only the ready ones", async () => {
    const all = await post("/v2/repository/index", "");
    assert.equal(all.status, 200);
    assert.deepEqual(JSON.parse(all.text), [
      { name: "echo", version: "1", state: "READY", reason: "" },
      { name: "loading", version: "1", state: "UNAVAILABLE", reason: "not loaded on any node" },
    ]);
    const ready = await post("/v2/repository/index", JSON.stringify({ ready: true }));
    assert.deepEqual(JSON.parse(ready.text), [{ name: "echo", version: "1", state: "READY", reason: "" }]);
    const notReadyOnly = await post("/v2/repository/index", JSON.stringify({ ready: false }));
    assert.equal(JSON.parse(notReadyOnly.text).length, 2);
    assert.deepEqual(await post("/v2/repository/index", JSON.stringify({ ready: "yes" })), {
      status: 400,
      text: JSON.stringify({ error: 'ready: expected true or false, got "yes"' }),
    });
    const get = await fetch(`${base}/v2/repository/index`);
    assert.equal(get.status, 405);
    assert.equal(get.headers.get("allow"), "POST");
  });

  test("load carries the config string and the base64-decoded files to the backend; unload too", async () => {
    backend.repositoryCalls = [];
    const file = Buffer.from([0x08, 0x07, 0x00, 0xff, 0x80, 0x41]);
    const config = JSON.stringify({ name: "new-model", max_batch_size: 4 });
    const loaded = await post(
      "/v2/repository/models/new-model/load",
      JSON.stringify({ parameters: { config, "file:1/model.onnx": file.toString("base64"), poll: true, n: 3 } }),
    );
    assert.deepEqual(loaded, { status: 200, text: "" });
    const [kind, name, parameters] = backend.repositoryCalls[0] ?? [];
    assert.equal(kind, "load");
    assert.equal(name, "new-model");
    assert.deepEqual(parameters?.config?.parameterChoice, { case: "stringParam", value: config });
    const bytes = parameters?.["file:1/model.onnx"]?.parameterChoice;
    assert.equal(bytes?.case, "bytesParam");
    assert.deepEqual(Buffer.from(bytes.value as Uint8Array), file);
    assert.deepEqual(parameters?.poll?.parameterChoice, { case: "boolParam", value: true });
    assert.deepEqual(parameters?.n?.parameterChoice, { case: "int64Param", value: 3n });

    // Triton's clients send no body (or no parameters) for a plain load and an unload.
    assert.deepEqual(await post("/v2/repository/models/echo/load"), { status: 200, text: "" });
    assert.deepEqual(
      await post("/v2/repository/models/echo/unload", JSON.stringify({ parameters: { unload_dependents: false } })),
      { status: 200, text: "" },
    );
    assert.deepEqual(
      backend.repositoryCalls.slice(1).map(([k, n, p]) => [k, n, Object.keys(p).length]),
      [
        ["load", "echo", 0],
        ["unload", "echo", 0],
      ],
    );
  });

  test("load and unload errors: bad base64, bad parameter kinds, backend errors, unknown models", async () => {
    const cases: [string, string | undefined, number, string][] = [
      [
        "/v2/repository/models/m/load",
        JSON.stringify({ parameters: { config: "{}", "file:1/model.onnx": "not base64!" } }),
        400,
        'parameters["file:1/model.onnx"]: expected the file\'s content in base64, got "not base64!"',
      ],
      [
        "/v2/repository/models/m/load",
        JSON.stringify({ parameters: { config: { max_batch_size: 4 } } }),
        400,
        'parameters["config"]: expected a string, a boolean or an integer, got an object',
      ],
      [
        "/v2/repository/models/m/load",
        JSON.stringify({ parameters: [] }),
        400,
        "parameters: expected a JSON object, got an array",
      ],
      ["/v2/repository/models/m/load", "{", 400, "request body: expected valid JSON"],
      [
        "/v2/repository/models/bad-config/load",
        undefined,
        400,
        "config.max_batch_size: expected a non-negative integer, got -1",
      ],
      ["/v2/repository/models/nope/load", undefined, 404, 'model "nope" not found'],
      ["/v2/repository/models/nope/unload", undefined, 404, 'model "nope" not found'],
    ];
    for (const [path, body, status, message] of cases) {
      const res = await post(path, body);
      assert.equal(res.status, status, `${path} ${body}: ${res.text}`);
      assert.ok((JSON.parse(res.text) as { error: string }).error.startsWith(message), res.text);
    }
    const get = await fetch(`${base}/v2/repository/models/echo/load`);
    assert.equal(get.status, 405);
  });

  test("statistics in Triton's JSON: snake_case, every field, 64-bit counters as exact numbers", async () => {
    const one = await fetch(`${base}/v2/models/echo/versions/1/stats`);
    assert.equal(one.status, 200);
    assert.equal(one.headers.get("content-type"), "application/json");
    const text = await one.text();
    assert.match(text, /"success":\{"count":4,"ns":9007199254740993\}/);
    const stats = JSON.parse(text) as { model_stats: Record<string, unknown>[] };
    assert.equal(stats.model_stats.length, 1);
    const echo = stats.model_stats[0] as Record<string, unknown>;
    assert.equal(echo.name, "echo");
    assert.equal(echo.version, "1");
    assert.equal(echo.last_inference, 1_700_000_000_123);
    assert.equal(echo.inference_count, 12);
    assert.equal(echo.execution_count, 3);
    const inference = echo.inference_stats as Record<string, { count: number; ns: number }>;
    assert.deepEqual(inference.fail, { count: 1, ns: 50 });
    assert.deepEqual(inference.queue, { count: 4, ns: 400 });
    assert.deepEqual(inference.compute_input, { count: 4, ns: 40 });
    assert.deepEqual(inference.compute_infer, { count: 4, ns: 4000 });
    assert.deepEqual(inference.compute_output, { count: 4, ns: 44 });
    assert.deepEqual(echo.batch_stats, [
      {
        batch_size: 4,
        compute_input: { count: 0, ns: 0 },
        compute_infer: { count: 3, ns: 3000 },
        compute_output: { count: 0, ns: 0 },
      },
    ]);
    assert.deepEqual(echo.memory_usage, []);

    const all = (await getJson("/v2/models/stats")).body as { model_stats: { name: string; version: string }[] };
    assert.deepEqual(
      all.model_stats.map((m) => [m.name, m.version]),
      [
        ["echo", "1"],
        ["other", "2"],
      ],
    );
    const unversioned = (await getJson("/v2/models/echo/stats")).body as { model_stats: unknown[] };
    assert.equal(unversioned.model_stats.length, 1);
    assert.deepEqual(await getJson("/v2/models/nope/stats"), {
      status: 404,
      body: { error: 'model "nope" not found' },
    });
  });

  test("model configuration in Triton's JSON: snake_case, enum names, dims as numbers, defaults present", async () => {
    for (const path of ["/v2/models/echo/config", "/v2/models/echo/versions/1/config"]) {
      const { status, body } = await getJson(path);
      assert.equal(status, 200, path);
      const config = body as Record<string, unknown>;
      assert.equal(config.name, "echo");
      assert.equal(config.platform, "onnxruntime_onnx");
      assert.equal(config.backend, "onnxruntime");
      assert.equal(config.max_batch_size, 8);
      const input = (config.input as Record<string, unknown>[])[0] as Record<string, unknown>;
      assert.equal(input.name, "x");
      assert.equal(input.data_type, "TYPE_FP32");
      assert.deepEqual(input.dims, [3]);
      assert.equal(input.is_shape_tensor, false);
      assert.deepEqual(
        config.dynamic_batching && {
          preferred: (config.dynamic_batching as Record<string, unknown>).preferred_batch_size,
          delay: (config.dynamic_batching as Record<string, unknown>).max_queue_delay_microseconds,
        },
        { preferred: [4, 8], delay: 250 },
      );
      assert.deepEqual(config.instance_group, []);
    }
    assert.deepEqual(await getJson("/v2/models/echo/versions/9/config"), {
      status: 404,
      body: { error: 'model "echo" version 9 not found' },
    });
    const post = await fetch(`${base}/v2/models/echo/config`, { method: "POST" });
    assert.equal(post.status, 405);
  });
});

describe("JSON inference", () => {
  test("FP32, INT64, BOOL and BYTES round trip, nested data flattened row-major", async () => {
    const res = await postJson("/v2/models/echo/infer", {
      id: "req-42",
      inputs: [
        {
          name: "f",
          datatype: "FP32",
          shape: [2, 2],
          data: [
            [1.5, -2],
            [0.25, 1e-3],
          ],
        },
        { name: "i", datatype: "INT64", shape: [3], data: [-9007199254740991, 0, 9007199254740991] },
        { name: "b", datatype: "BOOL", shape: [1, 3], data: [[true, false, true]] },
        { name: "s", datatype: "BYTES", shape: [2], data: ["héllo", ""] },
      ],
    });
    assert.equal(res.status, 200);
    assert.equal(res.contentType, "application/json");
    const body = JSON.parse(res.text);
    assert.deepEqual(body, {
      model_name: "echo",
      model_version: "1",
      id: "req-42",
      outputs: [
        { name: "f_out", datatype: "FP32", shape: [2, 2], data: [1.5, -2, 0.25, Math.fround(1e-3)] },
        { name: "i_out", datatype: "INT64", shape: [3], data: [-9007199254740991, 0, 9007199254740991] },
        { name: "b_out", datatype: "BOOL", shape: [1, 3], data: [true, false, true] },
        { name: "s_out", datatype: "BYTES", shape: [2], data: ["héllo", ""] },
      ],
    });
    // What reached the backend: raw little-endian tensors.
    const request = backend.lastRequest as ModelInferRequest;
    assert.deepEqual(Buffer.from(request.rawInputContents[0] as Uint8Array), f32(1.5, -2, 0.25, 1e-3));
    assert.deepEqual([...(request.rawInputContents[2] as Uint8Array)], [1, 0, 1]);
    assert.deepEqual(
      request.inputs.map((i) => i.shape),
      [[2n, 2n], [3n], [1n, 3n], [2n]],
    );
  });

  test("every integer type keeps its values; UINT8 and INT16 are range-checked", async () => {
    const types = ["INT8", "INT16", "INT32", "UINT8", "UINT16", "UINT32", "UINT64", "FP64"];
    const res = await postJson("/v2/models/echo/infer", {
      inputs: types.map((t) => ({
        name: t,
        datatype: t,
        shape: [2],
        data: t.startsWith("U") ? [0, 200] : [-100, 100],
      })),
    });
    assert.equal(res.status, 200, res.text);
    const outputs = JSON.parse(res.text).outputs as { name: string; data: number[] }[];
    assert.deepEqual(
      outputs.map((o) => [o.name, o.data]),
      types.map((t) => [`${t}_out`, t.startsWith("U") ? [0, 200] : [-100, 100]]),
    );
    const bad = await postJson("/v2/models/echo/infer", {
      inputs: [{ name: "small", datatype: "INT8", shape: [2], data: [1, 128] }],
    });
    assert.equal(bad.status, 400);
    assert.deepEqual(JSON.parse(bad.text), {
      error: 'input "small".data[1]: expected a INT8 integer (-128 to 127), got 128',
    });
  });

  test("64-bit integers beyond 2^53 travel exactly both ways, in data and parameters", async () => {
    const max = Buffer.alloc(8);
    max.writeBigUInt64LE(18446744073709551615n);
    const { body, headerLength } = binaryBody(
      { inputs: [{ name: "u", datatype: "UINT64", shape: [1], parameters: { binary_data_size: 8 } }] },
      max,
    );
    const res = await fetch(`${base}/v2/models/echo/infer`, {
      method: "POST",
      headers: { "inference-header-content-length": String(headerLength) },
      body,
    });
    const text = await res.text();
    assert.equal(res.status, 200);
    assert.match(text, /"data":\[18446744073709551615\]/);

    const json = await postJson(
      "/v2/models/echo/infer",
      `{"parameters": {"sequence_id": 18446744073709551615, "big": -9223372036854775808, "s": "12345678901234567890"},
        "inputs": [{"name": "i", "datatype": "INT64", "shape": [3], "data": [9007199254740993, -9223372036854775808, 1.5e3]},
                   {"name": "u", "datatype": "UINT64", "shape": [1], "data": [18446744073709551615]},
                   {"name": "f", "datatype": "FP64", "shape": [1], "data": [12345678901234567890]}]}`,
    );
    assert.equal(json.status, 200, json.text);
    assert.match(json.text, /"data":\[9007199254740993,-9223372036854775808,1500\]/);
    assert.match(json.text, /"data":\[18446744073709551615\]/);
    assert.deepEqual(JSON.parse(json.text).outputs[2].data, [12345678901234567000]);
    const request = backend.lastRequest as ModelInferRequest;
    assert.equal(Buffer.from(request.rawInputContents[0] as Uint8Array).readBigInt64LE(0), 9007199254740993n);
    assert.deepEqual(Object.fromEntries(Object.entries(request.parameters).map(([k, p]) => [k, p.parameterChoice])), {
      sequence_id: { case: "uint64Param", value: 18446744073709551615n },
      big: { case: "int64Param", value: -9223372036854775808n },
      s: { case: "stringParam", value: "12345678901234567890" },
    });
    const refused = await postJson(
      "/v2/models/echo/infer",
      '{"inputs": [{"name": "big", "datatype": "INT64", "shape": [1], "data": [9223372036854775808]}]}',
    );
    assert.equal(refused.status, 400);
    assert.deepEqual(JSON.parse(refused.text), {
      error:
        'input "big".data[0]: expected a INT64 integer (-9223372036854775808 to 9223372036854775807), got 9223372036854775808',
    });
  });

  test("request parameters reach the backend typed and come back in the answer", async () => {
    const res = await postJson("/v2/models/echo/infer", {
      parameters: { priority: 2, sequence_start: true, ratio: 0.5, tag: "a" },
      inputs: [{ name: "x", datatype: "FP32", shape: [1], data: [1] }],
    });
    assert.equal(res.status, 200);
    const params = (backend.lastRequest as ModelInferRequest).parameters;
    assert.deepEqual(Object.fromEntries(Object.entries(params).map(([k, p]) => [k, p.parameterChoice])), {
      priority: { case: "int64Param", value: 2n },
      sequence_start: { case: "boolParam", value: true },
      ratio: { case: "doubleParam", value: 0.5 },
      tag: { case: "stringParam", value: "a" },
    });
    assert.deepEqual(JSON.parse(res.text).parameters, { priority: 2, sequence_start: true, ratio: 0.5, tag: "a" });
  });

  test("requested outputs: only those come back", async () => {
    const res = await postJson("/v2/models/echo/infer", {
      inputs: [
        { name: "a", datatype: "INT32", shape: [1], data: [1] },
        { name: "b", datatype: "INT32", shape: [1], data: [2] },
      ],
      outputs: [{ name: "b_out" }],
    });
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse(res.text).outputs, [{ name: "b_out", datatype: "INT32", shape: [1], data: [2] }]);
  });

  test("NaN travels as null both ways", async () => {
    const res = await postJson("/v2/models/echo/infer", {
      inputs: [{ name: "x", datatype: "FP32", shape: [2], data: [null, 3] }],
    });
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse(res.text).outputs[0].data, [null, 3]);
    assert.ok(
      Number.isNaN(
        Buffer.from((backend.lastRequest as ModelInferRequest).rawInputContents[0] as Uint8Array).readFloatLE(0),
      ),
    );
  });

  test("a gzip-compressed request body is accepted", async () => {
    const json = JSON.stringify({ inputs: [{ name: "x", datatype: "INT32", shape: [3], data: [7, 8, 9] }] });
    const res = await fetch(`${base}/v2/models/echo/infer`, {
      method: "POST",
      headers: { "content-type": "application/json", "content-encoding": "gzip" },
      body: gzipSync(json),
    });
    assert.equal(res.status, 200);
    assert.deepEqual(((await res.json()) as { outputs: { data: number[] }[] }).outputs[0]?.data, [7, 8, 9]);
  });
});

describe("binary tensor data extension", () => {
  test("binary request and binary response are byte-exact", async () => {
    const x = f32(1.1, Number.NaN, -0, 3.4028234663852886e38, 1e-45, 2);
    const half = Buffer.from([0x00, 0x3c, 0x00, 0xc0]); // FP16 1.0, -2.0
    const strings = Buffer.from([3, 0, 0, 0, 0x61, 0x00, 0xff, 0, 0, 0, 0]); // "a\0\xff", ""
    const { body, headerLength } = binaryBody(
      {
        id: "bin",
        inputs: [
          { name: "x", datatype: "FP32", shape: [2, 3], parameters: { binary_data_size: x.byteLength } },
          { name: "h", datatype: "FP16", shape: [2], parameters: { binary_data_size: half.byteLength } },
          { name: "s", datatype: "BYTES", shape: [2], parameters: { binary_data_size: strings.byteLength } },
        ],
        outputs: [
          { name: "x_out", parameters: { binary_data: true } },
          { name: "h_out", parameters: { binary_data: true } },
          { name: "s_out", parameters: { binary_data: true } },
        ],
      },
      x,
      half,
      strings,
    );
    const res = await postBinary("/v2/models/echo/infer", body, headerLength);
    assert.equal(res.status, 200);
    assert.equal(res.contentType, "application/octet-stream");
    assert.deepEqual(res.json, {
      model_name: "echo",
      model_version: "1",
      id: "bin",
      outputs: [
        { name: "x_out", datatype: "FP32", shape: [2, 3], parameters: { binary_data_size: 24 } },
        { name: "h_out", datatype: "FP16", shape: [2], parameters: { binary_data_size: 4 } },
        { name: "s_out", datatype: "BYTES", shape: [2], parameters: { binary_data_size: 11 } },
      ],
    });
    assert.deepEqual(res.binary, Buffer.concat([x, half, strings]));
    // binary_data_size is consumed by the front end, not passed to the backend.
    assert.deepEqual(
      (backend.lastRequest as ModelInferRequest).inputs.map((i) => Object.keys(i.parameters)),
      [[], [], []],
    );
  });

  test("mixed binary and JSON inputs; binary_data_output with a per-output override", async () => {
    const ints = Buffer.from(new Int32Array([5, -6]).buffer);
    const { body, headerLength } = binaryBody(
      {
        parameters: { binary_data_output: true },
        inputs: [
          { name: "j", datatype: "FP32", shape: [2], data: [0.5, 4] },
          { name: "r", datatype: "INT32", shape: [2], parameters: { binary_data_size: 8 } },
          { name: "h", datatype: "BOOL", shape: [1], data: [true] },
        ],
        outputs: [{ name: "j_out" }, { name: "r_out", parameters: { binary_data: false } }, { name: "h_out" }],
      },
      ints,
    );
    const res = await postBinary("/v2/models/echo/infer", body, headerLength);
    assert.equal(res.status, 200);
    assert.deepEqual(res.json.outputs, [
      { name: "j_out", datatype: "FP32", shape: [2], parameters: { binary_data_size: 8 } },
      { name: "r_out", datatype: "INT32", shape: [2], data: [5, -6] },
      { name: "h_out", datatype: "BOOL", shape: [1], parameters: { binary_data_size: 1 } },
    ]);
    assert.deepEqual(res.binary, Buffer.concat([f32(0.5, 4), Buffer.from([1])]));
    const request = backend.lastRequest as ModelInferRequest;
    assert.deepEqual(Buffer.from(request.rawInputContents[1] as Uint8Array), ints);
    assert.deepEqual(request.parameters, {});
  });

  test("FP16 and BF16 outputs asked for as JSON are decoded to numbers", async () => {
    const half = Buffer.from([0x00, 0x3c, 0x00, 0xc0, 0x00, 0x7c]); // 1, -2, +inf
    const bf = Buffer.from([0x80, 0x3f, 0x40, 0xc0]); // 1, -3
    const { body, headerLength } = binaryBody(
      {
        inputs: [
          { name: "h", datatype: "FP16", shape: [3], parameters: { binary_data_size: 6 } },
          { name: "b", datatype: "BF16", shape: [2], parameters: { binary_data_size: 4 } },
        ],
      },
      half,
      bf,
    );
    const res = await postBinary("/v2/models/echo/infer", body, headerLength);
    assert.equal(res.status, 200);
    assert.equal(res.contentType, "application/json");
    assert.deepEqual(
      res.json.outputs.map((o: { data: unknown }) => o.data),
      [
        [1, -2, null],
        [1, -3],
      ],
    );
  });
});

describe("errors", () => {
  const infer = (body: unknown, headers?: Record<string, string>) => postJson("/v2/models/echo/infer", body, headers);
  const expectError = async (
    pending: Promise<{ status: number; text: string; contentType: string | null }>,
    status: number,
    error: string,
  ) => {
    const res = await pending;
    assert.equal(res.contentType, "application/json");
    assert.deepEqual({ status: res.status, body: JSON.parse(res.text) }, { status, body: { error } });
  };

  test("malformed JSON is 400", async () => {
    const res = await infer('{"inputs": [');
    assert.equal(res.status, 400);
    assert.match(JSON.parse(res.text).error, /^request body: expected valid JSON, got malformed JSON \(/);
  });

  test("malformed requests name the field, what was expected and what came", async () => {
    await expectError(infer([1]), 400, "request: expected a JSON object, got an array");
    await expectError(infer({ inputs: {} }), 400, "inputs: expected an array of input tensors, got an object");
    await expectError(
      infer({ inputs: [{ name: "x", datatype: "FLOAT", shape: [1], data: [1] }] }),
      400,
      'input "x" datatype: expected one of BOOL, UINT8..UINT64, INT8..INT64, FP16, BF16, FP32, FP64, BYTES, got "FLOAT"',
    );
    await expectError(
      infer({ inputs: [{ name: "x", datatype: "FP32", shape: [2, -1], data: [1] }] }),
      400,
      'input "x" shape[1]: expected a non-negative integer, got -1',
    );
    await expectError(
      infer({ inputs: [{ name: "x", datatype: "FP32", shape: [2, 2], data: [[1, 2], [3]] }] }),
      400,
      'input "x" data: expected 4 values for shape [2, 2], got 3 values',
    );
    await expectError(
      infer({ inputs: [{ name: "x", datatype: "FP32", shape: [1] }] }),
      400,
      'input "x" data: expected an array of values (or a "binary_data_size" parameter), got nothing',
    );
    await expectError(
      infer({ inputs: [{ name: "flag", datatype: "BOOL", shape: [2], data: [true, 1] }] }),
      400,
      'input "flag".data[1]: expected true or false, got 1',
    );
    await expectError(
      infer({ inputs: [{ name: "s", datatype: "BYTES", shape: [1], data: [5] }] }),
      400,
      'input "s".data[0]: expected a string, got 5',
    );
    await expectError(
      infer({ parameters: { p: [1] }, inputs: [] }),
      400,
      "parameters.p: expected a bool, number or string, got an array",
    );
    await expectError(
      infer({ parameters: { binary_data_output: "yes" }, inputs: [] }),
      400,
      'parameters.binary_data_output: expected true or false, got "yes"',
    );
  });

  test("FP16 and BF16 cannot be sent as JSON data", async () => {
    await expectError(
      infer({ inputs: [{ name: "half", datatype: "FP16", shape: [1], data: [1] }] }),
      400,
      'input "half": expected FP16 data as binary data (a "binary_data_size" parameter); JSON has no FP16 numbers, got JSON data',
    );
  });

  test("binary framing errors: header length, sizes that do not add up, sizes that do not fit the shape", async () => {
    const tensor = f32(1, 2);
    const header = { inputs: [{ name: "x", datatype: "FP32", shape: [2], parameters: { binary_data_size: 8 } }] };
    const { body } = binaryBody(header, tensor);
    const tooLong = await postBinary("/v2/models/echo/infer", body, body.byteLength + 1);
    assert.deepEqual(
      [tooLong.status, tooLong.json],
      [
        400,
        {
          error: `Inference-Header-Content-Length: expected at most the body size, ${body.byteLength} bytes, got ${body.byteLength + 1}`,
        },
      ],
    );
    const notNumber = await postBinary("/v2/models/echo/infer", body, "12abc");
    assert.deepEqual(
      [notNumber.status, notNumber.json],
      [400, { error: 'Inference-Header-Content-Length: expected a non-negative integer, got "12abc"' }],
    );
    const extra = binaryBody(header, tensor, Buffer.from([1, 2, 3]));
    const leftover = await postBinary("/v2/models/echo/infer", extra.body, extra.headerLength);
    assert.deepEqual(
      [leftover.status, leftover.json],
      [
        400,
        {
          error:
            "binary data: expected the binary_data_size parameters to add up to the 11 bytes after the JSON header, got 8 bytes",
        },
      ],
    );
    const short = binaryBody(header, tensor.subarray(0, 6));
    const past = await postBinary("/v2/models/echo/infer", short.body, short.headerLength);
    assert.deepEqual(
      [past.status, past.json],
      [
        400,
        { error: 'input "x" binary_data_size: expected at most the 6 bytes of binary data left in the body, got 8' },
      ],
    );
    const wrongShape = binaryBody(
      { inputs: [{ name: "x", datatype: "FP32", shape: [3], parameters: { binary_data_size: 8 } }] },
      tensor,
    );
    const mismatch = await postBinary("/v2/models/echo/infer", wrongShape.body, wrongShape.headerLength);
    assert.deepEqual(
      [mismatch.status, mismatch.json],
      [400, { error: 'input "x": expected 12 bytes (3 FP32 elements of shape [3]), got 8 bytes' }],
    );
    await expectError(
      infer(header),
      400,
      'input "x": expected a request with an Inference-Header-Content-Length header (it has "binary_data_size": 8), got a request without one',
    );
  });

  test("a body over maxBodyBytes is 413, declared or streamed", async () => {
    const big = JSON.stringify({
      inputs: [{ name: "x", datatype: "BYTES", shape: [1], data: ["a".repeat(MAX_BODY)] }],
    });
    await expectError(
      infer(big),
      413,
      `request body: expected at most ${MAX_BODY} bytes, got ${Buffer.byteLength(big)} bytes (Content-Length)`,
    );
    // Chunked (no Content-Length): refused once the limit is passed.
    const chunks = [Buffer.from(big.slice(0, 40_000)), Buffer.from(big.slice(40_000))];
    const res = await fetch(`${base}/v2/models/echo/infer`, {
      method: "POST",
      body: new ReadableStream({
        pull(controller) {
          const next = chunks.shift();
          if (next) controller.enqueue(next);
          else controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    assert.equal(res.status, 413);
    assert.deepEqual(await res.json(), {
      error: `request body: expected at most ${MAX_BODY} bytes, got more than ${MAX_BODY} bytes`,
    });
    // A small bomb: well under the limit compressed, over it once inflated.
    await expectError(
      infer(gzipSync(big), { "content-encoding": "gzip" }),
      413,
      `request body: expected at most ${MAX_BODY} bytes, got more than ${MAX_BODY} bytes once decompressed`,
    );
  });

  test("unknown content encodings are 415; corrupt compressed bodies are 400", async () => {
    await expectError(
      infer("{}", { "content-encoding": "br" }),
      415,
      'Content-Encoding: expected identity, gzip or deflate, got "br"',
    );
    const res = await infer("not gzip at all", { "content-encoding": "gzip" });
    assert.equal(res.status, 400);
    assert.match(
      JSON.parse(res.text).error,
      /^request body: expected gzip-compressed data \(Content-Encoding\), got data that does not decompress/,
    );
  });

  test("backend errors keep their message and map to HTTP statuses by code", async () => {
    const x = { inputs: [{ name: "x", datatype: "FP32", shape: [1], data: [1] }] };
    const cases: [string, number, string][] = [
      ["nope", 404, 'model "nope" not found'],
      ["err-unavailable", 503, 'no scheduler holds model "err-unavailable"'],
      ["err-exhausted", 429, 'queue of model "err-exhausted" is full (8 requests)'],
      ["err-precondition", 400, 'model "err-precondition" is not loaded'],
      ["err-unimplemented", 501, "sequence batching is not implemented"],
    ];
    for (const [model, status, error] of cases) {
      await expectError(postJson(`/v2/models/${model}/infer`, x), status, error);
    }
    await expectError(
      postJson("/v2/models/echo/infer", { ...x, outputs: [{ name: "y" }] }),
      400,
      'outputs: expected an output of model "echo", got "y"',
    );
  });

  test("an unexpected failure is 500 without details, logged as an error", async () => {
    logLines.length = 0;
    await expectError(postJson("/v2/models/broken/infer", { inputs: [] }), 500, "internal error");
    const logged = logLines.map((l) => JSON.parse(l)).find((l) => l.level === "error");
    assert.equal(logged?.component, "oip-rest");
    assert.equal(logged?.path, "/v2/models/broken/infer");
    assert.match(logged?.err?.message ?? "", /secret stack detail/);
  });
});

describe("deadlines and cancellation", () => {
  const x = { inputs: [{ name: "x", datatype: "FP32", shape: [1], data: [1] }] };

  test("the request's timeout parameter (microseconds) sets the deadline, capped by maxTimeoutMs", async () => {
    await postJson("/v2/models/echo/infer", { ...x, parameters: { timeout: 2_000_000 } });
    const ctx = backend.lastCtx as OipCallContext;
    const budget = ctx.deadline - backend.lastCallAt;
    assert.ok(budget <= 2_000 && budget > 1_000, `budget ${budget}`);

    await postJson("/v2/models/echo/infer", { ...x, parameters: { timeout: 3_600_000_000 } });
    const capped = (backend.lastCtx as OipCallContext).deadline - backend.lastCallAt;
    assert.ok(capped <= MAX_TIMEOUT_MS && capped > MAX_TIMEOUT_MS - 1_000, `capped ${capped}`);

    await postJson("/v2/models/echo/infer", x);
    const fallback = (backend.lastCtx as OipCallContext).deadline - backend.lastCallAt;
    assert.ok(fallback <= DEFAULT_TIMEOUT_MS && fallback > DEFAULT_TIMEOUT_MS - 1_000, `default ${fallback}`);

    await expectStatus(postJson("/v2/models/echo/infer", { ...x, parameters: { timeout: -1 } }), 400);
  });

  test("a call still running at its deadline is answered 504 and its signal aborts", async () => {
    backend.abortReason = undefined;
    const res = await postJson("/v2/models/sleepy/infer", { ...x, parameters: { timeout: 50_000 } });
    assert.deepEqual(
      { status: res.status, body: JSON.parse(res.text) },
      { status: 504, body: { error: "deadline of 50 ms exceeded" } },
    );
    assert.equal((backend.abortReason as Error | undefined)?.name, "DeadlineExceededError");
  });

  test("the signal aborts when the client goes away", async () => {
    backend.abortReason = undefined;
    const started = new Promise<void>((resolve) => {
      backend.sleeping = resolve;
    });
    const client = new AbortController();
    const pending = fetch(`${base}/v2/models/sleepy/infer`, {
      method: "POST",
      body: JSON.stringify(x),
      signal: client.signal,
    }).catch((err: unknown) => err);
    await started;
    client.abort();
    await pending;
    const deadline = Date.now() + 5_000;
    while (backend.abortReason === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    assert.equal((backend.abortReason as Error | undefined)?.name, "CancelledError");
    backend.sleeping = undefined;
  });
});

async function expectStatus(pending: Promise<{ status: number }>, status: number) {
  assert.equal((await pending).status, status);
}
