import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ModelSchema, ProviderFallback } from "@arbiter/proto";
import { create } from "@bufbuild/protobuf";
import { arbiterConfigFromTriton, checkConfigTensors, parseTritonConfig, tritonModelConfig } from "./triton-config.ts";

const parse = (json: unknown, name = "m") => parseTritonConfig(JSON.stringify(json), name);
const map = (json: unknown) => arbiterConfigFromTriton(parse(json));

const model = create(ModelSchema, {
  name: "m",
  version: 2n,
  platform: "onnxruntime_onnx",
  signature: {
    inputs: [{ name: "features", datatype: "FP32", shape: [-1n, 30n] }],
    outputs: [
      { name: "label", datatype: "INT64", shape: [-1n] },
      { name: "probabilities", datatype: "FP32", shape: [-1n, 2n] },
    ],
  },
});

describe("Triton's configuration → Arbiter's", () => {
  test("batching, queue, instances and provider settings map onto their Arbiter counterparts", () => {
    const config = map({
      name: "m",
      platform: "onnxruntime_onnx",
      max_batch_size: 32,
      dynamic_batching: {
        preferred_batch_size: [8, 16],
        max_queue_delay_microseconds: "1500",
        default_queue_policy: { max_queue_size: 100 },
      },
      instance_group: [
        { count: 2, kind: "KIND_GPU", gpus: [1] },
        { kind: "KIND_GPU", gpus: [1] },
      ],
      parameters: {
        memory_limit_bytes: { string_value: "1048576" },
        desired_replicas: { string_value: "3" },
        provider_fallback: { string_value: "cpu" },
        intra_op_thread_count: { string_value: "4" },
      },
    });
    assert.equal(config.maxBatchSize, 32);
    assert.deepEqual(config.preferredBatchSizes, [8, 16]);
    assert.equal(config.maxQueueDelayMicros, 1500n);
    assert.equal(config.maxQueueLength, 100);
    assert.equal(config.instanceCount, 3, "2 + a group without a count (1, as in Triton)");
    assert.equal(config.executionProvider, "cuda:1");
    assert.equal(config.memoryLimitBytes, 1048576n);
    assert.equal(config.desiredReplicas, 3);
    assert.equal(config.providerFallback, ProviderFallback.CPU);
  });

  test("camelCase names are read too; TensorRT as a GPU accelerator; KIND_CPU is the CPU provider", () => {
    assert.equal(
      map({
        maxBatchSize: 4,
        optimization: { executionAccelerators: { gpuExecutionAccelerator: [{ name: "tensorrt" }] } },
      }).executionProvider,
      "tensorrt",
    );
    assert.equal(map({ instance_group: [{ kind: "KIND_CPU", count: 4 }] }).executionProvider, "cpu");
    assert.equal(map({}).executionProvider, "");
  });

  test("settings Triton's configuration cannot express keep their values; the others are replaced", () => {
    const base = map({ max_batch_size: 8, parameters: { desired_replicas: { string_value: "2" } } });
    base.maxQueueLength = 50;
    const next = arbiterConfigFromTriton(parse({ max_batch_size: 4 }), base);
    assert.equal(next.maxBatchSize, 4);
    assert.equal(next.desiredReplicas, 2);
    assert.equal(next.maxQueueLength, 50);
    assert.equal(base.maxBatchSize, 8, "the base is not modified");
  });

  test("refusals name the field, what was expected and what came", () => {
    const cases: [unknown, RegExp][] = [
      [{ name: "other" }, /^config\.name: expected the model's name "m" \(or none\), got "other"$/],
      [{ max_batch_size: "many" }, /^config \(ModelConfig\.max_batch_size\): expected number \(int32\), got "many"$/],
      [{ max_batch_sizes: 4 }, /^config \(ModelConfig\): .*key "max_batch_sizes" is unknown$/],
      [{ input: [{ data_type: "TYPE_FLOAT" }] }, /TYPE_FLOAT/],
      [{ platform: "tensorflow_savedmodel" }, /^config\.platform: expected "onnxruntime_onnx" \(or none\)/],
      [{ backend: "python" }, /^config\.backend: expected "onnxruntime" \(or none\), got "python"$/],
      [{ max_batch_size: -1 }, /^config\.max_batch_size: expected a non-negative integer, got -1$/],
      [{ sequence_batching: {} }, /^config\.sequence_batching: expected dynamic_batching or no scheduling choice/],
      [
        { max_batch_size: 8, dynamic_batching: { preferred_batch_size: [4, 16] } },
        /^config\.dynamic_batching\.preferred_batch_size\[1\]: expected a batch size from 1 to max_batch_size \(8\), got 16$/,
      ],
      [
        { instance_group: [{ kind: "KIND_GPU", gpus: [0, 1] }] },
        /^config\.instance_group\[0\]\.gpus: expected at most one GPU/,
      ],
      [
        { instance_group: [{ kind: "KIND_CPU" }, { kind: "KIND_GPU" }] },
        /^config\.instance_group\[1\]: expected the same device as the groups before it \(cpu\), got cuda$/,
      ],
      [
        { optimization: { execution_accelerators: { cpu_execution_accelerator: [{ name: "openvino" }] } } },
        /cpu_execution_accelerator\[0\]\.name: expected none .*got "openvino"$/,
      ],
      [
        { optimization: { execution_accelerators: { gpu_execution_accelerator: [{ name: "magic" }] } } },
        /gpu_execution_accelerator\[0\]\.name: expected "tensorrt" or "cuda", got "magic"$/,
      ],
      [
        { parameters: { provider_fallback: { string_value: "gpu" } } },
        /^config\.parameters\["provider_fallback"\]: expected "error" or "cpu", got "gpu"$/,
      ],
      [
        { parameters: { desired_replicas: { string_value: "-2" } } },
        /^config\.parameters\["desired_replicas"\]: expected a non-negative integer, got "-2"$/,
      ],
    ];
    for (const [json, message] of cases) {
      assert.throws(
        () => map(json),
        (err: Error & { code?: number }) => {
          assert.equal(err.name, "InvalidArgumentError", JSON.stringify(json));
          assert.match(err.message, message, JSON.stringify(json));
          return true;
        },
      );
    }
    assert.throws(
      () => parseTritonConfig("{", "m"),
      /^InvalidArgumentError: parameters\["config"\]: expected a model configuration in JSON, got text that is not JSON/,
    );
    assert.throws(
      () => parseTritonConfig("[1]", "m"),
      /^InvalidArgumentError: parameters\["config"\]: expected a JSON object/,
    );
  });
});

describe("configuration tensors against the model", () => {
  test("names, datatypes and dimensions (batch dimension implied by max_batch_size; -1 matches any)", () => {
    checkConfigTensors(
      parse({
        max_batch_size: 8,
        input: [{ name: "features", data_type: "TYPE_FP32", dims: [30] }],
        output: [
          { name: "label", data_type: "TYPE_INT64", dims: [] },
          { name: "probabilities", dims: [-1] },
        ],
      }),
      model.signature,
    );
    checkConfigTensors(parse({ input: [{ name: "features", dims: [-1, 30] }] }), model.signature);
    const cases: [unknown, RegExp][] = [
      [
        { input: [{ name: "x", dims: [30] }] },
        /^config\.input\[0\]\.name: expected one of the model's inputs \("features"\), got "x"$/,
      ],
      [
        {
          max_batch_size: 8,
          output: [{ name: "label" }, { name: "probabilities", data_type: "TYPE_FP64", dims: [2] }],
        },
        /^config\.output\[1\]\.data_type: expected TYPE_FP32 \(the model's "probabilities"\), got TYPE_FP64$/,
      ],
      [
        { max_batch_size: 8, input: [{ name: "features", dims: [31] }] },
        /^config\.input\[0\]\.dims: expected \[30\] \(the model's "features" is \[-1, 30\], less the batch dimension\), got \[31\]$/,
      ],
      [{ input: [{ name: "features", dims: [30] }] }, /^config\.input\[0\]\.dims: expected \[-1, 30\]/],
    ];
    for (const [json, message] of cases) {
      assert.throws(
        () => checkConfigTensors(parse(json), model.signature),
        (err: Error) => err.name === "InvalidArgumentError" && message.test(err.message),
        JSON.stringify(json),
      );
    }
  });
});

describe("Arbiter's configuration → Triton's", () => {
  test("a model with its settings reads back as the configuration that set them", () => {
    const settings = map({
      max_batch_size: 16,
      dynamic_batching: {
        preferred_batch_size: [4],
        max_queue_delay_microseconds: 300,
        default_queue_policy: { max_queue_size: 9 },
      },
      instance_group: [{ count: 3, kind: "KIND_GPU", gpus: [0] }],
      parameters: { memory_limit_bytes: { string_value: "1000" } },
    });
    const triton = tritonModelConfig(create(ModelSchema, { ...model, config: settings }));
    assert.equal(triton.name, "m");
    assert.equal(triton.backend, "onnxruntime");
    assert.equal(triton.maxBatchSize, 16);
    assert.deepEqual(
      triton.input.map((t) => [t.name, t.dims]),
      [["features", [30n]]],
    );
    assert.deepEqual(
      triton.output.map((t) => [t.name, t.dims]),
      [
        ["label", []],
        ["probabilities", [2n]],
      ],
    );
    assert.equal(triton.schedulingChoice.case, "dynamicBatching");
    const batching = triton.schedulingChoice.case === "dynamicBatching" ? triton.schedulingChoice.value : undefined;
    assert.deepEqual(batching?.preferredBatchSize, [4]);
    assert.equal(batching?.maxQueueDelayMicroseconds, 300n);
    assert.equal(batching?.defaultQueuePolicy?.maxQueueSize, 9);
    assert.deepEqual(
      triton.instanceGroup.map((g) => [g.count, g.kind, g.gpus]),
      [[3, 1, [0]]],
    );
    assert.equal(triton.parameters.memory_limit_bytes?.stringValue, "1000");
    // And Triton's configuration of it maps back onto the same settings.
    const again = arbiterConfigFromTriton(triton);
    assert.deepEqual(
      [
        again.maxBatchSize,
        again.preferredBatchSizes,
        again.maxQueueDelayMicros,
        again.maxQueueLength,
        again.instanceCount,
        again.executionProvider,
        again.memoryLimitBytes,
      ],
      [16, [4], 300n, 9, 3, "cuda:0", 1000n],
    );
  });
});
