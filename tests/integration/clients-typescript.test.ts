/**
 * The TypeScript client (clients/typescript) against a live embedded mesh: it installs from its
 * own lock and builds with npm and tsc, and its quickstart reports the example classifier's
 * answer, the transaction-risk decision and the catalogue's nearest item.
 */

import { join } from "node:path";
import { describe, it } from "node:test";
import { checkExampleAgainstMesh, REPO, runCommand } from "../support/client-examples.ts";

const CLIENT = join(REPO, "clients/typescript");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

describe("clients/typescript", () => {
  it("installs and builds with npm and tsc", async () => {
    await runCommand(npm, ["install", "--no-audit", "--no-fund"], { cwd: CLIENT });
    await runCommand(npm, ["run", "build"], { cwd: CLIENT });
  });

  it("runs the quickstart: registers, infers, decides and searches", async () => {
    await checkExampleAgainstMesh("typescript", process.execPath, ["dist/examples/quickstart.js"], { cwd: CLIENT });
  });
});
