/**
 * The bus over TLS to a real nats-server: with `bus.natsTlsCaFile` the connection verifies the
 * server's certificate against that CA; with `bus.natsTlsCertFile`/`KeyFile` it also presents a
 * client certificate to a server that demands one. Each way of getting it wrong fails at
 * connection time with a message that says what is wrong.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type Bus, createNatsBus, InvalidArgumentError, UnavailableError } from "@arbiter/core";
import { type NatsServer, startNats } from "@arbiter/testkit";
import { createCertificateAuthority, issueCertificate } from "../support/certificates.ts";

const NO_TLS = { natsTlsCaFile: "", natsTlsCertFile: "", natsTlsKeyFile: "" };

/** A request answered over the bus: proves messages flow both ways on the connection. */
async function roundTrip(bus: Bus): Promise<string> {
  const subscription = bus.subscribe("tls.echo", (message) => message.respond(message.data));
  try {
    await bus.flush();
    const reply = await bus.request("tls.echo", new TextEncoder().encode("over tls"), { timeoutMs: 5000 });
    return new TextDecoder().decode(reply.data);
  } finally {
    subscription.unsubscribe();
  }
}

describe("the NATS bus over TLS", () => {
  const dir = mkdtempSync(join(tmpdir(), "arbiter-nats-tls-"));
  const ca = createCertificateAuthority(dir, "nats-ca");
  const server = issueCertificate(ca, dir, "nats-server", "server");
  const client = issueCertificate(ca, dir, "nats-client", "client");
  const otherCa = createCertificateAuthority(dir, "other-ca");
  let tlsServer: NatsServer;
  let verifyingServer: NatsServer;
  let plainServer: NatsServer;

  before(async () => {
    const tls = (extra: string) =>
      `tls { cert_file: ${JSON.stringify(server.cert)}, key_file: ${JSON.stringify(server.key)}, timeout: 5${extra} }`;
    [tlsServer, verifyingServer, plainServer] = await Promise.all([
      startNats({ jetstream: false, extraConfig: tls("") }),
      startNats({ jetstream: false, extraConfig: tls(`, ca_file: ${JSON.stringify(ca.cert)}, verify: true`) }),
      startNats({ jetstream: false }),
    ]);
  });
  after(async () => {
    await Promise.all([tlsServer?.stop(), verifyingServer?.stop(), plainServer?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("connects with the CA of the server's certificate and carries requests", async () => {
    const bus = await createNatsBus({
      servers: [tlsServer.url],
      name: "tls-test",
      tls: { ...NO_TLS, natsTlsCaFile: ca.cert },
    });
    try {
      assert.equal(await roundTrip(bus), "over tls");
    } finally {
      await bus.close();
    }
  });

  it("fails clearly without the CA, or with another CA: the certificate cannot be verified", async () => {
    for (const tls of [NO_TLS, { ...NO_TLS, natsTlsCaFile: otherCa.cert }]) {
      await assert.rejects(
        createNatsBus({ servers: [tlsServer.url], name: "tls-test", tls }),
        (err: Error) =>
          err instanceof UnavailableError &&
          err.message.includes(tlsServer.url) &&
          /TLS handshake failed: .*(certificate|issuer)/i.test(err.message),
      );
    }
  });

  it("presents the client certificate to a server that verifies clients, and is refused without one", async () => {
    const bus = await createNatsBus({
      servers: [verifyingServer.url],
      name: "tls-test",
      tls: { natsTlsCaFile: ca.cert, natsTlsCertFile: client.cert, natsTlsKeyFile: client.key },
    });
    try {
      assert.equal(await roundTrip(bus), "over tls");
    } finally {
      await bus.close();
    }
    await assert.rejects(
      createNatsBus({ servers: [verifyingServer.url], name: "tls-test", tls: { ...NO_TLS, natsTlsCaFile: ca.cert } }),
      (err: Error) =>
        err instanceof UnavailableError &&
        err.message.includes(verifyingServer.url) &&
        err.message.includes("set bus.natsTlsCertFile and bus.natsTlsKeyFile"),
    );
  });

  it("refuses to fall back to plain text when TLS is configured and the server does not offer it", async () => {
    await assert.rejects(
      createNatsBus({ servers: [plainServer.url], name: "tls-test", tls: { ...NO_TLS, natsTlsCaFile: ca.cert } }),
      (err: Error) => err instanceof UnavailableError && /the server does not offer it/.test(err.message),
    );
  });

  it("names the setting when a TLS file is missing or a client certificate has no key", async () => {
    await assert.rejects(
      createNatsBus({
        servers: [tlsServer.url],
        name: "tls-test",
        tls: { ...NO_TLS, natsTlsCaFile: join(dir, "missing.crt") },
      }),
      (err: Error) => err instanceof InvalidArgumentError && err.message.startsWith("bus.natsTlsCaFile:"),
    );
    await assert.rejects(
      createNatsBus({
        servers: [tlsServer.url],
        name: "tls-test",
        tls: { ...NO_TLS, natsTlsCertFile: client.cert },
      }),
      (err: Error) => err instanceof InvalidArgumentError && /natsTlsKeyFile/.test(err.message),
    );
  });
});
