/**
 * `arbiter start` as a newcomer runs it (what `npm start` does): one process, PGlite under a data
 * directory, the example models registered, health SERVING; state survives a restart; SIGTERM
 * stops it cleanly.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { AuthService, DecisionService, ModelRegistryService, PipelineService, Role } from "@arbiter/proto";
import { Health, HealthCheckResponse_ServingStatus } from "@arbiter/proto/grpc";
import { Code, ConnectError } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { client, grpcTransport } from "../support/clients.ts";
import { EXPECTED } from "../support/examples.ts";
import { type RoleProcess, spawnRole, waitForLog } from "../support/mesh.ts";

const EXAMPLES = readdirSync(fileURLToPath(new URL("../../examples/models/", import.meta.url)))
  .filter((f) => f.endsWith(".onnx"))
  .map((f) => f.replace(/\.onnx$/, ""))
  .sort();

const run = promisify(execFile);
const CLI = fileURLToPath(new URL("../../cli/src/main.ts", import.meta.url));
const REQUESTS = fileURLToPath(new URL("../../examples/requests", import.meta.url));
const PIPELINES = readdirSync(fileURLToPath(new URL("../../examples/pipelines/", import.meta.url)))
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.slice(0, -".json".length))
  .sort();

/** gRPC to `url` sending `key` as a bearer credential (none when undefined). */
function authenticated(url: string, key: string | undefined) {
  return createGrpcTransport({
    baseUrl: url,
    interceptors: [
      (next) => (req) => {
        if (key) req.header.set("authorization", `Bearer ${key}`);
        return next(req);
      },
    ],
  });
}

describe("arbiter start (embedded mode)", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "arbiter-data-"));
  const env = { ARBITER_DATA_DIR: dataDir, ARBITER_GATEWAY_PORT: "0" };
  let running: RoleProcess | undefined;
  after(() => {
    running?.child.kill("SIGKILL");
  });

  it("serves health SERVING and the example models, then stops cleanly on SIGTERM", async () => {
    running = await spawnRole("start", env, dataDir);
    const url = `http://127.0.0.1:${running.id}`;
    const health = await client(Health, grpcTransport(url)).check({ service: "" });
    assert.equal(health.status, HealthCheckResponse_ServingStatus.SERVING);
    const { models } = await client(ModelRegistryService, grpcTransport(url)).listModels({});
    assert.ok(EXAMPLES.length >= 3, "examples/models ships at least three models");
    assert.deepEqual(
      models.map((m) => `${m.name}@${m.version}`),
      EXAMPLES.map((n) => `${n}@1`),
    );
    assert.ok(models.every((m) => m.sha256.length === 64 && m.sizeBytes > 0n));
    // The example pipelines are registered too, and decide (examples/pipelines/transaction-risk.json).
    const { pipelines } = await client(PipelineService, grpcTransport(url)).listPipelines({});
    assert.deepEqual(
      pipelines.map((p) => `${p.name}@${p.version}`),
      PIPELINES.map((n) => `${n}@1`),
    );
    const features = ((EXPECTED["risk-classifier"]?.inputs.features?.data ?? []) as number[][])[0] ?? [];
    const number = (value: number) => ({
      kind: { case: "value" as const, value: { kind: { case: "numberValue" as const, value } } },
    });
    const { decision } = await client(DecisionService, grpcTransport(url)).decide({
      pipeline: "transaction-risk",
      inputs: {
        features: {
          kind: {
            case: "value",
            value: { kind: { case: "listValue", value: { values: features.map((v) => number(v).kind.value) } } },
          },
        },
        amount: number(120),
      },
    });
    // Row 0 of expected.json is scored ≈ 1.0 (high risk) by the classifier.
    assert.equal(decision?.label, "decline");
    assert.equal(decision?.firedRules[0]?.name, "high_risk");
    assert.deepEqual(
      decision?.nodes.map((n) => `${n.node}:${n.status}`),
      ["normalize:ok", "score:ok", "decide:ok"],
    );
    // The recommendation example: text → tokenizer + vectorizer → catalogue search → transform → rules.
    const recommend = async (text: string, maxPrice: number) =>
      (
        await client(DecisionService, grpcTransport(url)).decide({
          pipeline: "recommendation",
          inputs: {
            text: { kind: { case: "value", value: { kind: { case: "stringValue", value: text } } } },
            max_price: number(maxPrice),
          },
        })
      ).decision;
    const found = await recommend("mystery novel with a detective", 30);
    assert.equal(found?.label, "recommend");
    const listed = found?.outputs.items?.kind;
    const values =
      listed?.case === "value" && listed.value.kind.case === "listValue" ? listed.value.kind.value.values : [];
    const items = values.map((v) => String(v.kind.value));
    assert.ok(items.length > 0 && items.length <= 10, `items: ${items.join(", ")}`);
    assert.ok(items.includes("book-mystery-1") || items.includes("book-mystery-2"), `items: ${items.join(", ")}`);
    assert.ok(!items.includes("book-mystery-3"), "the 49.00 boxed set is above the price");
    const perCategory = new Map<string, number>();
    for (const id of items) perCategory.set(id.split("-")[0] ?? "", (perCategory.get(id.split("-")[0] ?? "") ?? 0) + 1);
    assert.ok(
      [...perCategory.values()].every((n) => n <= 2),
      `at most two per category: ${items.join(", ")}`,
    );
    assert.equal((await recommend("tent", 500))?.label, "refine");
    // The same decisions from the command line.
    const cli = async (...args: string[]) =>
      JSON.parse((await run(process.execPath, ["--import", "tsx", CLI, "decide", ...args, "--url", url])).stdout) as {
        label: string;
        firedRules?: { name: string }[];
      };
    const fromCli = await cli("transaction-risk", "--inputs", `@${REQUESTS}/transaction-risk.json`);
    assert.equal(fromCli.label, "decline");
    assert.equal(fromCli.firedRules?.[0]?.name, "high_risk");
    assert.equal((await cli("recommendation", "--inputs", `@${REQUESTS}/recommendation.json`)).label, "recommend");
    running.child.kill("SIGTERM");
    assert.equal(await running.exited, 0);
  });

  it("is secure by default: prints a one-time admin key, refuses calls without it, takes one from ARBITER_AUTH_BOOTSTRAP_ADMIN_KEY", async () => {
    const secureDir = mkdtempSync(join(tmpdir(), "arbiter-data-"));
    // What `npm start` does, with nothing about authentication configured.
    const secure = { ARBITER_DATA_DIR: secureDir, ARBITER_GATEWAY_PORT: "0", ARBITER_AUTH_ENABLED: "true" };
    running = await spawnRole("start", secure, secureDir);
    let url = `http://127.0.0.1:${running.id}`;
    const printed = (
      await waitForLog(running, /Bootstrap admin API key[^\n]*\n\s*\n\s*(arb_[0-9a-f]{12}_[A-Za-z0-9_-]{43})/)
    )[1];
    assert.ok(printed, "the key is printed once at the first start");
    const models = (key?: string) => client(ModelRegistryService, authenticated(url, key)).listModels({});
    await assert.rejects(models(), (e: unknown) => e instanceof ConnectError && e.code === Code.Unauthenticated);
    assert.equal((await models(printed)).models.length, EXAMPLES.length);
    const whoAmI = await client(AuthService, authenticated(url, printed)).whoAmI({});
    assert.equal(whoAmI.principal?.tenant, "default");
    assert.equal(whoAmI.principal?.role, Role.ADMIN);
    // Health needs no credentials (what probes and load balancers ask).
    assert.equal(
      (await client(Health, grpcTransport(url)).check({ service: "" })).status,
      HealthCheckResponse_ServingStatus.SERVING,
    );
    running.child.kill("SIGTERM");
    assert.equal(await running.exited, 0);

    // A restart prints no new key, and the printed one still works; a configured key works too.
    const configured = "automation-bootstrap-key-0123456789abcdef";
    running = await spawnRole("start", { ...secure, ARBITER_AUTH_BOOTSTRAP_ADMIN_KEY: configured }, secureDir);
    url = `http://127.0.0.1:${running.id}`;
    assert.equal((await models(printed)).models.length, EXAMPLES.length);
    assert.equal((await models(configured)).models.length, EXAMPLES.length);
    running.child.kill("SIGTERM");
    assert.equal(await running.exited, 0);
    // Read once the process has ended: a key would have been printed right after the ready line.
    assert.doesNotMatch(readFileSync(running.logFile, "utf8"), /Bootstrap admin API key/);
  });

  it("keeps its registry in the data directory across restarts, without registering twice", async () => {
    running = await spawnRole("start", env, dataDir);
    const url = `http://127.0.0.1:${running.id}`;
    const { models } = await client(ModelRegistryService, grpcTransport(url)).listModels({});
    assert.equal(models.length, EXAMPLES.length);
    running.child.kill("SIGTERM");
    assert.equal(await running.exited, 0);
  });
});
