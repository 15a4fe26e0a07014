/**
 * Decisions end to end, run unchanged against an embedded and a distributed mesh
 * (decisions-embedded.test.ts, decisions-distributed.test.ts): a transaction-risk pipeline
 * (risk classifier → rules) registered through PipelineService, Decide and DecideStream over gRPC,
 * audit records, request-id de-duplication, replay against another version, shadow mode, and the
 * errors a caller gets for bad input.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  type DecideRequest,
  type DecideRequestSchema,
  DecisionService,
  ModelRegistryService,
  type Pipeline,
  PipelineSchema,
  PipelineService,
  RegisterModelRequestSchema,
  RulesMode,
} from "@arbiter/proto";
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { type Client, Code } from "@connectrpc/connect";
import { client, grpcTransport } from "../support/clients.ts";
import { EXPECTED, exampleModel, fp32Bytes } from "../support/examples.ts";
import { expectCode } from "../support/expect-code.ts";
import type { Mesh } from "../support/mesh.ts";

const ROWS = (EXPECTED["risk-classifier"]?.inputs.features?.data ?? []) as number[][];
const AMOUNTS = [100, 9000, 50, 20];
/** What version 1 decides for each row: P(malignant) ≈ 1, 0, 1, 0 (expected.json) and the amounts above. */
const LABELS_V1 = ["decline", "review", "decline", "approve"];
/** Version 2 declines large amounts too: only row 1 changes. */
const LABELS_V2 = ["decline", "decline", "decline", "approve"];

function riskPipeline(
  name: string,
  v2: boolean,
  extra: Partial<MessageInitShape<typeof PipelineSchema>> = {},
): Pipeline {
  const init: MessageInitShape<typeof PipelineSchema> = {
    name,
    description: "transaction risk: classifier score, then rules",
    inputs: [
      { name: "features", type: "tensor:FP32", shape: [-1n, 30n], required: true },
      { name: "amount", type: "number", required: true },
    ],
    nodes: [
      { name: "score", kind: { case: "model", value: { model: "risk-classifier" } } },
      {
        name: "decide",
        kind: {
          case: "rules",
          value: {
            mode: RulesMode.FIRST_MATCH,
            defaultLabel: "approve",
            score: "p.data[1]",
            rules: [
              {
                name: "high_risk",
                when: v2 ? "p.data[1] > 0.9 || amount > 5000.0" : "p.data[1] > 0.9",
                label: "decline",
                reason: "the classifier's risk is high",
                report: [{ name: "risk", expression: "p.data[1]" }],
              },
              { name: "large_amount", when: "amount > 5000.0", label: "review", reason: "large amount" },
            ],
          },
        },
      },
    ],
    edges: [
      { from: "input.features", to: "score.features" },
      { from: "score.probabilities", to: "decide.p" },
      { from: "input.amount", to: "decide.amount" },
    ],
    audit: { sampleRate: 1 },
  };
  return create(PipelineSchema, { ...init, ...extra } as MessageInitShape<typeof PipelineSchema>);
}

function request(pipeline: string, row: number, extra: Partial<MessageInitShape<typeof DecideRequestSchema>> = {}) {
  return {
    pipeline,
    inputs: {
      features: {
        kind: {
          case: "tensor" as const,
          value: {
            name: "features",
            datatype: "FP32",
            shape: [1n, 30n],
            data: { case: "rawContents" as const, value: fp32Bytes(ROWS[row] ?? []) },
          },
        },
      },
      amount: {
        kind: { case: "value" as const, value: { kind: { case: "numberValue" as const, value: AMOUNTS[row] ?? 0 } } },
      },
    },
    ...extra,
  } as MessageInitShape<typeof DecideRequestSchema>;
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const until = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) assert.fail(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function decisionsSuite(name: string, startMesh: () => Promise<Mesh>): void {
  describe(`decisions (${name})`, () => {
    let mesh: Mesh;
    let decisions: Client<typeof DecisionService>;
    let pipelines: Client<typeof PipelineService>;

    before(async () => {
      mesh = await startMesh();
      const transport = grpcTransport(mesh.gatewayUrl);
      decisions = client(DecisionService, transport);
      pipelines = client(PipelineService, transport);
      await client(ModelRegistryService, transport).registerModel(
        (async function* () {
          yield create(RegisterModelRequestSchema, {
            part: { case: "metadata", value: { name: "risk-classifier", version: 1n } },
          });
          yield create(RegisterModelRequestSchema, { part: { case: "chunk", value: exampleModel("risk-classifier") } });
        })(),
      );
      assert.equal(
        (await pipelines.createPipeline({ pipeline: riskPipeline("txn-risk", false) })).pipeline?.version,
        1n,
      );
      assert.equal(
        (await pipelines.createPipeline({ pipeline: riskPipeline("txn-risk", true) })).pipeline?.version,
        2n,
      );
    });
    after(async () => mesh?.stop());

    it("decides each transaction with the rules over the classifier's output", async () => {
      for (const [row, label] of LABELS_V1.entries()) {
        const { decision } = await decisions.decide(
          request("txn-risk", row, { selector: { selector: { case: "version", value: 1n } } }),
        );
        assert.equal(decision?.label, label, `row ${row}`);
        assert.equal(decision?.pipelineVersion, 1n);
        assert.deepEqual(
          decision?.models.map((m) => [m.node, m.model, m.version]),
          [["score", "risk-classifier", 1n]],
        );
        assert.deepEqual(
          decision?.nodes.map((n) => [n.node, n.status]),
          [
            ["score", "ok"],
            ["decide", "ok"],
          ],
        );
        if (label === "decline") {
          assert.equal(decision?.firedRules[0]?.name, "high_risk");
          assert.ok((decision?.firedRules[0]?.values.risk?.kind.value as number) > 0.9);
          assert.ok((decision?.score ?? 0) > 0.9);
        }
        if (label === "review") assert.equal(decision?.firedRules[0]?.reason, "large amount");
      }
    });

    it("records every decision for audit, readable by id and listed by pipeline", async () => {
      const { decision } = await decisions.decide(
        request("txn-risk", 3, {
          selector: { selector: { case: "version", value: 1n } },
          attributes: { channel: "web" },
        }),
      );
      const id = decision?.id ?? "";
      const got = await eventually(
        () => decisions.getDecision({ id }).catch(() => undefined),
        (r) => r !== undefined,
        "the audit record",
      );
      assert.equal(got?.decision?.label, "approve");
      assert.equal(got?.attributes.channel, "web");
      assert.equal(got?.inputs.amount?.kind.case, "value");
      // Node outputs are kept in the record too.
      assert.ok(got?.decision?.outputs["score.probabilities"], "score.probabilities recorded");
      const listed = await decisions.listDecisions({ pipeline: "txn-risk", label: "approve" });
      assert.ok(listed.decisions.some((d) => d.id === id));
      await expectCode(
        decisions.getDecision({ id: "00000000-0000-4000-8000-000000000000" }),
        Code.NotFound,
        /decision/,
      );
    });

    it("answers a repeated request id with the decision already made", async () => {
      const first = await decisions.decide(request("txn-risk", 0, { requestId: "evt-42" }));
      const again = await decisions.decide(request("txn-risk", 0, { requestId: "evt-42" }));
      assert.equal(again.decision?.id, first.decision?.id);
    });

    it("replays recorded decisions against another version and counts the changed ones", async () => {
      // A pipeline of its own: the audit trail of the other tests' decisions (flushed a moment
      // later under load) must not land between listing the records and replaying them.
      await pipelines.createPipeline({ pipeline: riskPipeline("txn-replayed", false) });
      await pipelines.createPipeline({ pipeline: riskPipeline("txn-replayed", true) });
      const since = new Date();
      for (const row of LABELS_V1.keys()) {
        await decisions.decide(
          request("txn-replayed", row, { selector: { selector: { case: "version", value: 1n } } }),
        );
      }
      const sinceTs = { seconds: BigInt(Math.floor(since.getTime() / 1000) - 1), nanos: 0 };
      await eventually(
        () => decisions.listDecisions({ pipeline: "txn-replayed", since: sinceTs, pageSize: 100 }),
        (r) => r.decisions.filter((d) => d.pipelineVersion === 1n).length >= 4,
        "the audit records",
      );
      const recorded = (await decisions.listDecisions({ pipeline: "txn-replayed", since: sinceTs, pageSize: 100 }))
        .decisions;
      const expectedChanged = recorded.filter((d) => {
        const row = LABELS_V1.indexOf(d.label);
        return d.label === "review" && LABELS_V2[row] !== d.label;
      }).length;
      const result = await decisions.replay({
        pipeline: "txn-replayed",
        since: sinceTs,
        candidate: { selector: { case: "version", value: 2n } },
      });
      assert.equal(result.replayed, BigInt(recorded.length));
      assert.equal(result.failed, 0n);
      assert.equal(result.changed, BigInt(expectedChanged));
      assert.ok(expectedChanged >= 1);
      assert.ok(result.differences.every((d) => d.originalLabel === "review" && d.replayedLabel === "decline"));
    });

    it("runs a shadow version beside production without changing the response, recording disagreements", async () => {
      await pipelines.createPipeline({
        pipeline: riskPipeline("txn-shadowed", false, { shadow: { version: 2n, sampleRate: 1 } }),
      });
      await pipelines.createPipeline({ pipeline: riskPipeline("txn-shadowed", true) });
      const { decision } = await decisions.decide(
        request("txn-shadowed", 1, { selector: { selector: { case: "version", value: 1n } } }),
      );
      assert.equal(decision?.label, "review");
      const rows = await eventually(
        async () =>
          (
            await mesh.db.query<{ label: string; kind: string }>(
              "SELECT label, kind FROM decisions WHERE shadow_of = $1",
              [decision?.id],
            )
          ).rows,
        (r) => r.length > 0,
        "the shadow record",
      );
      assert.deepEqual(rows, [{ label: "decline", kind: "shadow" }]);
    });

    it("follows an alias at once on every scheduler when it moves", async () => {
      const viaAlias = () =>
        decisions.decide(request("txn-risk", 1, { selector: { selector: { case: "alias", value: "live" } } }));
      await pipelines.setPipelineAlias({ name: "txn-risk", alias: "live", version: 1n });
      // Every scheduler resolves the alias (and would keep the answer for a while)...
      for (let i = 0; i < 12; i++) assert.equal((await viaAlias()).decision?.pipelineVersion, 1n);
      await pipelines.setPipelineAlias({ name: "txn-risk", alias: "live", version: 2n });
      // ...and forgets it as soon as it moves.
      for (let i = 0; i < 12; i++) {
        const { decision } = await viaAlias();
        assert.equal(decision?.pipelineVersion, 2n);
        assert.equal(decision?.label, LABELS_V2[1]);
      }
    });

    it("streams one decision per event, an event's error leaving the stream open", async () => {
      const events = (async function* () {
        yield {
          request: request("txn-risk", 0, { requestId: "s-0", selector: { selector: { case: "version", value: 1n } } }),
        };
        yield {
          request: { pipeline: "txn-risk", requestId: "s-bad", inputs: {} } as MessageInitShape<
            typeof DecideRequestSchema
          >,
        };
        yield {
          request: request("txn-risk", 3, { requestId: "s-3", selector: { selector: { case: "version", value: 1n } } }),
        };
      })();
      const answers = new Map<string, { label: string; code: number }>();
      for await (const a of decisions.decideStream(events)) {
        answers.set(a.requestId, { label: a.decision?.label ?? "", code: a.errorCode });
      }
      assert.deepEqual(answers.get("s-0"), { label: "decline", code: 0 });
      assert.deepEqual(answers.get("s-3"), { label: "approve", code: 0 });
      assert.equal(answers.get("s-bad")?.code, Code.InvalidArgument);
    });

    it("rejects bad input with INVALID_ARGUMENT naming the input or node, and an unknown pipeline with NOT_FOUND", async () => {
      const missing = request("txn-risk", 0) as { inputs: Record<string, unknown> };
      delete missing.inputs.amount;
      await expectCode(decisions.decide(missing as DecideRequest), Code.InvalidArgument, /amount/);
      const wrongType = request("txn-risk", 0) as { inputs: Record<string, unknown> };
      wrongType.inputs.amount = { kind: { case: "value", value: { kind: { case: "stringValue", value: "12" } } } };
      await expectCode(decisions.decide(wrongType as DecideRequest), Code.InvalidArgument, /amount.*number/);
      const wrongShape = request("txn-risk", 0) as unknown as {
        inputs: { features: { kind: { value: { shape: bigint[] } } } };
      };
      wrongShape.inputs.features.kind.value.shape = [1n, 29n];
      await expectCode(decisions.decide(wrongShape as unknown as DecideRequest), Code.InvalidArgument, /features/);
      await expectCode(decisions.decide(request("no-such-pipeline", 0)), Code.NotFound, /no-such-pipeline/);
      // The mesh still serves.
      assert.equal(
        (await decisions.decide(request("txn-risk", 3, { selector: { selector: { case: "version", value: 1n } } })))
          .decision?.label,
        "approve",
      );
    });
  });
}
