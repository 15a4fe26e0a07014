/**
 * The gateway with TLS: the same port negotiates HTTP/2 (gRPC) or HTTP/1.1 (Connect, gRPC-Web)
 * by ALPN, with the certificate and key read from files.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createMemoryBus, createRootLogger, loadConfig } from "@arbiter/core";
import { type Gateway, startGateway } from "@arbiter/gateway";
import { Health, HealthCheckResponse_ServingStatus } from "@arbiter/proto/grpc";
import { createClient } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport, createGrpcWebTransport } from "@connectrpc/connect-node";

describe("gateway over TLS", () => {
  const dir = mkdtempSync(join(tmpdir(), "arbiter-tls-"));
  const cert = join(dir, "cert.pem");
  const key = join(dir, "key.pem");
  let gateway: Gateway;
  const bus = createMemoryBus();

  before(async () => {
    // A self-signed certificate for localhost, made with the system's openssl.
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=DNS:localhost,IP:127.0.0.1",
        "-keyout",
        key,
        "-out",
        cert,
      ],
      { stdio: "ignore" },
    );
    gateway = await startGateway({
      config: loadConfig({ overrides: { gateway: { port: 0, tlsCertFile: cert, tlsKeyFile: key } } }),
      bus,
      logger: createRootLogger({ level: "silent" }),
    });
  });
  after(async () => {
    await gateway?.stop();
    await bus.close();
  });

  it("serves gRPC over HTTP/2 and Connect and gRPC-Web over HTTP/1.1 on one TLS port", async () => {
    const baseUrl = `https://localhost:${gateway.port}`;
    const nodeOptions = { ca: readFileSync(cert) };
    const transports = [
      createGrpcTransport({ baseUrl, nodeOptions }),
      createConnectTransport({ baseUrl, httpVersion: "1.1", nodeOptions }),
      createGrpcWebTransport({ baseUrl, httpVersion: "1.1", nodeOptions }),
    ];
    for (const transport of transports) {
      const res = await createClient(Health, transport).check({ service: "" });
      assert.equal(res.status, HealthCheckResponse_ServingStatus.SERVING);
    }
  });

  it("refuses a client that does not trust the certificate", async () => {
    const untrusting = createClient(Health, createGrpcTransport({ baseUrl: `https://localhost:${gateway.port}` }));
    await assert.rejects(untrusting.check({ service: "" }), /self.signed|certificate/i);
  });
});
