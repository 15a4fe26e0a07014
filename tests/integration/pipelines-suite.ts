/**
 * The pipeline registry's and plugin catalog's acceptance tests, run unchanged against an embedded
 * and a distributed mesh (pipelines-embedded.test.ts, pipelines-distributed.test.ts). The meshes
 * are started with {@link pluginDirForSuite} as their plugin directory.
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  Metric,
  type NodeSchema,
  type Pipeline,
  PipelineSchema,
  PipelineService,
  RulesMode,
  VectorService,
} from "@arbiter/proto";
import { create, type JsonObject, type MessageInitShape } from "@bufbuild/protobuf";
import { type Client, Code } from "@connectrpc/connect";
import { client, connectHttp1Transport, grpcTransport } from "../support/clients.ts";
import { expectCode } from "../support/expect-code.ts";
import type { Mesh } from "../support/mesh.ts";

/** Module files of the suite's plugin directory. */
const PLUGIN_FILES: Record<string, string> = {
  "currency.mjs": `
    export default {
      name: "currency",
      version: "1.2.0",
      description: "Converts amounts to EUR",
      inputs: [{ name: "amount", type: "number" }],
      outputs: [{ name: "eur", type: "number" }],
      init(config) {
        if (typeof config.rate !== "number") throw new Error("config.rate must be a number");
        return config.rate;
      },
      process(inputs, context) {
        return { eur: inputs.amount * context.state };
      },
    };`,
  "broken.mjs": "throw new Error('this module needs a package that is not installed');",
};

/** A fresh plugin directory holding the suite's user plugins; pass it as ARBITER_PLUGINS_DIR. */
export function pluginDirForSuite(): string {
  const dir = mkdtempSync(join(tmpdir(), "arbiter-plugins-"));
  for (const [file, text] of Object.entries(PLUGIN_FILES)) writeFileSync(join(dir, file), text);
  return dir;
}

type NodeInit = MessageInitShape<typeof NodeSchema>;

/** A pipeline definition: edges as [from, to] pairs. */
function pipeline(
  name: string,
  nodes: NodeInit[],
  edges: [string, string][],
  extra: { description?: string; labels?: Record<string, string> } = {},
): Pipeline {
  return create(PipelineSchema, {
    name,
    inputs: [{ name: "amount", type: "number", required: true }],
    nodes,
    edges: edges.map(([from, to]) => ({ from, to })),
    ...extra,
  });
}

const transform = (name: string, assignments: Record<string, string>): NodeInit => ({
  name,
  kind: {
    case: "transform",
    value: { assignments: Object.entries(assignments).map(([n, expression]) => ({ name: n, expression })) },
  },
});

/** A valid risk pipeline: a transform feeding a rules node. */
function riskPipeline(name: string, threshold: number, description = ""): Pipeline {
  return pipeline(
    name,
    [
      transform("features", { large: `amount > ${threshold}.0` }),
      {
        name: "decide",
        kind: {
          case: "rules",
          value: {
            mode: RulesMode.FIRST_MATCH,
            rules: [{ name: "large", when: "large", label: "review", reason: "large amount" }],
            defaultLabel: "approve",
          },
        },
      },
    ],
    [
      ["input.amount", "features.amount"],
      ["features.large", "decide.large"],
      ["decide.label", "output.label"],
    ],
    { description, labels: { team: "risk" } },
  );
}

const byVersion = (version: bigint) => ({ selector: { case: "version" as const, value: version } });
const byAlias = (alias: string) => ({ selector: { case: "alias" as const, value: alias } });

export function pipelinesSuite(name: string, startMesh: () => Promise<Mesh>): void {
  describe(`pipeline registry (${name})`, () => {
    let mesh: Mesh;
    let pipelines: Client<typeof PipelineService>;

    before(async () => {
      mesh = await startMesh();
      pipelines = client(PipelineService, grpcTransport(mesh.gatewayUrl));
    });
    after(async () => mesh?.stop());

    it("stores a pipeline as version 1, then the next create as version 2, keeping the definition", async () => {
      const first = await pipelines.createPipeline({ pipeline: riskPipeline("risk", 1000, "first cut") });
      assert.equal(first.pipeline?.name, "risk");
      assert.equal(first.pipeline?.version, 1n);
      assert.equal(first.pipeline?.description, "first cut");
      assert.deepEqual(first.pipeline?.labels, { team: "risk" });
      assert.ok(first.pipeline?.createTime, "create_time is set");
      assert.deepEqual(
        first.pipeline?.nodes.map((n) => n.name),
        ["features", "decide"],
      );
      assert.deepEqual(
        first.pipeline?.edges.map((e) => `${e.from}->${e.to}`),
        ["input.amount->features.amount", "features.large->decide.large", "decide.label->output.label"],
      );
      // A version or aliases in the request are the server's to assign: ignored.
      const second = await pipelines.createPipeline({
        pipeline: { ...riskPipeline("risk", 500), version: 7n, aliases: ["production"] },
      });
      assert.equal(second.pipeline?.version, 2n);
      assert.deepEqual(second.pipeline?.aliases, []);
      const rows = await mesh.db.query<{ version: number }>(
        "SELECT version FROM pipelines WHERE name = 'risk' ORDER BY version",
      );
      assert.deepEqual(
        rows.rows.map((r) => r.version),
        [1, 2],
      );
    });

    it("gives concurrent creates of one name distinct, consecutive versions", async () => {
      const created = await Promise.all(
        Array.from({ length: 8 }, (_, i) => pipelines.createPipeline({ pipeline: riskPipeline("burst", i) })),
      );
      assert.deepEqual(
        created.map((r) => Number(r.pipeline?.version)).sort((a, b) => a - b),
        [1, 2, 3, 4, 5, 6, 7, 8],
      );
      assert.equal((await pipelines.deletePipeline({ name: "burst" })).deletedVersions, 8);
    });

    it("gets the latest version, an exact version, and NOT_FOUND for one that does not exist", async () => {
      const latest = await pipelines.getPipeline({ name: "risk" });
      assert.equal(latest.pipeline?.version, 2n);
      const expression = (p: Pipeline | undefined) =>
        p?.nodes[0]?.kind.case === "transform" ? p.nodes[0].kind.value.assignments[0]?.expression : undefined;
      assert.equal(expression(latest.pipeline), "amount > 500.0");
      const first = await pipelines.getPipeline({ name: "risk", selector: byVersion(1n) });
      assert.equal(expression(first.pipeline), "amount > 1000.0");
      assert.equal(first.pipeline?.description, "first cut");
      // The Connect protocol over HTTP/1.1 reads the same record.
      const overConnect = client(PipelineService, connectHttp1Transport(mesh.gatewayUrl));
      assert.equal((await overConnect.getPipeline({ name: "risk", selector: byVersion(1n) })).pipeline?.version, 1n);
      await expectCode(
        pipelines.getPipeline({ name: "risk", selector: byVersion(9n) }),
        Code.NotFound,
        /^pipeline "risk" version 9 not found$/,
      );
      await expectCode(pipelines.getPipeline({ name: "nope" }), Code.NotFound, /^pipeline "nope" not found$/);
    });

    it("points an alias at a version, moves it atomically to another, and resolves it", async () => {
      const set = await pipelines.setPipelineAlias({ name: "risk", alias: "production", version: 1n });
      assert.equal(set.previousVersion, 0n);
      assert.equal(set.pipeline?.version, 1n);
      assert.deepEqual(set.pipeline?.aliases, ["production"]);
      assert.equal(
        (await pipelines.getPipeline({ name: "risk", selector: byAlias("production") })).pipeline?.version,
        1n,
      );

      const moved = await pipelines.setPipelineAlias({ name: "risk", alias: "production", version: 2n });
      assert.equal(moved.previousVersion, 1n);
      assert.deepEqual(moved.pipeline?.aliases, ["production"]);
      assert.equal(
        (await pipelines.getPipeline({ name: "risk", selector: byAlias("production") })).pipeline?.version,
        2n,
      );
      assert.deepEqual((await pipelines.getPipeline({ name: "risk", selector: byVersion(1n) })).pipeline?.aliases, []);

      await expectCode(
        pipelines.setPipelineAlias({ name: "risk", alias: "staging", version: 9n }),
        Code.NotFound,
        /^pipeline "risk" version 9 not found$/,
      );
      await expectCode(
        pipelines.getPipeline({ name: "risk", selector: byAlias("staging") }),
        Code.NotFound,
        /^pipeline "risk" version "staging" not found$/,
      );
      // The gateway checks the alias's form before anything runs.
      await expectCode(
        pipelines.setPipelineAlias({ name: "risk", alias: "Not An Alias", version: 1n }),
        Code.InvalidArgument,
        /alias/,
      );
    });

    it("lists pipeline versions in pages, in name then version order, and filters by name", async () => {
      for (const n of ["alpha", "beta"]) await pipelines.createPipeline({ pipeline: riskPipeline(n, 10) });
      const seen: string[] = [];
      let pageToken = "";
      let pages = 0;
      do {
        const page = await pipelines.listPipelines({ pageSize: 2, pageToken });
        assert.ok(page.pipelines.length <= 2);
        seen.push(...page.pipelines.map((p) => `${p.name}@${p.version}`));
        pageToken = page.nextPageToken;
        pages++;
      } while (pageToken);
      assert.deepEqual(seen, ["alpha@1", "beta@1", "risk@1", "risk@2"]);
      assert.equal(pages, 2);
      const onlyRisk = await pipelines.listPipelines({ name: "risk" });
      assert.deepEqual(
        onlyRisk.pipelines.map((p) => [p.version, p.aliases]),
        [
          [1n, []],
          [2n, ["production"]],
        ],
      );
      await expectCode(pipelines.listPipelines({ pageToken: "not-a-token" }), Code.InvalidArgument, /page_token/);
    });

    it("deletes one version (with its aliases) or every version", async () => {
      await pipelines.setPipelineAlias({ name: "alpha", alias: "production", version: 1n });
      await pipelines.createPipeline({ pipeline: riskPipeline("alpha", 20) });
      const one = await pipelines.deletePipeline({ name: "alpha", version: 1n });
      assert.equal(one.deletedVersions, 1);
      await expectCode(
        pipelines.getPipeline({ name: "alpha", selector: byAlias("production") }),
        Code.NotFound,
        /^pipeline "alpha" version "production" not found$/,
      );
      assert.equal((await pipelines.getPipeline({ name: "alpha" })).pipeline?.version, 2n);
      // Version numbers are never reused: the next one is 3.
      assert.equal((await pipelines.createPipeline({ pipeline: riskPipeline("alpha", 30) })).pipeline?.version, 3n);
      const all = await pipelines.deletePipeline({ name: "alpha" });
      assert.equal(all.deletedVersions, 2);
      await expectCode(pipelines.getPipeline({ name: "alpha" }), Code.NotFound, /^pipeline "alpha" not found$/);
      await expectCode(pipelines.deletePipeline({ name: "alpha" }), Code.NotFound, /^pipeline "alpha" not found$/);
      const { rows } = await mesh.db.query<{ n: number }>(
        "SELECT count(*)::int8 AS n FROM pipeline_aliases WHERE pipeline_name = 'alpha'",
      );
      assert.equal(rows[0]?.n, 0);
    });

    it("rejects a pipeline with a cycle or an unknown model with INVALID_ARGUMENT naming node and field, storing nothing", async () => {
      const cyclic = pipeline(
        "loops",
        [transform("a", { x: "y + 1.0" }), transform("b", { y: "x * 2.0" })],
        [
          ["a.x", "b.x"],
          ["b.y", "a.y"],
        ],
      );
      await expectCode(
        pipelines.createPipeline({ pipeline: cyclic }),
        Code.InvalidArgument,
        /^pipeline "loops" is invalid \(\d+ problems?\): .*node "a" field "edges": pipeline has a cycle: a -> b -> a/,
      );
      const unknownModel = pipeline(
        "scoring",
        [{ name: "score", kind: { case: "model", value: { model: "no-such-model" } } }],
        [
          ["input.amount", "score.amount"],
          ["score.probability", "output.probability"],
        ],
      );
      await expectCode(
        pipelines.createPipeline({ pipeline: unknownModel }),
        Code.InvalidArgument,
        /^pipeline "scoring" is invalid \(1 problem\): node "score" field "model.model": model "no-such-model" not found$/,
      );
      assert.equal((await pipelines.listPipelines({ name: "loops" })).pipelines.length, 0);
      assert.equal((await pipelines.listPipelines({ name: "scoring" })).pipelines.length, 0);
    });

    it("validates without storing: the problems of an invalid pipeline, none for a valid one", async () => {
      const res = await pipelines.validatePipeline({
        pipeline: pipeline(
          "draft",
          [
            { name: "score", kind: { case: "model", value: { model: "no-such-model", selector: byVersion(3n) } } },
            transform("t", { z: "missing_var + 1.0" }),
          ],
          [["input.amount", "t.amount"]],
        ),
      });
      const problems = res.problems.map((p) => ({ node: p.node, field: p.field, message: p.message }));
      assert.deepEqual(
        problems.sort((a, b) => a.node.localeCompare(b.node)),
        [
          { node: "score", field: "model.model", message: 'model "no-such-model" version 3 not found' },
          {
            node: "t",
            field: "transform.assignments[z]",
            message: 'invalid CEL expression: undeclared reference to "missing_var"',
          },
        ],
      );
      const valid = await pipelines.validatePipeline({ pipeline: riskPipeline("draft", 5) });
      assert.deepEqual(valid.problems, []);
      await expectCode(pipelines.getPipeline({ name: "draft" }), Code.NotFound);
    });

    it("checks that a vector_search node's collection exists in the tenant", async () => {
      const search = pipeline(
        "similar",
        [{ name: "search", kind: { case: "vectorSearch", value: { collection: "catalogue", k: 5 } } }],
        [
          ["input.amount", "search.query"],
          ["search.ids", "output.ids"],
        ],
      );
      const missing = await pipelines.validatePipeline({ pipeline: search });
      assert.deepEqual(
        missing.problems.map((p) => [p.node, p.field, p.message]),
        [["search", "vector_search.collection", 'collection "catalogue" not found']],
      );
      const vectors = client(VectorService, grpcTransport(mesh.gatewayUrl));
      await vectors.createCollection({ name: "catalogue", dim: 4, metric: Metric.COSINE });
      const present = await pipelines.validatePipeline({ pipeline: search });
      assert.deepEqual(present.problems, []);
    });

    it("lists the built-in plugins and the plugin directory's modules, then loads a user plugin", async () => {
      const listed = await pipelines.listPlugins({});
      const view = listed.plugins.map((p) => ({
        name: p.name,
        origin: p.origin,
        path: p.path,
        version: p.version,
        loaded: p.loaded,
        error: p.error,
      }));
      assert.deepEqual(view.slice(0, 3), [
        { name: "tokenizer", origin: "builtin", path: "", version: "", loaded: true, error: "" },
        { name: "normalizer", origin: "builtin", path: "", version: "", loaded: true, error: "" },
        { name: "vectorizer", origin: "builtin", path: "", version: "", loaded: true, error: "" },
      ]);
      assert.ok(listed.plugins[0]?.description, "built-ins describe themselves");
      const currency = listed.plugins.find((p) => p.path === "currency.mjs");
      assert.equal(currency?.name, "currency");
      assert.equal(currency?.origin, "user");
      assert.equal(currency?.version, "1.2.0");
      assert.equal(currency?.description, "Converts amounts to EUR");
      assert.equal(currency?.error, "");
      const broken = listed.plugins.find((p) => p.path === "broken.mjs");
      assert.equal(broken?.loaded, false);
      assert.match(broken?.error ?? "", /needs a package that is not installed/);

      const loaded = await pipelines.loadPlugin({ file: "currency.mjs" });
      assert.equal(loaded.plugin?.name, "currency");
      assert.equal(loaded.plugin?.loaded, true);
      assert.equal(loaded.plugin?.version, "1.2.0");
      assert.equal(loaded.plugin?.path, "currency.mjs");
      // Every scheduler follows the load (asynchronously), so the listing says so whichever node
      // answers: twenty listings in a row agree (with two schedulers answering at random, a node
      // that missed the load would show up).
      await eventually(async () => {
        for (let i = 0; i < 20; i++) {
          const again = await pipelines.listPlugins({});
          assert.equal(again.plugins.find((p) => p.name === "currency")?.loaded, true, `listing ${i}`);
        }
      });

      await expectCode(
        pipelines.loadPlugin({ file: "broken.mjs" }),
        Code.FailedPrecondition,
        /^plugin file "broken\.mjs" cannot be loaded: .*needs a package that is not installed/,
      );
      await expectCode(
        pipelines.loadPlugin({ file: "missing.mjs" }),
        Code.NotFound,
        /^plugin file "missing\.mjs" not found$/,
      );
      await expectCode(pipelines.loadPlugin({ file: "../etc/passwd" }), Code.InvalidArgument, /file/);
    });

    it("registers a pipeline using the user plugin, and rejects a config its init refuses", async () => {
      const fx = (config: JsonObject) =>
        pipeline(
          "fx",
          [{ name: "convert", kind: { case: "plugin", value: { plugin: "currency", config } } }],
          [
            ["input.amount", "convert.amount"],
            ["convert.eur", "output.eur"],
          ],
        );
      const created = await pipelines.createPipeline({ pipeline: fx({ rate: 0.9 }) });
      assert.equal(created.pipeline?.version, 1n);
      const node = created.pipeline?.nodes[0];
      assert.deepEqual(node?.kind.case === "plugin" ? node.kind.value.config : undefined, { rate: 0.9 });
      await expectCode(
        pipelines.createPipeline({ pipeline: fx({ rate: "high" }) }),
        Code.InvalidArgument,
        /node "convert" field "plugin\.config": .*config\.rate must be a number/,
      );
      await expectCode(
        pipelines.createPipeline({
          pipeline: pipeline(
            "tokens",
            [{ name: "tok", kind: { case: "plugin", value: { plugin: "tokenizer", config: { max_length: -1 } } } }],
            [["input.amount", "tok.text"]],
          ),
        }),
        Code.InvalidArgument,
        /node "tok" field "plugin\.config\.max_length": expected an integer/,
      );
      await expectCode(
        pipelines.createPipeline({
          pipeline: pipeline(
            "stems",
            [{ name: "stem", kind: { case: "plugin", value: { plugin: "stemmer" } } }],
            [["input.amount", "stem.text"]],
          ),
        }),
        Code.InvalidArgument,
        /node "stem" field "plugin\.plugin": plugin "stemmer" not found/,
      );
    });

    it("refuses a remote node whose host is not on the allow-list, naming the field", async () => {
      await expectCode(
        pipelines.createPipeline({
          pipeline: pipeline(
            "remote",
            [
              {
                name: "llm",
                kind: {
                  case: "remote",
                  value: { protocol: 2, url: "https://api.example.com/v1", model: "gpt" },
                },
              },
            ],
            [["input.amount", "llm.messages"]],
          ),
        }),
        Code.InvalidArgument,
        /node "llm" field "remote\.url": expected a URL whose host is on the remote allow-list .*got "api\.example\.com"/,
      );
    });
  });
}

/** Retries `check` until it passes (up to 10 s), for state that other nodes reach asynchronously. */
async function eventually(check: () => Promise<void>): Promise<void> {
  const until = Date.now() + 10_000;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
