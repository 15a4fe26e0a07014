/**
 * The gateway with TLS: the same port negotiates HTTP/2 (gRPC) or HTTP/1.1 (Connect, gRPC-Web)
 * by ALPN, with the certificate and key read from files; files replaced on disk (as Kubernetes
 * updates a mounted Secret) serve new connections without a restart, and a client CA bundle turns
 * on mutual TLS.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import http2 from "node:http2";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { type TLSSocket, connect as tlsConnect } from "node:tls";
import { createMemoryBus, createRootLogger, loadConfig } from "@arbiter/core";
import { type Gateway, startGateway } from "@arbiter/gateway";
import { Health, HealthCheckResponse_ServingStatus } from "@arbiter/proto/grpc";
import { createClient } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport, createGrpcWebTransport } from "@connectrpc/connect-node";
import {
  type CertificateFiles,
  createCertificateAuthority,
  fingerprintOf,
  issueCertificate,
} from "../support/certificates.ts";
import { startEmbeddedMesh } from "../support/mesh.ts";

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
      config: loadConfig({
        overrides: { gateway: { port: 0, tlsCertFile: cert, tlsKeyFile: key }, auth: { enabled: false } },
      }),
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

/** Polls `probe` until it returns true; fails naming `what` after `timeoutMs`. */
async function until(probe: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Options of a TLS client: trusted CA and, for mutual TLS, a client certificate. */
interface ClientTls {
  ca: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

const clientTls = (ca: CertificateFiles, client?: CertificateFiles): ClientTls => ({
  ca: readFileSync(ca.cert),
  ...(client ? { cert: readFileSync(client.cert), key: readFileSync(client.key) } : {}),
});

/** The fingerprint of the certificate a new TLS connection to the port is shown. */
function servedFingerprint(port: number, options: ClientTls): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: "127.0.0.1", port, servername: "localhost", ALPNProtocols: ["h2"], ...options });
    socket.once("secureConnect", () => {
      const fingerprint = socket.getPeerX509Certificate()?.fingerprint256 ?? "";
      socket.destroy();
      resolve(fingerprint);
    });
    socket.once("error", reject);
  });
}

/**
 * How a TLS handshake with the port ends: "accepted" once the server speaks HTTP/2 (its SETTINGS
 * frame arrives), or the error code of the alert it sent (TLS 1.3 sends the client certificate
 * verdict after the client considers the handshake done).
 */
function handshake(port: number, options: ClientTls): Promise<string> {
  return new Promise((resolve) => {
    const socket = tlsConnect({ host: "127.0.0.1", port, servername: "localhost", ALPNProtocols: ["h2"], ...options });
    const done = (outcome: string) => {
      socket.destroy();
      resolve(outcome);
    };
    socket.once("data", () => done("accepted"));
    socket.once("error", (err: NodeJS.ErrnoException) => done(err.code ?? err.message));
    socket.once("close", () => done("closed"));
  });
}

/** grpc.health.v1 Check over a fresh gRPC connection. */
async function checkHealth(port: number, options: ClientTls): Promise<HealthCheckResponse_ServingStatus> {
  const transport = createGrpcTransport({ baseUrl: `https://127.0.0.1:${port}`, nodeOptions: options });
  return (await createClient(Health, transport).check({ service: "" })).status;
}

/** grpc.health.v1 Check as a Connect call on an HTTP/2 session already open. */
function checkHealthOn(session: http2.ClientHttp2Session): Promise<string> {
  return new Promise((resolve, reject) => {
    const stream = session.request({
      ":method": "POST",
      ":path": "/grpc.health.v1.Health/Check",
      "content-type": "application/json",
    });
    let body = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      body += chunk;
    });
    stream.on("end", () => resolve((JSON.parse(body) as { status: string }).status));
    stream.on("error", reject);
    stream.end("{}");
  });
}

/**
 * A directory laid out as Kubernetes mounts a Secret: `tls.crt` and `tls.key` are symlinks into
 * `..data`, itself a symlink to a timestamped directory; an update writes a new directory and
 * renames a new `..data` link over the old one, so both files change in one step.
 */
class SecretVolume {
  readonly certFile: string;
  readonly keyFile: string;
  #version = 0;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.certFile = join(dir, "tls.crt");
    this.keyFile = join(dir, "tls.key");
  }

  /** Publishes a new certificate and key (any content: a test may publish a broken pair). */
  publish(cert: Buffer | string, key: Buffer | string): void {
    const version = `..v${++this.#version}`;
    mkdirSync(join(this.dir, version));
    writeFileSync(join(this.dir, version, "tls.crt"), cert);
    writeFileSync(join(this.dir, version, "tls.key"), key);
    symlinkSync(version, join(this.dir, "..data_tmp"));
    renameSync(join(this.dir, "..data_tmp"), join(this.dir, "..data"));
    if (this.#version === 1) {
      symlinkSync(join("..data", "tls.crt"), this.certFile);
      symlinkSync(join("..data", "tls.key"), this.keyFile);
    } else {
      rmSync(join(this.dir, `..v${this.#version - 1}`), { recursive: true });
    }
  }

  publishFiles(files: CertificateFiles): void {
    this.publish(readFileSync(files.cert), readFileSync(files.key));
  }
}

/** Log lines of a logger, parsed, for waiting on what the gateway reports. */
class LogCapture {
  readonly lines: Array<{ msg?: string; level?: string }> = [];
  readonly stream = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) this.lines.push(JSON.parse(line));
      done();
    },
  });

  count(msg: string): number {
    return this.lines.filter((line) => line.msg === msg).length;
  }
}

describe("gateway TLS certificate reload", () => {
  const dir = mkdtempSync(join(tmpdir(), "arbiter-tls-reload-"));
  const ca = createCertificateAuthority(dir, "reload-ca");
  const first = issueCertificate(ca, dir, "first-server", "server");
  const second = issueCertificate(ca, dir, "second-server", "server");
  const volume = new SecretVolume(join(dir, "secret"));
  const trust = clientTls(ca);
  const logs = new LogCapture();
  const bus = createMemoryBus();
  let gateway: Gateway;

  before(async () => {
    volume.publishFiles(first);
    gateway = await startGateway({
      config: loadConfig({
        // Health needs no credentials; TLS is the subject here.
        overrides: {
          gateway: { port: 0, tlsCertFile: volume.certFile, tlsKeyFile: volume.keyFile },
          auth: { enabled: false },
        },
      }),
      bus,
      logger: createRootLogger({ level: "info", destination: logs.stream }),
    });
  });
  after(async () => {
    await gateway?.stop();
    await bus.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves a renewed certificate to new connections without a restart, leaving open ones undisturbed", async () => {
    assert.equal(await servedFingerprint(gateway.port, trust), fingerprintOf(first.cert));
    const open = http2.connect(`https://127.0.0.1:${gateway.port}`, { ...trust, servername: "localhost" });
    try {
      assert.equal(await checkHealthOn(open), "SERVING");

      volume.publishFiles(second);
      await until(
        async () => (await servedFingerprint(gateway.port, trust)) === fingerprintOf(second.cert),
        "new connections to see the second certificate",
      );
      assert.equal(await checkHealth(gateway.port, trust), HealthCheckResponse_ServingStatus.SERVING);
      // The connection opened before the renewal still works, on the certificate it started with.
      assert.equal(await checkHealthOn(open), "SERVING");
      assert.equal((open.socket as TLSSocket).getPeerX509Certificate()?.fingerprint256, fingerprintOf(first.cert));
    } finally {
      open.close();
    }
  });

  it("keeps the certificate it serves when the new files are broken, and takes the next good ones", async () => {
    const served = await servedFingerprint(gateway.port, trust);
    const rejected = "new TLS files rejected; the previous certificate keeps serving";
    const broken: Array<[string, Buffer | string, Buffer | string]> = [
      ["a key that belongs to another certificate", readFileSync(first.cert), readFileSync(second.key)],
      ["a certificate that is not PEM", "not a certificate", readFileSync(first.key)],
      ["an empty key", readFileSync(first.cert), ""],
    ];
    for (const [what, cert, key] of broken) {
      const before = logs.count(rejected);
      volume.publish(cert, key);
      await until(async () => logs.count(rejected) > before, `the gateway to reject ${what}`);
      assert.equal(await servedFingerprint(gateway.port, trust), served, `${what}: the previous certificate serves`);
      assert.equal(await checkHealth(gateway.port, trust), HealthCheckResponse_ServingStatus.SERVING, what);
    }
    const errors = logs.lines.filter((line) => line.msg === rejected);
    assert.ok(
      errors.every((line) => line.level === "error"),
      "a rejected certificate is logged as an error",
    );

    volume.publishFiles(first);
    await until(
      async () => (await servedFingerprint(gateway.port, trust)) === fingerprintOf(first.cert),
      "the gateway to take good files again after broken ones",
    );
  });
});

describe("gateway TLS settings that cannot work", () => {
  const dir = mkdtempSync(join(tmpdir(), "arbiter-tls-settings-"));
  const ca = createCertificateAuthority(dir, "settings-ca");
  const server = issueCertificate(ca, dir, "settings-server", "server");
  const other = issueCertificate(ca, dir, "settings-other", "server");
  const bus = createMemoryBus();
  after(async () => {
    await bus.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = (gateway: Record<string, string>) =>
    startGateway({
      config: loadConfig({ overrides: { gateway: { port: 0, ...gateway }, auth: { enabled: false } } }),
      bus,
      logger: createRootLogger({ level: "silent" }),
    }).then(async (started) => {
      await started.stop();
      return started;
    });

  it("refuses to start, naming what is wrong, instead of serving something else", async () => {
    await assert.rejects(start({ tlsCertFile: server.cert }), /gateway\.tlsCertFile and gateway\.tlsKeyFile/);
    await assert.rejects(start({ tlsClientCaFile: ca.cert }), /gateway\.tlsClientCaFile: .*mutual TLS needs TLS/);
    await assert.rejects(
      start({ tlsCertFile: server.cert, tlsKeyFile: other.key }),
      (err: Error) => err.message.includes(other.key) && /does not belong to the certificate/.test(err.message),
    );
    await assert.rejects(
      start({ tlsCertFile: server.cert, tlsKeyFile: server.key, tlsClientCaFile: server.key }),
      /no PEM certificate in the CA bundle/,
    );
  });
});

describe("gateway with mutual TLS", () => {
  const dir = mkdtempSync(join(tmpdir(), "arbiter-mtls-"));
  const serverCa = createCertificateAuthority(dir, "server-ca");
  const server = issueCertificate(serverCa, dir, "gateway", "server");
  const clientCa = createCertificateAuthority(dir, "client-ca");
  const otherCa = createCertificateAuthority(dir, "other-ca");
  const client = issueCertificate(clientCa, dir, "trusted-client", "client");
  const stranger = issueCertificate(otherCa, dir, "stranger-client", "client");
  const clientCaFile = join(dir, "clients-ca.pem");
  let mesh: Awaited<ReturnType<typeof startEmbeddedMesh>>;

  before(async () => {
    writeFileSync(clientCaFile, readFileSync(clientCa.cert));
    mesh = await startEmbeddedMesh({
      ARBITER_GATEWAY_TLS_CERT_FILE: server.cert,
      ARBITER_GATEWAY_TLS_KEY_FILE: server.key,
      ARBITER_GATEWAY_TLS_CLIENT_CA_FILE: clientCaFile,
      ARBITER_AUTH_ENABLED: "false",
    });
  });
  after(async () => {
    await mesh?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a client without a certificate, or with one the client CA did not sign", async () => {
    const port = mesh.gateway.port;
    // Without a certificate the handshake fails with the alert saying why. With a certificate of
    // another CA, Node checks the chain once the handshake is done and hangs up before HTTP/2 starts.
    assert.equal(await handshake(port, clientTls(serverCa)), "ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED");
    assert.equal(await handshake(port, clientTls(serverCa, stranger)), "closed");
    assert.equal(await handshake(port, clientTls(serverCa, client)), "accepted");
    // And so no call goes through.
    await assert.rejects(checkHealth(port, clientTls(serverCa)));
    await assert.rejects(checkHealth(port, clientTls(serverCa, stranger)));
  });

  it("serves a client whose certificate the client CA signed, over gRPC, Connect and gRPC-Web", async () => {
    const nodeOptions = clientTls(serverCa, client);
    const baseUrl = `https://127.0.0.1:${mesh.gateway.port}`;
    for (const transport of [
      createGrpcTransport({ baseUrl, nodeOptions }),
      createConnectTransport({ baseUrl, httpVersion: "1.1", nodeOptions }),
      createGrpcWebTransport({ baseUrl, httpVersion: "1.1", nodeOptions }),
    ]) {
      const res = await createClient(Health, transport).check({ service: "" });
      assert.equal(res.status, HealthCheckResponse_ServingStatus.SERVING);
    }
  });

  it("reloads the client CA bundle: a new CA's clients get in without a restart", async () => {
    assert.equal(
      await checkHealth(mesh.gateway.port, clientTls(serverCa, client)),
      HealthCheckResponse_ServingStatus.SERVING,
    );
    // Rotation: the bundle now holds the other CA as well, as while moving clients over.
    const next = `${clientCaFile}.next`;
    writeFileSync(next, Buffer.concat([readFileSync(clientCa.cert), readFileSync(otherCa.cert)]));
    renameSync(next, clientCaFile);
    await until(
      async () =>
        checkHealth(mesh.gateway.port, clientTls(serverCa, stranger)).then(
          (status) => status === HealthCheckResponse_ServingStatus.SERVING,
          () => false,
        ),
      "a client of the newly trusted CA to be served",
    );
    assert.equal(
      await checkHealth(mesh.gateway.port, clientTls(serverCa, client)),
      HealthCheckResponse_ServingStatus.SERVING,
    );
  });
});
