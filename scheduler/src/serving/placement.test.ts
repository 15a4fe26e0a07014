import assert from "node:assert/strict";
import { test } from "node:test";
import { type NodeInfo, NodeInfoSchema } from "@arbiter/proto";
import { create } from "@bufbuild/protobuf";
import { planPlacement, Shortfalls, type Wanted } from "./placement.ts";

const MB = 1024 * 1024;

function node(id: string, budgetMb: number, models: string[] = [], memoryMb = 64): NodeInfo {
  return create(NodeInfoSchema, {
    id,
    accepting: true,
    memoryBudgetBytes: BigInt(budgetMb * MB),
    memoryUsedBytes: BigInt(models.length * memoryMb * MB),
    models: models.map((name) => ({ tenant: "default", name, version: 1n, memoryBytes: BigInt(memoryMb * MB) })),
  });
}

function wanted(names: string[], replicas = 1, memoryMb = 64): Wanted[] {
  return names.map((name) => ({ tenant_id: "default", name, version: 1, replicas, memory_bytes: memoryMb * MB }));
}

/** How many models the plan sends to each node. */
function loadsPerNode(plan: Map<Wanted, string[]>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const ids of plan.values()) for (const id of ids) counts[id] = (counts[id] ?? 0) + 1;
  return counts;
}

test("many missing models are spread over the nodes, not all sent to the emptiest one", () => {
  const models = Array.from({ length: 20 }, (_, i) => `model-${i}`);
  const plan = planPlacement(wanted(models), [node("a", 448), node("b", 448), node("c", 448), node("d", 448)]);
  assert.deepEqual(loadsPerNode(plan), { a: 5, b: 5, c: 5, d: 5 });
});

test("a dead node's models go to the nodes with room, each within its budget", () => {
  // 20 models on 3 live nodes of 7 each: the 6 missing ones fill the free room, however it is split.
  const live = [
    node("a", 448, ["m0", "m1", "m2", "m3", "m4", "m5"]),
    node("b", 448, ["m6", "m7", "m8", "m9"]),
    node("c", 448, ["m10", "m11", "m12", "m13"]),
  ];
  const plan = planPlacement(wanted(Array.from({ length: 20 }, (_, i) => `m${i}`)), live);
  assert.deepEqual(
    [...plan.keys()].map((w) => w.name),
    ["m14", "m15", "m16", "m17", "m18", "m19"],
  );
  assert.deepEqual(loadsPerNode(plan), { a: 1, b: 3, c: 2 });
});

test("a model asking for two replicas gets two distinct nodes besides the holder", () => {
  const plan = planPlacement(wanted(["risk"], 3), [node("a", 448, ["risk"]), node("b", 448), node("c", 448)]);
  assert.deepEqual([...plan.values()], [["b", "c"]]);
});

test("a node that is not accepting work (draining) is never chosen", () => {
  const draining = { ...node("a", 4096), accepting: false };
  const plan = planPlacement(wanted(["risk"]), [draining, node("b", 448)]);
  assert.deepEqual([...plan.values()], [["b"]]);
});

test("a model is placed only once it has stayed short of replicas for the settle time", () => {
  const shortfalls = new Shortfalls(600);
  const [risk, digits] = wanted(["risk", "digits"]);
  assert.ok(risk && digits);
  assert.deepEqual([...shortfalls.settled([risk, digits], 1000)], []);
  assert.deepEqual([...shortfalls.settled([risk, digits], 1400)], []);
  // digits reappeared (its holder's heartbeat was late, not gone): its clock starts again.
  assert.deepEqual([...shortfalls.settled([risk], 1500)], []);
  assert.deepEqual([...shortfalls.settled([risk, digits], 1600)], [risk]);
  assert.deepEqual([...shortfalls.settled([risk, digits], 2200)], [risk, digits]);
});
