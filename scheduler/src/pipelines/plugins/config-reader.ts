/**
 * Reads a plugin node's `config` (a google.protobuf.Struct, i.e. a JSON object) field by field.
 * Every error is an InvalidArgumentError whose field names the node and the config path, e.g.
 * `node "tok" config.max_length: expected an integer from 1 to 65536, got -1`.
 */
import { InvalidArgumentError } from "@arbiter/core";
import { describeValue } from "./values.ts";

/** JSON as it arrives in a Struct. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Typed access to one node's configuration. */
export class ConfigReader {
  readonly #node: string;
  readonly #config: Readonly<Record<string, unknown>>;

  constructor(node: string, config: Readonly<Record<string, unknown>> | undefined) {
    this.#node = node;
    this.#config = config ?? {};
  }

  /** The field name used in errors for `path` (e.g. `node "tok" config.vocabulary`). */
  field(path: string): string {
    return `node "${this.#node}" config.${path}`;
  }

  /** Fails naming `path`, what was expected and what was received. */
  fail(path: string, expected: string, received: unknown): never {
    throw new InvalidArgumentError(this.field(path), expected, describeValue(received));
  }

  /** Rejects keys that the plugin does not know, naming the first unknown one. */
  onlyKeys(known: readonly string[]): void {
    for (const key of Object.keys(this.#config)) {
      if (!known.includes(key)) {
        throw new InvalidArgumentError(this.field(key), `one of the fields ${known.join(", ")}`, "an unknown field");
      }
    }
  }

  has(path: string): boolean {
    return this.#config[path] !== undefined && this.#config[path] !== null;
  }

  raw(path: string): unknown {
    return this.#config[path];
  }

  boolean(path: string, fallback: boolean): boolean {
    const v = this.#config[path];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== "boolean") this.fail(path, "true or false", v);
    return v;
  }

  /** An integer in [min, max]; `fallback` when absent. */
  integer(path: string, fallback: number, min: number, max: number): number {
    const v = this.#config[path];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
      this.fail(path, `an integer from ${min} to ${max}`, v);
    }
    return v;
  }

  /** An optional integer in [min, max]. */
  optionalInteger(path: string, min: number, max: number): number | undefined {
    if (!this.has(path)) return undefined;
    return this.integer(path, 0, min, max);
  }

  /** One of `choices`; `fallback` when absent. */
  choice<T extends string>(path: string, choices: readonly T[], fallback: T): T {
    const v = this.#config[path];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== "string" || !(choices as readonly string[]).includes(v)) {
      this.fail(path, `one of ${choices.map((c) => `"${c}"`).join(", ")}`, v);
    }
    return v as T;
  }

  /** A list of finite numbers (at least one). */
  numbers(path: string): number[] {
    const v = this.#config[path];
    if (!Array.isArray(v) || v.length === 0) this.fail(path, "a non-empty list of numbers", v);
    return v.map((x, i) => {
      if (typeof x !== "number" || !Number.isFinite(x)) this.fail(`${path}[${i}]`, "a finite number", x);
      return x;
    });
  }
}
