/**
 * JSON of Triton's REST extensions (model repository, statistics, model configuration), in the
 * shapes Triton's HTTP server answers and its clients read:
 *
 * - messages are written with the .proto field names (snake_case), every field present (zeros,
 *   empty lists and maps included, and every statistic duration), enums by name, and 64-bit
 *   integers as exact JSON numbers (not the strings of protobuf's canonical JSON);
 * - the bodies of `POST /v2/repository/index` (`{"ready": bool}`, optional) and
 *   `POST /v2/repository/models/{m}/load|unload` (`{"parameters": {...}}`, optional) are read into
 *   the gRPC requests' terms; a `file:` load parameter's string is the file's content in base64, as
 *   Triton's HTTP client sends it.
 */

import { InvalidArgumentError } from "@arbiter/core";
import {
  type ModelConfig,
  ModelConfigSchema,
  type ModelRepositoryParameter,
  ModelRepositoryParameterSchema,
  type ModelStatistics,
  ModelStatisticsResponseSchema,
  type RepositoryIndexResponse_ModelIndex,
} from "@arbiter/proto/inference";
import { create, type DescField, type DescMessage, type Message, ScalarType, toJson } from "@bufbuild/protobuf";
import { describe } from "./rest-json.ts";

/** A number written into JSON as these exact digits. */
class JsonNumber {
  constructor(readonly digits: string) {}
}

const WIDE = new Set([ScalarType.INT64, ScalarType.UINT64, ScalarType.SINT64, ScalarType.FIXED64, ScalarType.SFIXED64]);

type Json = null | boolean | number | string | JsonNumber | Json[] | { [key: string]: Json };

const wide = (value: Json): Json =>
  typeof value === "string" && /^-?\d+$/.test(value) ? new JsonNumber(value) : value;

/** Statistics messages Triton always writes, zeros included, even where nothing was measured. */
const ALWAYS_WRITTEN = new Set(["inference.InferStatistics", "inference.StatisticDuration"]);

/**
 * Turns the 64-bit integer strings of protobuf JSON into numbers, guided by the descriptor, and
 * writes the statistics Triton always writes.
 */
function widen(desc: DescMessage, json: { [key: string]: Json }): void {
  for (const field of desc.fields) {
    let value = json[field.name];
    if (value === undefined && field.fieldKind === "message" && ALWAYS_WRITTEN.has(field.message.typeName)) {
      value = {};
      json[field.name] = value;
    }
    if (value === undefined || value === null) continue;
    widenField(field, json, value);
  }
  if (desc.typeName === "inference.StatisticDuration") {
    json.count ??= 0;
    json.ns ??= 0;
  }
}

function widenField(field: DescField, json: { [key: string]: Json }, value: Json): void {
  switch (field.fieldKind) {
    case "scalar":
      if (WIDE.has(field.scalar)) json[field.name] = wide(value);
      return;
    case "message":
      widen(field.message, value as { [key: string]: Json });
      return;
    case "list":
      if (field.listKind === "scalar" && WIDE.has(field.scalar)) json[field.name] = (value as Json[]).map(wide);
      else if (field.listKind === "message")
        for (const item of value as Json[]) widen(field.message, item as { [key: string]: Json });
      return;
    case "map": {
      const map = value as { [key: string]: Json };
      for (const key of Object.keys(map)) {
        if (field.mapKind === "scalar" && WIDE.has(field.scalar)) map[key] = wide(map[key] as Json);
        else if (field.mapKind === "message") widen(field.message, map[key] as { [key: string]: Json });
      }
      return;
    }
    default:
      return;
  }
}

function write(value: Json): string {
  if (value instanceof JsonNumber) return value.digits;
  if (Array.isArray(value)) return `[${value.map(write).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${write(v)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/** A message as Triton's JSON value (see the module comment), before it is written. */
function tritonJsonValue<Desc extends DescMessage>(schema: Desc, message: Message): { [key: string]: Json } {
  const json = toJson(schema, message as never, { useProtoFieldName: true, alwaysEmitImplicit: true }) as {
    [key: string]: Json;
  };
  widen(schema, json);
  return json;
}

/** `GET /v2/models/{m}[/versions/{v}]/config`: the ModelConfig itself (not wrapped). */
export function modelConfigToJson(config: ModelConfig): string {
  return write(tritonJsonValue(ModelConfigSchema, config));
}

/** `GET /v2/models[/{m}[/versions/{v}]]/stats`: `{"model_stats": [...]}`. */
export function modelStatisticsToJson(stats: ModelStatistics[]): string {
  return write(
    tritonJsonValue(ModelStatisticsResponseSchema, create(ModelStatisticsResponseSchema, { modelStats: stats })),
  );
}

/** `POST /v2/repository/index`: an array of `{name, version, state, reason}`. */
export function repositoryIndexToJson(models: RepositoryIndexResponse_ModelIndex[]): string {
  return JSON.stringify(models.map((m) => ({ name: m.name, version: m.version, state: m.state, reason: m.reason })));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The `ready` flag of a repository index request body (empty body: false). */
export function repositoryIndexReady(body: unknown): boolean {
  if (body === undefined) return false;
  if (!isObject(body)) throw new InvalidArgumentError("request body", "a JSON object", describe(body));
  const ready = body.ready;
  if (ready === undefined) return false;
  if (typeof ready !== "boolean") throw new InvalidArgumentError("ready", "true or false", describe(ready));
  return ready;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The parameters of a load or unload request body (empty body: none), as the gRPC request's
 * ModelRepositoryParameter map: strings stay strings except `file:` ones, base64-decoded to bytes;
 * booleans and integers keep their kind.
 */
export function repositoryParameters(body: unknown): { [key: string]: ModelRepositoryParameter } {
  const out: { [key: string]: ModelRepositoryParameter } = {};
  if (body === undefined) return out;
  if (!isObject(body)) throw new InvalidArgumentError("request body", "a JSON object", describe(body));
  const parameters = body.parameters;
  if (parameters === undefined) return out;
  if (!isObject(parameters)) throw new InvalidArgumentError("parameters", "a JSON object", describe(parameters));
  for (const [key, value] of Object.entries(parameters)) {
    const field = `parameters[${JSON.stringify(key)}]`;
    let choice: ModelRepositoryParameter["parameterChoice"];
    if (key.startsWith("file:")) {
      if (typeof value !== "string" || value.length % 4 !== 0 || !BASE64.test(value)) {
        throw new InvalidArgumentError(field, "the file's content in base64", describe(value));
      }
      choice = { case: "bytesParam", value: Buffer.from(value, "base64") };
    } else if (typeof value === "string") choice = { case: "stringParam", value };
    else if (typeof value === "boolean") choice = { case: "boolParam", value };
    else if (typeof value === "bigint") choice = { case: "int64Param", value };
    else if (typeof value === "number" && Number.isSafeInteger(value))
      choice = { case: "int64Param", value: BigInt(value) };
    else throw new InvalidArgumentError(field, "a string, a boolean or an integer", describe(value));
    out[key] = create(ModelRepositoryParameterSchema, { parameterChoice: choice });
  }
  return out;
}
