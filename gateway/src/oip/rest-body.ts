/**
 * Reading REST request bodies: a size limit enforced while streaming (nothing beyond the limit is
 * buffered), optional gzip/deflate request compression (what Triton's clients offer), and the split
 * of a binary-extension body into its JSON header and the tensor bytes that follow it.
 */
import { promisify } from "node:util";
import { gunzip, type InputType, inflate } from "node:zlib";
import { ArbiterError, CancelledError, Code, InvalidArgumentError } from "@arbiter/core";

const gunzipAsync = promisify(gunzip) as (buf: InputType, options: { maxOutputLength: number }) => Promise<Buffer>;
const inflateAsync = promisify(inflate) as (buf: InputType, options: { maxOutputLength: number }) => Promise<Buffer>;

/** An error answered with a specific HTTP status (one that no gRPC code maps to by itself). */
export class HttpStatusError extends ArbiterError {
  constructor(
    readonly status: number,
    code: Code,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(code, message, { status });
  }
}

/** The body exceeds the configured limit: HTTP 413. */
export class PayloadTooLargeError extends HttpStatusError {
  constructor(maxBytes: number, received: string) {
    super(413, Code.ResourceExhausted, `request body: expected at most ${maxBytes} bytes, got ${received}`);
  }
}

/** What a request stream must offer: Node's http and http2 requests both do. */
export interface BodySource {
  headers: Record<string, string | string[] | undefined>;
  on(event: "data", listener: (chunk: Buffer) => void): unknown;
  once(event: "end" | "close", listener: () => void): unknown;
  once(event: "error", listener: (err: Error) => void): unknown;
  removeListener(event: string, listener: (...args: never[]) => void): unknown;
  readonly complete?: boolean;
}

/**
 * Reads the whole body, at most `maxBytes` of it (after decompression), as one Buffer: chunks are
 * concatenated once. Rejects with {@link PayloadTooLargeError} as soon as the declared or received
 * size passes the limit; the rest of the stream is then read and dropped, never buffered.
 */
export async function readBody(req: BodySource, maxBytes: number): Promise<Buffer> {
  const declared = req.headers["content-length"];
  if (typeof declared === "string" && Number(declared) > maxBytes) {
    throw new PayloadTooLargeError(maxBytes, `${declared} bytes (Content-Length)`);
  }
  const encoding = String(req.headers["content-encoding"] ?? "identity")
    .trim()
    .toLowerCase();
  if (encoding !== "identity" && encoding !== "gzip" && encoding !== "deflate") {
    throw new HttpStatusError(
      415,
      Code.InvalidArgument,
      `Content-Encoding: expected identity, gzip or deflate, got "${encoding}"`,
      {
        "accept-encoding": "gzip, deflate",
      },
    );
  }
  const body = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const settle = (err: Error | undefined, value?: Buffer) => {
      if (settled) return;
      settled = true;
      req.removeListener("end", onEnd);
      req.removeListener("close", onClose);
      req.removeListener("error", onError);
      chunks.length = 0;
      if (err) reject(err);
      else resolve(value as Buffer);
    };
    const onData = (chunk: Buffer) => {
      if (settled) return; // past the limit: drain without keeping anything
      total += chunk.byteLength;
      if (total > maxBytes) settle(new PayloadTooLargeError(maxBytes, `more than ${maxBytes} bytes`));
      else chunks.push(chunk);
    };
    const onEnd = () => settle(undefined, chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total));
    const onClose = () => settle(new CancelledError("the client closed the connection before sending the whole body"));
    const onError = (err: Error) => settle(new CancelledError(`request body not received: ${err.message}`));
    req.on("data", onData);
    req.once("end", onEnd);
    req.once("close", onClose);
    req.once("error", onError);
  });
  if (encoding === "identity") return body;
  try {
    return await (encoding === "gzip" ? gunzipAsync : inflateAsync)(body, { maxOutputLength: maxBytes });
  } catch (err) {
    if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
      throw new PayloadTooLargeError(maxBytes, `more than ${maxBytes} bytes once decompressed`);
    }
    throw new InvalidArgumentError(
      "request body",
      `${encoding}-compressed data (Content-Encoding)`,
      `data that does not decompress (${(err as Error).message})`,
    );
  }
}

/** The header that gives the JSON part's length in a binary-extension body. */
export const INFERENCE_HEADER = "inference-header-content-length";

/**
 * Splits a body into its JSON text and the binary tensor bytes after it (a view, not a copy).
 * `binary` is undefined when the request has no Inference-Header-Content-Length header.
 */
export function splitBody(
  body: Buffer,
  headerLength: string | string[] | undefined,
): { json: string; binary: Buffer | undefined } {
  if (headerLength === undefined) return { json: body.toString("utf8"), binary: undefined };
  const text = Array.isArray(headerLength) ? headerLength.join(",") : headerLength;
  const n = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n)) {
    throw new InvalidArgumentError("Inference-Header-Content-Length", "a non-negative integer", JSON.stringify(text));
  }
  if (n > body.byteLength) {
    throw new InvalidArgumentError(
      "Inference-Header-Content-Length",
      `at most the body size, ${body.byteLength} bytes`,
      `${n}`,
    );
  }
  return { json: body.toString("utf8", 0, n), binary: body.subarray(n) };
}
