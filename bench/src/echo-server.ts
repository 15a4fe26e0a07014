/**
 * A bare HTTP/2 gRPC server: it reads each unary call's body and answers with one fixed reply
 * message, doing nothing else. Driven by the same load generator as a mesh, it shows what the
 * transport alone costs on this machine (node:http2, loopback TCP, the client, the wake-ups of
 * an idle process): the part of a mesh's latency that no mesh code can take away.
 */
import http2 from "node:http2";

/** A running echo server. */
export interface EchoServer {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  close(): Promise<void>;
}

/** Starts the server on a free loopback port; every call is answered with `reply` (a message, unframed). */
export async function startEchoServer(reply: Uint8Array): Promise<EchoServer> {
  const frame = Buffer.alloc(5 + reply.byteLength);
  frame.writeUInt32BE(reply.byteLength, 1);
  frame.set(reply, 5);
  const server = http2.createServer();
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on("session", (session) => {
    sessions.add(session);
    session.once("close", () => sessions.delete(session));
  });
  server.on("stream", (stream) => {
    // The body is read (as a server must), not looked at.
    stream.on("data", () => {});
    stream.once("end", () => {
      stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
      stream.once("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
      stream.end(frame);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const session of sessions) session.destroy();
      }),
  };
}
