/**
 * The `remote` node kind: calls a model served elsewhere over HTTP — another Open Inference
 * Protocol server (another Arbiter gateway, Triton, KServe, MLServer) or an OpenAI-compatible chat
 * or embeddings endpoint — with a timeout, retries and a circuit breaker.
 *
 * - **Timeout.** Each attempt waits at most `timeout_ms` (0: the runner's `defaultTimeoutMs`) and
 *   never past the node's deadline.
 * - **Retries.** Up to `retries` more attempts, only after failures worth retrying (no connection,
 *   timeout, HTTP 5xx or 429; never another 4xx), after a backoff of `retryBackoffMs` × 2^n with
 *   jitter (at least the remote's `Retry-After`, when it sends one), and only while the deadline
 *   leaves room.
 * - **Circuit breaker** per endpoint and model: after `breaker_failure_threshold` (0: 5)
 *   consecutive failed attempts, calls fail fast with UNAVAILABLE for `breaker_reset_ms`
 *   (0: 30000); then one trial call decides whether the circuit closes again.
 * - **Hosts.** Only URLs whose host is on the allow-list (see host-allow-list.ts) are accepted,
 *   when the pipeline is registered. Redirects are never followed.
 * - **Credential.** `credential_secret` names a secret, looked up through the `secrets` function
 *   on every call (so rotation needs no restart) and sent as `Authorization: Bearer <secret>`.
 *
 * Protocols, inputs and outputs: oip-codec.ts and openai-codec.ts. Status codes: remote-errors.ts.
 */
import { FailedPreconditionError, InvalidArgumentError, type Logger } from "@arbiter/core";
import { type RemoteNode, RemoteProtocol } from "@arbiter/proto";
import type { NodeCall, NodeKindRunner, NodeResult, NodeValues } from "../node-kind.ts";
import { isDeadlineAbort } from "../plugins/abort-reason.ts";
import { type BreakerState, CircuitBreakers } from "./circuit-breaker.ts";
import { HostAllowList } from "./host-allow-list.ts";
import { AttemptError, type AttemptFailure, exchange, type HttpResponse } from "./http-exchange.ts";
import { decodeOipResponse, type EncodedRequest, encodeOipRequest, oipInferPath } from "./oip-codec.ts";
import {
  decodeChatResponse,
  decodeEmbeddingsResponse,
  encodeChatRequest,
  encodeEmbeddingsRequest,
  openAiPath,
} from "./openai-codec.ts";
import {
  breakerOpenError,
  cancelledError,
  deadlineError,
  isRetryableStatus,
  networkError,
  type RemoteTarget,
  statusError,
  timeoutError,
  tooLargeError,
} from "./remote-errors.ts";

/** Looks up a secret by name; undefined (or "") when there is none. */
export type SecretLookup = (name: string) => string | undefined | Promise<string | undefined>;

/** Options of the remote node runner. */
export interface RemoteRunnerOptions {
  /** Hosts remote nodes may call (see host-allow-list.ts for the syntax); default none. */
  readonly allowedHosts?: readonly string[];
  /** Allow loopback hosts (localhost, 127.0.0.0/8, ::1) without listing them; default false. */
  readonly allowLoopback?: boolean;
  /** Resolves `credential_secret` names; without it a node naming a secret is rejected. */
  readonly secrets?: SecretLookup;
  /** Per-attempt timeout for nodes whose timeout_ms is 0, in ms (default 10000). */
  readonly defaultTimeoutMs?: number;
  /** First retry backoff in ms, doubled per retry, with jitter (default 50). */
  readonly retryBackoffMs?: number;
  /** Longest `Retry-After` honoured, in ms; a longer one ends the retries (default 5000). */
  readonly maxRetryAfterMs?: number;
  /** Largest response body read, in bytes (default 64 MiB). */
  readonly maxResponseBytes?: number;
  /** Ask OIP servers for binary outputs (exact INT64, compact floats); default true. */
  readonly oipBinaryOutputs?: boolean;
  /** The breakers' clock in ms (default Date.now); tests advance it instead of waiting. */
  readonly now?: () => number;
  /** Receives retries and breaker transitions at debug/warn; optional. */
  readonly logger?: Logger;
}

/** A remote node ready to run. */
export interface PreparedRemoteNode {
  readonly protocol: RemoteProtocol;
  /** The full endpoint URL called. */
  readonly endpoint: string;
  readonly model: string;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly breakerFailureThreshold: number;
  readonly breakerResetMs: number;
  readonly credentialSecret: string | undefined;
}

/** The remote node runner, plus the state of its breakers for diagnostics. */
export interface RemoteRunner extends NodeKindRunner<RemoteNode, PreparedRemoteNode> {
  /** The circuit state of an endpoint and model (`closed` for one never called). */
  breakerState(prepared: PreparedRemoteNode): BreakerState;
}

const PROTOCOL_NAMES: Record<number, string> = {
  [RemoteProtocol.OIP]: "REMOTE_PROTOCOL_OIP",
  [RemoteProtocol.OPENAI_CHAT]: "REMOTE_PROTOCOL_OPENAI_CHAT",
  [RemoteProtocol.OPENAI_EMBEDDINGS]: "REMOTE_PROTOCOL_OPENAI_EMBEDDINGS",
};

/** Parses `Retry-After` (seconds or an HTTP date) into milliseconds. */
function retryAfterMs(headers: Headers): number | undefined {
  const v = headers.get("retry-after");
  if (v === null) return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve(false);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** Creates the runner of `remote` nodes (see the module comment). */
export function createRemoteRunner(options: RemoteRunnerOptions = {}): RemoteRunner {
  const allowList = new HostAllowList(options.allowedHosts ?? [], { allowLoopback: options.allowLoopback ?? false });
  const breakers = new CircuitBreakers();
  const now = options.now ?? Date.now;
  const defaultTimeoutMs = options.defaultTimeoutMs ?? 10_000;
  const backoffMs = options.retryBackoffMs ?? 50;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 5000;
  const maxBytes = options.maxResponseBytes ?? 64 * 1024 * 1024;
  const binaryOutputs = options.oipBinaryOutputs ?? true;
  const logger = options.logger;

  async function lookupSecret(name: string): Promise<string | undefined> {
    if (options.secrets === undefined) return undefined;
    const v = await options.secrets(name);
    return v === undefined || v === "" ? undefined : v;
  }

  function encode(p: PreparedRemoteNode, call: NodeCall): EncodedRequest {
    switch (p.protocol) {
      case RemoteProtocol.OIP:
        return encodeOipRequest(call.node, call.inputs, binaryOutputs);
      case RemoteProtocol.OPENAI_CHAT:
        return encodeChatRequest(call.node, p.model, call.inputs);
      default:
        return encodeEmbeddingsRequest(call.node, p.model, call.inputs);
    }
  }

  function decode(p: PreparedRemoteNode, t: RemoteTarget, res: HttpResponse, call: NodeCall): NodeValues {
    switch (p.protocol) {
      case RemoteProtocol.OIP:
        return decodeOipResponse(t, res);
      case RemoteProtocol.OPENAI_CHAT:
        return decodeChatResponse(t, res);
      default: {
        const input = call.inputs.input ?? call.inputs.text;
        return decodeEmbeddingsResponse(t, res, Array.isArray(input) ? input.length : undefined);
      }
    }
  }

  return {
    async prepare(node, config) {
      const f = (name: string) => `node "${node}" remote.${name}`;
      const protocol = config.protocol;
      if (PROTOCOL_NAMES[protocol] === undefined) {
        throw new InvalidArgumentError(f("protocol"), Object.values(PROTOCOL_NAMES).join(", "), String(protocol));
      }
      let base: URL;
      try {
        base = new URL(config.url);
      } catch {
        throw new InvalidArgumentError(f("url"), "an absolute http or https URL", JSON.stringify(config.url));
      }
      if (base.protocol !== "http:" && base.protocol !== "https:") {
        throw new InvalidArgumentError(f("url"), "an http or https URL", JSON.stringify(config.url));
      }
      if (base.username !== "" || base.password !== "" || base.search !== "" || base.hash !== "") {
        throw new InvalidArgumentError(
          f("url"),
          "a base URL without credentials, query or fragment (use credential_secret for credentials)",
          JSON.stringify(config.url),
        );
      }
      if (!allowList.allows(base)) {
        throw new InvalidArgumentError(
          f("url"),
          `a URL whose host is on the remote allow-list (${allowList.describe()})`,
          JSON.stringify(base.host),
        );
      }
      if (config.model === "") throw new InvalidArgumentError(f("model"), "the model name on the remote server", '""');
      if (config.retries > 10) throw new InvalidArgumentError(f("retries"), "at most 10", String(config.retries));
      const credentialSecret = config.credentialSecret === "" ? undefined : config.credentialSecret;
      if (credentialSecret !== undefined && (await lookupSecret(credentialSecret)) === undefined) {
        throw new InvalidArgumentError(
          f("credential_secret"),
          "the name of a configured secret",
          JSON.stringify(credentialSecret),
        );
      }
      if (!base.pathname.endsWith("/")) base.pathname = `${base.pathname}/`;
      const path =
        protocol === RemoteProtocol.OIP
          ? oipInferPath(config.model).slice(1)
          : openAiPath(base.pathname, protocol === RemoteProtocol.OPENAI_CHAT ? "chat/completions" : "embeddings");
      return {
        protocol,
        endpoint: new URL(path, base).href,
        model: config.model,
        timeoutMs: config.timeoutMs === 0 ? defaultTimeoutMs : config.timeoutMs,
        retries: config.retries,
        breakerFailureThreshold: config.breakerFailureThreshold === 0 ? 5 : config.breakerFailureThreshold,
        breakerResetMs: config.breakerResetMs === 0 ? 30_000 : config.breakerResetMs,
        credentialSecret,
      };
    },

    async run(p, call): Promise<NodeResult> {
      const t: RemoteTarget = { node: call.node, url: p.endpoint };
      const aborted = () => (isDeadlineAbort(call.signal, call.deadline) ? deadlineError(t) : cancelledError(t));
      const encoded = encode(p, call);
      const headers: Record<string, string> = {
        ...encoded.headers,
        accept: "application/json",
        "user-agent": "arbiter-remote-node",
      };
      if (p.credentialSecret !== undefined) {
        const token = await lookupSecret(p.credentialSecret);
        if (token === undefined) {
          throw new FailedPreconditionError(
            `node "${call.node}": the secret "${p.credentialSecret}" named by credential_secret is not configured`,
            { node: call.node, secret: p.credentialSecret },
          );
        }
        headers.authorization = `Bearer ${token}`;
      }
      const breaker = breakers.get(p.endpoint, p.model);
      let lastError: Error | undefined;
      for (let attempt = 0; ; attempt++) {
        if (call.signal.aborted || Date.now() >= call.deadline) throw aborted();
        const permit = breaker.acquire(now(), p.breakerResetMs);
        if (!permit.ok) throw lastError ?? breakerOpenError(t, p.model, permit.failures, permit.retryInMs);
        const remaining = call.deadline - Date.now();
        const limitedByDeadline = remaining <= p.timeoutMs;
        let res: HttpResponse | undefined;
        let failure: AttemptFailure | undefined;
        try {
          res = await exchange(
            { url: p.endpoint, headers, body: encoded.body },
            Math.min(p.timeoutMs, remaining),
            call.signal,
            maxBytes,
          );
        } catch (err) {
          if (!(err instanceof AttemptError)) {
            breaker.release(permit.trial);
            throw err;
          }
          failure = err.failure;
        }
        let wait: number | undefined;
        if (failure !== undefined) {
          switch (failure.kind) {
            case "cancelled":
              breaker.release(permit.trial);
              throw aborted();
            case "too_large":
              breaker.release(permit.trial);
              throw tooLargeError(t, failure.limit);
            case "timeout":
              breaker.failure(now(), p.breakerFailureThreshold, permit.trial);
              if (limitedByDeadline) throw deadlineError(t);
              lastError = timeoutError(t, p.timeoutMs, attempt + 1);
              break;
            case "network":
              breaker.failure(now(), p.breakerFailureThreshold, permit.trial);
              lastError = networkError(t, failure.message);
              break;
          }
        } else if (res !== undefined && res.status >= 200 && res.status < 300) {
          let outputs: NodeValues;
          try {
            outputs = decode(p, t, res, call);
          } catch (err) {
            breaker.failure(now(), p.breakerFailureThreshold, permit.trial);
            throw err;
          }
          breaker.success();
          return { outputs };
        } else if (res !== undefined) {
          const err = statusError(t, res.status, res.body, res.headers.get("location"));
          if (!isRetryableStatus(res.status)) {
            // The remote is up and answered; the request (or the node's configuration) is wrong.
            breaker.success();
            throw err;
          }
          breaker.failure(now(), p.breakerFailureThreshold, permit.trial);
          lastError = err;
          wait = retryAfterMs(res.headers);
        }
        if (breaker.state(now(), p.breakerResetMs) === "open" && breaker.failures === p.breakerFailureThreshold) {
          logger?.warn({ node: call.node, url: p.endpoint, model: p.model }, "remote circuit opened");
        }
        if (attempt >= p.retries || (wait !== undefined && wait > maxRetryAfterMs)) throw lastError;
        const delay = Math.max(wait ?? 0, backoffMs * 2 ** attempt * (0.5 + Math.random() / 2));
        if (Date.now() + delay >= call.deadline) throw lastError;
        logger?.debug(
          { node: call.node, url: p.endpoint, attempt: attempt + 1, delayMs: Math.round(delay) },
          "remote retry",
        );
        if (!(await sleep(delay, call.signal))) throw aborted();
      }
    },

    breakerState(p) {
      return breakers.get(p.endpoint, p.model).state(now(), p.breakerResetMs);
    },
  };
}
