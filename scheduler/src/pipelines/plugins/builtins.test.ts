import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Code, InvalidArgumentError } from "@arbiter/core";
import type { NodeValues, TensorValue } from "../node-kind.ts";
import type { BuiltinPlugin } from "./builtin-plugin.ts";
import { fnv1a32 } from "./hashing.ts";
import { normalizerPlugin } from "./normalizer.ts";
import { tokenizerPlugin } from "./tokenizer.ts";
import { vectorizerPlugin } from "./vectorizer.ts";

function run(plugin: BuiltinPlugin, config: Record<string, unknown>, inputs: NodeValues): NodeValues {
  return plugin.run(plugin.prepare("n1", config), "n1", inputs);
}

function t(value: unknown): TensorValue {
  return value as TensorValue;
}

function ints(value: unknown): number[] {
  return Array.from(t(value).data as ArrayLike<bigint>, Number);
}

function floats(value: unknown): number[] {
  return Array.from(t(value).data as ArrayLike<number>, (x) => Math.round(x * 1e6) / 1e6);
}

describe("fnv1a32", () => {
  it("matches the published FNV-1a test vectors", () => {
    assert.equal(fnv1a32(""), 0x811c9dc5);
    assert.equal(fnv1a32("a"), 0xe40c292c);
    assert.equal(fnv1a32("foobar"), 0xbf9cf968);
  });
});

describe("tokenizer", () => {
  it("hashes lowercased words and punctuation to fixed ids, padded to max_length with a mask", () => {
    const out = run(tokenizerPlugin, { max_length: 8 }, { text: "Hello, World!" });
    assert.equal(t(out.input_ids).datatype, "INT64");
    assert.deepEqual(t(out.input_ids).shape, [1, 8]);
    // 1 + fnv1a32(word) mod 30521 for "hello", ",", "world", "!"
    assert.deepEqual(ints(out.input_ids), [19117, 14792, 4003, 28926, 0, 0, 0, 0]);
    assert.deepEqual(ints(out.attention_mask), [1, 1, 1, 1, 0, 0, 0, 0]);
    const same = run(tokenizerPlugin, { max_length: 8 }, { text: "hello ,world !" });
    assert.deepEqual(ints(same.input_ids), ints(out.input_ids));
  });

  it("looks words up in a vocabulary with WordPiece, special tokens, truncation and longest padding", () => {
    const vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "un", "##aff", "##able", "hello", "!"];
    const out = run(
      tokenizerPlugin,
      { vocabulary, wordpiece: true, bos_id: 2, eos_id: 3, max_length: 6, padding: "longest" },
      { text: ["Unaffable hello!", "xyz"] },
    );
    assert.deepEqual(t(out.input_ids).shape, [2, 6]);
    // row 1: [CLS] un ##aff ##able hello [SEP] ("!" truncated); row 2: [CLS] [UNK] [SEP] + padding
    assert.deepEqual(ints(out.input_ids), [2, 4, 5, 6, 7, 3, 2, 1, 3, 0, 0, 0]);
    assert.deepEqual(ints(out.attention_mask), [1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0]);
  });

  it("uses an object vocabulary, keeps case when asked and maps unknown words to unknown_id", () => {
    const out = run(
      tokenizerPlugin,
      { vocabulary: { Hi: 10, hi: 11 }, unknown_id: 99, lowercase: false, max_length: 3, pad_id: 7 },
      { text: "Hi there" },
    );
    assert.deepEqual(ints(out.input_ids), [10, 99, 7]);
  });

  it("rejects bad config and bad input naming the node and field", () => {
    assert.throws(
      () => tokenizerPlugin.prepare("tok", { max_length: -1 }),
      (err: unknown) =>
        err instanceof InvalidArgumentError &&
        err.message === 'node "tok" config.max_length: expected an integer from 1 to 65536, got -1',
    );
    assert.throws(
      () => tokenizerPlugin.prepare("tok", { vocabulary: ["a"] }),
      /node "tok" config.unknown_id: expected an id for words missing from the vocabulary/,
    );
    assert.throws(() => tokenizerPlugin.prepare("tok", { colour: 1 }), /node "tok" config.colour: expected one of/);
    assert.throws(
      () => run(tokenizerPlugin, {}, { text: 42 }),
      (err: unknown) =>
        err instanceof InvalidArgumentError &&
        err.code === Code.InvalidArgument &&
        err.message === 'node "n1" input "text": expected a string or a list of strings, got 42',
    );
  });
});

describe("normalizer", () => {
  it("standardizes and rescales named features from an object", () => {
    const config = {
      features: [
        { name: "amount", mean: 100, std: 50 },
        { name: "age", min: 18, max: 98 },
        { name: "foreign", min: 0, max: 1, default: 0 },
      ],
    };
    const out = run(normalizerPlugin, config, { features: { amount: 200, age: 58, foreign: true } });
    assert.equal(t(out.features).datatype, "FP32");
    assert.deepEqual(t(out.features).shape, [1, 3]);
    assert.deepEqual(floats(out.features), [2, 0.5, 1]);
    const missing = run(normalizerPlugin, config, { features: { amount: 50, age: 18 } });
    assert.deepEqual(floats(missing.features), [-1, 0, 0]);
  });

  it("scales rows of lists and tensors positionally, clipping when asked", () => {
    const out = run(
      normalizerPlugin,
      { mean: [1, 2], std: [2, 4] },
      {
        features: [
          [3, 6],
          [1, 2],
        ],
      },
    );
    assert.deepEqual(t(out.features).shape, [2, 2]);
    assert.deepEqual(floats(out.features), [1, 1, 0, 0]);
    const tensorIn = {
      kind: "tensor" as const,
      datatype: "FP64" as const,
      shape: [2],
      data: new Float64Array([-5, 15]),
    };
    const clipped = run(normalizerPlugin, { min: [0, 0], max: [10, 10], clip: true }, { features: tensorIn });
    assert.deepEqual(t(clipped.features).shape, [1, 2]);
    assert.deepEqual(floats(clipped.features), [0, 1]);
  });

  it("rejects a zero std and a row of the wrong width", () => {
    assert.throws(
      () => normalizerPlugin.prepare("norm", { mean: [0, 1], std: [1, 0] }),
      /node "norm" config.std\[1\]: expected a positive number, got 0/,
    );
    assert.throws(
      () => run(normalizerPlugin, { mean: [0, 1], std: [1, 1] }, { features: [1, 2, 3] }),
      /node "n1" input "features"\[0\]: expected 2 numbers, got 3 values/,
    );
    assert.throws(
      () => run(normalizerPlugin, { features: [{ name: "a", mean: 0, std: 1 }] }, { features: { a: "x" } }),
      /node "n1" input "features"\[0\].a: expected a finite number, got "x"/,
    );
  });
});

describe("vectorizer", () => {
  it("hashes words into a signed, L2-normalized vector", () => {
    const out = run(vectorizerPlugin, { dim: 8 }, { text: "The cat the" });
    assert.equal(t(out.embedding).datatype, "FP32");
    assert.deepEqual(t(out.embedding).shape, [8]);
    // "the" (twice) hashes to +7, "cat" to -0: (−1, 2) / √5
    assert.deepEqual(floats(out.embedding), [-0.447214, 0, 0, 0, 0, 0, 0, 0.894427]);
  });

  it("counts character n-grams of each padded word, one row per text for a list", () => {
    const out = run(
      vectorizerPlugin,
      { dim: 8, word_ngrams: 0, char_ngrams: [2, 3], signed: false, normalize: false },
      { text: ["ab", ""] },
    );
    assert.deepEqual(t(out.embeddings).shape, [2, 8]);
    // " a", "ab", "b ", " ab", "ab " → 5 counts; the empty text gives zeros
    assert.deepEqual(floats(out.embeddings), [0, 1, 1, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("gives similar texts a higher cosine than unrelated ones", () => {
    const config = { dim: 256, char_ngrams: [3, 4] };
    const v = (text: string) => floats(run(vectorizerPlugin, config, { text }).embedding);
    const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * (b[i] as number), 0);
    const a = v("wireless noise cancelling headphones");
    assert.ok(dot(a, v("noise cancelling wireless headphone")) > dot(a, v("organic green tea leaves")) + 0.3);
  });

  it("rejects a bad dimension", () => {
    assert.throws(
      () => vectorizerPlugin.prepare("vec", { dim: 0 }),
      /node "vec" config.dim: expected an integer from 1 to 65536, got 0/,
    );
  });
});
