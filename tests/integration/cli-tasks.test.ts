/**
 * `arbiter tasks` as a user runs it: the real CLI in a child process against an embedded mesh
 * serving the example transaction-risk pipeline. A pipeline task of 20 items is submitted and
 * waited for, its results are listed and checked against Decide on the same inputs, and a task on
 * a pipeline that does not exist is refused with the code and the name.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import {
  DecisionService,
  ModelRegistryService,
  PipelineSchema,
  PipelineService,
  RegisterModelRequestSchema,
} from "@arbiter/proto";
import { create, fromJson, type JsonValue } from "@bufbuild/protobuf";
import { ValueSchema } from "@bufbuild/protobuf/wkt";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { EXPECTED, exampleModel } from "../support/examples.ts";
import { type Mesh, startEmbeddedMesh } from "../support/mesh.ts";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const ITEMS = 20;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `arbiter <args>` without blocking this process, which serves the mesh the command talks
 * to (a synchronous spawn would stall the mesh and the command with it).
 */
function arbiter(args: string[]): Promise<Run> {
  const child = spawn(process.execPath, ["--import", "tsx", "cli/src/main.ts", ...args], {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
  return new Promise((resolve) =>
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

const rows = (EXPECTED["risk-classifier"]?.inputs.features?.data ?? []) as number[][];
const AMOUNTS = [120, 9000, 35, 2400, 6100];
/** Item i: one of the example rows and an amount, so the rules pick different labels. */
const item = (i: number) => ({ features: rows[i % rows.length] ?? [], amount: AMOUNTS[i % AMOUNTS.length] ?? 0 });

describe("arbiter tasks (CLI against an embedded mesh)", () => {
  let mesh: Mesh;
  let url: string;
  let itemsFile: string;

  before(async () => {
    mesh = await startEmbeddedMesh();
    url = mesh.gatewayUrl;
    const transport = createGrpcTransport({ baseUrl: url });
    await createClient(ModelRegistryService, transport).registerModel(
      (async function* () {
        yield create(RegisterModelRequestSchema, {
          part: { case: "metadata", value: { name: "risk-classifier", version: 1n } },
        });
        yield create(RegisterModelRequestSchema, { part: { case: "chunk", value: exampleModel("risk-classifier") } });
      })(),
    );
    const pipeline = JSON.parse(readFileSync(join(REPO, "examples/pipelines/transaction-risk.json"), "utf8"));
    await createClient(PipelineService, transport).createPipeline({
      pipeline: fromJson(PipelineSchema, pipeline as JsonValue),
    });
    const dir = mkdtempSync(join(tmpdir(), "arbiter-cli-tasks-"));
    itemsFile = join(dir, "items.jsonl");
    writeFileSync(itemsFile, Array.from({ length: ITEMS }, (_, i) => `${JSON.stringify(item(i))}\n`).join(""));
  });
  after(async () => mesh?.stop());

  it("submits a pipeline task, waits for it, and lists one decision per item", async () => {
    const submitted = await arbiter([
      "tasks",
      "submit",
      "--pipeline",
      "transaction-risk",
      "--items",
      `@${itemsFile}`,
      "--wait",
      "--url",
      url,
    ]);
    assert.equal(submitted.code, 0, submitted.stderr);
    const id = submitted.stdout.trim();
    assert.match(id, /^\S+$/, "submit prints the task id alone");
    // stderr is a pipe here: plain progress lines, the last one the finished task.
    const progress = submitted.stderr.split("\n").filter((l) => l.startsWith("["));
    assert.match(progress.at(-1) ?? "", /^\[#+\] 20\/20 succeeded 0 dead-lettered {2}[\d.,]+ items\/s$/);
    assert.match(submitted.stderr, new RegExp(`task ${id} completed: 20 succeeded`));

    const results = await arbiter(["tasks", "results", id, "--url", url]);
    assert.equal(results.code, 0, results.stderr);
    const lines = results.stdout.trim().split("\n");
    assert.equal(lines.length, ITEMS);

    // Each item's decision is the one Decide gives for the same inputs, in item order.
    const decisions = createClient(DecisionService, createGrpcTransport({ baseUrl: url }));
    for (const [i, line] of lines.entries()) {
      const result = JSON.parse(line) as { itemIndex?: string; state: string; decision?: { label?: string } };
      assert.equal(Number(result.itemIndex ?? 0), i);
      assert.equal(result.state, "ITEM_STATE_SUCCEEDED", line);
      const inputs = Object.fromEntries(
        Object.entries(item(i)).map(([name, v]) => [
          name,
          { kind: { case: "value" as const, value: fromJson(ValueSchema, v as JsonValue) } },
        ]),
      );
      const { decision } = await decisions.decide({ pipeline: "transaction-risk", inputs });
      assert.ok(decision?.label, "Decide answers with a label");
      assert.equal(result.decision?.label, decision.label, `item ${i}`);
    }

    const got = await arbiter(["tasks", "get", id, "--url", url]);
    assert.equal(got.code, 0, got.stderr);
    const task = JSON.parse(got.stdout) as { id: string; state: string; succeededItems: string; totalItems: string };
    assert.deepEqual(
      { id: task.id, state: task.state, succeeded: task.succeededItems, total: task.totalItems },
      { id, state: "TASK_STATE_COMPLETED", succeeded: "20", total: "20" },
    );

    const listed = await arbiter(["tasks", "list", "--url", url]);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, new RegExp(`^${id}\\s+completed\\s+20\\s+0\\s+0\\s+20\\s`, "m"));

    // Watching a task that already ended shows its final line and exits like --wait did.
    const watched = await arbiter(["tasks", "watch", id, "--url", url]);
    assert.equal(watched.code, 0, watched.stderr);
    assert.match(watched.stderr, /20\/20 succeeded/);
  });

  it("submits a model task of tensors in proto3 JSON and lists each row's label", async () => {
    const labels = (EXPECTED["risk-classifier"]?.outputs.label?.data ?? []) as number[];
    const tensors = join(mkdtempSync(join(tmpdir(), "arbiter-cli-tasks-")), "tensors.json");
    writeFileSync(
      tensors,
      JSON.stringify(
        rows.map((row) => ({
          tensors: [{ name: "features", datatype: "FP32", shape: ["1", "30"], contents: { fp32Contents: row } }],
        })),
      ),
    );
    const submitted = await arbiter([
      "tasks",
      "submit",
      "--model",
      "risk-classifier",
      "--items",
      `@${tensors}`,
      "--wait",
      "--url",
      url,
    ]);
    assert.equal(submitted.code, 0, submitted.stderr);
    assert.match(submitted.stderr, new RegExp(`\\] ${rows.length}/${rows.length} succeeded 0 dead-lettered`));
    const results = await arbiter(["tasks", "results", submitted.stdout.trim(), "--url", url]);
    assert.equal(results.code, 0, results.stderr);
    const lines = results.stdout.trim().split("\n");
    assert.equal(lines.length, rows.length);
    for (const [i, line] of lines.entries()) {
      const result = JSON.parse(line) as {
        state: string;
        inference?: {
          outputs?: { name: string; datatype: string; contents?: { int64Contents?: string[] }; rawContents?: string }[];
        };
      };
      assert.equal(result.state, "ITEM_STATE_SUCCEEDED", line);
      const label = result.inference?.outputs?.find((o) => o.name === "label");
      assert.ok(label, `row ${i} has a label output: ${line}`);
      const value =
        label.contents?.int64Contents?.[0] ?? Buffer.from(label.rawContents ?? "", "base64").readBigInt64LE(0);
      assert.equal(Number(value), labels[i], `row ${i}`);
    }
  });

  it("refuses a task on an unknown pipeline with NOT_FOUND and the pipeline's name", async () => {
    const res = await arbiter([
      "tasks",
      "submit",
      "--pipeline",
      "no-such-pipeline",
      "--items",
      `@${itemsFile}`,
      "--wait",
      "--url",
      url,
    ]);
    assert.equal(res.code, 1);
    assert.equal(res.stdout, "", "no task id is printed");
    assert.match(res.stderr, /^arbiter tasks submit: NOT_FOUND: .*no-such-pipeline/m);
  });
});
