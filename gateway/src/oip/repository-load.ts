/**
 * Triton's RepositoryModelLoad with parameters, on the registry:
 *
 * - no parameters: loads the model's latest version on a node;
 * - `config` (Triton's ModelConfig as JSON) and `file:<version>/model.onnx` (the file's bytes):
 *   registers each file as that version of the model (through the same upload path as
 *   RegisterModel, so the registry inspects it and refuses a model that does not load) with the
 *   configuration mapped onto Arbiter's (see triton-config.ts), then loads the highest of them.
 *   A version that already exists with the same bytes only has its configuration replaced; with
 *   other bytes it is ALREADY_EXISTS (registered versions are immutable);
 * - `config` alone: replaces the configuration of the model's latest version and reloads it, so
 *   the nodes serve it with the new settings.
 *
 * As in Triton, `file:` parameters need a `config`; a configuration whose inputs or outputs do not
 * match the model is INVALID_ARGUMENT, and a version registered by the call is deleted again.
 */

import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import {
  ArbiterError,
  type Bus,
  CancelledError,
  Code,
  callRpc,
  InternalError,
  InvalidArgumentError,
  type RequestContext,
  rpcSubject,
} from "@arbiter/core";
import { type Model, ModelRegistryService, ModelUploadSchema, UpdateModelConfigRequestSchema } from "@arbiter/proto";
import type { ModelRepositoryParameter, ModelConfig as TritonModelConfig } from "@arbiter/proto/inference";
import {
  create,
  type DescMessage,
  type DescMethodUnary,
  fromBinary,
  type MessageInitShape,
  type MessageShape,
  toBinary,
} from "@bufbuild/protobuf";
import type { MessageCheck } from "../interceptors/validation.ts";
import { type RegisterModelOptions, uploadModel } from "../services/register-model.ts";
import {
  arbiterConfigFromTriton,
  checkConfigTensors,
  DEFAULT_MODEL_FILENAME,
  parseTritonConfig,
} from "./triton-config.ts";

/** What RepositoryModelLoad needs from the gateway. */
export interface RepositoryLoadOptions {
  bus: Bus;
  /** The RegisterModel upload path (limits, deadlines, logging). */
  upload: RegisterModelOptions;
  /** The contract's validation rules, applied to the registrations and updates made here. */
  check: MessageCheck;
  /** How long a node's heartbeat stays valid: the longest a reload waits for every node to let go of the model. */
  heartbeatTtlMs: number;
}

/** A version already registered with other bytes. */
export class ModelVersionContentError extends ArbiterError {
  constructor(
    readonly modelName: string,
    readonly version: number,
  ) {
    super(
      Code.AlreadyExists,
      `model "${modelName}" version ${version} already exists with other content; registered versions do not change, so upload the new model as a new version (e.g. "file:${version + 1}/${DEFAULT_MODEL_FILENAME}")`,
      { modelName, version },
    );
  }
}

const methods = ModelRegistryService.method;

async function registry<I extends DescMessage, O extends DescMessage>(
  bus: Bus,
  ctx: RequestContext,
  method: DescMethodUnary<I, O>,
  init: MessageInitShape<I>,
  signal: AbortSignal,
): Promise<MessageShape<O>> {
  const request = create(method.input, init);
  const reply = await callRpc(
    bus,
    rpcSubject(ModelRegistryService.typeName, method.name),
    toBinary(method.input, request),
    ctx,
    { signal },
  );
  return fromBinary(method.output, reply);
}

const exactVersion = (version: bigint | number) => ({
  selector: { case: "version" as const, value: BigInt(version) },
});

/** The model files of the call, by version: `file:<version>/<filename>` → bytes. */
function modelFiles(parameters: { [key: string]: ModelRepositoryParameter }): Map<number, Uint8Array> {
  const files = new Map<number, Uint8Array>();
  for (const [key, parameter] of Object.entries(parameters)) {
    if (!key.startsWith("file:")) continue;
    const field = `parameters[${JSON.stringify(key)}]`;
    const path = /^file:([1-9][0-9]{0,14})\/(.+)$/.exec(key);
    if (!path) {
      throw new InvalidArgumentError(
        `${field} key`,
        `"file:<version>/${DEFAULT_MODEL_FILENAME}" with a version number ≥ 1`,
        JSON.stringify(key),
      );
    }
    if (path[2] !== DEFAULT_MODEL_FILENAME) {
      throw new InvalidArgumentError(
        `${field} key`,
        `the file "${DEFAULT_MODEL_FILENAME}" (Arbiter loads one ONNX file per version)`,
        JSON.stringify(path[2]),
      );
    }
    if (parameter.parameterChoice.case !== "bytesParam") {
      throw new InvalidArgumentError(
        field,
        "the file's content as bytes_param",
        parameter.parameterChoice.case ?? "no value",
      );
    }
    files.set(Number(path[1]), parameter.parameterChoice.value);
  }
  return files;
}

/** The `config` parameter's text, if given. */
function configText(parameters: { [key: string]: ModelRepositoryParameter }): string | undefined {
  const parameter = parameters.config;
  if (parameter === undefined) return undefined;
  if (parameter.parameterChoice.case !== "stringParam") {
    throw new InvalidArgumentError(
      'parameters["config"]',
      "a model configuration in JSON as string_param",
      parameter.parameterChoice.case ?? "no value",
    );
  }
  return parameter.parameterChoice.value;
}

/** RepositoryModelLoad: see the module comment. Every failure is an ArbiterError. */
export async function repositoryModelLoad(
  options: RepositoryLoadOptions,
  ctx: RequestContext,
  name: string,
  parameters: { [key: string]: ModelRepositoryParameter },
  signal: AbortSignal,
  isLoaded: (model: Model) => Promise<boolean>,
): Promise<void> {
  const { bus } = options;
  const text = configText(parameters);
  const files = modelFiles(parameters);
  if (files.size > 0 && text === undefined) {
    throw new InvalidArgumentError(
      'parameters["config"]',
      `the model's configuration along with its files (${[...files.keys()].map((v) => `"file:${v}/${DEFAULT_MODEL_FILENAME}"`).join(", ")})`,
      "none",
    );
  }
  if (!name) throw new InvalidArgumentError("model_name", "a model name", '""');

  const load = (version: bigint) =>
    registry(bus, ctx, methods.loadModel, { name, selector: exactVersion(version) }, signal);
  const unload = (version: bigint) =>
    registry(bus, ctx, methods.unloadModel, { name, selector: exactVersion(version) }, signal);
  /**
   * Unloads the version everywhere, waits until no node's heartbeat reports it (a node that has not
   * yet heard the unload would otherwise drop the fresh load), then loads it with its new settings.
   */
  const reload = async (model: Model) => {
    await unload(model.version);
    const deadline = Date.now() + options.heartbeatTtlMs;
    while (Date.now() < deadline && (await isLoaded(model))) {
      await sleep(25, undefined, { signal }).catch(() => {
        throw new CancelledError("the client cancelled the load");
      });
    }
    await load(model.version);
  };
  const getModel = (version?: number) =>
    registry(
      bus,
      ctx,
      methods.getModel,
      { name, ...(version ? { selector: exactVersion(version) } : {}) },
      signal,
    ).then((r) => r.model as Model);

  if (text === undefined) {
    await registry(bus, ctx, methods.loadModel, { name }, signal);
    return;
  }
  const triton = parseTritonConfig(text, name);

  if (files.size === 0) {
    const model = await getModel();
    await reconfigure(options, ctx, model, triton, signal);
    await reload(model);
    return;
  }

  let highest: { model: Model; existed: boolean } | undefined;
  for (const [version, bytes] of [...files.entries()].sort(([a], [b]) => a - b)) {
    const existing = await getModel(version).catch((err: unknown) => {
      if (err instanceof ArbiterError && err.code === Code.NotFound) return undefined;
      throw err;
    });
    if (existing) {
      if (existing.sha256 !== createHash("sha256").update(bytes).digest("hex")) {
        throw new ModelVersionContentError(name, version);
      }
      await reconfigure(options, ctx, existing, triton, signal);
      highest = { model: existing, existed: true };
      continue;
    }
    const meta = create(ModelUploadSchema, {
      name,
      version: BigInt(version),
      format: "onnx",
      framework: "onnx",
      config: arbiterConfigFromTriton(triton),
      description: "registered through the Open Inference Protocol's RepositoryModelLoad",
    });
    options.check(ModelUploadSchema, meta);
    const { model } = await uploadModel(options.upload, ctx, meta, [bytes], signal);
    if (!model) throw new InternalError("RegisterModel answered without a model");
    try {
      checkConfigTensors(triton, model.signature);
    } catch (err) {
      await registry(bus, ctx, methods.deleteModel, { name, version: BigInt(version) }, signal).catch(() => {});
      throw err;
    }
    highest = { model, existed: false };
  }
  if (!highest) return;
  if (highest.existed) await reload(highest.model);
  else await load(highest.model.version);
}

/** Checks `triton` against the model and stores it as the version's configuration. */
async function reconfigure(
  options: RepositoryLoadOptions,
  ctx: RequestContext,
  model: Model,
  triton: TritonModelConfig,
  signal: AbortSignal,
): Promise<void> {
  checkConfigTensors(triton, model.signature);
  const request = create(UpdateModelConfigRequestSchema, {
    name: model.name,
    version: model.version,
    config: arbiterConfigFromTriton(triton, model.config),
  });
  options.check(UpdateModelConfigRequestSchema, request);
  await registry(options.bus, ctx, methods.updateModelConfig, request, signal);
}
