/**
 * The Arbiter quickstart, the same in every client's language: connect with an API key, register
 * the example classifier, run an inference, make a decision on the example pipeline and search
 * the example vector collection. Prints what it learned as one JSON line at the end.
 *
 *   ARBITER_ADDRESS=127.0.0.1:8080 ARBITER_API_KEY=<key> npm run example
 */
import { readFile } from "node:fs/promises";
import { fromJson, type JsonValue } from "@bufbuild/protobuf";
import { ValueSchema } from "@bufbuild/protobuf/wkt";
import { createArbiterClient, tensor, values } from "../index.js";

const address = process.env.ARBITER_ADDRESS ?? "127.0.0.1:8080";
const examples = process.env.ARBITER_EXAMPLES ?? new URL("../../../../examples", import.meta.url).pathname;
const readJson = async (path: string) => JSON.parse(await readFile(`${examples}/${path}`, "utf8"));

const arbiter = createArbiterClient({ address, credential: process.env.ARBITER_API_KEY, timeoutMs: 10_000 });

// 1. Register the example classifier under this language's name; version 0 asks for the next one.
const name = "risk-classifier-typescript";
const onnx = await readFile(`${examples}/models/risk-classifier.onnx`);
const { model } = await arbiter.models.registerModel(
  (async function* () {
    yield { part: { case: "metadata" as const, value: { name, version: 0n } } };
    for (let offset = 0; offset < onnx.length; offset += 1 << 20) {
      yield { part: { case: "chunk" as const, value: onnx.subarray(offset, offset + (1 << 20)) } };
    }
  })(),
);
console.log(`registered ${model?.name} version ${model?.version}`);

// 2. Infer on row 0 of the examples' known inputs.
const expected = await readJson("models/expected.json");
const row: number[] = expected["risk-classifier"].inputs.features.data[0];
const inferred = await arbiter.inference.infer({
  model: name,
  selector: { selector: { case: "version", value: model?.version ?? 0n } },
  inputs: [tensor("features", new Float32Array(row), [1, row.length])],
});
const output = (n: string) => inferred.outputs.find((t) => t.name === n);
const label = Number((values(output("label")!) as BigInt64Array)[0]);
const probabilities = Array.from(values(output("probabilities")!) as Float32Array);
console.log(`inference: label ${label}, probabilities ${probabilities.join(", ")}`);

// 3. Decide on the transaction-risk pipeline.
const request: Record<string, JsonValue> = await readJson("requests/transaction-risk.json");
const { decision } = await arbiter.decisions.decide({
  pipeline: "transaction-risk",
  inputs: Object.fromEntries(
    Object.entries(request).map(([key, v]) => [key, { kind: { case: "value", value: fromJson(ValueSchema, v) } }]),
  ),
});
console.log(`decision: ${decision?.label} (${decision?.firedRules.map((r) => r.name).join(", ")})`);

// 4. Search the catalogue collection.
const search = await readJson("requests/catalogue-search.json");
const { hits } = await arbiter.vectors.search({ collection: search.collection, k: search.k, query: search.query });
console.log(`nearest: ${hits.map((h) => `${h.id} (${h.distance.toFixed(3)})`).join(", ")}`);

console.log(
  JSON.stringify({
    model: model?.name,
    version: Number(model?.version),
    label,
    probabilities,
    decision: decision?.label,
    fired_rule: decision?.firedRules[0]?.name,
    nearest: hits[0]?.id,
  }),
);
