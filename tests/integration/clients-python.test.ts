/**
 * The Python client (clients/python) against a live embedded mesh: it installs with pip from PyPI
 * into a venv, its own tests pass against the installed package (clients/python/tests: the numpy
 * tensor helper, and credentials, deadlines and retries seen by a gRPC server on loopback), and
 * its quickstart reports the example classifier's answer, the transaction-risk decision and the
 * catalogue's nearest item.
 *
 * The venv lives in <repo>/.cache/clients/venv-python (python3 and its venv module are needed:
 * Debian python3-venv); pip's own cache makes later installs quick.
 */

import { rm } from "node:fs/promises";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { ensurePythonVenv } from "@arbiter/testkit";
import { checkExampleAgainstMesh, REPO, runCommand } from "../support/client-examples.ts";

const CLIENT = join(REPO, "clients/python");

describe("clients/python", () => {
  let python: string;
  before(async () => {
    python = await ensurePythonVenv({ name: "python", requirements: [], cacheDir: join(REPO, ".cache", "clients") });
  });

  it("installs with pip", async () => {
    // setuptools builds in clients/python/build and copies all of build/lib into the wheel: a
    // module since removed from gen/ would come back from an earlier build's leftovers.
    await rm(join(CLIENT, "build"), { recursive: true, force: true });
    await runCommand(python, ["-m", "pip", "install", "--no-input", "--quiet", "./clients/python"], { cwd: REPO });
  });

  it("passes its own tests: numpy tensors, bearer credentials, default deadlines, retries", async () => {
    // Run from the tests folder, so the installed package is imported rather than the source tree.
    await runCommand(python, ["-m", "unittest", "discover", "-s", "."], { cwd: join(CLIENT, "tests") });
  });

  it("runs the quickstart against a live mesh: registers, infers, decides and searches", async () => {
    await checkExampleAgainstMesh("python", python, [join(CLIENT, "examples", "quickstart.py")], { cwd: REPO });
  });
});
