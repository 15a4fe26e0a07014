/**
 * ClusterService's node queries through the scheduler's bus handlers: a node holding models of
 * two tenants shows each tenant's admin only that tenant's models (another tenant's model names
 * are its own business), and shows a platform admin every model.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  type Bus,
  callRpc,
  createMemoryBus,
  createRequestContext,
  createRootLogger,
  DEFAULT_TENANT,
  NODES_BUCKET,
  type RpcServer,
  rpcSubject,
} from "@arbiter/core";
import { ClusterService, type NodeInfo, NodeInfoSchema } from "@arbiter/proto";
import {
  create,
  type DescMessage,
  type DescMethod,
  fromBinary,
  type MessageInitShape,
  toBinary,
} from "@bufbuild/protobuf";
import { timestampNow } from "@bufbuild/protobuf/wkt";
import { type HandlerTable, serveHandlers } from "../rpc-router.ts";
import { registerClusterHandlers } from "./cluster-handlers.ts";

const TTL_MS = 60_000;

describe("cluster node queries", () => {
  let bus: Bus;
  let server: RpcServer;

  before(async () => {
    bus = createMemoryBus();
    const kv = await bus.keyValue(NODES_BUCKET, { ttlMs: TTL_MS });
    const node = create(NodeInfoSchema, {
      id: "node-1",
      role: "scheduler",
      accepting: true,
      lastHeartbeatTime: timestampNow(),
      models: [
        { tenant: "acme", name: "fraud", version: 3n },
        { tenant: "globex", name: "churn", version: 1n },
        { tenant: DEFAULT_TENANT, name: "risk-classifier", version: 1n },
      ],
    });
    await kv.put(node.id, toBinary(NodeInfoSchema, node));
    const table: HandlerTable = new Map();
    registerClusterHandlers(table, kv, TTL_MS);
    server = serveHandlers(bus, table, createRootLogger({ level: "silent" }), "test-node");
  });

  after(async () => {
    await server?.drain();
    await bus?.close();
  });

  /** Calls a ClusterService method as the admin of `tenant`. */
  async function call<I extends DescMessage, O extends DescMessage>(
    method: DescMethod & { input: I; output: O },
    request: MessageInitShape<I>,
    tenant: string,
  ) {
    const ctx = createRequestContext(
      { id: `${tenant}-admin`, tenant, role: "admin", method: "api_key" },
      Date.now() + 10_000,
    );
    const reply = await callRpc(
      bus,
      rpcSubject(ClusterService.typeName, method.name),
      toBinary(method.input, create(method.input, request)),
      ctx,
    );
    return fromBinary(method.output, reply);
  }

  const modelsOf = (node: NodeInfo | undefined) => node?.models.map((m) => `${m.tenant}/${m.name}`) ?? [];

  it("lists a node with the caller's own models only", async () => {
    const acme = await call(ClusterService.method.listNodes, {}, "acme");
    assert.deepEqual(
      acme.nodes.map((n) => n.id),
      ["node-1"],
    );
    assert.deepEqual(modelsOf(acme.nodes[0]), ["acme/fraud"]);
    const globex = await call(ClusterService.method.getNode, { id: "node-1" }, "globex");
    assert.deepEqual(modelsOf(globex.node), ["globex/churn"]);
    const initech = await call(ClusterService.method.listNodes, {}, "initech");
    assert.deepEqual(modelsOf(initech.nodes[0]), []);
  });

  it("shows a platform admin every tenant's models", async () => {
    const all = await call(ClusterService.method.getNode, { id: "node-1" }, DEFAULT_TENANT);
    assert.deepEqual(modelsOf(all.node), ["acme/fraud", "globex/churn", "default/risk-classifier"]);
  });
});
