/**
 * Node kinds inside real pipelines on an embedded mesh: a `remote` node calling a second Arbiter
 * gateway over the Open Inference Protocol, and an OpenAI-compatible embeddings server started
 * here (timeout, circuit breaker); user plugins loaded from a directory, one that works, one that
 * throws and one that hangs (each failing only its node); a CEL error naming its node and field.
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  type DecideRequestSchema,
  DecisionService,
  ModelRegistryService,
  type PipelineSchema,
  PipelineService,
  RegisterModelRequestSchema,
  RemoteProtocol,
  RulesMode,
} from "@arbiter/proto";
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { type Client, Code } from "@connectrpc/connect";
import { client, grpcTransport } from "../support/clients.ts";
import { EXPECTED, exampleModel } from "../support/examples.ts";
import { expectCode } from "../support/expect-code.ts";
import { type Mesh, startEmbeddedMesh } from "../support/mesh.ts";

type PipelineInit = MessageInitShape<typeof PipelineSchema>;
type DecideInit = MessageInitShape<typeof DecideRequestSchema>;

const ROW = ((EXPECTED["risk-classifier"]?.inputs.features?.data ?? []) as number[][])[0] ?? [];
const P_HIGH = ((EXPECTED["risk-classifier"]?.outputs.probabilities?.data ?? []) as number[][])[0]?.[1] ?? 0;

const PLUGINS: Record<string, string> = {
  "double.mjs": `export default { name: "double", version: "1.0.0",
    process(inputs) { return { y: inputs.x * 2 }; } };`,
  "boom.mjs": `export default { name: "boom", process() { throw new Error("boom went the plugin"); } };`,
  "hang.mjs": `export default { name: "hang", process() { for (;;) {} } };`,
};

const value = (v: number | string) =>
  typeof v === "number"
    ? { kind: { case: "value" as const, value: { kind: { case: "numberValue" as const, value: v } } } }
    : { kind: { case: "value" as const, value: { kind: { case: "stringValue" as const, value: v } } } };

describe("pipeline node kinds on a mesh", () => {
  let mesh: Mesh;
  let second: Mesh;
  let openai: Server;
  let openaiUrl: string;
  let slow = false;
  let openaiHits = 0;
  let pipelines: Client<typeof PipelineService>;
  let decisions: Client<typeof DecisionService>;

  const pipeline = async (init: PipelineInit) => (await pipelines.createPipeline({ pipeline: init })).pipeline;
  const decide = async (init: DecideInit) => (await decisions.decide(init)).decision;

  before(async () => {
    const pluginDir = mkdtempSync(join(tmpdir(), "arbiter-plugins-"));
    for (const [file, source] of Object.entries(PLUGINS)) writeFileSync(join(pluginDir, file), source);
    // An OpenAI-compatible embeddings endpoint: a 3-d vector from the text's length.
    openai = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        openaiHits++;
        const input = (JSON.parse(body) as { input: string }).input;
        const reply = () => {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(
            JSON.stringify({
              object: "list",
              data: [{ object: "embedding", index: 0, embedding: [input.length, 1, 0] }],
            }),
          );
        };
        if (slow) setTimeout(reply, 2000);
        else reply();
      });
    });
    await new Promise<void>((resolve) => openai.listen(0, "127.0.0.1", resolve));
    openaiUrl = `http://127.0.0.1:${(openai.address() as AddressInfo).port}`;

    second = await startEmbeddedMesh();
    await client(ModelRegistryService, grpcTransport(second.gatewayUrl)).registerModel(
      (async function* () {
        yield create(RegisterModelRequestSchema, {
          part: { case: "metadata", value: { name: "risk-classifier", version: 1n } },
        });
        yield create(RegisterModelRequestSchema, { part: { case: "chunk", value: exampleModel("risk-classifier") } });
      })(),
    );
    mesh = await startEmbeddedMesh({ ARBITER_PLUGINS_DIR: pluginDir, ARBITER_REMOTE_ALLOW_LOOPBACK: "true" });
    pipelines = client(PipelineService, grpcTransport(mesh.gatewayUrl));
    decisions = client(DecisionService, grpcTransport(mesh.gatewayUrl));
  });
  after(async () => {
    await mesh?.stop();
    await second?.stop();
    openai?.close();
  });

  it("calls a model on another Arbiter gateway through a remote node", async () => {
    await pipeline({
      name: "remote-risk",
      inputs: [{ name: "features", type: "list", required: true }],
      nodes: [
        {
          name: "shape",

          kind: {
            case: "transform",
            value: { assignments: [{ name: "t", expression: 'tensor("FP32", [1, 30], features)' }] },
          },
        },
        {
          name: "elsewhere",
          kind: {
            case: "remote",
            value: { protocol: RemoteProtocol.OIP, url: second.gatewayUrl, model: "risk-classifier", timeoutMs: 5000 },
          },
        },
        {
          name: "decide",
          kind: {
            case: "rules",
            value: {
              mode: RulesMode.FIRST_MATCH,
              defaultLabel: "low",
              score: "p.data[1]",
              rules: [{ name: "high", when: "p.data[1] > 0.9", label: "high" }],
            },
          },
        },
      ],
      edges: [
        { from: "input.features", to: "shape.features" },
        { from: "shape.t", to: "elsewhere.features" },
        { from: "elsewhere.probabilities", to: "decide.p" },
      ],
    } as PipelineInit);
    const decision = await decide({
      pipeline: "remote-risk",
      inputs: {
        features: {
          kind: {
            case: "value",
            value: { kind: { case: "listValue", value: { values: ROW.map((v) => value(v).kind.value) } } },
          },
        },
      },
    });
    assert.equal(decision?.label, "high");
    assert.ok(Math.abs((decision?.score ?? 0) - P_HIGH) < 1e-5, `score ${decision?.score} vs ${P_HIGH}`);
  });

  it("embeds through an OpenAI-compatible server; a slow one times out, then the circuit opens", async () => {
    await pipeline({
      name: "remote-embed",
      inputs: [{ name: "text", type: "string", required: true }],
      nodes: [
        {
          name: "embed",
          kind: {
            case: "remote",
            value: {
              protocol: RemoteProtocol.OPENAI_EMBEDDINGS,
              url: openaiUrl,
              model: "tiny",
              timeoutMs: 200,
              retries: 0,
              breakerFailureThreshold: 2,
              breakerResetMs: 60_000,
            },
          },
        },
      ],
      edges: [
        { from: "input.text", to: "embed.input" },
        { from: "embed.embedding", to: "output.embedding" },
      ],
    } as PipelineInit);
    const ok = await decide({ pipeline: "remote-embed", inputs: { text: value("hello") } });
    const embedding = ok?.outputs.embedding?.kind;
    assert.equal(embedding?.case, "tensor");
    slow = true;
    await expectCode(
      decide({ pipeline: "remote-embed", inputs: { text: value("hi") } }),
      Code.DeadlineExceeded,
      /embed/,
    );
    await expectCode(
      decide({ pipeline: "remote-embed", inputs: { text: value("hi") } }),
      Code.DeadlineExceeded,
      /embed/,
    );
    const hits = openaiHits;
    // Two failures in a row opened the circuit: the next call fails at once, without reaching the server.
    await expectCode(decide({ pipeline: "remote-embed", inputs: { text: value("hi") } }), Code.Unavailable, /embed/);
    assert.equal(openaiHits, hits);
    slow = false;
  });

  it("runs a user plugin from the plugin directory; a throwing or hanging one fails only its node", async () => {
    const optional = (name: string, plugin: string, timeoutMs = 0) => ({
      name,
      optional: true,
      timeoutMs,
      fallback: { kind: { case: "value" as const, value: value(-1) } },
      kind: { case: "plugin" as const, value: { plugin } },
    });
    await pipeline({
      name: "plugins",
      inputs: [{ name: "x", type: "number", required: true }],
      nodes: [
        { name: "twice", kind: { case: "plugin", value: { plugin: "double" } } },
        optional("broken", "boom"),
        optional("stuck", "hang", 300),
      ],
      edges: [
        { from: "input.x", to: "twice.x" },
        { from: "input.x", to: "broken.x" },
        { from: "input.x", to: "stuck.x" },
        { from: "twice.y", to: "output.twice" },
        { from: "broken.y", to: "output.broken" },
        { from: "stuck.y", to: "output.stuck" },
      ],
    } as PipelineInit);
    const decision = await decide({ pipeline: "plugins", inputs: { x: value(21) } });
    const number = (name: string) => {
      const k = decision?.outputs[name]?.kind;
      return k?.case === "value" ? k.value.kind.value : undefined;
    };
    assert.equal(number("twice"), 42);
    assert.equal(number("broken"), -1);
    assert.equal(number("stuck"), -1);
    const status = Object.fromEntries((decision?.nodes ?? []).map((n) => [n.node, n]));
    assert.equal(status.twice?.status, "ok");
    assert.equal(status.broken?.status, "fallback");
    assert.match(status.broken?.error ?? "", /boom went the plugin/);
    assert.equal(status.stuck?.status, "fallback");
    assert.match(status.stuck?.error ?? "", /stuck/);
    // The hung worker was replaced: the plugin pipeline keeps answering.
    assert.equal(
      (await decide({ pipeline: "plugins", inputs: { x: value(1) } }))?.outputs.twice?.kind.value !== undefined,
      true,
    );
  });

  it("fails a CEL error at run time with INVALID_ARGUMENT naming the node and field", async () => {
    await pipeline({
      name: "cel-error",
      inputs: [{ name: "n", type: "number", required: true }],
      nodes: [
        {
          name: "calc",
          kind: { case: "transform", value: { assignments: [{ name: "q", expression: "[1.0, 2.0][int(n)]" }] } },
        },
      ],
      edges: [
        { from: "input.n", to: "calc.n" },
        { from: "calc.q", to: "output.q" },
      ],
    } as PipelineInit);
    await expectCode(
      decide({ pipeline: "cel-error", inputs: { n: value(7) } }),
      Code.InvalidArgument,
      /node "calc" field "assignments\[q\]"/,
    );
    const fine = await decide({ pipeline: "cel-error", inputs: { n: value(1) } });
    assert.equal(fine?.outputs.q?.kind.value !== undefined, true);
  });
});
