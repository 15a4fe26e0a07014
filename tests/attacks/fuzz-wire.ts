/**
 * Byte-level pieces of hostile requests: protobuf wire encoding written by hand (so it can be
 * wrong on purpose), message frames with lying length prefixes, and the deepest recursion a
 * request message allows (google.protobuf.Value inside itself).
 */
import type { DescField, DescMessage } from "@bufbuild/protobuf";

/** Base-128 varint of a non-negative integer (bigint for values past 2^53). */
export function varint(value: number | bigint): Uint8Array {
  let v = BigInt(value);
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return Uint8Array.from(out);
}

/** A field tag: number and wire type. */
export function tag(field: number, wireType: number): Uint8Array {
  return varint((BigInt(field) << 3n) | BigInt(wireType));
}

/** A length-delimited field. */
export function delimited(field: number, content: Uint8Array): Uint8Array {
  return Buffer.concat([tag(field, 2), varint(content.byteLength), content]);
}

/** A gRPC / Connect envelope: flags, a 4-byte big-endian length (which may lie), the payload. */
export function frame(payload: Uint8Array, flags = 0, declaredLength = payload.byteLength): Uint8Array {
  const head = Buffer.alloc(5);
  head[0] = flags;
  head.writeUInt32BE(declaredLength >>> 0, 1);
  return Buffer.concat([head, payload]);
}

/** One step from a message down to a google.protobuf.Value somewhere inside it. */
export interface ValueStep {
  readonly field: DescField;
  readonly container: "message" | "map" | "list";
}

/** The shortest path (up to `depth` fields) from `message` to a google.protobuf.Value field. */
export function pathToValue(message: DescMessage, depth = 3): ValueStep[] | undefined {
  const valueTypeOf = (f: DescField): { container: ValueStep["container"]; type?: DescMessage } => {
    if (f.fieldKind === "message") return { container: "message", type: f.message };
    if (f.fieldKind === "map" && f.mapKind === "message") return { container: "map", type: f.message };
    if (f.fieldKind === "list" && f.listKind === "message") return { container: "list", type: f.message };
    return { container: "message" };
  };
  for (const f of message.fields) {
    const { container, type } = valueTypeOf(f);
    if (type?.typeName === "google.protobuf.Value") return [{ field: f, container }];
  }
  if (depth <= 1) return undefined;
  for (const f of message.fields) {
    const { container, type } = valueTypeOf(f);
    if (!type || type.typeName.startsWith("google.protobuf.") || type === message) continue;
    const rest = pathToValue(type, depth - 1);
    if (rest) return [{ field: f, container }, ...rest];
  }
  return undefined;
}

/** A google.protobuf.Value of lists nested `depth` deep, in binary. */
function deepValueBinary(depth: number): Uint8Array {
  let value: Uint8Array = Uint8Array.from([0x08, 0x00]); // null_value
  for (let i = 0; i < depth; i++) value = delimited(6, delimited(1, value)); // list_value.values
  return value;
}

/** A request whose Value at `path` nests lists `depth` deep, in binary. */
export function deepBinary(path: readonly ValueStep[], depth: number): Uint8Array {
  let content = deepValueBinary(depth);
  for (let i = path.length - 1; i >= 0; i--) {
    const step = path[i] as ValueStep;
    if (step.container === "map") {
      const entry = Buffer.concat([delimited(1, Buffer.from("k")), delimited(2, content)]);
      content = delimited(step.field.number, entry);
    } else {
      content = delimited(step.field.number, content);
    }
  }
  return content;
}

/** The same request in JSON text. */
export function deepJson(path: readonly ValueStep[], depth: number): string {
  const marker = "\u0000deep\u0000";
  let node: unknown = marker;
  for (let i = path.length - 1; i >= 0; i--) {
    const step = path[i] as ValueStep;
    const name = step.field.jsonName;
    node =
      step.container === "map"
        ? { [name]: { k: node } }
        : step.container === "list"
          ? { [name]: [node] }
          : { [name]: node };
  }
  return JSON.stringify(node).replace(JSON.stringify(marker), `${"[".repeat(depth)}${"]".repeat(depth)}`);
}
