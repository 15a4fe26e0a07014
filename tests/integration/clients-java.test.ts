/**
 * The Java client (clients/java) built as a Java user builds it — `mvn package`, dependencies from
 * Maven Central, the generated sources compiled with the hand-written layer, its unit tests run
 * (tensors, and bearer token, retries and deadlines as a gRPC server on loopback sees them) — and
 * its quickstart run against a live `arbiter start` mesh, which must print the same facts as every
 * other language's example.
 *
 * Needs a JDK (17 or newer) and Maven on PATH (Debian: openjdk-17-jdk-headless, maven). Maven's
 * downloads are kept in <repo>/.cache/m2, so only the first run fetches gRPC and protobuf; the
 * build output goes to clients/java/target (ignored by git).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { describe, it } from "node:test";
import { checkExampleAgainstMesh, REPO, runCommand } from "../support/client-examples.ts";

const CLIENT_DIR = join(REPO, "clients", "java");
const TARGET = join(CLIENT_DIR, "target");

/** -B: no colours or progress bars; -ntp: no line per downloaded file; a repository-local cache. */
const MAVEN_ARGS = ["-B", "-ntp", `-Dmaven.repo.local=${join(REPO, ".cache", "m2")}`];

describe("Java client", () => {
  it("builds with Maven from Maven Central, and its unit tests pass", async () => {
    const output = await runCommand("mvn", [...MAVEN_ARGS, "package"], { cwd: CLIENT_DIR });
    // Surefire's summary: the unit tests ran (none skipped) and all passed.
    const summary = output.match(/Tests run: (\d+), Failures: 0, Errors: 0, Skipped: 0\s*$/m);
    assert.ok(summary, `no passing test summary in the build output:\n${output.slice(-3000)}`);
    assert.ok(Number(summary[1]) > 0, "the unit tests ran");
  });

  it("the quickstart registers, infers, decides and searches", async () => {
    // The packaged jar and the runtime classpath the build wrote next to it.
    const classpath = [
      join(TARGET, "arbiter-client-0.1.0.jar"),
      readFileSync(join(TARGET, "classpath.txt"), "utf8").trim(),
    ].join(delimiter);
    await checkExampleAgainstMesh("java", "java", ["-cp", classpath, "dev.arbiter.client.examples.Quickstart"], {
      cwd: CLIENT_DIR,
    });
  });
});
