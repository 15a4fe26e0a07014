/**
 * Triton's model configuration (model_config.proto) and Arbiter's per-model configuration, both
 * ways:
 * - {@link tritonModelConfig}: a registered model as Triton describes one (ModelConfig RPC, REST
 *   `/config`);
 * - {@link parseTritonConfig} and {@link arbiterConfigFromTriton}: the `config` parameter of
 *   RepositoryModelLoad (Triton's ModelConfig as JSON) read and mapped onto Arbiter's settings;
 * - {@link checkConfigTensors}: the configuration's inputs and outputs checked against the model.
 *
 * Mapping (Triton field → Arbiter setting):
 * - `max_batch_size` → max batch size; `dynamic_batching.preferred_batch_size` → preferred batch
 *   sizes; `dynamic_batching.max_queue_delay_microseconds` → max queue delay (µs);
 *   `dynamic_batching.default_queue_policy.max_queue_size` → max queue length;
 * - `instance_group[*].count` (summed; 0 counts as 1, as in Triton) → instance count;
 *   `instance_group.kind` KIND_GPU (with `gpus`) → execution provider `cuda[:<gpu>]`, KIND_CPU →
 *   `cpu`; `optimization.execution_accelerators.gpu_execution_accelerator` `tensorrt` → `tensorrt`;
 * - `parameters` `memory_limit_bytes`, `desired_replicas`, `provider_fallback` (`error` | `cpu`)
 *   → the Arbiter settings of those names (Triton has none); other parameters are ignored, as
 *   Triton's backends ignore parameters they do not know.
 * Settings the configuration does not express keep their values when a model's configuration is
 * replaced. Sequence batching, ensembles, and backends other than ONNX Runtime are refused.
 */

import { InvalidArgumentError } from "@arbiter/core";
import {
  type ModelConfig as ArbiterModelConfig,
  ModelConfigSchema as ArbiterModelConfigSchema,
  type Model,
  type ModelSignature,
  ProviderFallback,
} from "@arbiter/proto";
import {
  DataType,
  DataTypeSchema,
  ModelConfigSchema,
  ModelInstanceGroup_Kind,
  type ModelConfig as TritonModelConfig,
} from "@arbiter/proto/inference";
import { clone, create, fromJson, type JsonValue } from "@bufbuild/protobuf";

/** The platform and backend strings Triton uses for ONNX models, the only kind Arbiter runs. */
export const ONNX_PLATFORM = "onnxruntime_onnx";
export const ONNX_BACKEND = "onnxruntime";
/** The model file Triton's ONNX Runtime backend looks for in a version directory. */
export const DEFAULT_MODEL_FILENAME = "model.onnx";

const DATA_TYPES: Record<string, DataType> = {
  BOOL: DataType.TYPE_BOOL,
  UINT8: DataType.TYPE_UINT8,
  UINT16: DataType.TYPE_UINT16,
  UINT32: DataType.TYPE_UINT32,
  UINT64: DataType.TYPE_UINT64,
  INT8: DataType.TYPE_INT8,
  INT16: DataType.TYPE_INT16,
  INT32: DataType.TYPE_INT32,
  INT64: DataType.TYPE_INT64,
  FP16: DataType.TYPE_FP16,
  FP32: DataType.TYPE_FP32,
  FP64: DataType.TYPE_FP64,
  BYTES: DataType.TYPE_STRING,
  BF16: DataType.TYPE_BF16,
};

const dataTypeName = (t: DataType) => DataTypeSchema.value[t]?.name ?? String(t);

/** The Arbiter settings carried in Triton's `parameters`, with their parsers. */
const PARAMETERS = {
  memory_limit_bytes: (v: string) => ({ memoryLimitBytes: BigInt(unsigned(v, "memory_limit_bytes")) }),
  desired_replicas: (v: string) => ({ desiredReplicas: unsigned(v, "desired_replicas") }),
  provider_fallback: (v: string) => {
    if (v !== "error" && v !== "cpu")
      throw new InvalidArgumentError('config.parameters["provider_fallback"]', '"error" or "cpu"', JSON.stringify(v));
    return { providerFallback: v === "cpu" ? ProviderFallback.CPU : ProviderFallback.ERROR };
  },
} as const;

function unsigned(text: string, key: string): number {
  if (!/^\d{1,15}$/.test(text.trim()))
    throw new InvalidArgumentError(`config.parameters["${key}"]`, "a non-negative integer", JSON.stringify(text));
  return Number(text.trim());
}

/**
 * Triton's view of a model: with batching, the first (batch) dimension is implied by
 * max_batch_size and left out of dims, as Triton's clients expect.
 */
export function tritonModelConfig(model: Model): TritonModelConfig {
  const config = model.config;
  const maxBatchSize = config?.maxBatchSize || 64;
  const batched = (shape: bigint[]) => shape.length > 0 && shape[0] === -1n;
  const allBatched = [...(model.signature?.inputs ?? []), ...(model.signature?.outputs ?? [])].every((t) =>
    batched(t.shape),
  );
  const dims = (shape: bigint[]) => (allBatched ? shape.slice(1) : shape);
  const provider = config?.executionProvider || "cpu";
  const gpu = /^cuda(?::(\d+))?$/.exec(provider);
  const parameters: Record<string, { stringValue: string }> = {};
  if (config?.memoryLimitBytes) parameters.memory_limit_bytes = { stringValue: String(config.memoryLimitBytes) };
  if (config?.desiredReplicas) parameters.desired_replicas = { stringValue: String(config.desiredReplicas) };
  if (config?.providerFallback)
    parameters.provider_fallback = { stringValue: config.providerFallback === ProviderFallback.CPU ? "cpu" : "error" };
  return create(ModelConfigSchema, {
    name: model.name,
    platform: model.platform,
    backend: ONNX_BACKEND,
    maxBatchSize: allBatched ? maxBatchSize : 0,
    input: (model.signature?.inputs ?? []).map((t) => ({
      name: t.name,
      dataType: DATA_TYPES[t.datatype] ?? DataType.TYPE_INVALID,
      dims: dims(t.shape),
    })),
    output: (model.signature?.outputs ?? []).map((t) => ({
      name: t.name,
      dataType: DATA_TYPES[t.datatype] ?? DataType.TYPE_INVALID,
      dims: dims(t.shape),
    })),
    instanceGroup: [
      {
        name: model.name,
        kind: gpu || provider === "tensorrt" ? ModelInstanceGroup_Kind.GPU : ModelInstanceGroup_Kind.CPU,
        count: config?.instanceCount || 1,
        gpus: gpu?.[1] === undefined ? [] : [Number(gpu[1])],
      },
    ],
    ...(provider === "tensorrt"
      ? { optimization: { executionAccelerators: { gpuExecutionAccelerator: [{ name: "tensorrt" }] } } }
      : {}),
    defaultModelFilename: DEFAULT_MODEL_FILENAME,
    parameters,
    ...(allBatched
      ? {
          schedulingChoice: {
            case: "dynamicBatching" as const,
            value: {
              preferredBatchSize: config?.preferredBatchSizes ?? [],
              maxQueueDelayMicroseconds: config?.maxQueueDelayMicros ?? 0n,
              ...(config?.maxQueueLength ? { defaultQueuePolicy: { maxQueueSize: config.maxQueueLength } } : {}),
            },
          },
        }
      : {}),
  });
}

/**
 * Reads the `config` parameter: Triton's ModelConfig as JSON (field names as in the .proto or in
 * lowerCamelCase, 64-bit integers as numbers or strings, enums by name), unknown fields refused.
 * `modelName` is the model being loaded; the configuration may name it, and no other.
 */
export function parseTritonConfig(text: string, modelName: string): TritonModelConfig {
  let json: JsonValue;
  try {
    json = JSON.parse(text) as JsonValue;
  } catch (err) {
    throw new InvalidArgumentError(
      'parameters["config"]',
      "a model configuration in JSON",
      `text that is not JSON (${(err as Error).message})`,
    );
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    throw new InvalidArgumentError('parameters["config"]', "a JSON object (Triton's ModelConfig)", text.slice(0, 40));
  }
  let config: TritonModelConfig;
  try {
    config = fromJson(ModelConfigSchema, json);
  } catch (err) {
    // "cannot decode field inference.ModelConfig.max_batch_size from JSON: expected number (int32), got "x""
    const message = (err as Error).message;
    const parts = /^cannot decode (?:field|message|enum) inference\.([\w.]+)(?: from JSON)?: (.*)$/s.exec(message);
    const where = parts?.[1] ? `config (${parts[1]})` : "config";
    const detail = parts?.[2] ?? message;
    const expectedGot = /^(?:(.*): )?expected (.*), got (.*)$/s.exec(detail);
    if (expectedGot?.[2] && expectedGot[3])
      throw new InvalidArgumentError(
        expectedGot[1] ? `${where} ${expectedGot[1]}` : where,
        expectedGot[2],
        expectedGot[3],
        { cause: err },
      );
    throw new InvalidArgumentError(where, "a field of Triton's ModelConfig (model_config.proto)", detail, {
      cause: err,
    });
  }
  if (config.name !== "" && config.name !== modelName) {
    throw new InvalidArgumentError(
      "config.name",
      `the model's name "${modelName}" (or none)`,
      JSON.stringify(config.name),
    );
  }
  return config;
}

/**
 * Maps Triton's configuration onto Arbiter's (see the module comment). `base` is the model's
 * current configuration, whose settings Triton's does not express are kept.
 */
export function arbiterConfigFromTriton(triton: TritonModelConfig, base?: ArbiterModelConfig): ArbiterModelConfig {
  if (triton.platform !== "" && triton.platform !== ONNX_PLATFORM) {
    throw new InvalidArgumentError("config.platform", `"${ONNX_PLATFORM}" (or none)`, JSON.stringify(triton.platform));
  }
  if (triton.backend !== "" && triton.backend !== ONNX_BACKEND) {
    throw new InvalidArgumentError("config.backend", `"${ONNX_BACKEND}" (or none)`, JSON.stringify(triton.backend));
  }
  if (triton.maxBatchSize < 0) {
    throw new InvalidArgumentError("config.max_batch_size", "a non-negative integer", String(triton.maxBatchSize));
  }
  const scheduling = triton.schedulingChoice;
  if (scheduling.case === "sequenceBatching" || scheduling.case === "ensembleScheduling") {
    const field = scheduling.case === "sequenceBatching" ? "sequence_batching" : "ensemble_scheduling";
    throw new InvalidArgumentError(
      `config.${field}`,
      "dynamic_batching or no scheduling choice",
      `${field} (not supported)`,
    );
  }
  const batching = scheduling.case === "dynamicBatching" ? scheduling.value : undefined;
  batching?.preferredBatchSize.forEach((n, i) => {
    if (n < 1 || (triton.maxBatchSize > 0 && n > triton.maxBatchSize))
      throw new InvalidArgumentError(
        `config.dynamic_batching.preferred_batch_size[${i}]`,
        `a batch size from 1 to max_batch_size (${triton.maxBatchSize})`,
        String(n),
      );
  });

  const config = base ? clone(ArbiterModelConfigSchema, base) : create(ArbiterModelConfigSchema);
  config.maxBatchSize = triton.maxBatchSize;
  config.preferredBatchSizes = batching?.preferredBatchSize ?? [];
  config.maxQueueDelayMicros = batching?.maxQueueDelayMicroseconds ?? 0n;
  if (batching?.defaultQueuePolicy?.maxQueueSize) config.maxQueueLength = batching.defaultQueuePolicy.maxQueueSize;
  config.instanceCount = 0;
  config.executionProvider = "";

  let provider = "";
  triton.instanceGroup.forEach((group, i) => {
    if (group.count < 0) {
      throw new InvalidArgumentError(`config.instance_group[${i}].count`, "a non-negative count", String(group.count));
    }
    config.instanceCount += group.count || 1;
    let kind = "";
    if (group.kind === ModelInstanceGroup_Kind.CPU) kind = "cpu";
    else if (group.kind === ModelInstanceGroup_Kind.GPU) {
      if (group.gpus.length > 1) {
        throw new InvalidArgumentError(
          `config.instance_group[${i}].gpus`,
          "at most one GPU per model",
          `[${group.gpus.join(", ")}]`,
        );
      }
      kind = group.gpus.length === 1 ? `cuda:${group.gpus[0]}` : "cuda";
    } else if (group.kind === ModelInstanceGroup_Kind.MODEL) {
      throw new InvalidArgumentError(
        `config.instance_group[${i}].kind`,
        "KIND_AUTO, KIND_CPU or KIND_GPU",
        "KIND_MODEL",
      );
    }
    if (kind && provider && kind !== provider) {
      throw new InvalidArgumentError(
        `config.instance_group[${i}]`,
        `the same device as the groups before it (${provider})`,
        kind,
      );
    }
    provider ||= kind;
  });

  const accelerators = triton.optimization?.executionAccelerators;
  accelerators?.cpuExecutionAccelerator.forEach((a, i) => {
    throw new InvalidArgumentError(
      `config.optimization.execution_accelerators.cpu_execution_accelerator[${i}].name`,
      "none (Arbiter runs ONNX Runtime's default CPU provider)",
      JSON.stringify(a.name),
    );
  });
  accelerators?.gpuExecutionAccelerator.forEach((a, i) => {
    const field = `config.optimization.execution_accelerators.gpu_execution_accelerator[${i}].name`;
    if (a.name === "tensorrt") {
      if (provider === "cpu")
        throw new InvalidArgumentError(field, "no GPU accelerator for KIND_CPU instances", JSON.stringify(a.name));
      provider = "tensorrt";
    } else if (a.name !== "cuda") {
      throw new InvalidArgumentError(field, '"tensorrt" or "cuda"', JSON.stringify(a.name));
    }
  });
  config.executionProvider = provider;

  for (const [key, value] of Object.entries(triton.parameters)) {
    const parse = PARAMETERS[key as keyof typeof PARAMETERS];
    if (parse) Object.assign(config, parse(value.stringValue));
  }
  return config;
}

/**
 * Checks the configuration's `input` and `output` (when it lists any) against the model's
 * signature: each names a tensor of the model, with its datatype and dimensions (batch dimension
 * left out when max_batch_size > 0; -1 matches any size).
 */
export function checkConfigTensors(triton: TritonModelConfig, signature: ModelSignature | undefined): void {
  const lists = [
    ["input", triton.input, signature?.inputs ?? []],
    ["output", triton.output, signature?.outputs ?? []],
  ] as const;
  for (const [field, configured, actual] of lists) {
    configured.forEach((t, i) => {
      const spec = actual.find((s) => s.name === t.name);
      if (!spec) {
        throw new InvalidArgumentError(
          `config.${field}[${i}].name`,
          `one of the model's ${field}s (${actual.map((s) => JSON.stringify(s.name)).join(", ")})`,
          JSON.stringify(t.name),
        );
      }
      const expectedType = DATA_TYPES[spec.datatype] ?? DataType.TYPE_INVALID;
      if (t.dataType !== DataType.TYPE_INVALID && t.dataType !== expectedType) {
        throw new InvalidArgumentError(
          `config.${field}[${i}].data_type`,
          `${dataTypeName(expectedType)} (the model's "${spec.name}")`,
          dataTypeName(t.dataType),
        );
      }
      const batched = triton.maxBatchSize > 0;
      const full = batched ? [-1n, ...t.dims] : t.dims;
      const fits =
        full.length === spec.shape.length &&
        full.every((d, k) => d === -1n || spec.shape[k] === -1n || d === spec.shape[k]);
      if (!fits) {
        const shown = batched ? spec.shape.slice(1) : spec.shape;
        throw new InvalidArgumentError(
          `config.${field}[${i}].dims`,
          `[${shown.join(", ")}] (the model's "${spec.name}" is [${spec.shape.join(", ")}]${batched ? ", less the batch dimension" : ""})`,
          `[${t.dims.join(", ")}]`,
        );
      }
    });
  }
}
