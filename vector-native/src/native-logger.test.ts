import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import pino from "pino";
import { createIndex, setNativeLogger } from "./index.ts";

test("an HNSW repair's debug record reaches the pino logger, with level, component and Rust target", async () => {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n")) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  setNativeLogger(pino({ level: "debug" }, destination).child({ component: "vector-native" }));

  const idx = createIndex({ dim: 2, kind: "hnsw" });
  await idx.upsert([1, 2, 3, 4], new Float32Array([0, 0, 1, 1, 2, 2, 3, 3]));
  assert.equal(await idx.delete([2, 3]), 2);
  await idx.compact();

  const deadline = Date.now() + 10_000;
  const findRepair = () => lines.find((l) => String(l.msg).startsWith("HNSW graph repaired"));
  let repaired = findRepair();
  while (repaired === undefined) {
    if (Date.now() > deadline) assert.fail(`no repair record among ${JSON.stringify(lines)}`);
    await sleep(10);
    repaired = findRepair();
  }
  assert.match(String(repaired.msg), /^HNSW graph repaired around 2 deleted vectors of 4 slots in \d+ ms$/);
  assert.equal(repaired.level, 20); // debug
  assert.equal(repaired.component, "vector-native");
  assert.equal(repaired.target, "vector_native::index");
});
