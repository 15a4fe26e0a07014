/**
 * Core NATS publishes (plain messages, requests, replies), gathered per turn of the event loop and
 * handed to nats.js together.
 *
 * Why: nats.js writes its outbound buffer to the socket one microtask after the first message
 * that finds it empty. A gateway takes each gRPC call in a callback of its own (every HTTP/2
 * stream event drains the microtask queue), so every request was a write(2) of its own, and a
 * read(2) in nats-server; the replies of one batch on a scheduler went out almost one by one too.
 * Under load one socket read brings about ten calls, and gathered to the end of the turn
 * (`setImmediate`, right after the I/O callbacks of the turn) they leave in one write. At
 * concurrency 1 the message waits only for the rest of its turn.
 *
 * Order is kept: messages leave in the order they were sent, and a message that must go at once
 * (see {@link NatsOutbound.send}) first sends those waiting.
 */
import type { MsgHdrs, NatsConnection, PublishOptions } from "nats";

/** Called with what nats.js threw when a message left the queue (the send had returned already). */
export type SendFailure = (err: unknown) => void;

interface Waiting {
  subject: string;
  data: Uint8Array;
  options: PublishOptions | undefined;
  onFailure: SendFailure | undefined;
}

/**
 * Room left for headers and framing: a payload within this distance of max_payload goes out at
 * once (see `send`). The mesh's own headers (request context, trace context, errors) take well
 * under a kilobyte.
 */
const HEADER_ALLOWANCE_BYTES = 64 * 1024;

export class NatsOutbound {
  #waiting: Waiting[] = [];
  #scheduled = false;

  constructor(
    private readonly nc: NatsConnection,
    /** The server's max_payload, in bytes. */
    readonly maxPayload: () => number,
  ) {}

  /**
   * Publishes `data` on `subject` at the end of this turn of the event loop. Throws at once, as
   * nats.js does, what can be known at once: a closed or draining connection, a message over the
   * server's max_payload (a payload near the limit goes out at once, so that nats.js itself judges
   * it). `onFailure` hears of anything nats.js refuses later (headers of over 64 KiB, a connection
   * closed within the turn).
   */
  send(subject: string, data: Uint8Array, headers?: MsgHdrs, reply?: string, onFailure?: SendFailure): void {
    const options: PublishOptions | undefined =
      headers || reply ? { ...(headers ? { headers } : {}), ...(reply ? { reply } : {}) } : undefined;
    if (this.nc.isClosed() || this.nc.isDraining() || data.byteLength > this.maxPayload() - HEADER_ALLOWANCE_BYTES) {
      this.flush();
      this.nc.publish(subject, data, options);
      return;
    }
    this.#waiting.push({ subject, data, options, onFailure });
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(this.flush);
    }
  }

  /** Hands every waiting message to nats.js now (before a flush to the server, or a close). */
  readonly flush = (): void => {
    this.#scheduled = false;
    const waiting = this.#waiting;
    if (waiting.length === 0) return;
    this.#waiting = [];
    for (const m of waiting) {
      try {
        this.nc.publish(m.subject, m.data, m.options);
      } catch (err) {
        m.onFailure?.(err);
      }
    }
  };
}
