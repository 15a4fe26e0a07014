/**
 * Durable streams of the in-process bus (embedded mode): the same semantics as JetStream (see
 * `durable-stream.ts`) held in memory — sequence numbers, deduplication by message id, work-queue
 * or limits retention, durable consumers shared by every consumption of their name, explicit
 * acknowledgement with redelivery after the ack wait, and a cap on unacknowledged messages.
 */
import { FailedPreconditionError, InvalidArgumentError } from "../errors.ts";
import { type BusHeaders, subjectMatches } from "./bus.ts";
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

/** A message as the stream holds it. */
interface StoredMessage {
  readonly seq: number;
  readonly subject: string;
  readonly data: Uint8Array;
  readonly headers: BusHeaders;
  readonly msgId: string | undefined;
  readonly storedAt: number;
}

/** A message delivered to a consumer and not yet acknowledged. */
interface Unsettled {
  readonly seq: number;
  /** How many times it was delivered so far. */
  deliveries: number;
  /**
   * The ack-wait timer while a handler holds it, the nak delay while it waits to be delivered
   * again; undefined once it is due for redelivery.
   */
  timer: NodeJS.Timeout | undefined;
  /** Bumped on each delivery, so a timer or nak of an older delivery does not act on a newer one. */
  delivery: number;
}

type Handler = (message: DurableMessage) => Promise<void>;

/** One call of `consume`: a share of its durable consumer's messages. */
interface MemoryConsumption {
  readonly handler: Handler;
  active: boolean;
  /** Handler calls running now, at most `limit` (the consumption's concurrency). */
  inFlight: number;
  readonly limit: number;
}

const STREAM_NAME = /^[A-Za-z0-9_-]+$/;

/** True when some subject matches both patterns (`*` one token, `>` one or more). */
export function subjectsOverlap(a: string, b: string): boolean {
  const x = a.split(".");
  const y = b.split(".");
  for (let i = 0; ; i++) {
    const p = x[i];
    const q = y[i];
    if (p === undefined || q === undefined) return p === q;
    if (p === ">" || q === ">") return true;
    if (p !== "*" && q !== "*" && p !== q) return false;
  }
}

/** Checks a stream configuration the way the JetStream server does. */
export function validateStreamConfig(config: DurableStreamConfig): void {
  if (!STREAM_NAME.test(config.name)) {
    throw new InvalidArgumentError("name", "letters, digits, '-' and '_'", config.name);
  }
  if (config.subjects.length === 0) {
    throw new InvalidArgumentError("subjects", "at least one subject", "[]");
  }
  if (!(config.duplicateWindowMs >= 0)) {
    throw new InvalidArgumentError("duplicateWindowMs", "a non-negative number", String(config.duplicateWindowMs));
  }
}

/** Checks a consumer configuration the way the JetStream server does. */
export function validateConsumerConfig(config: DurableConsumerConfig): void {
  if (!STREAM_NAME.test(config.durable)) {
    throw new InvalidArgumentError("durable", "letters, digits, '-' and '_'", config.durable);
  }
  if (!(Number.isInteger(config.maxAckPending) && config.maxAckPending >= 1)) {
    throw new InvalidArgumentError("maxAckPending", "a positive integer", String(config.maxAckPending));
  }
  if (!(config.ackWaitMs > 0)) {
    throw new InvalidArgumentError("ackWaitMs", "a positive number of milliseconds", String(config.ackWaitMs));
  }
}

/** A durable consumer: where it is in the stream and what it delivered and has not had acknowledged. */
class MemoryConsumer {
  config: DurableConsumerConfig;
  /** The next sequence it has not delivered yet. */
  nextSeq = 1;
  /** Delivered and not acknowledged, by sequence. */
  readonly unsettled = new Map<number, Unsettled>();
  /** Sequences due for redelivery, oldest first. */
  readonly redeliver: number[] = [];
  readonly consumptions: MemoryConsumption[] = [];
  /** Round-robin position among the consumptions. */
  private turn = 0;
  deleted = false;

  constructor(
    private readonly stream: MemoryDurableStream,
    config: DurableConsumerConfig,
  ) {
    this.config = config;
  }

  /** The next active consumption, taking turns so that every process gets a share. */
  private nextConsumption(): MemoryConsumption | undefined {
    const count = this.consumptions.length;
    for (let i = 0; i < count; i++) {
      const candidate = this.consumptions[(this.turn + i) % count];
      if (candidate?.active && candidate.inFlight < candidate.limit) {
        this.turn = (this.turn + i + 1) % count;
        return candidate;
      }
    }
    return undefined;
  }

  /** Hands out what it may: redeliveries first (already counted as unacknowledged), then new messages. */
  dispatch(): void {
    if (this.deleted) return;
    for (;;) {
      const consumption = this.nextConsumption();
      if (!consumption) return;
      const seq = this.nextToDeliver();
      if (seq === undefined) return;
      const stored = this.stream.stored(seq);
      if (!stored) {
        this.unsettled.delete(seq);
        continue;
      }
      this.deliver(stored, consumption);
    }
  }

  private nextToDeliver(): number | undefined {
    while (this.redeliver.length > 0) {
      const seq = this.redeliver.shift() as number;
      if (this.unsettled.has(seq)) return seq;
    }
    if (this.unsettled.size >= this.config.maxAckPending) return undefined;
    const next = this.stream.nextMatching(this.nextSeq, this.config.filterSubject);
    if (next === undefined) {
      this.nextSeq = this.stream.lastSeq + 1;
      return undefined;
    }
    this.nextSeq = next + 1;
    this.unsettled.set(next, { seq: next, deliveries: 0, timer: undefined, delivery: 0 });
    return next;
  }

  private deliver(stored: StoredMessage, consumption: MemoryConsumption): void {
    const entry = this.unsettled.get(stored.seq) as Unsettled;
    entry.deliveries += 1;
    entry.delivery += 1;
    const delivery = entry.delivery;
    this.armAckWait(entry);
    let settled = false;
    const current = () => !this.deleted && this.unsettled.get(stored.seq) === entry && entry.delivery === delivery;
    const message: DurableMessage = {
      subject: stored.subject,
      data: stored.data,
      headers: stored.headers,
      msgId: stored.msgId,
      seq: stored.seq,
      deliveryCount: entry.deliveries,
      ack: async () => {
        settled = true;
        // An acknowledgement of an older delivery still counts, as in JetStream: the work is done.
        if (this.deleted || this.unsettled.get(stored.seq) !== entry) return;
        clearTimeout(entry.timer);
        this.unsettled.delete(stored.seq);
        this.stream.acknowledged(stored.seq);
        this.stream.schedule();
      },
      nak: (delayMs = 0) => {
        settled = true;
        if (!current()) return;
        clearTimeout(entry.timer);
        entry.timer = undefined;
        if (delayMs > 0) {
          entry.timer = setTimeout(() => this.due(entry, delivery), delayMs);
        } else {
          this.due(entry, delivery);
        }
      },
      working: () => {
        if (current() && !settled) this.armAckWait(entry);
      },
    };
    const handler = consumption.handler;
    consumption.inFlight++;
    // A handler that fails leaves its message to be delivered again at once.
    void (async () => {
      try {
        await handler(message);
      } catch {
        if (!settled) message.nak();
      } finally {
        consumption.inFlight--;
        this.stream.schedule();
      }
    })();
  }

  private armAckWait(entry: Unsettled): void {
    clearTimeout(entry.timer);
    const delivery = entry.delivery;
    entry.timer = setTimeout(() => this.due(entry, delivery), this.config.ackWaitMs);
  }

  /** A delivery's ack wait or nak delay ran out: the message goes out again. */
  private due(entry: Unsettled, delivery: number): void {
    if (this.deleted || this.unsettled.get(entry.seq) !== entry || entry.delivery !== delivery) return;
    entry.timer = undefined;
    // Bump the delivery so that the old holder's nak or working() no longer applies.
    entry.delivery += 1;
    this.redeliver.push(entry.seq);
    this.stream.schedule();
  }

  state(): ConsumerState {
    let redelivered = 0;
    for (const entry of this.unsettled.values()) if (entry.deliveries > 1) redelivered++;
    return {
      pending: this.stream.countMatching(this.nextSeq, this.config.filterSubject),
      ackPending: this.unsettled.size,
      redelivered,
    };
  }

  /** Stops every consumption and timer; the consumer is gone. */
  delete(): void {
    this.deleted = true;
    for (const consumption of this.consumptions) consumption.active = false;
    for (const entry of this.unsettled.values()) clearTimeout(entry.timer);
    this.unsettled.clear();
    this.redeliver.length = 0;
  }
}

/** An in-process durable stream; lives as long as its bus. */
export class MemoryDurableStream implements DurableStream {
  readonly name: string;
  private config: DurableStreamConfig;
  /** Stored messages by sequence, in sequence order (a Map keeps insertion order). */
  private readonly messages = new Map<number, StoredMessage>();
  /** Message ids seen within the duplicate window, with the sequence and time they were stored. */
  private readonly seenIds = new Map<string, { seq: number; at: number }>();
  private readonly consumers = new Map<string, MemoryConsumer>();
  lastSeq = 0;
  private dispatchScheduled = false;
  private closed = false;

  constructor(config: DurableStreamConfig) {
    validateStreamConfig(config);
    this.name = config.name;
    this.config = config;
  }

  /** Opening the stream again updates its subjects and limits (the retention stays). */
  update(config: DurableStreamConfig): void {
    validateStreamConfig(config);
    this.config = { ...config, retention: this.config.retention };
  }

  async publish(subject: string, data: Uint8Array, options: DurablePublishOptions = {}): Promise<PublishAck> {
    if (this.closed) throw new FailedPreconditionError(`stream ${this.name} is closed`);
    if (!this.config.subjects.some((pattern) => subjectMatches(pattern, subject))) {
      throw new InvalidArgumentError("subject", `a subject of stream ${this.name}`, subject);
    }
    const now = Date.now();
    this.expire(now);
    const { msgId } = options;
    if (msgId !== undefined) {
      const seen = this.seenIds.get(msgId);
      if (seen) return { seq: seen.seq, duplicate: true };
    }
    const seq = ++this.lastSeq;
    this.messages.set(seq, { seq, subject, data, headers: { ...options.headers }, msgId, storedAt: now });
    if (msgId !== undefined && this.config.duplicateWindowMs > 0) this.seenIds.set(msgId, { seq, at: now });
    this.schedule();
    return { seq, duplicate: false };
  }

  async consume(config: DurableConsumerConfig, handler: Handler): Promise<Consumption> {
    if (this.closed) throw new FailedPreconditionError(`stream ${this.name} is closed`);
    validateConsumerConfig(config);
    this.checkWorkQueueFilter(config);
    let consumer = this.consumers.get(config.durable);
    if (consumer) consumer.config = config;
    else {
      consumer = new MemoryConsumer(this, config);
      this.consumers.set(config.durable, consumer);
    }
    const consumption: MemoryConsumption = {
      handler,
      active: true,
      inFlight: 0,
      limit: Math.min(config.concurrency ?? config.maxAckPending, config.maxAckPending),
    };
    consumer.consumptions.push(consumption);
    this.schedule();
    const owner = consumer;
    return {
      stop: async () => {
        consumption.active = false;
        const index = owner.consumptions.indexOf(consumption);
        if (index >= 0) owner.consumptions.splice(index, 1);
      },
    };
  }

  /** A work queue hands each subject to one consumer, as JetStream does: filters must not overlap. */
  private checkWorkQueueFilter(config: DurableConsumerConfig): void {
    if (this.config.retention !== "workqueue") return;
    for (const [durable, other] of this.consumers) {
      if (durable !== config.durable && subjectsOverlap(other.config.filterSubject, config.filterSubject)) {
        throw new FailedPreconditionError(
          `consumer ${config.durable} of work queue ${this.name}: its filter ${config.filterSubject} overlaps consumer ${durable}'s`,
          { stream: this.name, durable: config.durable, filterSubject: config.filterSubject },
        );
      }
    }
  }

  async consumerState(durable: string): Promise<ConsumerState | undefined> {
    this.expire(Date.now());
    return this.consumers.get(durable)?.state();
  }

  async deleteConsumer(durable: string): Promise<void> {
    const consumer = this.consumers.get(durable);
    if (!consumer) return;
    consumer.delete();
    this.consumers.delete(durable);
  }

  async *read(subject: string): AsyncIterable<DurableMessage> {
    this.expire(Date.now());
    const snapshot = [...this.messages.values()].filter((m) => subjectMatches(subject, m.subject));
    for (const stored of snapshot) {
      yield {
        subject: stored.subject,
        data: stored.data,
        headers: stored.headers,
        msgId: stored.msgId,
        seq: stored.seq,
        deliveryCount: 1,
        // Reading settles nothing: the stream and its consumers are left as they are.
        ack: async () => {},
        nak: () => {},
        working: () => {},
      };
    }
  }

  /** Stops every consumer and timer; the bus is closing. */
  close(): void {
    this.closed = true;
    for (const consumer of this.consumers.values()) consumer.delete();
    this.consumers.clear();
  }

  stored(seq: number): StoredMessage | undefined {
    return this.messages.get(seq);
  }

  /** The first stored sequence at or after `from` on a subject matching `filter`. */
  nextMatching(from: number, filter: string): number | undefined {
    this.expire(Date.now());
    for (const message of this.messages.values()) {
      if (message.seq >= from && subjectMatches(filter, message.subject)) return message.seq;
    }
    return undefined;
  }

  countMatching(from: number, filter: string): number {
    let count = 0;
    for (const message of this.messages.values()) {
      if (message.seq >= from && subjectMatches(filter, message.subject)) count++;
    }
    return count;
  }

  /** A work queue forgets what was acknowledged; a limits stream keeps it for other consumers. */
  acknowledged(seq: number): void {
    if (this.config.retention === "workqueue") this.messages.delete(seq);
  }

  /** Dispatches on a later turn of the event loop, never inside a publisher's or handler's call stack. */
  schedule(): void {
    if (this.dispatchScheduled || this.closed) return;
    this.dispatchScheduled = true;
    setImmediate(() => {
      this.dispatchScheduled = false;
      if (this.closed) return;
      for (const consumer of this.consumers.values()) consumer.dispatch();
    });
  }

  /** Drops message ids past the duplicate window and messages past the maximum age. */
  private expire(now: number): void {
    for (const [id, seen] of this.seenIds) {
      // Entries are in insertion (time) order: the first young one ends the scan.
      if (now - seen.at < this.config.duplicateWindowMs) break;
      this.seenIds.delete(id);
    }
    const maxAgeMs = this.config.maxAgeMs ?? 0;
    if (maxAgeMs > 0) {
      for (const [seq, message] of this.messages) {
        if (now - message.storedAt < maxAgeMs) break;
        this.messages.delete(seq);
      }
    }
  }
}
