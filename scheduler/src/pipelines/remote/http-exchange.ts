/**
 * One HTTP attempt against a remote: a POST through Node's global fetch with a timeout and the
 * caller's AbortSignal, redirects not followed, and the response body read up to a size limit.
 * Failures before a status arrives are {@link AttemptError}s saying why (timeout, cancelled,
 * network, too large) so that the caller can decide on retries and map them to status codes.
 */

/** A response: status, headers and the whole body. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Uint8Array;
}

/** Why an attempt produced no usable response. */
export type AttemptFailure =
  | { readonly kind: "timeout" }
  | { readonly kind: "cancelled" }
  | { readonly kind: "network"; readonly message: string }
  | { readonly kind: "too_large"; readonly limit: number };

/** The error {@link exchange} throws. */
export class AttemptError extends Error {
  constructor(readonly failure: AttemptFailure) {
    super(`HTTP attempt failed: ${failure.kind}`);
  }
}

/** What to send. */
export interface HttpRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array;
}

const TIMEOUT = Symbol("timeout");
const CANCELLED = Symbol("cancelled");

/** Describes a fetch failure: the socket error code and message where undici gives one. */
function networkMessage(err: unknown): string {
  let e: unknown = err;
  const parts: string[] = [];
  for (let depth = 0; depth < 4 && e instanceof Error; depth++) {
    const code = (e as NodeJS.ErrnoException).code;
    if (e.message && e.message !== "fetch failed")
      parts.push(code && !e.message.includes(code) ? `${code} ${e.message}` : e.message);
    else if (code) parts.push(code);
    e = e.cause;
  }
  return parts.length > 0 ? parts.join(": ") : String(err);
}

async function readBody(res: Response, limit: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get("content-length") ?? Number.NaN);
  if (declared > limit) throw new AttemptError({ kind: "too_large", limit });
  if (res.body === null) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > limit) throw new AttemptError({ kind: "too_large", limit });
    chunks.push(chunk);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * POSTs `request` and reads the answer. Throws an {@link AttemptError}: `timeout` after
 * `timeoutMs`, `cancelled` when `signal` aborts, `network` when no response arrived (refused,
 * reset, DNS), `too_large` when the body exceeds `maxBytes`.
 */
export async function exchange(
  request: HttpRequest,
  timeoutMs: number,
  signal: AbortSignal,
  maxBytes: number,
): Promise<HttpResponse> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(TIMEOUT), Math.max(1, timeoutMs));
  const onAbort = () => controller.abort(CANCELLED);
  if (signal.aborted) onAbort();
  else signal.addEventListener("abort", onAbort, { once: true });
  try {
    const res = await fetch(request.url, {
      method: "POST",
      headers: request.headers,
      body: request.body,
      redirect: "manual",
      signal: controller.signal,
    });
    const body = await readBody(res, maxBytes);
    return { status: res.status, headers: res.headers, body };
  } catch (err) {
    if (err instanceof AttemptError) throw err;
    if (controller.signal.aborted) {
      throw new AttemptError(controller.signal.reason === TIMEOUT ? { kind: "timeout" } : { kind: "cancelled" });
    }
    throw new AttemptError({ kind: "network", message: networkMessage(err) });
  } finally {
    clearTimeout(timer);
    signal.removeEventListener("abort", onAbort);
  }
}
