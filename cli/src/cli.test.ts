import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { configReference } from "@arbiter/core";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const arbiter = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ["--import", "tsx", "cli/src/main.ts", ...args], {
    cwd: repo,
    env: { PATH: process.env.PATH ?? "", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });

describe("arbiter CLI", () => {
  it("prints help for the tool and for every command", () => {
    const top = arbiter(["--help"]);
    assert.equal(top.status, 0);
    for (const command of ["start", "gateway", "scheduler", "config"]) {
      assert.match(top.stdout, new RegExp(`\\n  ${command} `));
      const help = arbiter([command, "--help"]);
      assert.equal(help.status, 0, command);
      assert.match(help.stdout, new RegExp(`^arbiter ${command}`), command);
    }
  });

  it("fails fast on a bad setting, naming the key, its source, the expected and the received value", () => {
    const res = arbiter(["start"], { ARBITER_GATEWAY_PORT: "eighty" });
    assert.equal(res.status, 1);
    assert.equal(
      res.stderr.trim(),
      'arbiter: config gateway.port (from ARBITER_GATEWAY_PORT): expected an integer from 0 to 65535, got "eighty"',
    );
    const flag = arbiter(["gateway", "--bus.kind", "kafka"]);
    assert.equal(flag.status, 1);
    assert.match(flag.stderr, /config bus\.kind \(from --bus\.kind\): expected one of memory, nats, got "kafka"/);
  });

  it("rejects an unknown command with the usage", () => {
    const res = arbiter(["launch"]);
    assert.equal(res.status, 2);
    assert.match(res.stderr, /unknown command "launch"/);
  });

  it("defaults the distributed roles to NATS and PostgreSQL", () => {
    // A scheduler with nothing to connect to fails on the bus, naming what it tried.
    const res = arbiter(["scheduler", "--nats", "nats://127.0.0.1:1"]);
    assert.equal(res.status, 1);
    assert.equal(res.stderr.trim(), "arbiter: cannot connect to NATS at nats://127.0.0.1:1: CONNECTION_REFUSED");
    const start = arbiter(["config"]);
    assert.equal((JSON.parse(start.stdout) as { bus: { kind: string } }).bus.kind, "memory");
  });

  it("prints the effective configuration with every layer applied", () => {
    const res = arbiter(["config", "--port", "9191"], { ARBITER_LOG_LEVEL: "warn" });
    assert.equal(res.status, 0);
    const config = JSON.parse(res.stdout) as { gateway: { port: number }; log: { level: string } };
    assert.equal(config.gateway.port, 9191);
    assert.equal(config.log.level, "warn");
  });

  it("keeps docs/configuration.md in step with the settings", () => {
    const doc = readFileSync(`${repo}/docs/configuration.md`, "utf8");
    assert.ok(doc.includes(configReference()), "regenerate with: npm run arbiter -- config --docs");
  });
});
