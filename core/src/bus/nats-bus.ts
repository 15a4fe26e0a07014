/**
 * The bus of distributed mode, over NATS (package `nats`). Same semantics as the in-process bus
 * (see `bus.ts`); heartbeats and other live state use JetStream key-value buckets.
 */
import {
  type ConnectionOptions,
  connect,
  ErrorCode,
  Events,
  type KV,
  type Msg,
  type NatsConnection,
  type TlsOptions,
} from "nats";
import { UnavailableError } from "../errors.ts";
import type {
  Bus,
  BusHeaders,
  BusMessage,
  IncomingMessage,
  KeyValueOptions,
  KeyValueStore,
  RequestOptions,
  SubscribeOptions,
  Subscription,
} from "./bus.ts";
import type { DurableStream, DurableStreamConfig } from "./durable-stream.ts";
import { openNatsDurableStream, retrying } from "./nats-durable-stream.ts";
import { fromNatsHeaders, toNatsHeaders } from "./nats-headers.ts";
import { NatsOutbound } from "./nats-outbound.ts";
import { NatsRequestMux } from "./nats-request-mux.ts";
import { type NatsTlsSettings, natsTlsOptions } from "./nats-tls.ts";

export interface NatsBusOptions {
  /** Server URLs, e.g. ["nats://127.0.0.1:4222"]. */
  servers: string[];
  /** Connection name shown by the server's monitoring. */
  name: string;
  /** TLS files (the `bus` settings can be passed as they are); any file set makes TLS required. */
  tls?: NatsTlsSettings;
  /** Optional credentials and TLS are passed straight to the client. */
  connection?: Partial<ConnectionOptions>;
}

/** Connects to NATS; reconnects forever when the server goes away. */
export async function createNatsBus(options: NatsBusOptions): Promise<Bus> {
  const tls = options.tls ? natsTlsOptions(options.tls) : undefined;
  try {
    const nc = await connect({
      servers: options.servers,
      name: options.name,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
      pingInterval: 5000,
      // nats.js otherwise captures a stack trace (an Error) per request it makes (JetStream's and
      // key-value calls; the mesh's own requests go through NatsRequestMux), for timeout messages
      // our typed errors replace anyway.
      noAsyncTraces: true,
      ...(tls ? { tls } : {}),
      ...options.connection,
    });
    return new NatsBus(nc, options.connection?.inboxPrefix);
  } catch (err) {
    const reason = connectFailure(err, tls);
    throw new UnavailableError(
      `cannot connect to NATS at ${options.servers.join(", ")}: ${reason}`,
      {},
      { cause: err },
    );
  }
}

/** Why a first connection failed, in words an operator can act on (TLS failures especially). */
function connectFailure(err: unknown, tls: TlsOptions | undefined): string {
  const { code, message } = err as { code?: string; message?: string };
  if (code === ErrorCode.ServerOptionNotAvailable && tls) {
    return "TLS is configured (bus.natsTls*) but the server does not offer it";
  }
  // A server that verifies clients drops one without a certificate after the handshake, which
  // the client only sees as its connection never completing.
  if (code === ErrorCode.Timeout && tls && !tls.certFile) {
    return `${code} (over TLS without a client certificate: if the server verifies clients, set bus.natsTlsCertFile and bus.natsTlsKeyFile)`;
  }
  // Handshake failures (an untrusted or expired certificate, a host name mismatch) carry Node's
  // TLS code and a message that says which.
  if (code && message && code !== message && /CERT|SSL|TLS|ERR_TLS|SELF_SIGNED|VERIFY/i.test(code)) {
    return `TLS handshake failed: ${code}: ${message}`;
  }
  return code ?? message ?? String(err);
}

/** nats-server's default max_payload, for a connection that has not received the server's INFO. */
const DEFAULT_MAX_PAYLOAD = 1024 * 1024;

/** JetStream's usual replica count: a quorum of two survives the loss of any one server. */
const MAX_KV_REPLICAS = 3;

/**
 * How many servers hold a key-value bucket this process creates: one on a single server; on a
 * cluster, one per server up to {@link MAX_KV_REPLICAS}. With a single replica in a cluster, the
 * bucket (every node's heartbeat) lives on one server and disappears with it, leaving the mesh
 * without a node list. The server's INFO names its cluster and every member's client URL.
 */
function kvReplicas(nc: NatsConnection): number {
  const info = nc.info;
  if (!info?.cluster) return 1;
  return Math.max(1, Math.min(MAX_KV_REPLICAS, info.connect_urls?.length ?? 1));
}

class NatsBus implements Bus {
  readonly kind = "nats";
  private isConnected = true;
  private readonly statusListeners = new Set<(connected: boolean) => void>();
  private readonly outbound: NatsOutbound;
  private readonly requests: NatsRequestMux;

  constructor(
    private readonly nc: NatsConnection,
    inboxPrefix?: string,
  ) {
    this.outbound = new NatsOutbound(nc, () => this.maxPayload());
    this.requests = new NatsRequestMux(nc, this.outbound, inboxPrefix);
    void this.followStatus();
    // The status iterator ends when the connection closes, whichever way it closes.
    void nc.closed().then(() => this.setConnected(false));
  }

  /** Follows the client's status events: a disconnect until the next reconnect is "not connected". */
  private async followStatus(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (status.type === Events.Disconnect) this.setConnected(false);
      else if (status.type === Events.Reconnect) this.setConnected(true);
    }
  }

  private setConnected(connected: boolean): void {
    if (this.isConnected === connected) return;
    this.isConnected = connected;
    for (const listener of this.statusListeners) listener(connected);
  }

  connected(): boolean {
    return this.isConnected;
  }

  onStatus(listener: (connected: boolean) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  maxPayload(): number {
    return this.nc.info?.max_payload ?? DEFAULT_MAX_PAYLOAD;
  }

  publish(subject: string, data: Uint8Array, headers?: BusHeaders): void {
    this.outbound.send(subject, data, toNatsHeaders(headers));
  }

  request(subject: string, data: Uint8Array, options: RequestOptions): Promise<BusMessage> {
    return this.requests.request(subject, data, toNatsHeaders(options.headers), options);
  }

  subscribe(
    subject: string,
    handler: (message: IncomingMessage) => void,
    options: SubscribeOptions = {},
  ): Subscription {
    const sub = this.nc.subscribe(subject, {
      ...(options.queue ? { queue: options.queue } : {}),
      callback: (err, msg) => {
        if (!err) handler(this.toIncoming(msg));
      },
    });
    return { subject, unsubscribe: () => sub.unsubscribe() };
  }

  async keyValue(bucket: string, options: KeyValueOptions): Promise<KeyValueStore> {
    // Several nodes starting together on a fresh cluster: the bucket's creation may time out
    // while JetStream elects its leaders (a scheduler that gave up then would not start).
    const kv = await retrying(this.nc, () =>
      this.nc.jetstream().views.kv(bucket, { ttl: options.ttlMs, history: 1, replicas: kvReplicas(this.nc) }),
    );
    return new NatsKeyValue(kv);
  }

  async durableStream(config: DurableStreamConfig): Promise<DurableStream> {
    return openNatsDurableStream(this.nc, config, kvReplicas(this.nc));
  }

  async flush(): Promise<void> {
    this.outbound.flush();
    await this.nc.flush();
  }

  async close(): Promise<void> {
    if (this.nc.isClosed()) return;
    this.outbound.flush();
    await this.nc.drain().catch(() => this.nc.close());
  }

  private toIncoming(msg: Msg): IncomingMessage {
    const reply = msg.reply;
    return {
      subject: msg.subject,
      data: msg.data,
      headers: fromNatsHeaders(msg.headers),
      ...(reply ? { reply } : {}),
      respond: (data: Uint8Array, headers?: BusHeaders) => {
        if (reply) this.outbound.send(reply, data, toNatsHeaders(headers));
      },
    };
  }
}

class NatsKeyValue implements KeyValueStore {
  constructor(private readonly kv: KV) {}

  async put(key: string, value: Uint8Array): Promise<void> {
    await this.kv.put(key, value);
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    const entry = await this.kv.get(key);
    if (entry?.operation !== "PUT") return undefined;
    return entry.value;
  }

  async delete(key: string): Promise<void> {
    await this.kv.delete(key);
  }

  async entries(): Promise<Map<string, Uint8Array>> {
    // Collect the keys first: reading entries while the key iterator is open loses keys.
    const keys: string[] = [];
    for await (const key of await this.kv.keys()) keys.push(key);
    const out = new Map<string, Uint8Array>();
    for (const key of keys) {
      const value = await this.get(key);
      if (value) out.set(key, value);
    }
    return out;
  }
}
