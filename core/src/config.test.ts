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

  it("reads named secrets from the file and ARBITER_SECRETS_<NAME> variables, and never prints them", () => {
    const path = file("secrets:\n  openai: from-file\n  oip: also-from-file\n");
    const config = loadConfig({
      file: path,
      env: { ARBITER_SECRETS_OPENAI_KEY: "sk-env", ARBITER_SECRETS_oip: "from-env", ARBITER_SECRETS_EMPTY: "" },
    });
    assert.deepEqual({ ...config.secrets }, { openai: "from-file", oip: "from-env", OPENAI_KEY: "sk-env" });
    const printed = JSON.stringify(config);
    assert.ok(!printed.includes("sk-env") && !printed.includes("from-file"), printed);
    assert.deepEqual(JSON.parse(printed).secrets, { openai: "***", oip: "***", OPENAI_KEY: "***" });
    assert.ok(Object.isFrozen(config.secrets));
    assert.throws(
      () => loadConfig({ file: file("secrets:\n  openai: 42\n") }),
      /^InvalidArgumentError: config secrets\.openai \(from .*arbiter\.yaml\): expected a string, got number$/,
    );
    assert.throws(() => loadConfig({ flags: { secrets: "x" } }), /config secrets \(from --secrets\): expected a map/);
  });

  it("has plugin and remote node settings with safe defaults", () => {
    const config = loadConfig();
    assert.equal(config.plugins.dir, "");
    assert.equal(config.plugins.workersPerPlugin, 2);
    assert.equal(config.plugins.workerMemoryMb, 256);
    assert.equal(config.plugins.loadTimeoutMs, 10000);
    assert.deepEqual(config.remote.allowedHosts, []);
    assert.equal(config.remote.allowLoopback, false);
    assert.equal(config.remote.defaultTimeoutMs, 10000);
    const set = loadConfig({
      env: { ARBITER_PLUGINS_DIR: "/srv/plugins", ARBITER_REMOTE_ALLOWED_HOSTS: "api.openai.com, *.models.internal" },
    });
    assert.equal(set.plugins.dir, "/srv/plugins");
    assert.deepEqual(set.remote.allowedHosts, ["api.openai.com", "*.models.internal"]);
  });

  it("documents every setting with its environment variable", () => {
    const table = configReference();
    assert.match(table, /\| `gateway\.port` \| `ARBITER_GATEWAY_PORT` \| int \| `8080` \|/);
    assert.match(table, /`limits\.maxModelUploadBytes`/);
  });
});
