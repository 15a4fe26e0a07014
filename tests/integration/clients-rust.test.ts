/**
 * The Rust client (clients/rust, tonic): built with cargo from crates.io as a newcomer builds it,
 * its own tests pass, and its quickstart example reports against a live mesh the same facts as
 * every other language's client.
 */
import { join } from "node:path";
import { test } from "node:test";
import { checkExampleAgainstMesh, REPO, runCommand } from "../support/client-examples.ts";

const CRATE = join(REPO, "clients/rust");
/** Build outputs go to the repository's cache (ignored by git), so a second run compiles nothing. */
const TARGET_DIR = join(REPO, ".cache/clients/rust-target");
const CARGO_ENV = { CARGO_TARGET_DIR: TARGET_DIR };

test("the Rust client's own tests pass: tensors, deadlines, retries and TLS against a loopback gRPC server, method lists in step with proto/", async () => {
  await runCommand("cargo", ["test", "--locked", "--quiet"], { cwd: CRATE, env: CARGO_ENV });
});

test("the Rust quickstart registers, infers, decides and searches against a live mesh", async () => {
  await runCommand("cargo", ["build", "--locked", "--examples"], { cwd: CRATE, env: CARGO_ENV });
  await checkExampleAgainstMesh("rust", join(TARGET_DIR, "debug/examples/quickstart"), [], { cwd: CRATE });
});
