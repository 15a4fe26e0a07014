/**
 * The gateway's edge behaviour on its one port: every protocol (gRPC over h2c, gRPC-Web and
 * Connect over HTTP/1.1 and HTTP/2), health Check and Watch, server reflection (grpcurl itself),
 * contract RPCs that are not built yet, deadlines, and graceful shutdown.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { connect as http2Connect } from "node:http2";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import {
  type Bus,
  createMemoryBus,
  createRootLogger,
  INFER_ANY_SUBJECT,
  loadConfig,
  MODEL_VERSION_HEADER,
  OIP_INFER_PAYLOAD,
  PAYLOAD_HEADER,
  rpcSubject,
  SCHEDULER_QUEUE,
  serveRpc,
} from "@arbiter/core";
import { type Gateway, startGateway } from "@arbiter/gateway";
import {
  ClusterService,
  InferenceService,
  InferRequestSchema,
  InferResponseSchema,
  ListModelsResponseSchema,
  ModelRegistryService,
  TenantService,
} from "@arbiter/proto";
import {
  Health,
  reflectionV1,
  reflectionV1alpha,
  HealthCheckResponse_ServingStatus as Status,
} from "@arbiter/proto/grpc";
import { GRPCInferenceService, ModelInferRequestSchema, ModelInferResponseSchema } from "@arbiter/proto/inference";
import { ensureGrpcurl } from "@arbiter/testkit";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { client, connectHttp1Transport, grpcTransport, grpcWebTransport } from "../support/clients.ts";
import { type Mesh, startEmbeddedMesh } from "../support/mesh.ts";

const run = promisify(execFile);

describe("gateway on one port (embedded mesh)", () => {
  let mesh: Mesh;
  before(async () => {
    mesh = await startEmbeddedMesh();
  });
  after(async () => mesh?.stop());

  it("serves gRPC (h2c), gRPC-Web and Connect over HTTP/1.1 and HTTP/2 on the same port", async () => {
    const transports = {
      grpc: grpcTransport(mesh.gatewayUrl),
      grpcWeb: grpcWebTransport(mesh.gatewayUrl),
      connectHttp1: connectHttp1Transport(mesh.gatewayUrl),
      connectHttp2: createConnectTransport({ baseUrl: mesh.gatewayUrl, httpVersion: "2" }),
    };
    for (const [name, transport] of Object.entries(transports)) {
      const oip = client(GRPCInferenceService, transport);
      assert.equal((await oip.serverLive({})).live, true, name);
      const err = await client(ModelRegistryService, transport)
        .getModel({ name: "absent" })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      assert.ok(err instanceof ConnectError, name);
      assert.equal(err.code, Code.NotFound, `${name}: ${err.rawMessage}`);
    }
  });

  it("reports health per service and overall, and NOT_FOUND for a service it does not serve", async () => {
    const health = client(Health, grpcTransport(mesh.gatewayUrl));
    assert.equal((await health.check({ service: "" })).status, Status.SERVING);
    assert.equal((await health.check({ service: "arbiter.v1.ModelRegistryService" })).status, Status.SERVING);
    assert.equal((await health.check({ service: "inference.GRPCInferenceService" })).status, Status.SERVING);
    await assert.rejects(
      health.check({ service: "nope.Service" }),
      (e: unknown) => e instanceof ConnectError && e.code === Code.NotFound,
    );
  });

  it("answers the server metadata and readiness of the Open Inference Protocol", async () => {
    const oip = client(GRPCInferenceService, grpcTransport(mesh.gatewayUrl));
    assert.equal((await oip.serverReady({})).ready, true);
    const meta = await oip.serverMetadata({});
    assert.equal(meta.name, "arbiter");
    assert.deepEqual(meta.extensions, ["binary_tensor_data", "model_configuration", "model_repository", "statistics"]);
  });

  it("answers UNIMPLEMENTED for Triton's controls it does not offer, NOT_FOUND for a missing tenant", async () => {
    const tenants = client(TenantService, grpcTransport(mesh.gatewayUrl));
    await assert.rejects(tenants.getTenant({ id: "t-1" }), (e: unknown) => {
      assert.ok(e instanceof ConnectError);
      assert.equal(e.code, Code.NotFound);
      assert.equal(e.rawMessage, 'tenant "t-1" not found');
      return true;
    });
    await assert.rejects(
      client(GRPCInferenceService, grpcTransport(mesh.gatewayUrl)).traceSetting({ modelName: "x" }),
      (e: unknown) => {
        return e instanceof ConnectError && e.code === Code.Unimplemented;
      },
    );
  });

  it("lists the live scheduler nodes from their heartbeats", async () => {
    const cluster = client(ClusterService, grpcTransport(mesh.gatewayUrl));
    const { nodes } = await cluster.listNodes({});
    assert.equal(nodes.length, 1);
    assert.equal(nodes[0]?.role, "embedded");
    assert.equal(nodes[0]?.accepting, true);
    assert.ok((nodes[0]?.processRssBytes ?? 0n) > 0n);
  });

  it("answers server reflection v1 and v1alpha with every service", async () => {
    for (const [version, service] of [
      ["v1", reflectionV1.ServerReflection],
      ["v1alpha", reflectionV1alpha.ServerReflection],
    ] as const) {
      const reflection = client(service as typeof reflectionV1.ServerReflection, grpcTransport(mesh.gatewayUrl));
      const responses = reflection.serverReflectionInfo(
        (async function* () {
          yield { messageRequest: { case: "listServices" as const, value: "" } };
          yield { messageRequest: { case: "fileContainingSymbol" as const, value: "arbiter.v1.ModelRegistryService" } };
        })(),
      );
      const got: string[] = [];
      for await (const res of responses) {
        if (res.messageResponse.case === "listServicesResponse")
          got.push(...res.messageResponse.value.service.map((s) => s.name));
        if (res.messageResponse.case === "fileDescriptorResponse")
          got.push(`files:${res.messageResponse.value.fileDescriptorProto.length}`);
      }
      assert.ok(got.includes("arbiter.v1.ModelRegistryService"), version);
      assert.ok(got.includes("inference.GRPCInferenceService"), version);
      assert.ok(got.includes("grpc.health.v1.Health"), version);
      assert.ok(
        got.some((g) => g.startsWith("files:") && Number(g.slice(6)) >= 4),
        `${version}: file with its imports`,
      );
    }
  });

  it("is listed and described by grpcurl through reflection", async () => {
    const grpcurl = await ensureGrpcurl();
    const address = mesh.gatewayUrl.replace("http://", "");
    const list = (await run(grpcurl, ["-plaintext", address, "list"])).stdout.split("\n");
    for (const service of [
      "arbiter.v1.ModelRegistryService",
      "arbiter.v1.DecisionService",
      "inference.GRPCInferenceService",
      "grpc.health.v1.Health",
    ]) {
      assert.ok(list.includes(service), `grpcurl list shows ${service}`);
    }
    const health = await run(grpcurl, ["-plaintext", address, "grpc.health.v1.Health/Check"]);
    assert.match(health.stdout, /"status": "SERVING"/);
    const got = await run(grpcurl, [
      "-plaintext",
      "-d",
      '{"name":"missing"}',
      address,
      "arbiter.v1.ModelRegistryService/GetModel",
    ]).then(
      () => "",
      (e: { stderr: string }) => e.stderr,
    );
    assert.match(got, /Code: NotFound/);
    assert.match(got, /model "missing" not found/);
  });

  it("answers INVALID_ARGUMENT to a gRPC frame that is not valid protobuf", async () => {
    const session = http2Connect(mesh.gatewayUrl);
    try {
      const body = Buffer.from([0, 0, 0, 0, 4, 0x0a, 0xff, 0xff, 0xff]);
      const stream = session.request({
        ":method": "POST",
        ":path": "/arbiter.v1.ModelRegistryService/GetModel",
        "content-type": "application/grpc",
        te: "trailers",
      });
      const trailers = new Promise<Record<string, unknown>>((resolve) => stream.on("trailers", (t) => resolve(t)));
      stream.end(body);
      stream.resume();
      const t = await trailers;
      assert.equal(t["grpc-status"], String(Code.InvalidArgument));
    } finally {
      session.close();
    }
  });
});

/** A gateway alone on an in-process bus, with a scheduler stand-in whose replies the test times. */
describe("gateway deadlines and graceful shutdown", () => {
  let bus: Bus;
  let gateway: Gateway;
  const delayMs = 800;
  let served = 0;

  before(async () => {
    bus = createMemoryBus();
    const logger = createRootLogger({ level: "silent" });
    serveRpc(
      bus,
      rpcSubject(ModelRegistryService.typeName, "ListModels"),
      SCHEDULER_QUEUE,
      async () => {
        await new Promise((r) => setTimeout(r, delayMs));
        served++;
        return toBinary(ListModelsResponseSchema, create(ListModelsResponseSchema, { models: [] }));
      },
      logger,
    );
    // Inference stand-in: answers after the same delay, echoing its single input as "y" (an OIP
    // request's FP32 input comes back as raw output contents, as a scheduler answers).
    serveRpc(
      bus,
      INFER_ANY_SUBJECT,
      SCHEDULER_QUEUE,
      async (data, _ctx, message) => {
        if (message.headers[PAYLOAD_HEADER] === OIP_INFER_PAYLOAD) {
          const oip = fromBinary(ModelInferRequestSchema, data);
          await new Promise((r) => setTimeout(r, delayMs));
          const input = oip.inputs[0];
          const raw =
            oip.rawInputContents[0] ?? new Uint8Array(Float32Array.from(input?.contents?.fp32Contents ?? []).buffer);
          const response = create(ModelInferResponseSchema, {
            modelName: oip.modelName,
            modelVersion: "1",
            outputs: input ? [{ name: "y", datatype: input.datatype, shape: input.shape }] : [],
            rawOutputContents: input ? [raw] : [],
          });
          return { data: toBinary(ModelInferResponseSchema, response), headers: { [MODEL_VERSION_HEADER]: "1" } };
        }
        const req = fromBinary(InferRequestSchema, data);
        await new Promise((r) => setTimeout(r, delayMs));
        const input = req.inputs[0];
        const response = create(InferResponseSchema, {
          model: req.model,
          version: 1n,
          id: req.id,
          outputs: input ? [{ ...input, name: "y" }] : [],
        });
        return { data: toBinary(InferResponseSchema, response), headers: { [MODEL_VERSION_HEADER]: "1" } };
      },
      logger,
    );
    gateway = await startGateway({
      config: loadConfig({ overrides: { gateway: { port: 0, shutdownGraceMs: 5000 }, auth: { enabled: false } } }),
      bus,
      logger,
    });
  });
  after(async () => bus.close());

  it("fails a call with DEADLINE_EXCEEDED when the client's deadline passes first", async () => {
    const registry = client(ModelRegistryService, grpcTransport(`http://127.0.0.1:${gateway.port}`));
    await assert.rejects(
      registry.listModels({}, { timeoutMs: 200 }),
      (e: unknown) => e instanceof ConnectError && e.code === Code.DeadlineExceeded,
    );
  });

  it("fails a call whose deadline has already passed without forwarding it", async () => {
    await new Promise((r) => setTimeout(r, delayMs + 100)); // let the previous test's call finish
    const before = served;
    const res = await fetch(`http://127.0.0.1:${gateway.port}/arbiter.v1.ModelRegistryService/ListModels`, {
      method: "POST",
      headers: { "content-type": "application/proto", "connect-timeout-ms": "0" },
      body: new Uint8Array(0),
    });
    assert.equal(res.status, 504);
    assert.equal(((await res.json()) as { code: string }).code, "deadline_exceeded");
    await new Promise((r) => setTimeout(r, delayMs + 100));
    assert.equal(served, before);
  });

  it("on stop: reports NOT_SERVING first, finishes the call in flight, then closes the port", async () => {
    const url = `http://127.0.0.1:${gateway.port}`;
    const health = client(Health, grpcTransport(url));
    const watch = health.watch({ service: "" });
    const statuses: Status[] = [];
    const watching = (async () => {
      try {
        for await (const res of watch) statuses.push(res.status);
      } catch {
        // the stream ends when the gateway closes
      }
    })();
    await new Promise((r) => setTimeout(r, 100));
    const inFlight = client(ModelRegistryService, grpcTransport(url)).listModels({}, { timeoutMs: 10_000 });
    // An inference over the gRPC fast path and one over REST, in flight too.
    const x = {
      name: "x",
      datatype: "FP32",
      shape: [1n],
      data: { case: "rawContents" as const, value: new Uint8Array(4) },
    };
    const viaGrpc = client(InferenceService, grpcTransport(url)).infer(
      { model: "m", inputs: [x] },
      { timeoutMs: 10_000 },
    );
    const viaRest = fetch(`${url}/v2/models/m/infer`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ inputs: [{ name: "x", datatype: "FP32", shape: [1], data: [2.5] }] }),
    });
    await new Promise((r) => setTimeout(r, 100));
    const stopping = gateway.stop();
    await new Promise((r) => setTimeout(r, 50));
    const res = await inFlight;
    assert.deepEqual(res.models, []);
    assert.equal((await viaGrpc).outputs[0]?.name, "y");
    const rest = await viaRest;
    assert.equal(rest.status, 200);
    assert.deepEqual(((await rest.json()) as { outputs: Array<{ data: number[] }> }).outputs[0]?.data, [2.5]);
    await stopping;
    await watching;
    assert.deepEqual(statuses, [Status.SERVING, Status.NOT_SERVING]);
    await assert.rejects(fetch(`${url}/grpc.health.v1.Health/Check`, { method: "POST" }));
  });
});
