/**
 * Requests whose bytes are broken are the client's mistake, but Connect's protocol handlers report
 * some of them as INTERNAL: a message that is not valid protobuf ("parse binary: ..."), and a
 * frame with the compressed flag and no encoding to decompress it with. This module recognises
 * those statuses and rewrites them to INVALID_ARGUMENT where each protocol carries them: gRPC's
 * trailers (see http-handler.ts), Connect's unary error JSON, gRPC-Web's trailer frame and the
 * Connect streaming protocol's end-stream message (both inside the response body). It also checks
 * the one part of a Connect GET that Connect would fail as INTERNAL: a base64 message that is not
 * base64.
 */
import { Code } from "@connectrpc/connect";
import { encodeGrpcMessage } from "./grpc-message.ts";

const PARSE_FAILURE = /^parse binary: (.*)$/s;
const COMPRESSED_WITHOUT_ENCODING = /^received compressed envelope, but do not know how to decompress$/;

/**
 * The INVALID_ARGUMENT message for an INTERNAL status that Connect raised for a malformed request,
 * or undefined when the status is a real internal error.
 */
export function malformedRequestMessage(message: string): string | undefined {
  const parse = PARSE_FAILURE.exec(message);
  if (parse)
    return `request: expected a message in the protobuf binary encoding, got bytes that do not parse (${parse[1]})`;
  if (COMPRESSED_WITHOUT_ENCODING.test(message)) {
    return "request: expected an uncompressed message or an encoding header naming its compression, got a message flagged compressed with no encoding";
  }
  return undefined;
}

/** gRPC-Web: the frame holds the trailers. */
export const TRAILER_FLAG = 0x80;
const END_STREAM_FLAG = 0x02; // Connect streaming: the frame holds the end-of-stream message

/** A frame of `payload` (gRPC, gRPC-Web and Connect streaming share the layout). */
export function envelope(flags: number, payload: Uint8Array): Uint8Array {
  const out = Buffer.allocUnsafe(5 + payload.byteLength);
  out[0] = flags;
  out.writeUInt32BE(payload.byteLength, 1);
  out.set(payload, 5);
  return out;
}

/** A gRPC-Web trailer frame's payload with a malformed-request INTERNAL made INVALID_ARGUMENT. */
function fixTrailerFrame(payload: Buffer): Buffer | undefined {
  const lines = payload.toString("latin1").split("\r\n");
  const value = (name: string) => {
    const line = lines.find((l) => l.toLowerCase().startsWith(`${name}:`));
    return line?.slice(name.length + 1).trim();
  };
  if (value("grpc-status") !== String(Code.Internal)) return undefined;
  let message = value("grpc-message") ?? "";
  try {
    message = decodeURIComponent(message);
  } catch {
    // not percent-encoded
  }
  const fixed = malformedRequestMessage(message);
  if (fixed === undefined) return undefined;
  const kept = lines.filter((l) => l !== "" && !/^grpc-(status|message):/i.test(l));
  const text = [`grpc-status:${Code.InvalidArgument}`, `grpc-message:${encodeGrpcMessage(fixed)}`, ...kept]
    .map((l) => `${l}\r\n`)
    .join("");
  return Buffer.from(text, "latin1");
}

/** A Connect end-stream message with a malformed-request INTERNAL made INVALID_ARGUMENT. */
function fixEndStream(payload: Buffer): Buffer | undefined {
  try {
    const end = JSON.parse(payload.toString("utf8")) as { error?: { code?: string; message?: string } };
    if (end.error?.code !== "internal") return undefined;
    const fixed = malformedRequestMessage(end.error.message ?? "");
    if (fixed === undefined) return undefined;
    return Buffer.from(JSON.stringify({ ...end, error: { ...end.error, code: "invalid_argument", message: fixed } }));
  } catch {
    return undefined;
  }
}

/** Rewrites the frames of one body chunk, when it is made of whole frames. */
function fixChunk(chunk: Uint8Array): Uint8Array {
  const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  const frames: Uint8Array[] = [];
  let changed = false;
  let at = 0;
  while (at + 5 <= bytes.byteLength) {
    const flags = bytes[at] as number;
    const length = bytes.readUInt32BE(at + 1);
    if (at + 5 + length > bytes.byteLength) return chunk; // not whole frames: leave it alone
    const payload = bytes.subarray(at + 5, at + 5 + length);
    const fixed =
      flags & TRAILER_FLAG ? fixTrailerFrame(payload) : flags & END_STREAM_FLAG ? fixEndStream(payload) : undefined;
    frames.push(fixed ? envelope(flags, fixed) : bytes.subarray(at, at + 5 + length));
    changed ||= fixed !== undefined;
    at += 5 + length;
  }
  if (at !== bytes.byteLength || !changed) return chunk;
  return Buffer.concat(frames);
}

/**
 * The body of a gRPC-Web or Connect streaming response, with a malformed-request INTERNAL in its
 * trailer frame or end-stream message made INVALID_ARGUMENT. Other frames pass unchanged.
 */
export async function* fixStatusFrames(body: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  for await (const chunk of body) yield fixChunk(chunk);
}

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/**
 * For a Connect GET (`?encoding=...&message=...`) asking for `base64=1`, what is wrong with its
 * message (Connect would answer INTERNAL); undefined when nothing is.
 */
export function connectGetProblem(url: string): string | undefined {
  const query = url.indexOf("?");
  if (query < 0) return undefined;
  const params = new URLSearchParams(url.slice(query + 1));
  if (params.get("base64") !== "1") return undefined;
  const message = params.get("message") ?? "";
  if (BASE64.test(message)) return undefined;
  const shown = message.length > 40 ? `${message.slice(0, 40)}…` : message;
  return `message: expected base64 (base64=1), got ${JSON.stringify(shown)}`;
}
