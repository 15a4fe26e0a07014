import { createServer, type Server } from "node:net";

/** The only interface the test kit binds: servers are never reachable from outside the machine. */
export const LOOPBACK_HOST = "127.0.0.1";

function listenEphemeral(): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen({ host: LOOPBACK_HOST, port: 0, exclusive: true }, () => resolve(server));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * Returns `count` distinct TCP ports on 127.0.0.1 that were free a moment ago (the kernel picks
 * them; all are held open together so they never repeat, then released). Another process may
 * still take one before the caller binds it: the server starters retry with fresh ports when a
 * server fails with "address already in use".
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i++) servers.push(await listenEphemeral());
    return servers.map((s) => {
      const address = s.address();
      if (address === null || typeof address === "string") throw new Error("listening socket has no TCP address");
      return address.port;
    });
  } finally {
    await Promise.all(servers.map(close));
  }
}

/** Returns one TCP port on 127.0.0.1 that was free a moment ago; see {@link freePorts}. */
export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  if (port === undefined) throw new Error("no port allocated");
  return port;
}
