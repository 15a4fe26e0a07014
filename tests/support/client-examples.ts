/**
 * The live test of the generated clients (clients/<language>): each language's example runs
 * against an embedded mesh started the way a newcomer starts it (`arbiter start`, the example
 * models, pipelines and catalogue collection registered) and prints one JSON line; every language
 * must print the same facts.
 *
 * The example, the same in every language (see clients/README.md):
 *   1. connects to ARBITER_ADDRESS (host:port) with the API key in ARBITER_API_KEY;
 *   2. registers examples/models/risk-classifier.onnx as `risk-classifier-<language>` (next version);
 *   3. infers row 0 of examples/models/expected.json on it;
 *   4. decides on `transaction-risk` with examples/requests/transaction-risk.json;
 *   5. searches the `catalogue` collection with examples/requests/catalogue-search.json;
 * and prints {"model", "version", "label", "probabilities", "decision", "fired_rule", "nearest"}.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { EXPECTED } from "./examples.ts";
import { type RoleProcess, spawnRole } from "./mesh.ts";

/** The repository's root and its examples folder, which every example reads. */
export const REPO = fileURLToPath(new URL("../../", import.meta.url));
export const EXAMPLES_DIR = join(REPO, "examples");

/** What every language's example prints, as its last line of standard output. */
export interface ClientExampleResult {
  model: string;
  version: number;
  label: number;
  probabilities: number[];
  decision: string;
  fired_rule: string;
  nearest: string;
}

/** An embedded mesh for the examples, and the environment an example runs with. */
export interface ExampleMesh {
  readonly address: string;
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

/** The API key the examples send. The mesh accepts it as long as authentication is switched off. */
const EXAMPLE_API_KEY = "arb_example.client-examples";

/** `arbiter start` in a fresh data directory, on a free port. */
export async function startExampleMesh(): Promise<ExampleMesh> {
  const dataDir = mkdtempSync(join(tmpdir(), "arbiter-clients-"));
  const mesh: RoleProcess = await spawnRole("start", { ARBITER_DATA_DIR: dataDir, ARBITER_GATEWAY_PORT: "0" }, dataDir);
  const address = `127.0.0.1:${mesh.id}`;
  return {
    address,
    env: { ARBITER_ADDRESS: address, ARBITER_API_KEY: EXAMPLE_API_KEY, ARBITER_EXAMPLES: EXAMPLES_DIR },
    async stop() {
      mesh.child.kill("SIGTERM");
      await mesh.exited;
    },
  };
}

/** Output of a command that exited 0; throws with its output otherwise. */
export async function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<string> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 540_000);
  const code = await new Promise<number | string>((resolve) =>
    child.once("close", (c, signal) => resolve(c ?? signal ?? "unknown")),
  );
  clearTimeout(timer);
  if (code !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} (in ${options.cwd}) exited with ${code}\n--- stdout\n${stdout.slice(-4000)}\n--- stderr\n${stderr.slice(-4000)}`,
    );
  }
  return stdout;
}

/** Runs an example and parses the JSON object on its last line of output. */
export async function runExample(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: Record<string, string> },
): Promise<ClientExampleResult> {
  const stdout = await runCommand(command, args, options);
  const last = stdout.trim().split("\n").at(-1) ?? "";
  try {
    return JSON.parse(last) as ClientExampleResult;
  } catch {
    throw new Error(`the example's last line is not JSON: ${JSON.stringify(last)}\n${stdout.slice(-4000)}`);
  }
}

/**
 * The facts every example must report: the classifier's answer for row 0 of expected.json (the
 * label and its probabilities), the transaction-risk decision (row 0 is high risk: decline), and
 * the catalogue's nearest item to the search request.
 */
export function assertExampleResult(result: ClientExampleResult, language: string): void {
  const expected = EXPECTED["risk-classifier"]?.outputs;
  const label = (expected?.label?.data as number[] | undefined)?.[0];
  const probabilities = (expected?.probabilities?.data as number[][] | undefined)?.[0];
  assert.ok(label !== undefined && probabilities, "expected.json has the risk classifier's outputs");
  assert.equal(result.model, `risk-classifier-${language}`);
  assert.ok(Number.isInteger(result.version) && result.version >= 1, `version: got ${result.version}`);
  assert.equal(result.label, label);
  assert.equal(result.probabilities.length, probabilities.length);
  result.probabilities.forEach((p, i) => {
    assert.ok(Math.abs(p - (probabilities[i] ?? Number.NaN)) < 1e-5, `probabilities[${i}]: ${p}`);
  });
  assert.equal(result.decision, "decline");
  assert.equal(result.fired_rule, "high_risk");
  assert.equal(result.nearest, "book-mystery-2");
}

/**
 * The live half of every client's test: a fresh mesh (started once the client is built, so the
 * two do not compete for a small machine), the example run against it, the facts checked.
 */
export async function checkExampleAgainstMesh(
  language: string,
  command: string,
  args: readonly string[],
  options: { cwd: string },
): Promise<void> {
  const mesh = await startExampleMesh();
  try {
    assertExampleResult(await runExample(command, args, { cwd: options.cwd, env: mesh.env }), language);
  } finally {
    await mesh.stop();
  }
}
