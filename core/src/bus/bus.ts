/**
 * The bus: how the gateway and the schedulers talk. One interface, two implementations with the
 * same semantics — NATS (distributed mode, `nats-bus.ts`) and an in-process bus (embedded mode,
 * `memory-bus.ts`): NATS subjects with `*`/`>` wildcards, headers, queue groups (each message goes
 * to one member of a group), request/reply with a timeout, and an immediate "no responders"
 * failure when nobody subscribes to a request's subject.
 */

import type { DurableStream, DurableStreamConfig } from "./durable-stream.ts";

/** Header names are case-sensitive strings; one value per name. */
export type BusHeaders = Record<string, string>;

/** A message as a subscriber receives it. */
export interface BusMessage {
  readonly subject: string;
  /** The payload. In-process delivery passes the sender's bytes without copying: never mutate. */
  readonly data: Uint8Array;
  readonly headers: BusHeaders;
  /** Where to send a reply, if the sender asked for one. */
  readonly reply?: string;
}

/** A message that can be answered. */
export interface IncomingMessage extends BusMessage {
  /** Sends the reply to a request; a no-op for plain publishes. */
  respond(data: Uint8Array, headers?: BusHeaders): void;
}

export interface RequestOptions {
  /** How long to wait for the reply, in milliseconds. */
  timeoutMs: number;
  headers?: BusHeaders;
  /** Aborting rejects the request with a CancelledError. */
  signal?: AbortSignal;
}

export interface SubscribeOptions {
  /** Queue group: each message goes to only one subscriber of the group. */
  queue?: string;
}

export interface Subscription {
  readonly subject: string;
  /** Stops delivery at once. */
  unsubscribe(): void;
}

/** A key-value bucket whose entries expire `ttlMs` after their last write (NATS KV semantics). */
export interface KeyValueStore {
  put(key: string, value: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array | undefined>;
  delete(key: string): Promise<void>;
  /** Every live entry. */
  entries(): Promise<Map<string, Uint8Array>>;
}

export interface KeyValueOptions {
  /** Entries older than this disappear; 0 keeps them forever. */
  ttlMs: number;
}

/** The interface both bus implementations provide. */
export interface Bus {
  /** "nats" or "memory". */
  readonly kind: string;
  /**
   * Sends a request and waits for one reply. Fails with UnavailableError when no subscriber
   * listens on the subject, DeadlineExceededError when the timeout passes, CancelledError when
   * the signal aborts.
   */
  request(subject: string, data: Uint8Array, options: RequestOptions): Promise<BusMessage>;
  /** Fire-and-forget publish. */
  publish(subject: string, data: Uint8Array, headers?: BusHeaders): void;
  /** Calls `handler` for each message on the subject (wildcards allowed). */
  subscribe(subject: string, handler: (message: IncomingMessage) => void, options?: SubscribeOptions): Subscription;
  /** Opens (creating if needed) a key-value bucket. */
  keyValue(bucket: string, options: KeyValueOptions): Promise<KeyValueStore>;
  /** The largest message the bus carries, in bytes (NATS: the server's max_payload; in-process: no limit). */
  maxPayload(): number;
  /** Opens (creating or updating) a durable stream: JetStream over NATS, in memory in-process. */
  durableStream(config: DurableStreamConfig): Promise<DurableStream>;
  /** Resolves when every message published so far has reached the server (NATS) or been queued. */
  flush(): Promise<void>;
  /** Closes the connection; pending requests fail. */
  close(): Promise<void>;
  /**
   * True while messages can reach the server: the in-process bus until it is closed, NATS while
   * connected (false while it reconnects). Readiness probes follow it.
   */
  connected(): boolean;
  /** Calls `listener` with {@link connected}'s new value whenever it changes; returns its removal. */
  onStatus(listener: (connected: boolean) => void): () => void;
}

/** True when a NATS subject pattern (`*` one token, `>` the rest) matches a subject. */
export function subjectMatches(pattern: string, subject: string): boolean {
  if (pattern === subject) return true;
  const p = pattern.split(".");
  const s = subject.split(".");
  for (let i = 0; i < p.length; i++) {
    const token = p[i];
    if (token === ">") return s.length > i;
    if (i >= s.length) return false;
    if (token !== "*" && token !== s[i]) return false;
  }
  return p.length === s.length;
}
