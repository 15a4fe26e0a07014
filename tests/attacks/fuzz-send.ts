/**
 * Sends the fuzzer's requests byte for byte as described (HTTP/1.1 through a keep-alive agent,
 * HTTP/2 through a small pool of h2c sessions) and reads the status each protocol answers with:
 * gRPC's grpc-status (headers or trailers), gRPC-Web's trailer frame, Connect's error JSON and
 * end-stream message, or a plain HTTP status.
 */
import http from "node:http";
import http2 from "node:http2";
import type { AnswerKind, FuzzRequest } from "./fuzz-cases.ts";

/** What came back. */
export interface Answer {
  /** HTTP status, 0 when there was no response. */
  readonly status: number;
  /** The RPC's code name ("ok", "invalid_argument", ...), when the protocol carries one. */
  readonly code?: string;
  readonly message: string;
  /** Set when no answer came: the stream was reset, the connection dropped, or the client gave up. */
  readonly failure?: string;
}

const GRPC_CODES = [
  "ok",
  "canceled",
  "unknown",
  "invalid_argument",
  "deadline_exceeded",
  "not_found",
  "already_exists",
  "permission_denied",
  "resource_exhausted",
  "failed_precondition",
  "aborted",
  "out_of_range",
  "unimplemented",
  "internal",
  "unavailable",
  "data_loss",
  "unauthenticated",
];

function grpcCode(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return GRPC_CODES[Number(value)] ?? `code ${value}`;
}

function decodeMessage(value: string | undefined): string {
  if (!value) return "";
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function first(value: string | string[] | number | undefined): string | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value[0] : String(value);
}

/** Reads the status out of a response, by protocol. */
export function interpret(
  kind: AnswerKind,
  status: number,
  headers: Record<string, string | string[] | number | undefined>,
  trailers: Record<string, string | string[] | number | undefined>,
  body: Buffer,
): Answer {
  const snippet = () => body.subarray(0, 300).toString("utf8");
  const connectError = (): Answer => {
    try {
      const error = JSON.parse(body.toString("utf8")) as { code?: string; message?: string };
      if (typeof error.code === "string") return { status, code: error.code, message: error.message ?? "" };
    } catch {
      // not Connect's error JSON
    }
    return { status, message: snippet() };
  };
  if (kind === "http") return { status, message: snippet() };
  if (kind === "connect") return status === 200 ? { status, code: "ok", message: "" } : connectError();
  if (kind === "connect-stream") {
    if (status !== 200) return connectError();
    // Envelopes: flags, length, payload; the end-stream one (flag 0x02) holds {"error": ...} or {}.
    for (let at = 0; at + 5 <= body.byteLength; ) {
      const flags = body[at] as number;
      const length = body.readUInt32BE(at + 1);
      const payload = body.subarray(at + 5, at + 5 + length);
      at += 5 + length;
      if ((flags & 0x02) === 0) continue;
      try {
        const end = JSON.parse(payload.toString("utf8")) as { error?: { code?: string; message?: string } };
        if (!end.error) return { status, code: "ok", message: "" };
        return { status, code: end.error.code ?? "unknown", message: end.error.message ?? "" };
      } catch {
        return { status, code: "unknown", message: `unreadable end-stream message: ${payload.toString("utf8")}` };
      }
    }
    return { status, message: "no end-stream message", code: "unknown" };
  }
  if (kind === "grpc") {
    const code = grpcCode(first(trailers["grpc-status"]) ?? first(headers["grpc-status"]));
    const message = decodeMessage(first(trailers["grpc-message"]) ?? first(headers["grpc-message"]));
    if (code !== undefined) return { status, code, message };
    if (status !== 200) return { status, message: snippet() };
    return { status, code: "unknown", message: "no grpc-status" };
  }
  // gRPC-Web: trailers-only in the headers, or a trailer frame (flag 0x80) at the end of the body.
  const headerCode = grpcCode(first(headers["grpc-status"]));
  if (headerCode !== undefined)
    return { status, code: headerCode, message: decodeMessage(first(headers["grpc-message"])) };
  if (status !== 200) return { status, message: snippet() };
  for (let at = 0; at + 5 <= body.byteLength; ) {
    const flags = body[at] as number;
    const length = body.readUInt32BE(at + 1);
    const payload = body.subarray(at + 5, at + 5 + length);
    at += 5 + length;
    if ((flags & 0x80) === 0) continue;
    const lines = payload.toString("utf8").split("\r\n");
    const field = (name: string) =>
      lines
        .find((l) => l.toLowerCase().startsWith(`${name}:`))
        ?.slice(name.length + 1)
        .trim();
    return { status, code: grpcCode(field("grpc-status")) ?? "unknown", message: decodeMessage(field("grpc-message")) };
  }
  return { status, code: "unknown", message: "no trailer frame" };
}

/**
 * The client's own HTTP/2 sessions hold every request body in flight: with Node's default budget
 * (10 MB) a few near-limit messages would make the client itself refuse the session's other
 * streams (ENHANCE_YOUR_CALM), which is no answer of the gateway's.
 */
const CLIENT_SESSION: http2.ClientSessionOptions = { maxSessionMemory: 1024 };

/** Sends requests to one gateway; `close` ends its connections. */
export class FuzzSender {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  private readonly sessions: (http2.ClientHttp2Session | undefined)[];
  private next = 0;

  constructor(
    private readonly baseUrl: string,
    sessions = 4,
    private readonly timeoutMs = 15_000,
  ) {
    const url = new URL(baseUrl);
    if (url.hostname !== "127.0.0.1" && url.hostname !== "localhost" && url.hostname !== "[::1]") {
      throw new Error(`the fuzzer only sends to loopback addresses, not ${url.hostname}`);
    }
    this.sessions = new Array(sessions).fill(undefined);
  }

  send(request: FuzzRequest): Promise<Answer> {
    return request.http2 ? this.sendHttp2(request) : this.sendHttp1(request);
  }

  close(): void {
    this.agent.destroy();
    for (const s of this.sessions) s?.destroy();
  }

  private session(): http2.ClientHttp2Session {
    const i = this.next++ % this.sessions.length;
    let session = this.sessions[i];
    if (!session || session.closed || session.destroyed) {
      session = http2.connect(this.baseUrl, CLIENT_SESSION);
      // A session the server ends (GOAWAY after a protocol error) fails its streams; each stream
      // reports that itself.
      session.on("error", () => {});
      // After a GOAWAY the session takes no new streams: the next request opens another.
      const retired = session;
      session.on("goaway", () => {
        if (this.sessions[i] === retired) this.sessions[i] = undefined;
      });
      this.sessions[i] = session;
    }
    return session;
  }

  private sendHttp1(request: FuzzRequest): Promise<Answer> {
    const url = new URL(this.baseUrl);
    return new Promise<Answer>((resolve) => {
      let settled = false;
      const done = (answer: Answer) => {
        if (settled) return;
        settled = true;
        resolve(answer);
      };
      let req: http.ClientRequest;
      try {
        req = http.request({
          host: url.hostname,
          port: url.port,
          method: request.method,
          path: request.path,
          headers: { ...request.headers, "content-length": String(request.body.byteLength) },
          agent: this.agent,
        });
      } catch (err) {
        done({ status: 0, message: "", failure: `refused by the client: ${(err as Error).message}` });
        return;
      }
      req.setTimeout(this.timeoutMs, () => {
        req.destroy(new Error(`no answer in ${this.timeoutMs} ms`));
      });
      req.on("error", (err) => done({ status: 0, message: "", failure: err.message }));
      req.on("response", (res) => {
        // All of it: gRPC-Web and Connect streams carry their status in the last frame.
        const parts: Buffer[] = [];
        res.on("data", (chunk: Buffer) => parts.push(chunk));
        res.on("error", (err) => done({ status: res.statusCode ?? 0, message: "", failure: err.message }));
        res.on("end", () =>
          done(interpret(request.answer, res.statusCode ?? 0, res.headers, res.trailers, Buffer.concat(parts))),
        );
      });
      req.end(request.body);
    });
  }

  private sendHttp2(request: FuzzRequest): Promise<Answer> {
    return new Promise<Answer>((resolve) => {
      let settled = false;
      const done = (answer: Answer) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        own?.close();
        resolve(answer);
      };
      let stream: http2.ClientHttp2Stream;
      const timer = setTimeout(() => {
        stream?.close(http2.constants.NGHTTP2_CANCEL);
        done({ status: 0, message: "", failure: `no answer in ${this.timeoutMs} ms` });
      }, this.timeoutMs);
      const own = request.ownConnection ? http2.connect(this.baseUrl, CLIENT_SESSION) : undefined;
      own?.on("error", () => {});
      try {
        const session = own ?? this.session();
        stream = session.request({ ":method": request.method, ":path": request.path, ...request.headers });
      } catch (err) {
        done({ status: 0, message: "", failure: `refused by the client: ${(err as Error).message}` });
        return;
      }
      let status = 0;
      let headers: http2.IncomingHttpHeaders = {};
      let trailers: http2.IncomingHttpHeaders = {};
      const parts: Buffer[] = [];
      stream.on("response", (h) => {
        headers = h;
        status = Number(h[":status"] ?? 0);
      });
      stream.on("trailers", (t) => {
        trailers = t;
      });
      stream.on("data", (chunk: Buffer) => parts.push(chunk));
      stream.on("error", () => {});
      // The answer is complete when its side ends, even if the server stopped reading the request
      // (an early error for a request too large): then our side is cancelled.
      stream.on("end", () => {
        done(interpret(request.answer, status, headers, trailers, Buffer.concat(parts)));
        // Only then: resetting every finished stream would look like a rapid-reset attack, and the
        // server would rightly refuse the session's next streams (ENHANCE_YOUR_CALM).
        if (!stream.closed && !stream.writableFinished) stream.close(http2.constants.NGHTTP2_CANCEL);
      });
      stream.on("close", () => {
        if (status === 0) {
          done({ status: 0, message: "", failure: `stream closed without a response (RST_STREAM ${stream.rstCode})` });
          return;
        }
        // Reset before its end (its session went away, or the server refused it): no answer came.
        if (stream.rstCode !== http2.constants.NGHTTP2_NO_ERROR) {
          done({
            status,
            message: "",
            failure: `stream reset before the end of the answer (RST_STREAM ${stream.rstCode})`,
          });
          return;
        }
        done(interpret(request.answer, status, headers, trailers, Buffer.concat(parts)));
      });
      stream.end(request.body);
    });
  }
}

/**
 * 5xx statuses that are the right answer to a client's mistake: 501 (a method the route does not
 * implement), 503 and 504 (unavailable, deadline), and 505 (what Connect answers a bidirectional
 * stream sent over HTTP/1.1, which cannot carry one).
 */
const EXPECTED_5XX = new Set([501, 503, 504, 505]);

/** Whether an answer is an internal error: code internal or unknown, or any other 5xx. */
export function isInternalError(answer: Answer): boolean {
  if (answer.code !== undefined) return answer.code === "internal" || answer.code === "unknown";
  return answer.status >= 500 && !EXPECTED_5XX.has(answer.status);
}
