import assert from "node:assert/strict";
import { chmod, mkdir, stat, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { test } from "node:test";
import { run } from "./exec.ts";
import { createTempDir, ensureNatsServer, freePorts, NATS_SERVER_VERSION } from "./index.ts";

test("freePorts returns distinct loopback ports that can be bound", async () => {
  const ports = await freePorts(4);
  assert.equal(new Set(ports).size, 4);
  for (const port of ports) {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen({ host: "127.0.0.1", port }, resolve);
    });
    await new Promise((resolve) => server.close(resolve));
  }
});

test("TempDir.remove deletes the directory and its contents", async () => {
  const dir = await createTempDir({ prefix: "arbiter-testkit-" });
  await writeFile(dir.join("file.txt"), "x");
  assert.equal((await stat(dir.path)).mode & 0o777, 0o700);
  await dir.remove();
  await assert.rejects(stat(dir.path), { code: "ENOENT" });
});

test("ensureNatsServer finds (or builds) the pinned release", async () => {
  const binary = await ensureNatsServer();
  const result = await run(binary, ["--version"]);
  assert.match(result.stdout, new RegExp(`${NATS_SERVER_VERSION.replaceAll(".", "\\.")}$`, "m"));
});

/** A directory holding a fake `nats-server` that reports `version`. */
async function fakeNatsServer(version: string): Promise<string> {
  const dir = await createTempDir({ prefix: "arbiter-fake-nats-" });
  const path = dir.join("nats-server");
  await writeFile(path, `#!/bin/sh\necho "nats-server: ${version}"\n`);
  await chmod(path, 0o755);
  return dir.path;
}

/** Adds a fake `go` reporting `goVersion` to `dir`. */
async function addFakeGo(dir: string, goVersion: string): Promise<void> {
  const path = `${dir}/go`;
  await writeFile(path, `#!/bin/sh\necho "${goVersion}"\n`);
  await chmod(path, 0o755);
}

async function emptyCache(): Promise<string> {
  const dir = await createTempDir({ prefix: "arbiter-empty-cache-" });
  await mkdir(dir.join("bin"));
  return dir.join("bin");
}

test("ensureNatsServer prefers ARBITER_NATS_SERVER from the given environment", async () => {
  const dir = await fakeNatsServer("v2.10.0");
  const explicit = `${dir}/nats-server`;
  assert.equal(await ensureNatsServer({ env: { ARBITER_NATS_SERVER: explicit, PATH: "" } }), explicit);
  await assert.rejects(
    ensureNatsServer({ env: { ARBITER_NATS_SERVER: "/nonexistent/nats-server" } }),
    /^InvalidArgumentError: ARBITER_NATS_SERVER: expected the path of a runnable nats-server binary, got \/nonexistent\/nats-server$/,
  );
});

test("without a build, ensureNatsServer takes a nats-server 2.9+ from PATH and refuses an older one", async () => {
  const cacheDir = await emptyCache();
  const recent = await fakeNatsServer("v2.10.22");
  assert.equal(await ensureNatsServer({ env: { PATH: recent }, cacheDir, build: false }), `${recent}/nats-server`);
  const old = await fakeNatsServer("v2.8.4");
  await assert.rejects(
    ensureNatsServer({ env: { PATH: old }, cacheDir, build: false }),
    (error: Error) =>
      error.name === "FailedPreconditionError" && /v2\.8\.4.*needs nats-server 2\.9\+/.test(error.message),
  );
});

test("with building off and no nats-server on PATH, ensureNatsServer names the Debian packages to install", async () => {
  const cacheDir = await emptyCache();
  await assert.rejects(ensureNatsServer({ env: { PATH: "" }, cacheDir, build: false }), (error: Error) => {
    assert.equal(error.name, "FailedPreconditionError");
    assert.match(error.message, /golang-go/);
    assert.match(error.message, /nats-server/);
    return true;
  });
});

test("a Go too old to build the pinned release falls back to a packaged nats-server 2.9+", async () => {
  const dir = await fakeNatsServer("v2.9.10");
  await addFakeGo(dir, "go1.19.8");
  assert.equal(await ensureNatsServer({ env: { PATH: dir }, cacheDir: await emptyCache() }), `${dir}/nats-server`);
});

test("a Go too old to build and no nats-server fails naming the Go version needed", async () => {
  const dir = await fakeNatsServer("v2.9.10");
  const goOnly = `${dir}/go-only`;
  await mkdir(goOnly);
  await addFakeGo(goOnly, "go1.19.8");
  await assert.rejects(ensureNatsServer({ env: { PATH: goOnly }, cacheDir: await emptyCache() }), (error: Error) => {
    assert.equal(error.name, "FailedPreconditionError");
    assert.match(error.message, /is go1\.19\.8; building nats-server v\d+\.\d+\.\d+ needs Go 1\.21\+/);
    assert.match(error.message, /Debian package nats-server/);
    return true;
  });
});
