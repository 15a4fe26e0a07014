import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { configReference, envName, loadConfig } from "./config.ts";
import { InvalidArgumentError } from "./errors.ts";

const file = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), "arbiter-config-")), "arbiter.yaml");
  writeFileSync(path, text);
  return path;
};

describe("configuration", () => {
  it("starts from the compiled-in defaults", () => {
    const config = loadConfig();
    assert.equal(config.gateway.port, 8080);
    assert.equal(config.gateway.host, "127.0.0.1");
    assert.equal(config.bus.kind, "memory");
    assert.equal(config.database.kind, "pglite");
    assert.ok(Object.isFrozen(config.gateway));
  });

  it("layers file < environment < flags < overrides", () => {
    const path = file("gateway:\n  port: 9000\n  host: 0.0.0.0\nlog:\n  level: debug\n");
    const config = loadConfig({
      file: path,
      env: { ARBITER_GATEWAY_PORT: "9001", ARBITER_BUS_NATS_URLS: "nats://a:4222, nats://b:4222" },
      flags: { "gateway.port": "9002" },
    });
    assert.equal(config.gateway.port, 9002);
    assert.equal(config.gateway.host, "0.0.0.0");
    assert.equal(config.log.level, "debug");
    assert.deepEqual(config.bus.natsUrls, ["nats://a:4222", "nats://b:4222"]);
    assert.equal(
      loadConfig({ env: { ARBITER_GATEWAY_PORT: "9001" }, overrides: { gateway: { port: 7 } } }).gateway.port,
      7,
    );
  });

  it("derives environment names from the setting's path", () => {
    assert.equal(envName("limits.maxModelUploadBytes"), "ARBITER_LIMITS_MAX_MODEL_UPLOAD_BYTES");
    assert.equal(envName("dataDir"), "ARBITER_DATA_DIR");
  });

  it("names the key, its source, the expected and the received value of a bad setting", () => {
    assert.throws(
      () => loadConfig({ env: { ARBITER_GATEWAY_PORT: "80a" } }),
      (err: unknown) => {
        assert.ok(err instanceof InvalidArgumentError);
        assert.equal(
          err.message,
          'config gateway.port (from ARBITER_GATEWAY_PORT): expected an integer from 0 to 65535, got "80a"',
        );
        return true;
      },
    );
    assert.throws(
      () => loadConfig({ flags: { "bus.kind": "kafka" } }),
      /config bus\.kind \(from --bus\.kind\): expected one of memory, nats, got "kafka"/,
    );
    assert.throws(
      () => loadConfig({ file: file("gateway:\n  prot: 1\n") }),
      /config gateway\.prot \(from .*arbiter\.yaml\): expected a known setting/,
    );
    assert.throws(
      () => loadConfig({ flags: { "gateway.prot": "1" } }),
      /flag --gateway\.prot: expected a known setting/,
    );
    assert.throws(() => loadConfig({ file: file("gateway: [1,\n") }), /config file .*: expected valid YAML or JSON/);
  });

  it("documents every setting with its environment variable", () => {
    const table = configReference();
    assert.match(table, /\| `gateway\.port` \| `ARBITER_GATEWAY_PORT` \| int \| `8080` \|/);
    assert.match(table, /`limits\.maxModelUploadBytes`/);
  });
});
