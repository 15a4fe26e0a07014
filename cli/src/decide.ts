/**
 * `arbiter decide <pipeline>`: asks a running mesh for a decision and prints it as JSON.
 *
 *   arbiter decide transaction-risk --inputs @examples/requests/transaction-risk.json
 *   arbiter decide recommendation --inputs '{"text": "mystery novel", "max_price": 30}'
 *
 * Inputs are a JSON object of the pipeline's inputs (plain JSON values: numbers, strings, lists,
 * objects; a list of numbers is what a tensor input takes), given inline or as `@file`.
 */
import { readFileSync } from "node:fs";
import { InvalidArgumentError } from "@arbiter/core";
import { DecisionSchema, DecisionService } from "@arbiter/proto";
import { fromJson, type JsonValue, toJson } from "@bufbuild/protobuf";
import { ValueSchema } from "@bufbuild/protobuf/wkt";
import { ConnectError, createClient } from "@connectrpc/connect";
import { meshTransport } from "./mesh-transport.ts";

export const DECIDE_HELP = `arbiter decide <pipeline> --inputs '<json object>' | @file [--attributes '<json object>']
               [--version N | --alias name] [--request-id id] [--url http://127.0.0.1:8080]

Asks the mesh at --url for a decision of <pipeline> and prints it as JSON: the label, the score,
the rules that fired with their values, the pipeline's outputs, the model versions used and how
long each node took. Exits 1 with the gRPC code and message when the call fails. Sends the API key or token in
ARBITER_API_KEY, when set.`;

const FLAGS = new Set(["inputs", "attributes", "version", "alias", "request-id", "url"]);

function parse(argv: readonly string[]): { pipeline: string; flags: Map<string, string> } {
  let pipeline: string | undefined;
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith("--")) {
      if (pipeline !== undefined) throw new InvalidArgumentError("arguments", "one pipeline name", JSON.stringify(arg));
      pipeline = arg;
      continue;
    }
    const body = arg.slice(2);
    const eq = body.indexOf("=");
    const name = eq >= 0 ? body.slice(0, eq) : body;
    if (!FLAGS.has(name))
      throw new InvalidArgumentError(`flag --${name}`, [...FLAGS].map((f) => `--${f}`).join(", "), arg);
    const value = eq >= 0 ? body.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new InvalidArgumentError(`flag --${name}`, "a value", "nothing");
    flags.set(name, value);
  }
  if (pipeline === undefined) throw new InvalidArgumentError("pipeline", "a pipeline name", "nothing");
  return { pipeline, flags };
}

function jsonObject(flag: string, text: string | undefined): Record<string, JsonValue> {
  if (text === undefined) return {};
  const source = text.startsWith("@") ? readFileSync(text.slice(1), "utf8") : text;
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (err) {
    throw new InvalidArgumentError(`--${flag}`, "a JSON object", (err as Error).message);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new InvalidArgumentError(`--${flag}`, "a JSON object", Array.isArray(value) ? "a list" : typeof value);
  }
  return value as Record<string, JsonValue>;
}

/** Runs the command; resolves with the exit code. */
export async function runDecide(argv: readonly string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const { pipeline, flags } = parse(argv);
  const inputs = jsonObject("inputs", flags.get("inputs"));
  const attributes = jsonObject("attributes", flags.get("attributes"));
  const version = flags.get("version");
  const alias = flags.get("alias");
  const client = createClient(DecisionService, meshTransport(flags.get("url")));
  try {
    const { decision } = await client.decide({
      pipeline,
      ...(version !== undefined
        ? { selector: { selector: { case: "version", value: BigInt(version) } } }
        : alias !== undefined
          ? { selector: { selector: { case: "alias", value: alias } } }
          : {}),
      inputs: Object.fromEntries(
        Object.entries(inputs).map(([name, v]) => [name, { kind: { case: "value", value: fromJson(ValueSchema, v) } }]),
      ),
      attributes: Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, String(v)])),
      requestId: flags.get("request-id") ?? "",
    });
    out.write(`${JSON.stringify(decision ? toJson(DecisionSchema, decision) : {}, null, 2)}\n`);
    return 0;
  } catch (err) {
    const e = ConnectError.from(err);
    process.stderr.write(`arbiter decide: ${e.code === undefined ? "error" : e.code}: ${e.rawMessage}\n`);
    return 1;
  }
}
