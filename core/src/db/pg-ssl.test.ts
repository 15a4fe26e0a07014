import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { loadConfig } from "../config.ts";
import { InvalidArgumentError } from "../errors.ts";
import { postgresSslOptions } from "./pg-ssl.ts";

describe("postgresSslOptions", () => {
  const dir = mkdtempSync(join(tmpdir(), "arbiter-pg-ssl-"));
  const ca = join(dir, "ca.crt");
  const cert = join(dir, "client.crt");
  const key = join(dir, "client.key");
  writeFileSync(ca, "CA PEM");
  writeFileSync(cert, "CERT PEM");
  writeFileSync(key, "KEY PEM");
  after(() => rmSync(dir, { recursive: true, force: true }));

  const settings = (env: Record<string, string>) => loadConfig({ env }).database;

  it("leaves TLS to the URL by default (disable)", () => {
    assert.equal(postgresSslOptions(settings({})), undefined);
  });

  it("encrypts without checking the server with require", () => {
    assert.deepEqual(postgresSslOptions(settings({ ARBITER_DATABASE_SSL_MODE: "require" })), {
      rejectUnauthorized: false,
    });
  });

  it("checks the certificate (chain and host name) against the CA file with verify-full, with a client certificate", () => {
    const options = postgresSslOptions(
      settings({
        ARBITER_DATABASE_SSL_MODE: "verify-full",
        ARBITER_DATABASE_SSL_CA_FILE: ca,
        ARBITER_DATABASE_SSL_CERT_FILE: cert,
        ARBITER_DATABASE_SSL_KEY_FILE: key,
      }),
    );
    assert.equal(options?.rejectUnauthorized, true);
    // No checkServerIdentity override: Node's own compares the host name with the certificate.
    assert.equal(options?.checkServerIdentity, undefined);
    assert.equal(options?.ca?.toString(), "CA PEM");
    assert.equal(options?.cert?.toString(), "CERT PEM");
    assert.equal(options?.key?.toString(), "KEY PEM");
  });

  it("rejects an unknown mode when the configuration is loaded", () => {
    assert.throws(() => settings({ ARBITER_DATABASE_SSL_MODE: "prefer" }), /database\.sslMode/);
  });

  it("names the setting whose file cannot be read", () => {
    assert.throws(
      () =>
        postgresSslOptions(
          settings({ ARBITER_DATABASE_SSL_MODE: "verify-full", ARBITER_DATABASE_SSL_CA_FILE: join(dir, "none") }),
        ),
      (err: Error) => err instanceof InvalidArgumentError && err.message.startsWith("database.sslCaFile:"),
    );
  });

  it("refuses a client certificate without its key, and files that disable would silently ignore", () => {
    assert.throws(
      () =>
        postgresSslOptions(settings({ ARBITER_DATABASE_SSL_MODE: "require", ARBITER_DATABASE_SSL_CERT_FILE: cert })),
      /database\.sslCertFile and database\.sslKeyFile/,
    );
    assert.throws(
      () => postgresSslOptions(settings({ ARBITER_DATABASE_SSL_CA_FILE: ca })),
      (err: Error) => err instanceof InvalidArgumentError && err.message.startsWith("database.sslMode:"),
    );
  });
});
