/**
 * How a remote call's failures become status codes: the one place that maps HTTP statuses,
 * network failures, timeouts and the circuit breaker to Arbiter errors. Every message names the
 * node, the URL called and what came back.
 *
 * | outcome | code | retried |
 * |---|---|---|
 * | no answer within timeout_ms | DEADLINE_EXCEEDED | yes |
 * | node deadline reached | DEADLINE_EXCEEDED | no |
 * | connection refused/reset, DNS failure | UNAVAILABLE | yes |
 * | HTTP 5xx, HTTP 429 | UNAVAILABLE | yes |
 * | circuit open | UNAVAILABLE | no (fails fast) |
 * | HTTP 400, 413, 422 (the remote rejected the inputs) | INVALID_ARGUMENT | no |
 * | other HTTP 4xx (credential, unknown model or path), 3xx (redirects are not followed) | FAILED_PRECONDITION | no |
 * | 2xx whose body is not what the protocol says | INTERNAL | no |
 * | response larger than the limit | RESOURCE_EXHAUSTED | no |
 */
import {
  type ArbiterError,
  CancelledError,
  DeadlineExceededError,
  FailedPreconditionError,
  InternalError,
  InvalidArgumentError,
  ResourceExhaustedError,
  UnavailableError,
} from "@arbiter/core";

/** Who was called: for messages and error details. */
export interface RemoteTarget {
  readonly node: string;
  /** The full URL of the endpoint called. */
  readonly url: string;
}

const utf8 = new TextDecoder();

/** At most this many characters of a remote's error body go into a message. */
const EXCERPT_CHARS = 300;

/** The remote's own error message from a body: `{"error": "..."}`, `{"error": {"message": "..."}}`, or the text. */
export function errorExcerpt(body: Uint8Array): string {
  const text = utf8.decode(body.subarray(0, 64 * 1024)).trim();
  let message = text;
  try {
    const parsed = JSON.parse(text) as { error?: unknown; message?: unknown; detail?: unknown };
    const e = parsed.error;
    if (typeof e === "string") message = e;
    else if (typeof e === "object" && e !== null && typeof (e as { message?: unknown }).message === "string") {
      message = (e as { message: string }).message;
    } else if (typeof parsed.message === "string") message = parsed.message;
    else if (typeof parsed.detail === "string") message = parsed.detail;
  } catch {
    // not JSON: the text itself
  }
  if (message === "") return "an empty body";
  return JSON.stringify(message.length > EXCERPT_CHARS ? `${message.slice(0, EXCERPT_CHARS)}...` : message);
}

/** True for statuses worth another attempt: 5xx and 429. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 429;
}

/** The error for a non-2xx answer. */
export function statusError(t: RemoteTarget, status: number, body: Uint8Array, location?: string | null): ArbiterError {
  const details = { node: t.node, url: t.url, status };
  const got = `HTTP ${status} ${errorExcerpt(body)}`;
  if (status >= 500 || status === 429) {
    return new UnavailableError(`node "${t.node}": ${t.url} answered ${got}`, details);
  }
  if (status === 400 || status === 413 || status === 422) {
    return new InvalidArgumentError(`node "${t.node}" inputs`, `inputs that ${t.url} accepts`, got);
  }
  if (status >= 300 && status < 400) {
    return new FailedPreconditionError(
      `node "${t.node}": ${t.url} answered a redirect (HTTP ${status}${location ? ` to ${location}` : ""}); redirects are not followed, configure the final URL`,
      details,
    );
  }
  const hint =
    status === 401 || status === 403
      ? " (check the node's credential_secret)"
      : status === 404
        ? " (check the node's url and model)"
        : "";
  return new FailedPreconditionError(`node "${t.node}": ${t.url} answered ${got}${hint}`, details);
}

/** The error for an attempt that got no answer within timeout_ms. */
export function timeoutError(t: RemoteTarget, timeoutMs: number, attempts: number): ArbiterError {
  return new DeadlineExceededError(
    `node "${t.node}": ${t.url} did not answer within ${timeoutMs} ms${attempts > 1 ? ` (${attempts} attempts)` : ""}`,
    { node: t.node, url: t.url, timeoutMs },
  );
}

/** The error when the node's own deadline ends the call. */
export function deadlineError(t: RemoteTarget): ArbiterError {
  return new DeadlineExceededError(`node "${t.node}": the node's deadline passed while calling ${t.url}`, {
    node: t.node,
    url: t.url,
  });
}

/** The error when the request is cancelled. */
export function cancelledError(t: RemoteTarget): ArbiterError {
  return new CancelledError(`node "${t.node}": cancelled while calling ${t.url}`, { node: t.node, url: t.url });
}

/** The error for a connection that failed (refused, reset, DNS). */
export function networkError(t: RemoteTarget, message: string): ArbiterError {
  return new UnavailableError(`node "${t.node}": cannot reach ${t.url}: ${message}`, { node: t.node, url: t.url });
}

/** The error while the circuit of the endpoint is open. */
export function breakerOpenError(t: RemoteTarget, model: string, failures: number, retryInMs: number): ArbiterError {
  const when = retryInMs > 0 ? `next trial in ${Math.ceil(retryInMs)} ms` : "a trial call is in progress";
  return new UnavailableError(
    `node "${t.node}": circuit open for ${t.url} (model "${model}") after ${failures} consecutive failures; ${when}`,
    { node: t.node, url: t.url, model, failures },
  );
}

/** The error for a body larger than the configured limit. */
export function tooLargeError(t: RemoteTarget, limit: number): ArbiterError {
  return new ResourceExhaustedError(
    "remote.maxResponseBytes",
    `node "${t.node}": the response of ${t.url} is larger than ${limit} bytes`,
  );
}

/** The error for a 2xx body that does not have the protocol's shape; `field` names the part. */
export function shapeError(t: RemoteTarget, field: string, expected: string, received: string): ArbiterError {
  return new InternalError(
    `node "${t.node}": ${t.url} answered an unexpected body: ${field}: expected ${expected}, got ${received}`,
    { node: t.node, url: t.url, field },
  );
}
