/**
 * The TypeScript client (clients/typescript) against a live embedded mesh: it installs from its
 * own lock and builds with npm and tsc, and its quickstart reports the example classifier's
 * answer, the transaction-risk decision and the catalogue's nearest item.
 */

import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  assertExampleResult,
  type ExampleMesh,
  REPO,
  runCommand,
  runExample,
  startExampleMesh,
} from "../support/client-examples.ts";

const CLIENT = join(REPO, "clients/typescript");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

describe("clients/typescript", () => {
  let mesh: ExampleMesh;
  before(async () => {
    mesh = await startExampleMesh();
  });
  after(async () => mesh?.stop());

  it("installs and builds with npm and tsc", async () => {
    await runCommand(npm, ["install", "--no-audit", "--no-fund"], { cwd: CLIENT });
    await runCommand(npm, ["run", "build"], { cwd: CLIENT });
  });

  it("runs the quickstart: registers, infers, decides and searches", async () => {
    const result = await runExample(process.execPath, ["dist/examples/quickstart.js"], { cwd: CLIENT, env: mesh.env });
    assertExampleResult(result, "typescript");
  });
});
