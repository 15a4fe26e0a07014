/**
 * The pipeline registry on one scheduler, through its bus handlers: versions assigned under
 * concurrency, tenant isolation, definitions stored as given, and the registration checks'
 * problems for plugin and remote nodes.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  ArbiterError,
  type Bus,
  Code,
  callRpc,
  createMemoryBus,
  createPgliteDatabase,
  createRequestContext,
  createRootLogger,
  type Database,
  DEFAULT_TENANT,
  loadConfig,
  migrate,
  NotFoundError,
  type RpcServer,
  rpcSubject,
  SERVICE_ROLE,
} from "@arbiter/core";
import { type Pipeline, PipelineSchema, PipelineService, RemoteProtocol, RulesMode } from "@arbiter/proto";
import {
  clone,
  create,
  type DescMessage,
  type DescMethod,
  equals,
  fromBinary,
  type MessageInitShape,
  type MessageShape,
  toBinary,
} from "@bufbuild/protobuf";
import { type HandlerTable, serveHandlers } from "../../rpc-router.ts";
import { type PipelineRegistry, startPipelineRegistry } from "./pipeline-registry.ts";

const OTHER_TENANT = "acme";

function riskPipeline(name: string, threshold: number): Pipeline {
  return create(PipelineSchema, {
    name,
    description: `threshold ${threshold}`,
    labels: { team: "risk" },
    inputs: [{ name: "amount", type: "number", required: true }],
    nodes: [
      {
        name: "features",
        kind: { case: "transform", value: { assignments: [{ name: "large", expression: `amount > ${threshold}.0` }] } },
      },
      {
        name: "decide",
        optional: true,
        timeoutMs: 25,
        kind: {
          case: "rules",
          value: {
            mode: RulesMode.SCORE_WEIGHTED,
            rules: [{ name: "large", when: "large", label: "review", weight: 2.5, reason: "large amount" }],
            defaultLabel: "approve",
          },
        },
      },
    ],
    edges: [
      { from: "input.amount", to: "features.amount" },
      { from: "features.large", to: "decide.large" },
      { from: "decide.label", to: "output.label" },
    ],
    audit: { sampleRate: 0.25 },
  });
}

describe("pipeline registry on a scheduler", () => {
  let db: Database;
  let bus: Bus;
  let server: RpcServer;
  let registry: PipelineRegistry;

  before(async () => {
    db = await createPgliteDatabase({});
    await migrate(db);
    await db.useServiceRole(SERVICE_ROLE);
    await db.query("INSERT INTO tenants (id) VALUES ($1)", [OTHER_TENANT]);
    bus = createMemoryBus();
    const table: HandlerTable = new Map();
    const logger = createRootLogger({ level: "silent" });
    const config = loadConfig({
      env: { ARBITER_REMOTE_ALLOWED_HOSTS: "models.example.com", ARBITER_SECRETS_MODELS_TOKEN: "t0ken" },
    });
    registry = startPipelineRegistry({
      config,
      bus,
      db,
      logger,
      nodeId: "test-node",
      table,
      model: async (_tenant, name) => {
        throw new NotFoundError("model", name);
      },
    });
    server = serveHandlers(bus, table, logger, "test-node");
  });

  after(async () => {
    await server?.drain();
    await registry?.close();
    await bus?.close();
    await db?.close();
  });

  /** Calls one PipelineService method as a caller of `tenant`. */
  async function call<I extends DescMessage, O extends DescMessage>(
    method: DescMethod & { input: I; output: O },
    request: MessageInitShape<I>,
    tenant = DEFAULT_TENANT,
  ): Promise<MessageShape<O>> {
    const ctx = createRequestContext(
      { id: `${tenant}-user`, tenant, role: "admin", method: "api_key" },
      Date.now() + 10_000,
    );
    const reply = await callRpc(
      bus,
      rpcSubject(PipelineService.typeName, method.name),
      toBinary(method.input, create(method.input, request)),
      ctx,
    );
    return fromBinary(method.output, reply);
  }

  async function expectCode(promise: Promise<unknown>, code: Code, message: RegExp): Promise<void> {
    await assert.rejects(promise, (err: unknown) => {
      assert.ok(err instanceof ArbiterError, String(err));
      assert.equal(Code[err.code], Code[code], err.message);
      assert.match(err.message, message);
      return true;
    });
  }

  const m = PipelineService.method;

  it("gives ten concurrent creates of one name the versions 1 to 10, each once", async () => {
    const created = await Promise.all(
      Array.from({ length: 10 }, (_, i) => call(m.createPipeline, { pipeline: riskPipeline("burst", i) })),
    );
    assert.deepEqual(
      created.map((r) => Number(r.pipeline?.version)).sort((a, b) => a - b),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    );
    // Each version holds the definition of the create that got it.
    for (const r of created) {
      const stored = await call(m.getPipeline, {
        name: "burst",
        selector: { selector: { case: "version", value: r.pipeline?.version ?? 0n } },
      });
      assert.equal(stored.pipeline?.description, r.pipeline?.description);
    }
  });

  it("returns the definition as it was given, with the server's version, aliases and create time", async () => {
    const given = riskPipeline("exact", 100);
    const created = await call(m.createPipeline, {
      pipeline: { ...given, version: 42n, aliases: ["production"] },
    });
    const got = (await call(m.getPipeline, { name: "exact" })).pipeline;
    assert.ok(got?.createTime);
    assert.equal(got.version, 1n);
    assert.deepEqual(got.aliases, []);
    const asGiven = clone(PipelineSchema, got);
    asGiven.version = 0n;
    asGiven.createTime = undefined;
    assert.ok(equals(PipelineSchema, asGiven, given), "the stored definition equals the one given");
    assert.ok(created.pipeline && equals(PipelineSchema, created.pipeline, got));
  });

  it("keeps tenants apart: another tenant's pipeline is NOT_FOUND, unlisted, and versioned on its own", async () => {
    await call(m.createPipeline, { pipeline: riskPipeline("shared-name", 1) }, OTHER_TENANT);
    await call(m.createPipeline, { pipeline: riskPipeline("secret", 1) }, OTHER_TENANT);
    const mine = await call(m.createPipeline, { pipeline: riskPipeline("shared-name", 2) });
    assert.equal(mine.pipeline?.version, 1n, "versions count within the tenant");

    await expectCode(call(m.getPipeline, { name: "secret" }), Code.NotFound, /^pipeline "secret" not found$/);
    await expectCode(call(m.deletePipeline, { name: "secret" }), Code.NotFound, /^pipeline "secret" not found$/);
    await expectCode(
      call(m.setPipelineAlias, { name: "secret", alias: "production", version: 1n }),
      Code.NotFound,
      /^pipeline "secret" version 1 not found$/,
    );
    const listed = await call(m.listPipelines, {});
    assert.ok(!listed.pipelines.some((p) => p.name === "secret"));
    const theirs = await call(m.listPipelines, {}, OTHER_TENANT);
    assert.deepEqual(
      theirs.pipelines.map((p) => `${p.name}@${p.version}:${p.description}`),
      ["secret@1:threshold 1", "shared-name@1:threshold 1"],
    );
    const { rows } = await db.query<{ tenant_id: string; name: string }>(
      "SELECT tenant_id, name FROM pipelines WHERE name = 'secret'",
    );
    assert.deepEqual(rows, [{ tenant_id: OTHER_TENANT, name: "secret" }], "nothing was deleted or aliased");
  });

  it("rejects a malformed page token naming the field", async () => {
    await expectCode(
      call(m.listPipelines, { pageToken: "%%%" }),
      Code.InvalidArgument,
      /^page_token: expected a token from a previous ListPipelines response, got "%%%"$/,
    );
  });

  it("reports remote nodes off the allow-list or naming an unknown secret, and accepts a configured one", async () => {
    const remote = (url: string, credentialSecret = "") =>
      create(PipelineSchema, {
        name: "remote",
        inputs: [{ name: "text", type: "string" }],
        nodes: [
          {
            name: "embed",
            kind: {
              case: "remote",
              value: { protocol: RemoteProtocol.OPENAI_EMBEDDINGS, url, model: "e5", credentialSecret },
            },
          },
        ],
        edges: [
          { from: "input.text", to: "embed.input" },
          { from: "embed.embedding", to: "output.embedding" },
        ],
      });
    const offList = await call(m.validatePipeline, { pipeline: remote("https://evil.example.net/v1") });
    assert.deepEqual(
      offList.problems.map((p) => [p.node, p.field, p.message]),
      [
        [
          "embed",
          "remote.url",
          'expected a URL whose host is on the remote allow-list (models.example.com), got "evil.example.net"',
        ],
      ],
    );
    const unknownSecret = await call(m.validatePipeline, {
      pipeline: remote("https://models.example.com/v1", "OTHER_TOKEN"),
    });
    assert.deepEqual(
      unknownSecret.problems.map((p) => [p.node, p.field, p.message]),
      [["embed", "remote.credential_secret", 'expected the name of a configured secret, got "OTHER_TOKEN"']],
    );
    const ok = await call(m.validatePipeline, { pipeline: remote("https://models.example.com/v1", "MODELS_TOKEN") });
    assert.deepEqual(ok.problems, []);
  });

  it("lists the three built-in plugins when no plugin directory is configured, and refuses LoadPlugin", async () => {
    const listed = await call(m.listPlugins, {});
    assert.deepEqual(
      listed.plugins.map((p) => [p.name, p.origin, p.loaded]),
      [
        ["tokenizer", "builtin", true],
        ["normalizer", "builtin", true],
        ["vectorizer", "builtin", true],
      ],
    );
    await expectCode(
      call(m.loadPlugin, { file: "currency.mjs" }),
      Code.FailedPrecondition,
      /no plugin directory is configured/,
    );
  });
});
