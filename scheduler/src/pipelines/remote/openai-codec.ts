/**
 * OpenAI-compatible REST bodies for remote nodes (OpenAI, vLLM, llama.cpp server, Ollama, LiteLLM,
 * TGI...). The base URL may end in `/v1` or not: `https://api.openai.com` and
 * `https://api.openai.com/v1` both reach `.../v1/chat/completions`.
 *
 * Chat (`POST {url}/v1/chat/completions`, non-streaming):
 * - inputs: `messages` (a list of `{ role, content }`) or `prompt` (a string, sent as one user
 *   message); optional `system` (a string, sent first as a system message), and the sampling
 *   options `temperature`, `top_p`, `max_tokens`, `stop`, `seed`, `response_format`, passed through.
 * - outputs: `text` (the first choice's message content; "" when it has none, e.g. tool calls)
 *   and `raw` (the whole response object).
 *
 * Embeddings (`POST {url}/v1/embeddings`, `encoding_format: "float"`):
 * - inputs: `input` (a string or a list of strings; `text` is accepted as another name) and
 *   optional `dimensions`.
 * - outputs: `embedding`, FP32 `[dim]`, for a string; `embeddings`, FP32 `[rows, dim]`, for a list.
 */
import { InvalidArgumentError } from "@arbiter/core";
import type { NodeValue, NodeValues } from "../node-kind.ts";
import { describeValue, isTensor } from "../plugins/values.ts";
import type { HttpResponse } from "./http-exchange.ts";
import type { EncodedRequest } from "./oip-codec.ts";
import { type RemoteTarget, shapeError } from "./remote-errors.ts";

const CHAT_OPTIONS = ["temperature", "top_p", "max_tokens", "stop", "seed", "response_format"] as const;
const CHAT_INPUTS = ["messages", "prompt", "system", ...CHAT_OPTIONS];
const EMBEDDING_INPUTS = ["input", "text", "dimensions"];

/** The path under a base URL: `/v1/<endpoint>`, without doubling a `/v1` the base already ends in. */
export function openAiPath(basePath: string, endpoint: "chat/completions" | "embeddings"): string {
  return /\/v1\/?$/.test(basePath) ? endpoint : `v1/${endpoint}`;
}

function field(node: string, name: string): string {
  return `node "${node}" input "${name}"`;
}

function onlyInputs(node: string, inputs: NodeValues, known: readonly string[]): void {
  for (const name of Object.keys(inputs)) {
    if (!known.includes(name))
      throw new InvalidArgumentError(field(node, name), `one of the inputs ${known.join(", ")}`, "an unknown input");
  }
}

/** A node value as JSON (bigints become numbers, bytes and tensors are refused). */
function toJson(node: string, name: string, value: NodeValue, depth = 0): unknown {
  if (value === null || typeof value === "boolean" || typeof value === "number" || typeof value === "string")
    return value;
  if (typeof value === "bigint") return Number(value);
  if (depth > 32 || value instanceof Uint8Array || isTensor(value)) {
    throw new InvalidArgumentError(
      field(node, name),
      "JSON data (strings, numbers, lists, objects)",
      describeValue(value),
    );
  }
  if (Array.isArray(value)) return value.map((v) => toJson(node, name, v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(node, name, v as NodeValue, depth + 1)]));
}

function json(body: unknown): EncodedRequest {
  return { body: JSON.stringify(body), headers: { "content-type": "application/json" } };
}

/** The chat completions request body for the node's inputs. */
export function encodeChatRequest(node: string, model: string, inputs: NodeValues): EncodedRequest {
  onlyInputs(node, inputs, CHAT_INPUTS);
  const { messages, prompt, system } = inputs;
  if ((messages === undefined) === (prompt === undefined)) {
    throw new InvalidArgumentError(
      field(node, "messages"),
      "either messages (a list of {role, content}) or prompt (a string)",
      messages === undefined ? "neither" : "both",
    );
  }
  const out: unknown[] = [];
  if (system !== undefined) {
    if (typeof system !== "string")
      throw new InvalidArgumentError(field(node, "system"), "a string", describeValue(system));
    out.push({ role: "system", content: system });
  }
  if (prompt !== undefined) {
    if (typeof prompt !== "string")
      throw new InvalidArgumentError(field(node, "prompt"), "a string", describeValue(prompt));
    out.push({ role: "user", content: prompt });
  } else {
    if (!Array.isArray(messages) || messages.length === 0) {
      throw new InvalidArgumentError(
        field(node, "messages"),
        "a non-empty list of {role, content}",
        describeValue(messages),
      );
    }
    messages.forEach((m: NodeValue, i: number) => {
      const where = `node "${node}" input "messages"[${i}]`;
      if (typeof m !== "object" || m === null || Array.isArray(m) || isTensor(m) || m instanceof Uint8Array) {
        throw new InvalidArgumentError(where, "an object {role, content}", describeValue(m));
      }
      const msg = m as Readonly<Record<string, NodeValue>>;
      if (typeof msg.role !== "string" || msg.role === "") {
        throw new InvalidArgumentError(
          `${where}.role`,
          "a role such as user, assistant or system",
          describeValue(msg.role),
        );
      }
      if (msg.content === undefined) throw new InvalidArgumentError(`${where}.content`, "a string", "nothing");
      out.push(toJson(node, "messages", msg));
    });
  }
  const body: Record<string, unknown> = { model, messages: out, stream: false };
  for (const option of CHAT_OPTIONS) {
    const v = inputs[option];
    if (v !== undefined) body[option] = toJson(node, option, v);
  }
  return json(body);
}

/** Reads a chat completion into `text` and `raw`. */
export function decodeChatResponse(t: RemoteTarget, res: HttpResponse): NodeValues {
  const raw = parseJson(t, res);
  const choices = (raw as { choices?: unknown }).choices;
  if (!Array.isArray(choices) || choices.length === 0) {
    throw shapeError(t, "choices", "a non-empty list of choices", describeValue(choices));
  }
  const message = (choices[0] as { message?: unknown } | null)?.message;
  if (typeof message !== "object" || message === null) {
    throw shapeError(t, "choices[0].message", "an object with content", describeValue(message));
  }
  const content = (message as { content?: unknown }).content;
  if (content !== null && content !== undefined && typeof content !== "string") {
    throw shapeError(t, "choices[0].message.content", "a string", describeValue(content));
  }
  return { text: content ?? "", raw: raw as NodeValue };
}

/** The embeddings request body for the node's inputs. */
export function encodeEmbeddingsRequest(node: string, model: string, inputs: NodeValues): EncodedRequest {
  onlyInputs(node, inputs, EMBEDDING_INPUTS);
  if (inputs.input !== undefined && inputs.text !== undefined) {
    throw new InvalidArgumentError(field(node, "input"), "either input or text", "both");
  }
  const name = inputs.input !== undefined ? "input" : "text";
  const input = inputs[name];
  const ok =
    typeof input === "string" ||
    (Array.isArray(input) && input.length > 0 && input.every((s: NodeValue) => typeof s === "string"));
  if (!ok)
    throw new InvalidArgumentError(field(node, name), "a string or a non-empty list of strings", describeValue(input));
  const body: Record<string, unknown> = { model, input, encoding_format: "float" };
  if (inputs.dimensions !== undefined) {
    const d = inputs.dimensions;
    if (typeof d !== "number" || !Number.isInteger(d) || d < 1) {
      throw new InvalidArgumentError(field(node, "dimensions"), "a positive integer", describeValue(d));
    }
    body.dimensions = d;
  }
  return json(body);
}

/** Reads embeddings: `embedding` for one string, `embeddings` for a list (`rows` is the list's length). */
export function decodeEmbeddingsResponse(t: RemoteTarget, res: HttpResponse, rows: number | undefined): NodeValues {
  const raw = parseJson(t, res);
  const data = (raw as { data?: unknown }).data;
  const expected = rows ?? 1;
  if (!Array.isArray(data) || data.length !== expected) {
    throw shapeError(t, "data", `a list of ${expected} embeddings`, describeValue(data));
  }
  const ordered: { index: number; embedding: unknown }[] = data.map((d: unknown, i) => {
    const item = (d ?? {}) as { index?: unknown; embedding?: unknown };
    return { index: typeof item.index === "number" ? item.index : i, embedding: item.embedding };
  });
  ordered.sort((a, b) => a.index - b.index);
  let dim = -1;
  let out = new Float32Array(0);
  ordered.forEach((item, r) => {
    const v = item.embedding;
    const where = `data[${item.index}].embedding`;
    if (!Array.isArray(v) || v.length === 0)
      throw shapeError(t, where, "a non-empty list of numbers", describeValue(v));
    if (dim < 0) {
      dim = v.length;
      out = new Float32Array(expected * dim);
    } else if (v.length !== dim) {
      throw shapeError(t, where, `${dim} numbers (as many as the first embedding)`, `${v.length}`);
    }
    for (let i = 0; i < dim; i++) {
      const x = v[i];
      if (typeof x !== "number") throw shapeError(t, `${where}[${i}]`, "a number", describeValue(x));
      out[r * dim + i] = x;
    }
  });
  return rows === undefined
    ? { embedding: { kind: "tensor", datatype: "FP32", shape: [dim], data: out } }
    : { embeddings: { kind: "tensor", datatype: "FP32", shape: [rows, dim], data: out } };
}

function parseJson(t: RemoteTarget, res: HttpResponse): object {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(res.body));
  } catch {
    throw shapeError(t, "body", "JSON", `${res.body.byteLength} bytes that are not JSON`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw shapeError(t, "body", "a JSON object", describeValue(parsed));
  }
  return parsed;
}
