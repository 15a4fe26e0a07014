/**
 * Payloads and filters of a collection. Each payload field has one type for the whole collection
 * ("string", "number" or "bool"), fixed by the first value written to it and kept in the
 * collection's row, so every node agrees on it and a write that would change it is refused with
 * INVALID_ARGUMENT before anything is stored.
 *
 * The native index knows strings and numbers; a bool travels into it as the string "true" or
 * "false" (so an equality filter "true" matches it) and comes back out as a bool.
 */
import { InvalidArgumentError } from "@arbiter/core";
import type { Filter as IndexFilter, Payload as IndexPayload } from "@arbiter/vector-native";

/** Type of a payload field. */
export type PayloadFieldType = "string" | "number" | "bool";

/** Field types of a collection, by field name. */
export type PayloadFields = Readonly<Record<string, PayloadFieldType>>;

/** A payload value: a string, a finite number or a bool. */
export type PayloadValue = string | number | boolean;

/** A vector's payload: a few typed fields. */
export type VectorPayload = Readonly<Record<string, PayloadValue>>;

/** Numeric range on one field; any subset of bounds (inclusive `gte`/`lte`, exclusive `gt`/`lt`). */
export interface RangeMatch {
  readonly gte?: number;
  readonly gt?: number;
  readonly lte?: number;
  readonly lt?: number;
}

/**
 * A condition on one payload field: a string or bool (equality), a list of strings (any of; an
 * empty list matches nothing), or a numeric range.
 */
export type FieldMatch = string | boolean | readonly string[] | RangeMatch;

/** AND of per-field conditions. A field no vector has matches nothing. */
export type VectorFilter = Readonly<Record<string, FieldMatch>>;

/** Most distinct payload fields in one collection (the native index's limit). */
export const MAX_PAYLOAD_FIELDS = 32;
/** Longest payload field name. */
export const MAX_FIELD_NAME_LENGTH = 128;

function typeOf(value: unknown): PayloadFieldType | undefined {
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number" && Number.isFinite(value)) return "number";
  return undefined;
}

function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === null) return "null";
  if (Array.isArray(value)) {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 80)}…]` : text;
  }
  if (typeof value === "object") return "an object";
  return String(value);
}

function article(type: PayloadFieldType): string {
  return type === "number" ? "a number" : type === "bool" ? "a bool" : "a string";
}

/**
 * Checks the payloads of one write against the collection's field types and returns the types
 * after it (the same object when no field is new). `at(i)` names record `i` in messages, e.g.
 * `records[3]`.
 */
export function mergePayloadFields(
  current: PayloadFields,
  payloads: readonly (VectorPayload | undefined)[],
  at: (i: number) => string,
): PayloadFields {
  let next: Record<string, PayloadFieldType> | undefined;
  for (const [i, payload] of payloads.entries()) {
    if (payload === undefined) continue;
    for (const [field, value] of Object.entries(payload)) {
      const where = `${at(i)}.payload.${field}`;
      if (field.length === 0 || field.length > MAX_FIELD_NAME_LENGTH) {
        throw new InvalidArgumentError(
          `${at(i)}.payload`,
          `field names of 1 to ${MAX_FIELD_NAME_LENGTH} characters`,
          `a name of ${field.length}`,
        );
      }
      const type = typeOf(value);
      if (type === undefined) throw new InvalidArgumentError(where, "a string, a finite number or a bool", show(value));
      const known = (next ?? current)[field];
      if (known === undefined) {
        next ??= { ...current };
        if (Object.keys(next).length >= MAX_PAYLOAD_FIELDS) {
          throw new InvalidArgumentError(
            where,
            `at most ${MAX_PAYLOAD_FIELDS} distinct payload fields per collection (it has ${Object.keys(next).sort().join(", ")})`,
            `a new field "${field}"`,
          );
        }
        next[field] = type;
      } else if (known !== type) {
        throw new InvalidArgumentError(
          where,
          `${article(known)} (field "${field}" holds ${known} values in this collection)`,
          `${article(type)} ${show(value)}`,
        );
      }
    }
  }
  return next ?? current;
}

/** The payload as the native index stores it (bools as "true"/"false"). */
export function toIndexPayload(payload: VectorPayload | undefined): IndexPayload | undefined {
  if (payload === undefined) return undefined;
  let out: Record<string, string | number> | undefined;
  for (const [field, value] of Object.entries(payload)) {
    if (typeof value === "boolean") {
      out ??= { ...(payload as Record<string, string | number>) };
      out[field] = value ? "true" : "false";
    }
  }
  return out ?? (payload as IndexPayload);
}

/** A payload read back from the native index, with bools restored. */
export function fromIndexPayload(payload: IndexPayload, fields: PayloadFields): VectorPayload {
  let out: Record<string, PayloadValue> | undefined;
  for (const [field, value] of Object.entries(payload)) {
    if (fields[field] === "bool" && typeof value === "string") {
      out ??= { ...payload };
      out[field] = value === "true";
    }
  }
  return out ?? payload;
}

/** A filter that no vector can satisfy (e.g. on a field the collection has never seen). */
export const MATCHES_NOTHING: unique symbol = Symbol("matches nothing");

function checkBound(at: string, name: string, v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "number" || Number.isNaN(v)) throw new InvalidArgumentError(`${at}.${name}`, "a number", show(v));
  return v;
}

/**
 * Turns a filter into the native index's, checked against the collection's field types. Fields
 * the collection does not know match nothing (no vector has them): {@link MATCHES_NOTHING}.
 * Messages name `filter.<field>`.
 */
export function compileFilter(
  filter: VectorFilter | undefined,
  fields: PayloadFields,
): IndexFilter | undefined | typeof MATCHES_NOTHING {
  if (filter === undefined) return undefined;
  if (filter === null || typeof filter !== "object" || Array.isArray(filter)) {
    throw new InvalidArgumentError("filter", "an object of field conditions", show(filter));
  }
  const out: Record<string, IndexFilter[string]> = {};
  let never = false;
  for (const [field, match] of Object.entries(filter)) {
    const at = `filter.${field}`;
    const type = fields[field];
    if (typeof match === "string" || typeof match === "boolean" || Array.isArray(match)) {
      const values: unknown[] = Array.isArray(match) ? match : [match];
      if (type === "number") {
        throw new InvalidArgumentError(
          at,
          `a numeric range (field "${field}" holds numbers)`,
          `a string condition ${show(match)}`,
        );
      }
      const strings = values.map((v, i) => {
        if (typeof v === "string") {
          if (type === "bool" && v !== "true" && v !== "false") {
            throw new InvalidArgumentError(
              Array.isArray(match) ? `${at}[${i}]` : at,
              `true or false (field "${field}" holds bools)`,
              show(v),
            );
          }
          return v;
        }
        if (typeof v === "boolean") {
          if (type === "string") {
            throw new InvalidArgumentError(at, `a string (field "${field}" holds strings)`, show(v));
          }
          return v ? "true" : "false";
        }
        throw new InvalidArgumentError(Array.isArray(match) ? `${at}[${i}]` : at, "a string or a bool", show(v));
      });
      // Any of an empty list is false; so is any condition on a field no vector has.
      if (type === undefined || strings.length === 0) never = true;
      else out[field] = strings.length === 1 ? (strings[0] as string) : { in: strings };
    } else if (match !== null && typeof match === "object") {
      const range = match as RangeMatch;
      for (const key of Object.keys(range)) {
        if (key !== "gte" && key !== "gt" && key !== "lte" && key !== "lt") {
          throw new InvalidArgumentError(
            at,
            "a string, a bool, a list of strings or a range {gte, gt, lte, lt}",
            `key "${key}"`,
          );
        }
      }
      const gte = checkBound(at, "gte", range.gte);
      const gt = checkBound(at, "gt", range.gt);
      const lte = checkBound(at, "lte", range.lte);
      const lt = checkBound(at, "lt", range.lt);
      if (gte !== undefined && gt !== undefined)
        throw new InvalidArgumentError(at, "at most one of gte and gt", "both");
      if (lte !== undefined && lt !== undefined)
        throw new InvalidArgumentError(at, "at most one of lte and lt", "both");
      if (type !== undefined && type !== "number") {
        throw new InvalidArgumentError(
          at,
          `${type === "bool" ? "true or false" : "a string or a list of strings"} (field "${field}" holds ${type}s)`,
          "a numeric range",
        );
      }
      if (type === undefined) never = true;
      else {
        const cond: { gte?: number; gt?: number; lte?: number; lt?: number } = {};
        if (gte !== undefined) cond.gte = gte;
        if (gt !== undefined) cond.gt = gt;
        if (lte !== undefined) cond.lte = lte;
        if (lt !== undefined) cond.lt = lt;
        out[field] = cond;
      }
    } else {
      throw new InvalidArgumentError(
        at,
        "a string, a bool, a list of strings or a range {gte, gt, lte, lt}",
        show(match),
      );
    }
  }
  return never ? MATCHES_NOTHING : out;
}
