/**
 * The Go client (clients/go) built as a Go user builds it — `go vet` and `go build` of the module
 * with its committed go.sum, dependencies from the Go module proxy — its unit tests, and its
 * quickstart example run against a live `arbiter start` mesh, which must print the same facts as
 * every other language's example.
 *
 * Go comes from PATH or /usr/local/go/bin. Modules and build results land in Go's own caches
 * (GOMODCACHE, GOCACHE), so only the first run downloads and compiles gRPC; the example's binary
 * is written to .cache/clients-go.
 */
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { findGo } from "../../testkit/src/go-install.ts";
import { checkExampleAgainstMesh, REPO, runCommand } from "../support/client-examples.ts";

const CLIENT_DIR = join(REPO, "clients", "go");
const BUILD_DIR = join(REPO, ".cache", "clients-go");

/**
 * `-mod=readonly`: a build that would need to change go.mod or go.sum fails instead of quietly
 * resolving new versions. `-buildvcs=false`: the binary does not depend on git's view of the tree.
 */
const GO_ENV = { GOFLAGS: "-mod=readonly -buildvcs=false", CGO_ENABLED: "0" };

describe("Go client", () => {
  let go: string;

  before(async () => {
    const found = await findGo(process.env);
    assert.ok(found, "Go is installed (on PATH or in /usr/local/go/bin)");
    go = found;
  });

  it("vets and builds with the committed go.sum, and its unit tests pass", async () => {
    await runCommand(go, ["vet", "./..."], { cwd: CLIENT_DIR, env: GO_ENV });
    await runCommand(go, ["build", "./..."], { cwd: CLIENT_DIR, env: GO_ENV });
    const tests = await runCommand(go, ["test", "./arbiter/"], { cwd: CLIENT_DIR, env: GO_ENV });
    assert.match(tests, /^ok\s+github\.com\/arbiter-mesh\/arbiter\/clients\/go\/arbiter/m);
  });

  it("the quickstart registers, infers, decides and searches against a live mesh", async () => {
    mkdirSync(BUILD_DIR, { recursive: true });
    const binary = join(BUILD_DIR, "quickstart");
    await runCommand(go, ["build", "-o", binary, "./examples/quickstart"], { cwd: CLIENT_DIR, env: GO_ENV });
    await checkExampleAgainstMesh("go", binary, [], { cwd: CLIENT_DIR });
  });
});
