/**
 * The built-in `tokenizer` plugin: text to token ids for a language model.
 *
 * Inputs:
 * - `text`: a string, or a list of strings (one row each).
 *
 * Outputs:
 * - `input_ids`: INT64 tensor `[rows, length]`, a single string giving one row.
 * - `attention_mask`: INT64 tensor of the same shape, 1 for tokens and 0 for padding.
 *
 * Text is cut into words as described in `text-split.ts` (NFC, lowercase unless
 * `lowercase: false`, runs of letters/digits, each punctuation character alone). Each word becomes
 * ids in one of two ways:
 * - with a `vocabulary` (an object `{ token: id }`, or a list of tokens whose index is the id), a
 *   word's id is looked up, and unknown words get `unknown_id`. With `wordpiece: true`, a word
 *   that is not in the vocabulary is split greedily into the longest known prefix and `##`-prefixed
 *   continuations (BERT's WordPiece); a word that cannot be split is one `unknown_id`.
 * - without one, ids come from hashing: `1 + fnv1a32(word) mod (vocab_size - 1)`, so a word never
 *   gets id 0 (the default padding id).
 *
 * Config (all optional):
 * - `vocabulary`: see above. Ids are integers from 0 to 2^31-1.
 * - `vocab_size`: hashing only, 2 to 2^31-1 (default 30522).
 * - `unknown_id`: vocabulary only; default the id of `[UNK]` or `<unk>`, required when neither exists.
 * - `wordpiece`: vocabulary only, default false.
 * - `lowercase`: default true.
 * - `max_length`: tokens per row including `bos_id`/`eos_id`, 1 to 65536 (default 128); longer
 *   rows are truncated.
 * - `padding`: `"max_length"` (default: every row has `max_length` ids) or `"longest"` (rows are
 *   padded to the longest row).
 * - `pad_id`: default the id of `[PAD]` or `<pad>` in the vocabulary, else 0.
 * - `bos_id`, `eos_id`: ids put before and after each row's tokens (e.g. BERT's `[CLS]` and
 *   `[SEP]`); none by default.
 */
import { InvalidArgumentError } from "@arbiter/core";
import type { NodeValues } from "../node-kind.ts";
import type { BuiltinPlugin } from "./builtin-plugin.ts";
import { ConfigReader } from "./config-reader.ts";
import { fnv1a32 } from "./hashing.ts";
import { splitWords } from "./text-split.ts";
import { describeValue, tensor } from "./values.ts";

const MAX_ID = 2 ** 31 - 1;
/** Longer words are one unknown token in WordPiece (as in BERT). */
const MAX_WORDPIECE_CHARS = 100;

interface TokenizerConfig {
  vocabulary: Map<string, number> | undefined;
  vocabSize: number;
  unknownId: number;
  wordpiece: boolean;
  lowercase: boolean;
  maxLength: number;
  padding: "max_length" | "longest";
  padId: number;
  bosId: number | undefined;
  eosId: number | undefined;
}

function readVocabulary(reader: ConfigReader): Map<string, number> | undefined {
  const raw = reader.raw("vocabulary");
  if (raw === undefined || raw === null) return undefined;
  const vocab = new Map<string, number>();
  if (Array.isArray(raw)) {
    raw.forEach((token, i) => {
      if (typeof token !== "string") reader.fail(`vocabulary[${i}]`, "a token (a string)", token);
      if (!vocab.has(token)) vocab.set(token, i);
    });
  } else if (typeof raw === "object") {
    for (const [token, id] of Object.entries(raw)) {
      if (typeof id !== "number" || !Number.isInteger(id) || id < 0 || id > MAX_ID) {
        reader.fail(`vocabulary["${token}"]`, `a token id (an integer from 0 to ${MAX_ID})`, id);
      }
      vocab.set(token, id);
    }
  } else {
    reader.fail("vocabulary", "an object of token ids or a list of tokens", raw);
  }
  if (vocab.size === 0) reader.fail("vocabulary", "at least one token", raw);
  return vocab;
}

function prepare(node: string, config: Readonly<Record<string, unknown>> | undefined): TokenizerConfig {
  const reader: ConfigReader = new ConfigReader(node, config);
  reader.onlyKeys([
    "vocabulary",
    "vocab_size",
    "unknown_id",
    "wordpiece",
    "lowercase",
    "max_length",
    "padding",
    "pad_id",
    "bos_id",
    "eos_id",
  ]);
  const vocabulary = readVocabulary(reader);
  if (vocabulary === undefined) {
    for (const key of ["unknown_id", "wordpiece"]) {
      if (reader.has(key))
        reader.fail(key, "no value without a vocabulary (hashed ids have no unknowns)", reader.raw(key));
    }
  } else if (reader.has("vocab_size")) {
    reader.fail("vocab_size", "no value with a vocabulary (it applies to hashed ids)", reader.raw("vocab_size"));
  }
  const vocabSize = reader.integer("vocab_size", 30522, 2, MAX_ID);
  let unknownId = 0;
  if (vocabulary !== undefined) {
    const fallback = vocabulary.get("[UNK]") ?? vocabulary.get("<unk>");
    const given = reader.optionalInteger("unknown_id", 0, MAX_ID);
    if (given === undefined && fallback === undefined) {
      reader.fail("unknown_id", "an id for words missing from the vocabulary (it has no [UNK] or <unk>)", undefined);
    }
    unknownId = given ?? (fallback as number);
  }
  const maxLength = reader.integer("max_length", 128, 1, 65536);
  const bosId = reader.optionalInteger("bos_id", 0, MAX_ID);
  const eosId = reader.optionalInteger("eos_id", 0, MAX_ID);
  const specials = (bosId === undefined ? 0 : 1) + (eosId === undefined ? 0 : 1);
  if (specials >= maxLength && specials > 0) {
    reader.fail("max_length", `more than ${specials} (room for bos_id/eos_id and at least one token)`, maxLength);
  }
  return {
    vocabulary,
    vocabSize,
    unknownId,
    wordpiece: reader.boolean("wordpiece", false),
    lowercase: reader.boolean("lowercase", true),
    maxLength,
    padding: reader.choice("padding", ["max_length", "longest"] as const, "max_length"),
    padId: reader.integer("pad_id", vocabulary?.get("[PAD]") ?? vocabulary?.get("<pad>") ?? 0, 0, MAX_ID),
    bosId,
    eosId,
  };
}

function wordpieceIds(word: string, vocab: Map<string, number>, unknownId: number, out: number[]): void {
  const chars = Array.from(word);
  if (chars.length > MAX_WORDPIECE_CHARS) {
    out.push(unknownId);
    return;
  }
  const pieces: number[] = [];
  let start = 0;
  while (start < chars.length) {
    let end = chars.length;
    let found: number | undefined;
    while (end > start) {
      const piece = (start > 0 ? "##" : "") + chars.slice(start, end).join("");
      found = vocab.get(piece);
      if (found !== undefined) break;
      end--;
    }
    if (found === undefined) {
      out.push(unknownId);
      return;
    }
    pieces.push(found);
    start = end;
  }
  out.push(...pieces);
}

/** Token ids of one text, before truncation and special tokens. */
function tokenIds(text: string, c: TokenizerConfig): number[] {
  const ids: number[] = [];
  for (const word of splitWords(text, c.lowercase)) {
    if (c.vocabulary === undefined) {
      ids.push(1 + (fnv1a32(word) % (c.vocabSize - 1)));
      continue;
    }
    const id = c.vocabulary.get(word);
    if (id !== undefined) ids.push(id);
    else if (c.wordpiece) wordpieceIds(word, c.vocabulary, c.unknownId, ids);
    else ids.push(c.unknownId);
  }
  return ids;
}

function run(c: TokenizerConfig, node: string, inputs: NodeValues): NodeValues {
  const text = inputs.text;
  let texts: string[];
  if (typeof text === "string") texts = [text];
  else if (Array.isArray(text)) {
    texts = text.map((t, i) => {
      if (typeof t !== "string") {
        throw new InvalidArgumentError(`node "${node}" input "text"[${i}]`, "a string", describeValue(t));
      }
      return t;
    });
  } else {
    throw new InvalidArgumentError(`node "${node}" input "text"`, "a string or a list of strings", describeValue(text));
  }
  const room = c.maxLength - (c.bosId === undefined ? 0 : 1) - (c.eosId === undefined ? 0 : 1);
  const rows = texts.map((t) => {
    const ids = tokenIds(t, c).slice(0, room);
    if (c.bosId !== undefined) ids.unshift(c.bosId);
    if (c.eosId !== undefined) ids.push(c.eosId);
    return ids;
  });
  const length = c.padding === "max_length" ? c.maxLength : Math.max(0, ...rows.map((r) => r.length));
  const ids = new BigInt64Array(rows.length * length).fill(BigInt(c.padId));
  const mask = new BigInt64Array(rows.length * length);
  rows.forEach((row, r) => {
    for (let i = 0; i < row.length; i++) {
      ids[r * length + i] = BigInt(row[i] as number);
      mask[r * length + i] = 1n;
    }
  });
  const shape = [rows.length, length];
  return { input_ids: tensor("INT64", shape, ids), attention_mask: tensor("INT64", shape, mask) };
}

/** The built-in `tokenizer` plugin (see the module comment for inputs, outputs and config). */
export const tokenizerPlugin: BuiltinPlugin<TokenizerConfig> = {
  name: "tokenizer",
  description:
    "Text to INT64 token ids and attention mask, with a given vocabulary (optionally WordPiece) or hashed ids; lowercasing, truncation and padding",
  inputs: [{ name: "text", type: "string", description: "a string, or a list of strings (one row each)" }],
  outputs: [
    { name: "input_ids", type: "tensor:INT64", description: "[rows, length] token ids" },
    { name: "attention_mask", type: "tensor:INT64", description: "[rows, length] 1 for tokens, 0 for padding" },
  ],
  prepare,
  run,
};
