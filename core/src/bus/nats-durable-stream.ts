/**
 * Durable streams of distributed mode: JetStream streams (file storage, replicated like the bus's
 * key-value buckets) and durable pull consumers with explicit acknowledgement. Same semantics as
 * the in-process streams (see `durable-stream.ts`).
 */
import {
  AckPolicy,
  DeliverPolicy,
  ErrorCode,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type MsgHdrs,
  type MsgRequest,
  type NatsConnection,
  type NatsError,
  nanos,
  RetentionPolicy,
  StorageType,
  type StoredMsg,
} from "nats";
import { FailedPreconditionError } from "../errors.ts";
import type { BusHeaders } from "./bus.ts";
import type {
  ConsumerState,
  Consumption,
  DurableConsumerConfig,
  DurableMessage,
  DurablePublishOptions,
  DurableStream,
  DurableStreamConfig,
  PublishAck,
} from "./durable-stream.ts";
import { validateConsumerConfig, validateStreamConfig } from "./memory-durable-stream.ts";
import { fromNatsHeaders, toNatsHeaders } from "./nats-headers.ts";

/** JetStream API error codes this module tells apart. */
const STREAM_NAME_IN_USE = 10058;
const CONSUMER_NOT_FOUND = 10014;
const JETSTREAM_UNAVAILABLE = 10008;
const WORK_QUEUE_FILTER_OVERLAPS = 10100;
const NO_MESSAGE_FOUND = 10037;

/**
 * How long publishing and opening a consumer keep trying through a reconnect: a request sent while
 * the client reconnects, or while a restarted server recovers its streams, can go unanswered.
 */
const RETRY_BUDGET_MS = 30_000;

/** How long one publish attempt waits for the stream's acknowledgement. */
const PUBLISH_ATTEMPT_TIMEOUT_MS = 2000;

/** How long the consume loop waits before taking its consumer up again after it failed, at first and at most. */
const RESUME_DELAY_MS = 250;
const MAX_RESUME_DELAY_MS = 5000;

/** The header that carries the deduplication key. */
const MSG_ID_HEADER = "Nats-Msg-Id";

function apiErrorCode(err: unknown): number | undefined {
  return (err as NatsError).api_error?.err_code;
}

/** A failure that a reconnect or a recovering server explains: no answer, or nobody to answer yet. */
function transient(err: unknown): boolean {
  const code = (err as NatsError).code;
  return code === ErrorCode.Timeout || code === ErrorCode.NoResponders || apiErrorCode(err) === JETSTREAM_UNAVAILABLE;
}

/**
 * Calls `attempt` until it succeeds, fails for good, or {@link RETRY_BUDGET_MS} passed: for
 * JetStream API calls, which time out while a cluster that just formed elects its leaders.
 */
export async function retrying<T>(nc: NatsConnection, attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + RETRY_BUDGET_MS;
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (err) {
      if (!transient(err) || nc.isClosed() || Date.now() >= deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 100 * tries)));
    }
  }
}

/**
 * Opens (creating or updating) a stream: file storage, so that acknowledged messages survive a
 * server restart, with `replicas` copies.
 */
export async function openNatsDurableStream(
  nc: NatsConnection,
  config: DurableStreamConfig,
  replicas: number,
): Promise<DurableStream> {
  validateStreamConfig(config);
  const jsm = await nc.jetstreamManager();
  const limits = {
    subjects: [...config.subjects],
    duplicate_window: nanos(config.duplicateWindowMs),
    max_age: nanos(config.maxAgeMs ?? 0),
  };
  await retrying(nc, async () => {
    try {
      await jsm.streams.add({
        name: config.name,
        retention: config.retention === "workqueue" ? RetentionPolicy.Workqueue : RetentionPolicy.Limits,
        storage: StorageType.File,
        num_replicas: replicas,
        ...limits,
      });
    } catch (err) {
      // The stream exists (created by another process, or with other limits): bring it up to date.
      if (apiErrorCode(err) !== STREAM_NAME_IN_USE) throw err;
      await jsm.streams.update(config.name, limits);
    }
  });
  return new NatsDurableStream(config.name, nc, nc.jetstream(), jsm);
}

/**
 * A message get for the first message at or after `seq` on `subject` (wildcards allowed). The
 * server takes `next_by_subj` on every message get; the client's type lists it only for direct
 * gets, which would need the stream to allow them.
 */
function nextOnSubject(seq: number, subject: string): MsgRequest {
  return { seq, next_by_subj: subject } as MsgRequest;
}

/** Hands a message back for redelivery; a closed connection leaves that to the ack wait. */
function nakQuietly(m: JsMsg): void {
  try {
    m.nak();
  } catch {
    // The connection is closed: the server redelivers once the ack wait passes.
  }
}

/** A stored message's headers without the message id, which {@link DurableMessage.msgId} carries. */
function userHeaders(h: MsgHdrs | undefined): BusHeaders {
  const headers = fromNatsHeaders(h);
  delete headers[MSG_ID_HEADER];
  return headers;
}

function toDurableMessage(m: JsMsg): DurableMessage {
  return {
    subject: m.subject,
    data: m.data,
    headers: userHeaders(m.headers),
    msgId: m.headers?.get(MSG_ID_HEADER) || undefined,
    seq: m.seq,
    deliveryCount: m.info.redeliveryCount,
    ack: async () => {
      // Waits for the server's confirmation: once this resolves the message will not come back.
      await m.ackAck();
    },
    nak: (delayMs?: number) => m.nak(delayMs),
    working: () => m.working(),
  };
}

/** Counts the handler calls open in this process, so that no more than the consumer's cap run at once. */
class Slots {
  private open = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  /** Resolves once fewer than `size` slots are taken (and takes one). */
  async take(): Promise<void> {
    if (this.open < this.size) {
      this.open++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** Frees a slot, handing it straight to the longest waiter if there is one. */
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.open--;
  }

  /** Lets every waiter go (the consumption is stopping). */
  releaseAll(): void {
    for (const next of this.waiting.splice(0)) next();
  }
}

class NatsDurableStream implements DurableStream {
  constructor(
    readonly name: string,
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
  ) {}

  async publish(subject: string, data: Uint8Array, options: DurablePublishOptions = {}): Promise<PublishAck> {
    const headers = toNatsHeaders(options.headers);
    // Trying again is safe with a message id (the stream stores it once); without one, a retry
    // after an acknowledgement that was lost stores the message twice (delivery is at least once).
    const ack = await retrying(this.nc, () =>
      this.js.publish(subject, data, {
        timeout: PUBLISH_ATTEMPT_TIMEOUT_MS,
        ...(options.msgId === undefined ? {} : { msgID: options.msgId }),
        ...(headers ? { headers } : {}),
      }),
    );
    return { seq: ack.seq, duplicate: ack.duplicate };
  }

  /** Creates the durable consumer, or updates the settings that can change when it exists. */
  private async ensureConsumer(config: DurableConsumerConfig): Promise<void> {
    const settings = {
      ack_wait: nanos(config.ackWaitMs),
      max_ack_pending: config.maxAckPending,
      filter_subject: config.filterSubject,
    };
    try {
      await this.jsm.consumers.add(this.name, {
        durable_name: config.durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        ...settings,
      });
    } catch (err) {
      if (apiErrorCode(err) === WORK_QUEUE_FILTER_OVERLAPS) {
        throw new FailedPreconditionError(
          `consumer ${config.durable} of work queue ${this.name}: its filter ${config.filterSubject} overlaps another consumer's`,
          { stream: this.name, durable: config.durable, filterSubject: config.filterSubject },
          { cause: err },
        );
      }
      // Adding an existing consumer with other settings fails; update those settings instead.
      const existing = await this.jsm.consumers.info(this.name, config.durable).catch(() => undefined);
      if (!existing) throw err;
      await this.jsm.consumers.update(this.name, config.durable, settings);
    }
  }

  async consume(
    config: DurableConsumerConfig,
    handler: (message: DurableMessage) => Promise<void>,
  ): Promise<Consumption> {
    validateConsumerConfig(config);
    await retrying(this.nc, () => this.ensureConsumer(config));
    const share = Math.min(config.concurrency ?? config.maxAckPending, config.maxAckPending);
    const slots = new Slots(share);
    let stopped = false;
    let current: { stop(): void } | undefined;
    let wake: (() => void) | undefined;
    let resumeDelay = RESUME_DELAY_MS / 2;

    const run = (m: JsMsg) => {
      const message = toDurableMessage(m);
      let settled = false;
      const settle = <T>(fn: () => T): T => {
        settled = true;
        return fn();
      };
      const tracked: DurableMessage = {
        ...message,
        ack: () => settle(() => message.ack()),
        nak: (delayMs?: number) => settle(() => message.nak(delayMs)),
      };
      void (async () => {
        try {
          await handler(tracked);
        } catch {
          // A failed handler's message goes back to be delivered again at once (unless the
          // connection is gone, in which case the ack wait brings it back).
          if (!settled) nakQuietly(m);
        } finally {
          slots.release();
        }
      })();
    };

    // The client resumes a consumption by itself after a reconnect; this loop takes over when the
    // iterator ends anyway (the consumer was unreachable or recreated), until stop() is called.
    const loop = (async () => {
      while (!stopped) {
        try {
          const consumer = await this.js.consumers.get(this.name, config.durable);
          resumeDelay = RESUME_DELAY_MS / 2;
          const messages = await consumer.consume({ max_messages: share });
          current = messages;
          if (stopped) messages.stop();
          for await (const m of messages) {
            await slots.take();
            if (stopped) {
              // Taken but not handled: back to the stream for another consumption.
              nakQuietly(m);
              break;
            }
            run(m);
          }
        } catch {
          // Fall through to the pause below and take the consumer up again.
        }
        current = undefined;
        if (!stopped) {
          // Backs off while the consumer stays unreachable (or was deleted, until it is back).
          resumeDelay = Math.min(MAX_RESUME_DELAY_MS, resumeDelay * 2);
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, resumeDelay);
          });
          wake = undefined;
        }
      }
    })();

    return {
      stop: async () => {
        if (stopped) return;
        stopped = true;
        current?.stop();
        slots.releaseAll();
        wake?.();
        await loop;
      },
    };
  }

  async consumerState(durable: string): Promise<ConsumerState | undefined> {
    try {
      const info = await this.jsm.consumers.info(this.name, durable);
      return { pending: info.num_pending, ackPending: info.num_ack_pending, redelivered: info.num_redelivered };
    } catch (err) {
      if (apiErrorCode(err) === CONSUMER_NOT_FOUND) return undefined;
      throw err;
    }
  }

  async deleteConsumer(durable: string): Promise<void> {
    try {
      await this.jsm.consumers.delete(this.name, durable);
    } catch (err) {
      if (apiErrorCode(err) !== CONSUMER_NOT_FOUND) throw err;
    }
  }

  async *read(subject: string): AsyncIterable<DurableMessage> {
    // One get of the next message on the subject after another: it works on every retention (a
    // consumer reading a work queue would take its messages) and ends at the last sequence stored
    // when reading started.
    const { state } = await this.jsm.streams.info(this.name);
    if (state.messages === 0) return;
    let seq = state.first_seq;
    while (seq <= state.last_seq) {
      let stored: StoredMsg;
      try {
        stored = await this.jsm.streams.getMessage(this.name, nextOnSubject(seq, subject));
      } catch (err) {
        if (apiErrorCode(err) === NO_MESSAGE_FOUND) return;
        throw err;
      }
      if (stored.seq > state.last_seq) return;
      yield {
        subject: stored.subject,
        data: stored.data,
        headers: userHeaders(stored.header),
        msgId: stored.header?.get(MSG_ID_HEADER) || undefined,
        seq: stored.seq,
        deliveryCount: 1,
        // Reading settles nothing: the stream and its consumers are left as they are.
        ack: async () => {},
        nak: () => {},
        working: () => {},
      };
      seq = stored.seq + 1;
    }
  }
}
