/**
 * Durable streams: the bus's JetStream side. A stream stores every message published on its
 * subjects (deduplicated by message id within a window); durable consumers read it with explicit
 * acknowledgement, so a message a worker took and never acknowledged is delivered again after
 * `ackWaitMs`. Both bus implementations provide them with the same semantics: NATS JetStream in
 * distributed mode, an in-process stream in embedded mode (which holds its messages in memory:
 * there, as everywhere, PostgreSQL is the record and the stream only transport).
 */
import type { BusHeaders } from "./bus.ts";

/** How a stream keeps its messages. */
export type StreamRetention =
  /** Until the limits (age) remove them; any number of consumers read them. */
  | "limits"
  /** Until a consumer acknowledges them: a work queue (one consumer per subject). */
  | "workqueue";

/** What a stream is; opening it again with the same name updates its subjects. */
export interface DurableStreamConfig {
  /** Stream name: letters, digits, `-` and `_`. */
  readonly name: string;
  /** The subjects it stores (wildcards allowed). */
  readonly subjects: readonly string[];
  readonly retention: StreamRetention;
  /** A message id seen within this window is stored once. */
  readonly duplicateWindowMs: number;
  /** Messages older than this are removed; 0 keeps them. */
  readonly maxAgeMs?: number;
}

/** The outcome of a publish, once the stream stored the message. */
export interface PublishAck {
  /** The stream sequence of the message (of the first copy, for a duplicate). */
  readonly seq: number;
  /** True when the message id was already stored within the duplicate window: nothing was added. */
  readonly duplicate: boolean;
}

export interface DurablePublishOptions {
  /**
   * Deduplication key (the `Nats-Msg-Id` header in NATS). It also makes publishing safe to retry:
   * over NATS a publish whose acknowledgement was lost to a reconnect is sent again, which without
   * an id can store the message twice.
   */
  readonly msgId?: string;
  readonly headers?: BusHeaders;
}

/** A message delivered to a durable consumer; settle it with exactly one of ack, nak or term. */
export interface DurableMessage {
  readonly subject: string;
  readonly data: Uint8Array;
  readonly headers: BusHeaders;
  /** The message id it was published with, if any. */
  readonly msgId: string | undefined;
  /** Its sequence in the stream. */
  readonly seq: number;
  /** 1 on first delivery, then 2, 3, … */
  readonly deliveryCount: number;
  /** Done: the message is not delivered again (and leaves a work-queue stream). */
  ack(): Promise<void>;
  /** Not done: delivered again after `delayMs` (at once when 0). */
  nak(delayMs?: number): void;
  /** Still working: restarts the ack-wait timer. */
  working(): void;
}

/** A durable consumer's configuration; consumers of one name share their messages. */
export interface DurableConsumerConfig {
  /** Consumer name; every process consuming it takes a share of its messages. */
  readonly durable: string;
  /** Only messages on this subject (wildcards allowed). */
  readonly filterSubject: string;
  /** Unacknowledged messages are delivered again after this long. */
  readonly ackWaitMs: number;
  /** At most this many delivered and not yet acknowledged, across all processes (1 keeps order). */
  readonly maxAckPending: number;
  /**
   * Handler calls open at once in this consumption (this process's share); defaults to
   * maxAckPending. A work queue shared by many processes sets maxAckPending to the whole
   * cluster's allowance and this to one process's.
   */
  readonly concurrency?: number;
}

/** What a durable consumer has left (NATS consumer info). */
export interface ConsumerState {
  /** Stored and not yet delivered. */
  readonly pending: number;
  /** Delivered and not yet acknowledged. */
  readonly ackPending: number;
  /** Unacknowledged messages that were delivered more than once (an acknowledgement clears one). */
  readonly redelivered: number;
}

/** A consumption started by {@link DurableStream.consume}. */
export interface Consumption {
  /**
   * Stops taking messages; messages delivered and not settled are delivered again later (after
   * their ack wait). Handler calls already running are not waited for: their acks still count.
   */
  stop(): Promise<void>;
}

/** An opened durable stream. */
export interface DurableStream {
  readonly name: string;
  /** Stores a message; resolves once it is stored (or recognised as a duplicate). */
  publish(subject: string, data: Uint8Array, options?: DurablePublishOptions): Promise<PublishAck>;
  /**
   * Creates the durable consumer if needed and calls `handler` for each message, at most
   * `maxAckPending` unsettled at a time. A handler that throws leaves its message to be nak'd.
   */
  consume(config: DurableConsumerConfig, handler: (message: DurableMessage) => Promise<void>): Promise<Consumption>;
  /** The consumer's state, or undefined when it does not exist. */
  consumerState(durable: string): Promise<ConsumerState | undefined>;
  /**
   * Removes a durable consumer and what it had left to deliver; nothing happens when it does not
   * exist. A consumer of the same name opened later starts from the beginning of the stream.
   */
  deleteConsumer(durable: string): Promise<void>;
  /** Every message stored on `subject` (wildcards allowed), in order; for inspection and tests. */
  read(subject: string): AsyncIterable<DurableMessage>;
}
