/**
 * fast-check arbitraries of request messages built from their protobuf descriptors, in the
 * Protobuf JSON form: well-formed messages of any RPC, which the fuzzer then damages. Names a
 * running mesh knows (its example models, pipelines, collection and tenant) are mixed into string
 * fields, so a share of the messages get past lookups into the handlers' deeper paths.
 */
import { type DescField, type DescMessage, fromJson, ScalarType, toBinary } from "@bufbuild/protobuf";
import fc from "fast-check";

/** A value of the Protobuf JSON form. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Names the `arbiter start` mesh registers, so that lookups sometimes succeed. */
const KNOWN_NAMES = [
  "risk-classifier",
  "diabetes-regressor",
  "digits-classifier",
  "transaction-risk",
  "recommendation",
  "catalogue",
  "default",
  "production",
  "1",
];

const MAX_DEPTH = 3;

const stringArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...KNOWN_NAMES) },
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }) },
);

function scalarArb(scalar: ScalarType): fc.Arbitrary<Json> {
  switch (scalar) {
    case ScalarType.STRING:
      return stringArb;
    case ScalarType.BOOL:
      return fc.boolean();
    case ScalarType.BYTES:
      return fc.uint8Array({ maxLength: 24 }).map((b) => Buffer.from(b).toString("base64"));
    case ScalarType.DOUBLE:
    case ScalarType.FLOAT:
      return fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: -10, max: 10 }));
    case ScalarType.INT64:
    case ScalarType.SINT64:
    case ScalarType.SFIXED64:
      return fc.oneof(
        fc.integer({ min: -5, max: 100 }),
        fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String),
      );
    case ScalarType.UINT64:
    case ScalarType.FIXED64:
      return fc.oneof(fc.integer({ min: 0, max: 100 }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(String));
    case ScalarType.UINT32:
    case ScalarType.FIXED32:
      return fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }));
    default:
      return fc.oneof(fc.integer({ min: -5, max: 100 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }));
  }
}

const jsonLeaf: fc.Arbitrary<Json> = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), stringArb);
const smallJson: fc.Arbitrary<Json> = fc.oneof(
  jsonLeaf,
  fc.array(jsonLeaf, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), jsonLeaf, { maxKeys: 3 }),
);

/** The JSON of a message, well-known types in their special JSON forms. */
function messageValueArb(message: DescMessage, depth: number): fc.Arbitrary<Json> {
  switch (message.typeName) {
    case "google.protobuf.Timestamp":
      return fc
        .date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true })
        .map((d) => d.toISOString());
    case "google.protobuf.Duration":
      return fc.integer({ min: 0, max: 10_000 }).map((n) => `${n / 1000}s`);
    case "google.protobuf.Struct":
      return fc.dictionary(fc.string({ maxLength: 8 }), smallJson, { maxKeys: 4 });
    case "google.protobuf.Value":
      return smallJson;
    case "google.protobuf.ListValue":
      return fc.array(jsonLeaf, { maxLength: 4 });
    case "google.protobuf.Empty":
      return fc.constant({});
    default:
      if (message.typeName.startsWith("google.protobuf.") && message.typeName.endsWith("Value")) {
        const value = message.fields[0];
        return value && value.fieldKind === "scalar" ? scalarArb(value.scalar) : fc.constant(null);
      }
      return depth >= MAX_DEPTH ? fc.constant({}) : messageArb(message, depth + 1);
  }
}

function mapKeyArb(scalar: ScalarType): fc.Arbitrary<string> {
  if (scalar === ScalarType.STRING) return stringArb;
  if (scalar === ScalarType.BOOL) return fc.constantFrom("true", "false");
  return fc.integer({ min: 0, max: 1000 }).map(String);
}

/** The JSON of one field's value. */
export function fieldValueArb(field: DescField, depth = 0): fc.Arbitrary<Json> {
  switch (field.fieldKind) {
    case "scalar":
      return scalarArb(field.scalar);
    case "enum":
      return fc.constantFrom(...field.enum.values.map((v) => v.name));
    case "message":
      return messageValueArb(field.message, depth);
    case "list": {
      const element =
        field.listKind === "scalar"
          ? scalarArb(field.scalar)
          : field.listKind === "enum"
            ? fc.constantFrom(...field.enum.values.map((v) => v.name))
            : messageValueArb(field.message, depth);
      return fc.array(element, { maxLength: 3 });
    }
    case "map": {
      const value =
        field.mapKind === "scalar"
          ? scalarArb(field.scalar)
          : field.mapKind === "enum"
            ? fc.constantFrom(...field.enum.values.map((v) => v.name))
            : messageValueArb(field.message, depth);
      return fc.dictionary(mapKeyArb(field.mapKey), value, { maxKeys: 3 });
    }
  }
}

/** A well-formed message of `message` in JSON: any subset of its fields, at most one member per oneof. */
export function messageArb(message: DescMessage, depth = 0): fc.Arbitrary<{ [key: string]: Json }> {
  const plain = message.fields.filter((f) => f.oneof === undefined);
  const record: Record<string, fc.Arbitrary<Json>> = {};
  for (const field of plain) record[field.jsonName] = fieldValueArb(field, depth);
  const base = fc.record(record, { requiredKeys: [] }) as fc.Arbitrary<{ [key: string]: Json }>;
  if (message.oneofs.length === 0) return base;
  const oneofs = message.oneofs.map((oneof) =>
    fc.option(fc.oneof(...oneof.fields.map((f) => fieldValueArb(f, depth).map((v) => [f.jsonName, v] as const))), {
      nil: undefined,
    }),
  );
  return fc.tuple(base, ...oneofs).map(([fields, ...chosen]) => {
    const out = { ...fields };
    for (const pick of chosen) if (pick) out[pick[0]] = pick[1];
    return out;
  });
}

/** The binary encoding of a JSON message; empty when the JSON does not parse (a damaged input). */
export function toBinaryOrEmpty(message: DescMessage, json: Json): Uint8Array {
  try {
    return toBinary(message, fromJson(message, json as never, { ignoreUnknownFields: true }));
  } catch {
    return new Uint8Array(0);
  }
}

/** Every field of `message` and of its nested messages (to `depth`), with the JSON path to it. */
export function fieldPaths(
  message: DescMessage,
  depth = 2,
  prefix: string[] = [],
): { path: string[]; field: DescField }[] {
  const out: { path: string[]; field: DescField }[] = [];
  for (const field of message.fields) {
    const path = [...prefix, field.jsonName];
    out.push({ path, field });
    if (
      depth > 0 &&
      field.fieldKind === "message" &&
      !field.message.typeName.startsWith("google.protobuf.") &&
      field.message !== message
    ) {
      out.push(...fieldPaths(field.message, depth - 1, path));
    }
  }
  return out;
}
