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

interface Subscriber {
  readonly subject: string;
  readonly queue: string | undefined;
  readonly handler: (message: IncomingMessage) => void;
  active: boolean;
}

/** Creates an in-process bus. Buckets and subscriptions live as long as the bus. */
export function createMemoryBus(): Bus {
  return new MemoryBus();
}

class MemoryBus implements Bus {
  readonly kind = "memory";
  /** Subscriptions to one exact subject (every reply inbox among them), found without a scan. */
  private readonly exact = new Map<string, Set<Subscriber>>();
  /** Subscriptions with `*` or `>`, matched against each subject. */
  private readonly wildcard = new Set<Subscriber>();
  private readonly buckets = new Map<string, MemoryKeyValue>();
  private closed = false;

  publish(subject: string, data: Uint8Array, headers: BusHeaders = {}, reply?: string): void {
    this.deliver(subject, data, headers, reply);
  }

  /** Delivers to every plain subscriber and one member of each queue group; returns the count. */
  private deliver(subject: string, data: Uint8Array, headers: BusHeaders, reply?: string): number {
    if (this.closed) throw new UnavailableError("bus is closed");
    const groups = new Map<string, Subscriber[]>();
    const targets: Subscriber[] = [];
    const candidates: Subscriber[] = [...(this.exact.get(subject) ?? [])];
    for (const sub of this.wildcard) if (subjectMatches(sub.subject, subject)) candidates.push(sub);
    for (const sub of candidates) {
      if (sub.queue === undefined) targets.push(sub);
      else {
        const members = groups.get(sub.queue);
        if (members) members.push(sub);
        else groups.set(sub.queue, [sub]);
      }
    }
    for (const members of groups.values()) {
      const pick = members[Math.floor(Math.random() * members.length)];
      if (pick) targets.push(pick);
    }
    for (const sub of targets) {
      const message: IncomingMessage = {
        subject,
        data,
        headers,
        ...(reply === undefined ? {} : { reply }),
        respond: (replyData: Uint8Array, replyHeaders?: BusHeaders) => {
          if (reply !== undefined && !this.closed) this.deliver(reply, replyData, replyHeaders ?? {});
        },
      };
      setImmediate(() => {
        if (sub.active) sub.handler(message);
      });
    }
    return targets.length;
  }

  request(subject: string, data: Uint8Array, options: RequestOptions): Promise<BusMessage> {
    return new Promise<BusMessage>((resolve, reject) => {
      if (options.signal?.aborted) {
        reject(new CancelledError(`request on ${subject} cancelled`));
        return;
      }
      const inbox = `_INBOX.${randomUUID()}`;
      let timer: NodeJS.Timeout | undefined;
      const finish = () => {
        sub.unsubscribe();
        if (timer) clearTimeout(timer);
        options.signal?.removeEventListener("abort", onAbort);
      };
      const onAbort = () => {
        finish();
        reject(new CancelledError(`request on ${subject} cancelled`));
      };
      const sub = this.subscribe(inbox, (message) => {
        finish();
        resolve(message);
      });
      let delivered: number;
      try {
        delivered = this.deliver(subject, data, options.headers ?? {}, inbox);
      } catch (err) {
        finish();
        reject(err);
        return;
      }
      if (delivered === 0) {
        finish();
        reject(new NoRespondersError(subject));
        return;
      }
      timer = setTimeout(() => {
        finish();
        reject(new DeadlineExceededError(`no reply on ${subject} within ${options.timeoutMs} ms`, { subject }));
      }, options.timeoutMs);
      options.signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  subscribe(
    subject: string,
    handler: (message: IncomingMessage) => void,
    options: SubscribeOptions = {},
  ): Subscription {
    const sub: Subscriber = { subject, queue: options.queue, handler, active: true };
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
        sub.active = false;
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

  async flush(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const set of this.exact.values()) for (const sub of set) sub.active = false;
    for (const sub of this.wildcard) sub.active = false;
    this.exact.clear();
    this.wildcard.clear();
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
