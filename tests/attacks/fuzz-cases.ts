/**
 * The fuzzer's cases: fast-check arbitraries of hostile requests, each a plain description of the
 * bytes to send (so a case is reproducible from the seed and readable in a report). Three kinds:
 * RPCs of every arbiter.v1 and inference.GRPCInferenceService method (found in the descriptors,
 * over Connect JSON, Connect binary, gRPC and gRPC-Web), the Open Inference Protocol's REST
 * routes, and `/login`.
 */
import { type DescField, type DescMessage, type DescMethod, type DescService, ScalarType } from "@bufbuild/protobuf";
import fc from "fast-check";
import { fieldPaths, type Json, messageArb, toBinaryOrEmpty } from "./fuzz-messages.ts";
import { deepBinary, deepJson, delimited, frame, pathToValue, tag, varint } from "./fuzz-wire.ts";

/** How the answer to a request carries its status. */
export type AnswerKind = "grpc" | "grpc-web" | "connect" | "connect-stream" | "http";

/** One request to send, and how to read its answer. */
export interface FuzzRequest {
  /** The RPC (`service/Method`) or the HTTP route. */
  readonly target: string;
  /** How the request is malformed, for the report. */
  readonly how: string;
  readonly http2: boolean;
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string | string[]>;
  readonly body: Uint8Array;
  readonly answer: AnswerKind;
  /**
   * Sent on a connection of its own: a request the server may answer by punishing the whole
   * HTTP/2 session (too many headers), which must not cost the requests beside it their answers.
   */
  readonly ownConnection?: boolean;
}

/** One RPC of the API under attack. */
export interface RpcMethod {
  readonly service: DescService;
  readonly method: DescMethod;
  readonly path: string;
  readonly streaming: boolean;
}

/** Every method of the given services. */
export function rpcMethods(services: readonly DescService[]): RpcMethod[] {
  return services.flatMap((service) =>
    service.methods.map((method) => ({
      service,
      method,
      path: `/${service.typeName}/${method.name}`,
      streaming: method.methodKind !== "unary",
    })),
  );
}

/** Settings the cases depend on. */
export interface CaseSettings {
  readonly apiKey: string;
  /** The gateway's `gateway.maxMessageBytes`: huge fields are sized around it. */
  readonly maxMessageBytes: number;
}

type Protocol = "connect-json" | "connect-proto" | "connect-h2" | "grpc" | "grpc-json" | "grpc-web";
type Headers = Record<string, string | string[]>;

const text = (s: string) => Buffer.from(s, "utf8");

// ---------------------------------------------------------------------------------------------
// Credentials
// ---------------------------------------------------------------------------------------------

/** The credential headers of a case: mostly the valid key, a share of missing or garbage ones. */
function credentialArb(apiKey: string): fc.Arbitrary<{ headers: Headers; how: string }> {
  const valid = { headers: { authorization: `Bearer ${apiKey}` }, how: "" };
  const bad: fc.Arbitrary<{ headers: Headers; how: string }> = fc.oneof(
    fc.constant({ headers: {}, how: "no credentials" }),
    fc.string({ minLength: 1, maxLength: 60, unit: "binary-ascii" }).map((s) => ({
      headers: { authorization: `Bearer ${s.replace(/[^\x21-\x7e]/g, "x")}` },
      how: "garbage bearer token",
    })),
    fc.constant({ headers: { authorization: "Bearer" }, how: "empty bearer token" }),
    fc.constant({
      headers: { authorization: `Basic ${Buffer.from("admin:admin").toString("base64")}` },
      how: "basic auth",
    }),
    fc.constant({
      headers: { authorization: "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9." },
      how: "unsigned JWT (alg none)",
    }),
    fc.constant({
      headers: { authorization: "Bearer eyJhbGciOiJIUzI1NiJ9.e30.AAAA" },
      how: "JWT with a forged signature",
    }),
    fc.constant({ headers: { authorization: `Bearer ${"k".repeat(8000)}` }, how: "8,000-character bearer token" }),
    fc.constant({ headers: { "x-api-key": `${apiKey.slice(0, -1)}!` }, how: "x-api-key one character off" }),
    fc.constant({ headers: { "x-api-key": "" }, how: "empty x-api-key" }),
    fc.constant({
      headers: { authorization: `Bearer ${apiKey}`, "x-arbiter-tenant": "../../etc" },
      how: "x-arbiter-tenant with a path",
    }),
  );
  return fc.oneof({ weight: 9, arbitrary: fc.constant(valid) }, { weight: 1, arbitrary: bad });
}

// ---------------------------------------------------------------------------------------------
// RPC damage
// ---------------------------------------------------------------------------------------------

/** What is done to a well-formed message before it is sent. */
type Damage =
  | { kind: "none" }
  | { kind: "random-bytes"; bytes: Uint8Array }
  | { kind: "truncate"; at: number }
  | { kind: "garble"; flips: [number, number][] }
  | { kind: "wrong-type"; field: number; value: Json }
  | { kind: "absurd-number"; field: number; value: Json }
  | { kind: "unknown-enum"; field: number; value: Json; binary: boolean }
  | { kind: "huge"; field: number; size: number; binary: boolean }
  | { kind: "odd-json"; variant: number }
  | { kind: "bad-wire"; variant: number; field: number }
  | { kind: "deep"; depth: number; binary: boolean }
  | { kind: "content-type"; value: string }
  | { kind: "framing"; variant: number; extra: number }
  | { kind: "headers"; variant: number }
  | { kind: "timeout"; value: string }
  | { kind: "connect-get"; query: string };

const ABSURD_NUMBERS: Json[] = [
  "NaN",
  "Infinity",
  "-Infinity",
  -1,
  -2147483649,
  2147483648,
  4294967296,
  "9223372036854775808",
  "-9223372036854775809",
  "18446744073709551616",
  1e308,
  -1e308,
  1.5,
  -0.5,
  "1e999",
  "0x10",
  " 7",
  "",
];

const WRONG_TYPES: Json[] = [123, "abc", {}, [], true, null, { x: 1 }, [[1]], 1.5, "", -1, [{}], "\u0000"];

const UNKNOWN_ENUMS: Json[] = ["NOT_A_VALUE", 999999, -1, 2147483647, "", "0", "unspecified", { name: "X" }];

/** Raw JSON bodies that are odd or broken; `{}` is swapped in where a variant needs an object. */
const ODD_JSON: readonly (string | Uint8Array)[] = [
  "",
  "null",
  "[]",
  '"just a string"',
  "42",
  "true",
  "{",
  "{}}",
  "{} trailing",
  '{"a":1,"a":2}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"x":1}}}',
  "\ufeff{}",
  '{"x": 1e999}',
  '{"x": 123456789012345678901234567890}',
  '{"x": NaN}',
  '{"x": -Infinity}',
  "{/* comment */}",
  '{"\\ud800": "\\udfff"}',
  '{"name": "\\u0000\\u0000"}',
  "{'single': 'quotes'}",
  '{"x":',
  Uint8Array.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), // invalid UTF-8 in a key
  Uint8Array.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]), // UTF-16 with a BOM
  `{${'"k":0,'.repeat(20000)}"k":0}`, // 20,000 duplicate keys
  `{"unknownFieldName": ${"[".repeat(5000)}${"]".repeat(5000)}}`,
];

const BAD_CONTENT_TYPES = [
  "text/plain",
  "application/xml",
  "application/json; charset=latin1",
  "application/json; charset=utf-16",
  "application/proto; charset=utf-8",
  "application/grpc-web-text",
  "application/grpc+xml",
  "application/connect+json",
  "multipart/form-data; boundary=x",
  "application/x-www-form-urlencoded",
  "",
  "application/json, application/proto",
  "*/*",
];

const BAD_TIMEOUTS: { header: string; value: string }[] = [
  { header: "grpc-timeout", value: "abc" },
  { header: "grpc-timeout", value: "" },
  { header: "grpc-timeout", value: "1" },
  { header: "grpc-timeout", value: "-1S" },
  { header: "grpc-timeout", value: "999999999S" },
  { header: "grpc-timeout", value: "99999999H" },
  { header: "grpc-timeout", value: "1.5S" },
  { header: "grpc-timeout", value: "0n" },
  { header: "grpc-timeout", value: "1x" },
  { header: "grpc-timeout", value: "1H1M" },
  { header: "connect-timeout-ms", value: "-5" },
  { header: "connect-timeout-ms", value: "abc" },
  { header: "connect-timeout-ms", value: "1e3" },
  { header: "connect-timeout-ms", value: "99999999999999999999" },
  { header: "connect-timeout-ms", value: "0" },
];

const HEADER_VARIANTS = [
  "oversized header (20 KB)",
  "300 headers",
  "duplicated content-type",
  "duplicated grpc-timeout",
  "connect-protocol-version 2",
  "te: garbage (HTTP/1.1), a grpc-status request header (HTTP/2)",
  "grpc-accept-encoding garbage",
  "traceparent garbage",
  "x-arbiter-tenant garbage",
  "content-encoding gzip on a plain body",
  "grpc-encoding identity with the compressed flag",
  "accept-encoding garbage",
  "binary metadata (-bin) that is not base64",
];

const FRAMING_VARIANTS = [
  "length prefix larger than the message",
  "length prefix smaller than the message",
  "length prefix 0xffffffff",
  "compressed flag without grpc-encoding",
  "flags 0x80 (a trailer frame) in a request",
  "flags 0xff",
  "a partial frame header",
  "empty body",
  "two messages",
  "grpc-encoding gzip and a message that is not gzip",
  "grpc-encoding snappy (unsupported)",
];

const BAD_WIRE_VARIANTS = [
  "wire type 7 (invalid)",
  "wire type mismatch (varint for a length-delimited field)",
  "length past the end",
  "11-byte varint",
  "start group without its end",
  "field number 0",
  "field number past 2^29",
  "packed field with a partial varint",
];

/** The damage a case does, sized to the method. */
function damageArb(m: RpcMethod, settings: CaseSettings): fc.Arbitrary<Damage> {
  const fieldCount = Math.max(1, fieldPaths(m.method.input).length);
  const field = fc.nat({ max: fieldCount - 1 });
  const huge = [70_000, 1_000_000, settings.maxMessageBytes - 64, settings.maxMessageBytes + 64];
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant<Damage>({ kind: "none" }) },
    {
      weight: 6,
      arbitrary: fc.uint8Array({ maxLength: 200 }).map<Damage>((bytes) => ({ kind: "random-bytes", bytes })),
    },
    {
      weight: 4,
      arbitrary: fc.double({ min: 0, max: 0.999, noNaN: true }).map<Damage>((at) => ({ kind: "truncate", at })),
    },
    {
      weight: 4,
      arbitrary: fc
        .array(fc.tuple(fc.double({ min: 0, max: 0.999, noNaN: true }), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 4,
        })
        .map<Damage>((flips) => ({ kind: "garble", flips })),
    },
    {
      weight: 6,
      arbitrary: fc.tuple(field, fc.constantFrom(...WRONG_TYPES)).map<Damage>(([f, value]) => ({
        kind: "wrong-type",
        field: f,
        value,
      })),
    },
    {
      weight: 6,
      arbitrary: fc.tuple(field, fc.constantFrom(...ABSURD_NUMBERS)).map<Damage>(([f, value]) => ({
        kind: "absurd-number",
        field: f,
        value,
      })),
    },
    {
      weight: 3,
      arbitrary: fc.tuple(field, fc.constantFrom(...UNKNOWN_ENUMS), fc.boolean()).map<Damage>(([f, value, binary]) => ({
        kind: "unknown-enum",
        field: f,
        value,
        binary,
      })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          field,
          fc.oneof(
            { weight: 8, arbitrary: fc.constant(huge[0] as number) },
            { weight: 2, arbitrary: fc.constant(huge[1] as number) },
            { weight: 1, arbitrary: fc.constantFrom(huge[2] as number, huge[3] as number) },
          ),
          fc.boolean(),
        )
        .map<Damage>(([f, size, binary]) => ({ kind: "huge", field: f, size, binary })),
    },
    {
      weight: 4,
      arbitrary: fc.nat({ max: ODD_JSON.length - 1 }).map<Damage>((variant) => ({ kind: "odd-json", variant })),
    },
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.nat({ max: BAD_WIRE_VARIANTS.length - 1 }), field)
        .map<Damage>(([variant, f]) => ({ kind: "bad-wire", variant, field: f })),
    },
    {
      weight: pathToValue(m.method.input) ? 2 : 0,
      arbitrary: fc
        .tuple(fc.constantFrom(100, 1000, 10_000, 20_000), fc.boolean())
        .map<Damage>(([depth, binary]) => ({ kind: "deep", depth, binary })),
    },
    {
      weight: 3,
      arbitrary: fc.constantFrom(...BAD_CONTENT_TYPES).map<Damage>((value) => ({ kind: "content-type", value })),
    },
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.nat({ max: FRAMING_VARIANTS.length - 1 }), fc.integer({ min: 1, max: 64 }))
        .map<Damage>(([variant, extra]) => ({ kind: "framing", variant, extra })),
    },
    {
      weight: 3,
      arbitrary: fc.nat({ max: HEADER_VARIANTS.length - 1 }).map<Damage>((variant) => ({ kind: "headers", variant })),
    },
    {
      weight: 3,
      arbitrary: fc.nat({ max: BAD_TIMEOUTS.length - 1 }).map<Damage>((i) => ({ kind: "timeout", value: String(i) })),
    },
    {
      weight: m.streaming ? 0 : 1,
      arbitrary: fc
        .constantFrom(
          "message=%7B%7D",
          "encoding=json&message=%7B",
          "encoding=proto&base64=1&message=!!!",
          "encoding=xml&message=x",
          "connect=v1&encoding=json&message=%7B%7D",
          "connect=v1&encoding=json&base64=1&message=e30",
          "connect=v9&encoding=json&message=%7B%7D",
          "connect=v1&encoding=json&compression=gzip&message=%7B%7D",
          "",
        )
        .map<Damage>((query) => ({ kind: "connect-get", query })),
    },
  );
}

function setPath(root: { [key: string]: Json }, path: readonly string[], value: Json): void {
  let node: { [key: string]: Json } = root;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== "object" || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as { [key: string]: Json };
  }
  node[path[path.length - 1] as string] = value;
}

function fieldAt(message: DescMessage, index: number): { path: string[]; field: DescField } | undefined {
  const paths = fieldPaths(message);
  return paths[index % Math.max(1, paths.length)];
}

/** A value of `size` bytes or so for the field: a long string, or a long list. */
function hugeValue(field: DescField, size: number): Json {
  if (field.fieldKind === "list") {
    if (field.listKind === "scalar") return new Array<Json>(Math.floor(size / 2)).fill(1);
    return new Array<Json>(Math.min(200_000, Math.floor(size / 3))).fill({});
  }
  if (field.fieldKind === "map") {
    const out: { [key: string]: Json } = {};
    for (let i = 0; i < Math.min(100_000, size / 16); i++) out[`k${i}`] = field.mapKind === "message" ? {} : "v";
    return out;
  }
  return "a".repeat(size);
}

function badWire(variant: number, field: DescField | undefined): Uint8Array {
  const n = field?.number ?? 1;
  switch (variant) {
    case 0:
      return Buffer.concat([tag(n, 7), Uint8Array.from([1, 2, 3])]);
    case 1: {
      // the wire type the field does not have
      const delimitedField =
        field === undefined ||
        field.fieldKind === "message" ||
        field.fieldKind === "map" ||
        (field.fieldKind === "list" && field.listKind === "message") ||
        (field.fieldKind === "scalar" && (field.scalar === ScalarType.STRING || field.scalar === ScalarType.BYTES));
      return delimitedField ? Buffer.concat([tag(n, 0), varint(300)]) : delimited(n, text("xyz"));
    }
    case 2:
      return Buffer.concat([tag(n, 2), varint(2 ** 31), text("abc")]);
    case 3:
      return Buffer.concat([tag(n, 0), Uint8Array.from(new Array(11).fill(0xff))]);
    case 4:
      return tag(n, 3);
    case 5:
      return Uint8Array.from([0x00, 0x01]);
    case 6:
      return Buffer.concat([tag(2 ** 29 + 1, 0), varint(1)]);
    default:
      return Buffer.concat([tag(n, 2), varint(3), Uint8Array.from([0x80, 0x80, 0x80])]);
  }
}

/** The body bytes of a damaged message, before framing; `json` says whether it is JSON text. */
interface Payload {
  bytes: Uint8Array;
  json: boolean;
  how: string;
}

function payloadOf(m: RpcMethod, message: { [key: string]: Json }, damage: Damage, preferJson: boolean): Payload {
  const input = m.method.input;
  const binary = () => toBinaryOrEmpty(input, message);
  const natural = (how: string): Payload =>
    preferJson ? { bytes: text(JSON.stringify(message)), json: true, how } : { bytes: binary(), json: false, how };
  switch (damage.kind) {
    case "random-bytes":
      return { bytes: damage.bytes, json: false, how: `${damage.bytes.byteLength} random bytes as the message` };
    case "truncate": {
      const whole = preferJson ? text(JSON.stringify(message)) : binary();
      const at = Math.floor(whole.byteLength * damage.at);
      return {
        bytes: whole.subarray(0, at),
        json: preferJson,
        how: `message truncated at ${at}/${whole.byteLength} bytes`,
      };
    }
    case "garble": {
      const whole = Buffer.from(preferJson ? text(JSON.stringify(message)) : binary());
      for (const [where, byte] of damage.flips)
        if (whole.byteLength > 0) whole[Math.floor(where * whole.byteLength)] = byte;
      return { bytes: whole, json: preferJson, how: `message with ${damage.flips.length} bytes overwritten` };
    }
    case "wrong-type":
    case "absurd-number": {
      const target = fieldAt(input, damage.field);
      if (!target) return natural("no fields to damage");
      const value =
        target.field.fieldKind === "list" && damage.kind === "absurd-number" ? [damage.value, 1] : damage.value;
      const copy = structuredClone(message);
      setPath(copy, target.path, value);
      return {
        bytes: text(JSON.stringify(copy)),
        json: true,
        how: `${target.path.join(".")} = ${JSON.stringify(value)} (${damage.kind})`,
      };
    }
    case "unknown-enum": {
      const enums = fieldPaths(input).filter(
        (p) => p.field.fieldKind === "enum" || (p.field.fieldKind === "list" && p.field.listKind === "enum"),
      );
      const target = enums[damage.field % Math.max(1, enums.length)];
      if (!target) return natural("no enum field");
      const value = target.field.fieldKind === "list" ? [damage.value] : damage.value;
      const copy = structuredClone(message);
      setPath(copy, target.path, value);
      const how = `${target.path.join(".")} = ${JSON.stringify(value)} (unknown enum value)`;
      const encoded = damage.binary && typeof damage.value === "number" ? toBinaryOrEmpty(input, copy) : undefined;
      return encoded && encoded.byteLength > 0
        ? { bytes: encoded, json: false, how }
        : { bytes: text(JSON.stringify(copy)), json: true, how };
    }
    case "huge": {
      const target = fieldAt(input, damage.field);
      if (!target) return natural("no fields to grow");
      const copy = structuredClone(message);
      setPath(copy, target.path, hugeValue(target.field, damage.size));
      const how = `${target.path.join(".")} of about ${damage.size} bytes`;
      const encoded = damage.binary ? toBinaryOrEmpty(input, copy) : undefined;
      return encoded && encoded.byteLength > 0
        ? { bytes: encoded, json: false, how }
        : { bytes: text(JSON.stringify(copy)), json: true, how };
    }
    case "odd-json": {
      const body = ODD_JSON[damage.variant] as string | Uint8Array;
      const bytes = typeof body === "string" ? text(body) : body;
      return { bytes, json: true, how: `odd JSON #${damage.variant} (${bytes.byteLength} bytes)` };
    }
    case "bad-wire": {
      const target = input.fields[damage.field % Math.max(1, input.fields.length)];
      return {
        bytes: Buffer.concat([binary(), badWire(damage.variant, target)]),
        json: false,
        how: `protobuf with ${BAD_WIRE_VARIANTS[damage.variant]} on field ${target?.name ?? 1}`,
      };
    }
    case "deep": {
      const path = pathToValue(input);
      if (!path) return natural("no Value field");
      const where = path.map((s) => s.field.name).join(".");
      return damage.binary
        ? { bytes: deepBinary(path, damage.depth), json: false, how: `${where} nested ${damage.depth} lists deep` }
        : { bytes: text(deepJson(path, damage.depth)), json: true, how: `${where} nested ${damage.depth} arrays deep` };
    }
    default:
      return natural("");
  }
}

const CONTENT_TYPES: Record<Protocol, { json: string; proto: string }> = {
  "connect-json": { json: "application/json", proto: "application/proto" },
  "connect-proto": { json: "application/json", proto: "application/proto" },
  "connect-h2": { json: "application/json", proto: "application/proto" },
  grpc: { json: "application/grpc+json", proto: "application/grpc" },
  "grpc-json": { json: "application/grpc+json", proto: "application/grpc+proto" },
  "grpc-web": { json: "application/grpc-web+json", proto: "application/grpc-web+proto" },
};

function compose(
  m: RpcMethod,
  protocol: Protocol,
  message: { [key: string]: Json },
  damage: Damage,
  credentials: { headers: Headers; how: string },
): FuzzRequest {
  const framed = protocol === "grpc" || protocol === "grpc-json" || protocol === "grpc-web" || m.streaming;
  const preferJson = protocol === "connect-json" || protocol === "grpc-json";
  const payload = payloadOf(m, message, damage, preferJson);
  const types = CONTENT_TYPES[protocol];
  let contentType = payload.json ? types.json : types.proto;
  if (m.streaming && protocol.startsWith("connect"))
    contentType = payload.json ? "application/connect+json" : "application/connect+proto";
  const isGrpc = protocol === "grpc" || protocol === "grpc-json";
  const http2Protocol = isGrpc || protocol === "connect-h2";
  const headers: Headers = { "content-type": contentType, ...credentials.headers };
  if (isGrpc) headers.te = "trailers";
  if (protocol.startsWith("connect")) {
    headers["connect-protocol-version"] = "1";
    headers["connect-timeout-ms"] = "5000";
  } else {
    headers["grpc-timeout"] = "5S";
  }
  let body = framed ? frame(payload.bytes) : payload.bytes;
  let how = payload.how;
  let method = "POST";
  let path = m.path;
  switch (damage.kind) {
    case "content-type":
      headers["content-type"] = damage.value;
      how = `content-type ${JSON.stringify(damage.value)}`;
      break;
    case "framing": {
      const p = payload.bytes;
      how = FRAMING_VARIANTS[damage.variant] as string;
      switch (damage.variant) {
        case 0:
          body = frame(p, 0, p.byteLength + damage.extra);
          break;
        case 1:
          body = frame(p, 0, Math.max(0, p.byteLength - damage.extra));
          break;
        case 2:
          body = frame(p, 0, 0xffffffff);
          break;
        case 3:
          body = frame(p, 1);
          break;
        case 4:
          body = frame(p, 0x80);
          break;
        case 5:
          body = frame(p, 0xff);
          break;
        case 6:
          body = frame(p).subarray(0, damage.extra % 5);
          break;
        case 7:
          body = new Uint8Array(0);
          break;
        case 8:
          body = Buffer.concat([frame(p), frame(p)]);
          break;
        case 9:
          body = frame(p, 1);
          headers[protocol.startsWith("connect") ? "connect-content-encoding" : "grpc-encoding"] = "gzip";
          if (!framed) {
            body = p;
            headers["content-encoding"] = "gzip";
          }
          break;
        default:
          body = frame(p, 1);
          headers[protocol.startsWith("connect") ? "connect-content-encoding" : "grpc-encoding"] = "snappy";
          if (!framed) {
            body = p;
            headers["content-encoding"] = "snappy";
          }
      }
      break;
    }
    case "headers":
      how = HEADER_VARIANTS[damage.variant] as string;
      switch (damage.variant) {
        case 0:
          headers["x-padding"] = "p".repeat(20_000);
          break;
        case 1:
          for (let i = 0; i < 300; i++) headers[`x-extra-${i}`] = String(i);
          break;
        case 2:
          // HTTP/2 clients refuse to repeat content-type: there it is one field with two values.
          headers["content-type"] = http2Protocol ? `${contentType}, text/plain` : [contentType, "text/plain"];
          break;
        case 3:
          headers["grpc-timeout"] = ["5S", "1m"];
          break;
        case 4:
          headers["connect-protocol-version"] = "2";
          break;
        case 5:
          // HTTP/2 allows only "te: trailers"; there the garbage goes in grpc-status, a response header.
          if (http2Protocol) headers["grpc-status"] = "0";
          else headers.te = "gzip, deflate";
          break;
        case 6:
          headers["grpc-accept-encoding"] = ",,;;==";
          break;
        case 7:
          headers.traceparent = "00-zzzzzzzz-not-a-span-01";
          break;
        case 8:
          headers["x-arbiter-tenant"] = "%%%/../x";
          break;
        case 9:
          headers["content-encoding"] = "gzip";
          break;
        case 10:
          headers["grpc-encoding"] = "identity";
          body = frame(payload.bytes, 1);
          break;
        case 11:
          headers["accept-encoding"] = "br;q=x, *;q=-1";
          break;
        default:
          headers["x-meta-bin"] = "!!not base64!!";
      }
      break;
    case "timeout": {
      const t = BAD_TIMEOUTS[Number(damage.value)] as { header: string; value: string };
      delete headers["grpc-timeout"];
      delete headers["connect-timeout-ms"];
      headers[t.header] = t.value;
      how = `${t.header}: ${JSON.stringify(t.value)}`;
      break;
    }
    case "connect-get":
      method = "GET";
      path = `${m.path}?${damage.query}`;
      delete headers["content-type"];
      body = new Uint8Array(0);
      how = `Connect GET ?${damage.query}`;
      break;
    default:
      break;
  }
  const answer: AnswerKind =
    method === "GET"
      ? "connect"
      : damage.kind === "content-type"
        ? answerOfContentType(damage.value, m.streaming)
        : protocol === "grpc-web"
          ? "grpc-web"
          : isGrpc
            ? "grpc"
            : m.streaming && method === "POST"
              ? "connect-stream"
              : "connect";
  const credentialHow = credentials.how ? `, ${credentials.how}` : "";
  return {
    target: m.path.slice(1),
    how: `${protocol}: ${how || "well-formed message"}${credentialHow}`,
    http2: http2Protocol,
    ownConnection: http2Protocol && damage.kind === "headers" && damage.variant <= 1,
    method,
    path,
    headers,
    body,
    answer,
  };
}

/**
 * How the answer to a request of this content-type carries its status: the server picks the
 * protocol from the content-type, whatever the rest of the request looks like.
 */
function answerOfContentType(type: string, streaming: boolean): AnswerKind {
  if (type.startsWith("application/grpc-web")) return "grpc-web";
  if (type.startsWith("application/grpc")) return "grpc";
  if (type.startsWith("application/connect+")) return "connect-stream";
  if (!streaming && (type.startsWith("application/json") || type.startsWith("application/proto"))) return "connect";
  return "http";
}

/** Hostile calls of the given RPCs. */
export function rpcCaseArb(methods: readonly RpcMethod[], settings: CaseSettings): fc.Arbitrary<FuzzRequest> {
  const protocols: fc.Arbitrary<Protocol> = fc.constantFrom(
    "connect-json",
    "connect-json",
    "connect-proto",
    "connect-h2",
    "grpc",
    "grpc",
    "grpc-json",
    "grpc-web",
  );
  return fc
    .constantFrom(...methods)
    .chain((m) =>
      fc
        .tuple(protocols, messageArb(m.method.input), damageArb(m, settings), credentialArb(settings.apiKey))
        .map(([protocol, message, damage, credentials]) => compose(m, protocol, message, damage, credentials)),
    );
}

// ---------------------------------------------------------------------------------------------
// Open Inference Protocol REST routes and /login
// ---------------------------------------------------------------------------------------------

const MODEL_NAMES = [
  "risk-classifier",
  "diabetes-regressor",
  "nope",
  "..%2F..%2Fetc%2Fpasswd",
  "%2e%2e",
  "%",
  "%zz",
  "%00",
  "a%2Fb",
  "%E2%82",
  "%F0%9F%98%80",
  "x".repeat(5000),
  "stats",
  "-1",
];
const VERSIONS = ["1", "0", "-1", "production", "9223372036854775808", "1.5", "%", "..%2F..", "x".repeat(300)];
const DATATYPES = [
  "FP32",
  "FP64",
  "INT64",
  "INT8",
  "BYTES",
  "BOOL",
  "UINT64",
  "FP16",
  "BF16",
  "FP128",
  "",
  "fp32",
  "STRING",
];

const shapeArb: fc.Arbitrary<Json> = fc.oneof(
  fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 3 }),
  fc.constantFrom<Json>(
    [1, 30],
    [1, 10],
    [-1, 10],
    [0],
    [2 ** 31, 2 ** 31],
    [1e20],
    [1.5],
    ["1"],
    [null],
    5,
    "1,2",
    [],
    [[1]],
  ),
  fc.constant<Json>([9007199254740992, 1]),
);

const dataArb: fc.Arbitrary<Json> = fc.oneof(
  fc.array(fc.double({ noNaN: true, min: -10, max: 10 }), { maxLength: 40 }),
  fc.array(fc.array(fc.integer(), { maxLength: 3 }), { maxLength: 3 }),
  fc.constantFrom<Json>(["a", "b"], [true, false], "not a list", {}, null, [null], [[[[1]]]], [1e308, -1e308], ["NaN"]),
);

const tensorArb: fc.Arbitrary<Json> = fc.record(
  {
    name: fc.constantFrom("features", "input", "", "x".repeat(300)),
    datatype: fc.constantFrom(...DATATYPES),
    shape: shapeArb,
    data: dataArb,
    parameters: fc.oneof(
      fc.constant<Json>({}),
      fc.constantFrom<Json>(
        { binary_data_size: -1 },
        { binary_data_size: 2 ** 40 },
        { binary_data_size: "12" },
        { binary_data_size: 8 },
        { binary_data: true },
        null,
        [],
      ),
    ),
  },
  { requiredKeys: ["name"] },
);

const inferBodyArb: fc.Arbitrary<Json> = fc.record(
  {
    id: fc.oneof(fc.string({ maxLength: 10 }), fc.constant<Json>(5)),
    inputs: fc.oneof(fc.array(tensorArb, { maxLength: 3 }), fc.constantFrom<Json>({}, "x", null)),
    outputs: fc.oneof(
      fc.constant<Json>([{ name: "probabilities", parameters: { binary_data: true } }]),
      fc.constantFrom<Json>([{}], [{ name: 5 }], "x", [{ name: "nope", parameters: { classification: -3 } }]),
    ),
    parameters: fc.constantFrom<Json>(
      {},
      { timeout: -1 },
      { timeout: 2 ** 63 },
      { timeout: "soon" },
      { timeout: 1 },
      { binary_data_output: "yes" },
      { sequence_id: 2 ** 64 },
      [],
    ),
  },
  { requiredKeys: [] },
);

/** Hostile requests to the OIP REST routes. */
export function restCaseArb(apiKey: string): fc.Arbitrary<FuzzRequest> {
  const modelPath = fc
    .tuple(
      fc.constantFrom(...MODEL_NAMES),
      fc.option(fc.constantFrom(...VERSIONS), { nil: undefined }),
      fc.constantFrom("", "/ready", "/config", "/stats", "/infer", "/infer", "/infer", "/metadata", "/ready/"),
    )
    .map(
      ([name, version, action]) => `/v2/models/${name}${version === undefined ? "" : `/versions/${version}`}${action}`,
    );
  const path = fc.oneof(
    { weight: 6, arbitrary: modelPath },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        "/v2",
        "/v2/",
        "/v2/health/live",
        "/v2/health/ready",
        "/v2/health/../health/live",
        "/v2/models/stats",
        "/v2/repository/index",
        "/v2/models",
        "/v2/models/",
      ),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...MODEL_NAMES), fc.constantFrom("load", "unload"))
        .map(([name, op]) => `/v2/repository/models/${name}/${op}`),
    },
  );
  const httpMethod = fc.oneof(
    { weight: 8, arbitrary: fc.constant("AUTO") },
    { weight: 2, arbitrary: fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD") },
  );
  const bodyArb: fc.Arbitrary<{ body: Uint8Array; headers: Headers; how: string }> = fc.oneof(
    {
      weight: 4,
      arbitrary: inferBodyArb.map((j) => ({ body: text(JSON.stringify(j)), headers: {}, how: "JSON request" })),
    },
    {
      weight: 2,
      arbitrary: fc.nat({ max: ODD_JSON.length - 1 }).map((i) => {
        const b = ODD_JSON[i] as string | Uint8Array;
        return { body: typeof b === "string" ? text(b) : b, headers: {}, how: `odd JSON #${i}` };
      }),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(
          inferBodyArb,
          fc.uint8Array({ maxLength: 64 }),
          fc.constantFrom("-1", "0", "abc", "1e3", "99999999999", "", "5", "12.5", " 3", "LEN+1", "LEN-1", "0x10"),
        )
        .map(([j, tail, declared]) => {
          const json = text(JSON.stringify(j));
          const value = declared.startsWith("LEN")
            ? String(json.byteLength + (declared.endsWith("+1") ? 1 : -1))
            : declared;
          return {
            body: Buffer.concat([json, tail]),
            headers: { "inference-header-content-length": value, "content-type": "application/octet-stream" },
            how: `binary tensors, inference-header-content-length ${JSON.stringify(value)} for ${json.byteLength}+${tail.byteLength} bytes`,
          };
        }),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom<Json>(
          { parameters: { config: "{not json" } },
          { parameters: { config: '{"backend": "onnxruntime", "max_batch_size": -5}' } },
          { parameters: { "file:../../etc/model.onnx": "AAAA" } },
          { parameters: { "file:1/model.onnx": "!!! not base64 !!!" } },
          { parameters: { "file:1/model.onnx": Buffer.from("not an onnx model").toString("base64") } },
          { parameters: { config: 5 } },
          { parameters: [] },
          { ready: "yes" },
          { ready: true },
          [],
        )
        .map((j) => ({ body: text(JSON.stringify(j)), headers: {}, how: "repository parameters" })),
    },
    {
      weight: 1,
      arbitrary: fc.uint8Array({ maxLength: 100 }).map((b) => ({
        body: b,
        headers: { "content-encoding": "gzip" },
        how: "content-encoding gzip on random bytes",
      })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(2_000_000, 9_000_000).map((n) => ({
        body: text(
          `{"inputs":[{"name":"x","datatype":"FP32","shape":[${n}],"data":[${"1,".repeat(Math.floor(n / 2))}1]}]}`,
        ),
        headers: {},
        how: `${n} bytes of JSON data`,
      })),
    },
  );
  return fc.tuple(path, httpMethod, bodyArb, credentialArb(apiKey)).map(([p, m, body, credentials]) => {
    const post = p.endsWith("/infer") || p.startsWith("/v2/repository");
    const method = m === "AUTO" ? (post ? "POST" : "GET") : m;
    const hasBody = method !== "GET" && method !== "HEAD" && method !== "OPTIONS";
    const headers: Headers = {
      "content-type": "application/json",
      ...body.headers,
      ...credentials.headers,
    };
    const credentialHow = credentials.how ? `, ${credentials.how}` : "";
    return {
      target: `${method} ${p.length > 120 ? `${p.slice(0, 120)}…` : p}`,
      how: `REST: ${hasBody ? body.how : "no body"}${credentialHow}`,
      http2: false,
      method,
      path: p,
      headers,
      body: hasBody ? body.body : new Uint8Array(0),
      answer: "http" as const,
    };
  });
}

/** Hostile logins (the route may not exist yet: 404 is an answer like any other). */
export function loginCaseArb(): fc.Arbitrary<FuzzRequest> {
  return fc
    .oneof(
      fc
        .record(
          {
            username: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom<Json>(5, null, [], "admin")),
            password: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom<Json>({}, "x".repeat(100_000))),
          },
          { requiredKeys: [] },
        )
        .map((j) => ({ type: "application/json", body: text(JSON.stringify(j)), how: "JSON credentials" })),
      fc.tuple(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 })).map(([u, p]) => ({
        type: "application/x-www-form-urlencoded",
        body: text(`username=${encodeURIComponent(u)}&password=${encodeURIComponent(p)}&username=again`),
        how: "form credentials",
      })),
      fc.nat({ max: ODD_JSON.length - 1 }).map((i) => {
        const b = ODD_JSON[i] as string | Uint8Array;
        return { type: "application/json", body: typeof b === "string" ? text(b) : b, how: `odd JSON #${i}` };
      }),
      fc.constant({
        type: "application/x-www-form-urlencoded",
        body: text("%%%=%%%&&&=="),
        how: "broken form encoding",
      }),
    )
    .map((c) => ({
      target: "POST /login",
      how: `login: ${c.how}`,
      http2: false,
      method: "POST",
      path: "/login",
      headers: { "content-type": c.type },
      body: c.body,
      answer: "http" as const,
    }));
}
