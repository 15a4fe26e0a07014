/**
 * One port for every protocol. Without TLS, the first bytes of a connection decide: the HTTP/2
 * preface ("PRI * HTTP/2.0") goes to the h2c server (gRPC, gRPC-Web, Connect over HTTP/2), anything
 * else to the HTTP/1.1 server (Connect, gRPC-Web, REST). With TLS, ALPN negotiates h2 or http/1.1;
 * the certificate files are watched and a renewed pair serves new connections without a restart.
 */
import http from "node:http";
import http2 from "node:http2";
import type { Socket } from "node:net";
import net from "node:net";
import { InvalidArgumentError, type Logger } from "@arbiter/core";
import { loadTlsContext, type TlsReloader, tlsFilesSignature, watchTlsFiles } from "./tls-reloader.ts";

type Handler = (
  req: http.IncomingMessage | http2.Http2ServerRequest,
  res: http.ServerResponse | http2.Http2ServerResponse,
) => void;

export interface ListenerOptions {
  host: string;
  port: number;
  tlsCertFile?: string;
  tlsKeyFile?: string;
  /** PEM CA bundle: clients must present a certificate it signed (mutual TLS). */
  tlsClientCaFile?: string;
  /** Interval of the fallback check of the TLS files for changes, in milliseconds. Default 10000. */
  tlsReloadCheckMs?: number;
  /** Where TLS reloads (and rejected TLS files) are reported. */
  logger: Logger;
}

/** A listening port; `close` stops accepting, lets open calls finish for `graceMs`, then cuts. */
export interface Listener {
  readonly port: number;
  close(graceMs: number): Promise<void>;
}

const H2_PREFACE = Buffer.from("PRI * HTTP/2.0");

export async function listen(handler: Handler, options: ListenerOptions): Promise<Listener> {
  const sockets = new Set<Socket>();
  const sessions = new Set<http2.Http2Session>();
  const track = (server: http2.Http2Server | http2.Http2SecureServer) =>
    server.on("session", (session: http2.Http2Session) => {
      sessions.add(session);
      session.on("close", () => sessions.delete(session));
    });

  let front: net.Server;
  let closeInner: () => void;
  if (Boolean(options.tlsCertFile) !== Boolean(options.tlsKeyFile)) {
    throw new InvalidArgumentError(
      "gateway.tlsCertFile and gateway.tlsKeyFile",
      "both set (TLS) or both empty (plain)",
      options.tlsCertFile ? "a certificate without a key" : "a key without a certificate",
    );
  }
  if (options.tlsClientCaFile && !options.tlsCertFile) {
    throw new InvalidArgumentError(
      "gateway.tlsClientCaFile",
      "set only with gateway.tlsCertFile and gateway.tlsKeyFile (mutual TLS needs TLS)",
      options.tlsClientCaFile,
    );
  }
  if (options.tlsCertFile && options.tlsKeyFile) {
    const files = {
      certFile: options.tlsCertFile,
      keyFile: options.tlsKeyFile,
      clientCaFile: options.tlsClientCaFile,
    };
    const mutual = Boolean(options.tlsClientCaFile);
    const since = tlsFilesSignature(files);
    const server = http2.createSecureServer(
      // With a client CA, a client without a certificate it signed fails the handshake.
      { ...loadTlsContext(files), allowHTTP1: true, requestCert: mutual, rejectUnauthorized: mutual },
      handler as never,
    );
    track(server);
    // Open connections keep the context they were made with; only new handshakes see the new one.
    const reloader: TlsReloader = watchTlsFiles({
      files,
      apply: (context) => server.setSecureContext(context),
      logger: options.logger,
      checkIntervalMs: options.tlsReloadCheckMs ?? 10_000,
      since,
    });
    front = server;
    closeInner = () => reloader.close();
  } else {
    const h1 = http.createServer(handler as http.RequestListener);
    const h2 = http2.createServer({}, handler as never);
    track(h2);
    // noDelay: gRPC frames are small; Nagle would hold them back waiting for ACKs.
    front = net.createServer({ noDelay: true }, (socket) => {
      let head = Buffer.alloc(0);
      const onData = (chunk: Buffer) => {
        head = Buffer.concat([head, chunk]);
        const n = Math.min(head.length, H2_PREFACE.length);
        const isH2 = head.subarray(0, n).equals(H2_PREFACE.subarray(0, n));
        if (isH2 && head.length < H2_PREFACE.length) return; // wait for the whole preface
        socket.off("data", onData);
        socket.pause();
        socket.unshift(head);
        if (isH2) {
          // http2 feeds the unshifted bytes to its native session, then reads the handle itself;
          // resuming here would hand them to nobody.
          h2.emit("connection", socket);
        } else {
          h1.emit("connection", socket);
          socket.resume();
        }
      };
      socket.on("data", onData);
    });
    closeInner = () => {
      h1.close();
      h1.closeIdleConnections();
      h2.close();
    };
  }
  front.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    front.once("error", reject);
    front.listen(options.port, options.host, () => {
      front.off("error", reject);
      resolve();
    });
  });
  const address = front.address();
  const port = typeof address === "object" && address ? address.port : options.port;

  return {
    port,
    async close(graceMs: number) {
      front.close();
      closeInner();
      // GOAWAY: open streams finish, no new ones start.
      for (const session of sessions) session.close();
      const deadline = Date.now() + graceMs;
      while (sockets.size > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      for (const socket of sockets) socket.destroy();
    },
  };
}
