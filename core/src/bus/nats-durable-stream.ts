/**
 * Durable streams of distributed mode: JetStream streams (file storage, replicated like the bus's
 * key-value buckets) and durable pull consumers with explicit acknowledgement. Same semantics as
 * the in-process streams (see `durable-stream.ts`).
 */
import {
  AckPolicy,
  DeliverPolicy,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type NatsConnection,
  type NatsError,
  nanos,
  RetentionPolicy,
  StorageType,
} from "nats";
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
import { fromNatsHeaders, toNatsHeaders } from "./nats-bus.ts";

/** JetStream API error codes this module tells apart. */
const STREAM_NAME_IN_USE = 10058;
const CONSUMER_NOT_FOUND = 10014;

/** How long the consume loop waits before taking its consumer up again after it failed. */
const RESUME_DELAY_MS = 250;

/** The header that carries the deduplication key. */
const MSG_ID_HEADER = "Nats-Msg-Id";

function apiErrorCode(err: unknown): number | undefined {
  return (err as NatsError).api_error?.err_code;
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
  return new NatsDurableStream(config.name, nc.jetstream(), jsm);
}

function toDurableMessage(m: JsMsg): DurableMessage {
  return {
    subject: m.subject,
    data: m.data,
    headers: fromNatsHeaders(m.headers),
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
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
  ) {}

  async publish(subject: string, data: Uint8Array, options: DurablePublishOptions = {}): Promise<PublishAck> {
    const headers = toNatsHeaders(options.headers);
    const ack = await this.js.publish(subject, data, {
      ...(options.msgId === undefined ? {} : { msgID: options.msgId }),
      ...(headers ? { headers } : {}),
    });
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
    await this.ensureConsumer(config);
    const slots = new Slots(config.maxAckPending);
    let stopped = false;
    let current: { stop(): void } | undefined;
    let wake: (() => void) | undefined;

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
          // A failed handler's message goes back to be delivered again at once.
          if (!settled) message.nak();
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
          const messages = await consumer.consume({ max_messages: config.maxAckPending });
          current = messages;
          if (stopped) messages.stop();
          for await (const m of messages) {
            await slots.take();
            if (stopped) {
              // Not handled here: the server delivers it again after the ack wait.
              slots.release();
              break;
            }
            run(m);
          }
        } catch {
          // Fall through to the pause below and take the consumer up again.
        }
        current = undefined;
        if (!stopped) {
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, RESUME_DELAY_MS);
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
    // What is stored at the start decides where reading ends: how many messages match, and the
    // last sequence (later messages are not read).
    const info = await this.jsm.streams.info(this.name, { subjects_filter: subject });
    const counts: Record<string, number> = info.state.subjects ?? {};
    let remaining = 0;
    for (const count of Object.values(counts)) remaining += count;
    const lastSeq = info.state.last_seq;
    if (remaining === 0) return;
    const consumer = await this.js.consumers.get(this.name, { filterSubjects: [subject] });
    // A fetch of exactly what matched ends by itself once everything arrived; its expiry only
    // matters when messages were removed (acknowledged off a work queue) while reading.
    const messages = await consumer.fetch({ max_messages: remaining, expires: 5000 });
    try {
      for await (const m of messages) {
        if (m.seq > lastSeq) break;
        yield readOnly(m);
        if (m.info.pending === 0) break;
      }
    } finally {
      messages.stop();
    }
  }
}

/** A message read for inspection: settling it does nothing (an ordered consumer takes no acks). */
function readOnly(m: JsMsg): DurableMessage {
  return { ...toDurableMessage(m), ack: async () => {}, nak: () => {}, working: () => {} };
}
