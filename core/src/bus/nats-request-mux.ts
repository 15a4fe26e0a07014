/**
 * Request/reply over NATS through one wildcard inbox subscription: each request's reply subject
 * is `<inbox>.<token>`, and the subscription hands a reply to the request waiting on its token.
 *
 * nats.js does the same, but on the way builds a NatsError (with its stack trace) for every
 * request that succeeds (its way of settling a request twice), plus a promise and a closure for
 * its timer: the NatsError alone took a twentieth of the gateway's CPU in distributed mode. Here a
 * request costs a map entry and a timer.
 */
import { createInbox, ErrorCode, type Msg, type MsgHdrs, type NatsConnection } from "nats";
import {
  CancelledError,
  DeadlineExceededError,
  NoRespondersError,
  ResourceExhaustedError,
  UnavailableError,
} from "../errors.ts";
import type { BusMessage, RequestOptions } from "./bus.ts";
import { fromNatsHeaders } from "./nats-headers.ts";
import type { NatsOutbound } from "./nats-outbound.ts";

/** nats-server's status code on a reply when no subscriber listens on the request's subject. */
const NO_RESPONDERS_STATUS = 503;

interface Pending {
  subject: string;
  resolve(message: BusMessage): void;
  reject(err: unknown): void;
  timer: NodeJS.Timeout;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/** The requests of one connection, waiting for their replies on its inbox subscription. */
export class NatsRequestMux {
  readonly #prefix: string;
  readonly #pending = new Map<string, Pending>();
  #next = 0;

  /**
   * `inboxPrefix` is the connection's (nats.js `inboxPrefix` option, "_INBOX" by default), for
   * servers whose permissions allow replies only under a given prefix.
   */
  constructor(
    nc: NatsConnection,
    private readonly outbound: NatsOutbound,
    inboxPrefix?: string,
  ) {
    this.#prefix = `${createInbox(inboxPrefix)}.`;
    nc.subscribe(`${this.#prefix}*`, { callback: (err, msg) => (err ? undefined : this.#reply(msg)) });
    // Requests waiting when the connection closes for good would otherwise wait out their timeout.
    void nc.closed().then(() => {
      for (const [token, p] of this.#pending) {
        this.#settle(token, p);
        p.reject(new UnavailableError(`bus connection closed while requesting ${p.subject}`, { subject: p.subject }));
      }
    });
  }

  /** Sends a request and resolves with its reply; see `Bus.request` for the errors. */
  request(
    subject: string,
    data: Uint8Array,
    headers: MsgHdrs | undefined,
    options: RequestOptions,
  ): Promise<BusMessage> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(new CancelledError(`request on ${subject} cancelled`));
    const token = (this.#next++).toString(36);
    return new Promise<BusMessage>((resolve, reject) => {
      const timeoutMs = Math.max(1, Math.ceil(options.timeoutMs));
      const pending: Pending = {
        subject,
        resolve,
        reject,
        signal,
        onAbort: undefined,
        timer: setTimeout(() => {
          this.#settle(token, pending);
          reject(new DeadlineExceededError(`no reply on ${subject} within ${options.timeoutMs} ms`, { subject }));
        }, timeoutMs),
      };
      if (signal) {
        pending.onAbort = () => {
          this.#settle(token, pending);
          reject(new CancelledError(`request on ${subject} cancelled`));
        };
        signal.addEventListener("abort", pending.onAbort, { once: true });
      }
      this.#pending.set(token, pending);
      const failed = (err: unknown) => {
        this.#settle(token, pending);
        reject(this.#sendFailure(err, subject, data));
      };
      try {
        this.outbound.send(subject, data, headers, this.#prefix + token, failed);
      } catch (err) {
        failed(err);
      }
    });
  }

  #reply(msg: Msg): void {
    const token = msg.subject.slice(this.#prefix.length);
    const pending = this.#pending.get(token);
    // A reply after its request timed out or was cancelled: nobody waits for it any more.
    if (pending === undefined) return;
    this.#settle(token, pending);
    if (msg.headers?.hasError && msg.headers.code === NO_RESPONDERS_STATUS) {
      pending.reject(new NoRespondersError(pending.subject));
      return;
    }
    pending.resolve({ subject: msg.subject, data: msg.data, headers: fromNatsHeaders(msg.headers) });
  }

  /** What nats.js threw while sending a request, as the bus's typed error. */
  #sendFailure(err: unknown, subject: string, data: Uint8Array): unknown {
    const code = (err as { code?: string }).code;
    if (code === ErrorCode.MaxPayloadExceeded) {
      return new ResourceExhaustedError(
        "bus.max_payload",
        `a message of ${data.byteLength} bytes on ${subject} exceeds the bus's largest message (${this.outbound.maxPayload()} bytes, NATS max_payload)`,
        undefined,
        { cause: err },
      );
    }
    if (code === ErrorCode.ConnectionClosed || code === ErrorCode.ConnectionDraining) {
      return new UnavailableError(`bus connection lost while requesting ${subject}`, { subject }, { cause: err });
    }
    return err;
  }

  /** Forgets a request: its entry, its timer and its abort listener. */
  #settle(token: string, pending: Pending): void {
    this.#pending.delete(token);
    clearTimeout(pending.timer);
    if (pending.onAbort) pending.signal?.removeEventListener("abort", pending.onAbort);
  }
}
