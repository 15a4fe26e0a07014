/**
 * The built-in `vectorizer` plugin: text to a fixed-size FP32 vector by feature hashing (a hashed
 * bag of words and character n-grams), L2-normalized. No model needed; useful for keyword-ish
 * similarity search and as a baseline embedding.
 *
 * Inputs:
 * - `text`: a string, or a list of strings.
 *
 * Outputs:
 * - `embedding`: FP32 tensor `[dim]`, for a string input;
 * - `embeddings`: FP32 tensor `[rows, dim]`, for a list input.
 *
 * Text is cut into words as described in `text-split.ts`. Features are the word n-grams for n = 1
 * to `word_ngrams` (words joined by a space, keyed `w:<gram>`) and, when `char_ngrams` is given,
 * the character n-grams of each word padded with a space on both sides (keyed `c:<gram>`). Each
 * occurrence of a feature with hash `h = fnv1a32(key)` adds ±1 to component `h mod dim`, the sign
 * being `-` when bit 31 of `h` is set (with `signed: true`) so that collisions tend to cancel. The
 * vector is then scaled to unit L2 norm; text without features gives the zero vector.
 *
 * Config (all optional):
 * - `dim`: 1 to 65536, default 256.
 * - `word_ngrams`: 0 to 3, default 1 (0 leaves words out; then `char_ngrams` is required).
 * - `char_ngrams`: `[min, max]`, 1 ≤ min ≤ max ≤ 8; none by default.
 * - `lowercase`: default true. `signed`: default true. `normalize`: L2 normalization, default true.
 */
import { InvalidArgumentError } from "@arbiter/core";
import type { NodeValues } from "../node-kind.ts";
import type { BuiltinPlugin } from "./builtin-plugin.ts";
import { ConfigReader } from "./config-reader.ts";
import { fnv1a32 } from "./hashing.ts";
import { splitWords } from "./text-split.ts";
import { describeValue, tensor } from "./values.ts";

interface VectorizerConfig {
  dim: number;
  wordNgrams: number;
  charNgrams: [number, number] | undefined;
  lowercase: boolean;
  signed: boolean;
  normalize: boolean;
}

function prepare(node: string, config: Readonly<Record<string, unknown>> | undefined): VectorizerConfig {
  const reader: ConfigReader = new ConfigReader(node, config);
  reader.onlyKeys(["dim", "word_ngrams", "char_ngrams", "lowercase", "signed", "normalize"]);
  let charNgrams: [number, number] | undefined;
  if (reader.has("char_ngrams")) {
    const raw = reader.raw("char_ngrams");
    const ok =
      Array.isArray(raw) &&
      raw.length === 2 &&
      raw.every((x) => typeof x === "number" && Number.isInteger(x) && x >= 1 && x <= 8) &&
      (raw[0] as number) <= (raw[1] as number);
    if (!ok) reader.fail("char_ngrams", "[min, max] with 1 <= min <= max <= 8", raw);
    charNgrams = [(raw as number[])[0] as number, (raw as number[])[1] as number];
  }
  const wordNgrams = reader.integer("word_ngrams", 1, 0, 3);
  if (wordNgrams === 0 && charNgrams === undefined) {
    reader.fail("word_ngrams", "at least 1 when char_ngrams is not given (no features otherwise)", 0);
  }
  return {
    dim: reader.integer("dim", 256, 1, 65536),
    wordNgrams,
    charNgrams,
    lowercase: reader.boolean("lowercase", true),
    signed: reader.boolean("signed", true),
    normalize: reader.boolean("normalize", true),
  };
}

function add(key: string, c: VectorizerConfig, out: Float32Array, offset: number): void {
  const h = fnv1a32(key);
  const sign = c.signed && h >>> 31 === 1 ? -1 : 1;
  const at = offset + (h % c.dim);
  out[at] = (out[at] as number) + sign;
}

/** Writes the vector of `text` into `out[offset .. offset + dim)`. */
function vectorize(text: string, c: VectorizerConfig, out: Float32Array, offset: number): void {
  const words = splitWords(text, c.lowercase);
  for (let n = 1; n <= c.wordNgrams; n++) {
    for (let i = 0; i + n <= words.length; i++) add(`w:${words.slice(i, i + n).join(" ")}`, c, out, offset);
  }
  if (c.charNgrams !== undefined) {
    const [min, max] = c.charNgrams;
    for (const word of words) {
      const chars = Array.from(` ${word} `);
      for (let n = min; n <= max; n++) {
        for (let i = 0; i + n <= chars.length; i++) add(`c:${chars.slice(i, i + n).join("")}`, c, out, offset);
      }
    }
  }
  if (c.normalize) {
    let sum = 0;
    for (let i = offset; i < offset + c.dim; i++) sum += (out[i] as number) ** 2;
    if (sum > 0) {
      const inv = 1 / Math.sqrt(sum);
      for (let i = offset; i < offset + c.dim; i++) out[i] = (out[i] as number) * inv;
    }
  }
}

function run(c: VectorizerConfig, node: string, inputs: NodeValues): NodeValues {
  const text = inputs.text;
  if (typeof text === "string") {
    const out = new Float32Array(c.dim);
    vectorize(text, c, out, 0);
    return { embedding: tensor("FP32", [c.dim], out) };
  }
  if (!Array.isArray(text)) {
    throw new InvalidArgumentError(`node "${node}" input "text"`, "a string or a list of strings", describeValue(text));
  }
  const out = new Float32Array(text.length * c.dim);
  text.forEach((t, i) => {
    if (typeof t !== "string") {
      throw new InvalidArgumentError(`node "${node}" input "text"[${i}]`, "a string", describeValue(t));
    }
    vectorize(t, c, out, i * c.dim);
  });
  return { embeddings: tensor("FP32", [text.length, c.dim], out) };
}

/** The built-in `vectorizer` plugin (see the module comment for inputs, outputs and config). */
export const vectorizerPlugin: BuiltinPlugin<VectorizerConfig> = {
  name: "vectorizer",
  description: "Text to a fixed-size, L2-normalized FP32 vector: hashed bag of words and character n-grams",
  inputs: [{ name: "text", type: "string", description: "a string, or a list of strings" }],
  outputs: [
    { name: "embedding", type: "tensor:FP32", description: "[dim] vector of a string input", optional: true },
    { name: "embeddings", type: "tensor:FP32", description: "[rows, dim] vectors of a list input", optional: true },
  ],
  prepare,
  run,
};
