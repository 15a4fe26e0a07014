/**
 * The in-process bus of embedded mode. Same semantics as NATS (see `bus.ts`) so the same service
 * code runs in both modes; delivery is asynchronous, as over a network, so a handler never runs
 * inside its sender's call stack.
 */
import { randomUUID } from "node:crypto";
import { CancelledError, DeadlineExceededError, NoRespondersError, UnavailableError } from "../errors.ts";
import {
  type Bus,
  type BusHeaders,
  type BusMessage,
  type IncomingMessage,
  type KeyValueOptions,
  type KeyValueStore,
  type RequestOptions,
  type SubscribeOptions,
  type Subscription,
  subjectMatches,
} from "./bus.ts";
import type { DurableStream, DurableStreamConfig } from "./durable-stream.ts";
import { MemoryDurableStream } from "./memory-durable-stream.ts";

/** The receivers of one subject. */
interface Route {
  readonly plain: readonly Subscriber[];
  /** Members of each queue group; one member of each receives a message. */
  readonly groups: readonly (readonly Subscriber[])[];
}

interface Delivery {
  readonly target: Subscriber | PendingRequest;
  readonly message: IncomingMessage;
}

interface Subscriber {
  readonly subject: string;
  readonly queue: string | undefined;
  readonly handler: (message: IncomingMessage) => void;
  active: boolean;
}

/**
 * A message in flight. A class rather than an object literal with a `respond` closure: one is
 * made per request and per reply, on the hot path.
 */
class MemoryMessage implements IncomingMessage {
  readonly reply: string | undefined;
  constructor(
    private readonly bus: MemoryBus,
    readonly subject: string,
    readonly data: Uint8Array,
    readonly headers: BusHeaders,
    reply: string | undefined,
  ) {
    this.reply = reply;
  }

  respond(data: Uint8Array, headers?: BusHeaders): void {
    if (this.reply !== undefined) this.bus.sendReply(this.reply, data, headers);
  }
}

/** A request waiting for its reply (and the abort listener of its signal: no closures per request). */
class PendingRequest {
  timer: NodeJS.Timeout | undefined;
  resolve: (message: BusMessage) => void = () => {};
  reject: (error: unknown) => void = () => {};
  constructor(
    private readonly waiting: Map<string, PendingRequest>,
    readonly inbox: string,
    readonly subject: string,
    readonly signal: AbortSignal | undefined,
  ) {}

  /** Stops waiting: forgets the inbox, the timer and the abort listener. */
  finish(): void {
    this.waiting.delete(this.inbox);
    if (this.timer) clearTimeout(this.timer);
    this.signal?.removeEventListener("abort", this);
  }

  replied(message: IncomingMessage): void {
    // A reply that lost the race with the timeout or an abort finds nobody waiting.
    if (this.waiting.get(this.inbox) !== this) return;
    this.finish();
    this.resolve(message);
  }

  /** The signal aborted. */
  handleEvent(): void {
    this.finish();
    this.reject(new CancelledError(`request on ${this.subject} cancelled`));
  }

  timedOut(timeoutMs: number): void {
    this.finish();
    this.reject(
      new DeadlineExceededError(`no reply on ${this.subject} within ${timeoutMs} ms`, { subject: this.subject }),
    );
  }
}

function onRequestTimeout(pending: PendingRequest, timeoutMs: number): void {
  pending.timedOut(timeoutMs);
}

/** Creates an in-process bus. Buckets and subscriptions live as long as the bus. */
export function createMemoryBus(): Bus {
  return new MemoryBus();
}

class MemoryBus implements Bus {
  readonly kind = "memory";
  /** Subscriptions to one exact subject, found without a scan. */
  private readonly exact = new Map<string, Set<Subscriber>>();
  /** Subscriptions with `*` or `>`, matched against each subject. */
  private readonly wildcard = new Set<Subscriber>();
  /**
   * Who receives each subject: plain subscribers, and the members of each queue group. Computed on
   * first use and dropped whenever a subscription comes or goes, so a steady stream of requests
   * to a few subjects costs one map lookup each instead of a scan of every wildcard.
   */
  private readonly routes = new Map<string, Route>();
  /** Requests waiting for their reply, by inbox (one muxed inbox prefix per bus, as NATS clients do). */
  private readonly pendingReplies = new Map<string, PendingRequest>();
  private readonly inboxPrefix = `_INBOX.${randomUUID()}.`;
  private nextInbox = 0;
  /** Deliveries waiting for the next turn of the event loop, drained by one setImmediate. */
  private queue: Delivery[] = [];
  private drainScheduled = false;
  private readonly drain = () => this.drainQueue();
  private readonly buckets = new Map<string, MemoryKeyValue>();
  private readonly streams = new Map<string, MemoryDurableStream>();
  private closed = false;
  private readonly statusListeners = new Set<(connected: boolean) => void>();

  maxPayload(): number {
    return Number.POSITIVE_INFINITY;
  }

  publish(subject: string, data: Uint8Array, headers: BusHeaders = {}, reply?: string): void {
    this.deliver(subject, data, headers, reply);
  }

  private route(subject: string): Route {
    let route = this.routes.get(subject);
    if (route) return route;
    const plain: Subscriber[] = [];
    const byGroup = new Map<string, Subscriber[]>();
    const add = (sub: Subscriber) => {
      if (sub.queue === undefined) plain.push(sub);
      else {
        const members = byGroup.get(sub.queue);
        if (members) members.push(sub);
        else byGroup.set(sub.queue, [sub]);
      }
    };
    for (const sub of this.exact.get(subject) ?? []) add(sub);
    for (const sub of this.wildcard) if (subjectMatches(sub.subject, subject)) add(sub);
    route = { plain, groups: [...byGroup.values()] };
    this.routes.set(subject, route);
    return route;
  }

  /** Delivers to every plain subscriber and one member of each queue group; returns the count. */
  private deliver(subject: string, data: Uint8Array, headers: BusHeaders, reply?: string): number {
    if (this.closed) throw new UnavailableError("bus is closed");
    const waiting = this.pendingReplies.get(subject);
    if (waiting !== undefined) {
      this.enqueue(waiting, this.message(subject, data, headers, undefined));
      return 1;
    }
    const { plain, groups } = this.route(subject);
    const count = plain.length + groups.length;
    if (count === 0) return 0;
    const message = this.message(subject, data, headers, reply);
    for (const sub of plain) this.enqueue(sub, message);
    for (const members of groups) {
      const pick = members.length === 1 ? members[0] : members[Math.floor(Math.random() * members.length)];
      if (pick) this.enqueue(pick, message);
    }
    return count;
  }

  private message(subject: string, data: Uint8Array, headers: BusHeaders, reply: string | undefined): IncomingMessage {
    return new MemoryMessage(this, subject, data, headers, reply);
  }

  /** Sends a reply (MemoryMessage.respond); dropped once the bus is closed. */
  sendReply(reply: string, data: Uint8Array, headers: BusHeaders | undefined): void {
    if (!this.closed) this.deliver(reply, data, headers ?? {});
  }

  /** Handlers run on a later turn of the event loop, never inside the sender's call stack. */
  private enqueue(target: Subscriber | PendingRequest, message: IncomingMessage): void {
    this.queue.push({ target, message });
    if (!this.drainScheduled) {
      this.drainScheduled = true;
      setImmediate(this.drain);
    }
  }

  private drainQueue(): void {
    this.drainScheduled = false;
    const batch = this.queue;
    this.queue = [];
    for (const { target, message } of batch) {
      if (target instanceof PendingRequest) target.replied(message);
      else if (target.active) target.handler(message);
    }
  }

  request(subject: string, data: Uint8Array, options: RequestOptions): Promise<BusMessage> {
    return new Promise<BusMessage>((resolve, reject) => {
      const { signal } = options;
      if (signal?.aborted) {
        reject(new CancelledError(`request on ${subject} cancelled`));
        return;
      }
      const pending = new PendingRequest(
        this.pendingReplies,
        `${this.inboxPrefix}${this.nextInbox++}`,
        subject,
        signal,
      );
      pending.resolve = resolve;
      pending.reject = reject;
      this.pendingReplies.set(pending.inbox, pending);
      let delivered: number;
      try {
        delivered = this.deliver(subject, data, options.headers ?? {}, pending.inbox);
      } catch (err) {
        pending.finish();
        reject(err);
        return;
      }
      if (delivered === 0) {
        pending.finish();
        reject(new NoRespondersError(subject));
        return;
      }
      pending.timer = setTimeout(onRequestTimeout, options.timeoutMs, pending, options.timeoutMs);
      signal?.addEventListener("abort", pending, { once: true });
    });
  }

  subscribe(
    subject: string,
    handler: (message: IncomingMessage) => void,
    options: SubscribeOptions = {},
  ): Subscription {
    const sub: Subscriber = { subject, queue: options.queue, handler, active: true };
    this.routes.clear();
    const isWildcard = subject.split(".").some((t) => t === "*" || t === ">");
    if (isWildcard) this.wildcard.add(sub);
    else {
      const set = this.exact.get(subject);
      if (set) set.add(sub);
      else this.exact.set(subject, new Set([sub]));
    }
    return {
      subject,
      unsubscribe: () => {
        if (!sub.active) return;
        sub.active = false;
        this.routes.clear();
        if (isWildcard) this.wildcard.delete(sub);
        else {
          const set = this.exact.get(subject);
          set?.delete(sub);
          if (set?.size === 0) this.exact.delete(subject);
        }
      },
    };
  }

  async keyValue(bucket: string, options: KeyValueOptions): Promise<KeyValueStore> {
    let kv = this.buckets.get(bucket);
    if (!kv) {
      kv = new MemoryKeyValue(options.ttlMs);
      this.buckets.set(bucket, kv);
    }
    return kv;
  }

  async durableStream(config: DurableStreamConfig): Promise<DurableStream> {
    if (this.closed) throw new UnavailableError("bus is closed");
    const existing = this.streams.get(config.name);
    if (existing) {
      existing.update(config);
      return existing;
    }
    const stream = new MemoryDurableStream(config);
    this.streams.set(config.name, stream);
    return stream;
  }

  async flush(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  connected(): boolean {
    return !this.closed;
  }

  onStatus(listener: (connected: boolean) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  async close(): Promise<void> {
    const was = !this.closed;
    this.closed = true;
    if (was) for (const listener of this.statusListeners) listener(false);
    for (const set of this.exact.values()) for (const sub of set) sub.active = false;
    for (const sub of this.wildcard) sub.active = false;
    this.exact.clear();
    this.wildcard.clear();
    this.routes.clear();
    this.pendingReplies.clear();
    for (const stream of this.streams.values()) stream.close();
  }
}

class MemoryKeyValue implements KeyValueStore {
  private readonly entriesByKey = new Map<string, { value: Uint8Array; writtenAt: number }>();

  constructor(private readonly ttlMs: number) {}

  private live(entry: { writtenAt: number }): boolean {
    return this.ttlMs === 0 || Date.now() - entry.writtenAt < this.ttlMs;
  }

  async put(key: string, value: Uint8Array): Promise<void> {
    this.entriesByKey.set(key, { value, writtenAt: Date.now() });
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    const entry = this.entriesByKey.get(key);
    if (!entry) return undefined;
    if (this.live(entry)) return entry.value;
    this.entriesByKey.delete(key);
    return undefined;
  }

  async delete(key: string): Promise<void> {
    this.entriesByKey.delete(key);
  }

  async entries(): Promise<Map<string, Uint8Array>> {
    const out = new Map<string, Uint8Array>();
    for (const [key, entry] of this.entriesByKey) {
      if (this.live(entry)) out.set(key, entry.value);
      else this.entriesByKey.delete(key);
    }
    return out;
  }
}
