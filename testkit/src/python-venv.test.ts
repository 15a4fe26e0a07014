import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";
import { run } from "./exec.ts";
import { createTempDir, ensurePythonVenv } from "./index.ts";

test("ensurePythonVenv refuses unpinned requirements and odd names before doing anything", async () => {
  const cacheDir = (await createTempDir({ prefix: "arbiter-venv-" })).path;
  await assert.rejects(
    ensurePythonVenv({ name: "x", requirements: ["numpy>=2"], cacheDir }),
    /^InvalidArgumentError: requirements\[0\]: expected a requirement pinned with ==, got "numpy>=2"$/,
  );
  await assert.rejects(
    ensurePythonVenv({ name: "../x", requirements: [], cacheDir }),
    /^InvalidArgumentError: name: expected letters, digits/,
  );
});

test("without python3, ensurePythonVenv names the Debian packages to install", async () => {
  const cacheDir = (await createTempDir({ prefix: "arbiter-venv-" })).path;
  await assert.rejects(
    ensurePythonVenv({ name: "x", requirements: [], cacheDir, env: { PATH: "" } }),
    (error: Error) => {
      assert.equal(error.name, "FailedPreconditionError");
      assert.match(error.message, /python3-venv/);
      return true;
    },
  );
});

test("ensurePythonVenv creates a venv once, reuses it, and rebuilds it when its requirements change", async () => {
  const cacheDir = (await createTempDir({ prefix: "arbiter-venv-" })).path;
  const env = { PATH: process.env.PATH, HOME: process.env.HOME };
  const python = await ensurePythonVenv({ name: "empty", requirements: [], cacheDir, env });
  assert.equal(python, join(cacheDir, "venv-empty", "bin", "python"));
  const prefix = await run(python, ["-c", "import sys; print(sys.prefix)"]);
  assert.equal(prefix.stdout.trim(), join(cacheDir, "venv-empty"));

  // A file left in the venv survives reuse, and goes when the venv is rebuilt for other requirements.
  const marker = join(cacheDir, "venv-empty", "marker");
  await writeFile(marker, "x");
  assert.equal(await ensurePythonVenv({ name: "empty", requirements: [], cacheDir, env }), python);
  assert.equal(await readFile(marker, "utf8"), "x");
  await writeFile(join(cacheDir, "venv-empty", "arbiter-requirements.txt"), "something==1.0");
  assert.equal(await ensurePythonVenv({ name: "empty", requirements: [], cacheDir, env }), python);
  await assert.rejects(readFile(marker, "utf8"), { code: "ENOENT" });
});
