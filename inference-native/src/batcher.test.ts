import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import {
  CancelledError,
  DeadlineExceededError,
  FailedPreconditionError,
  InvalidArgumentError,
  ResourceExhaustedError,
} from "@arbiter/core";
import { createBatcher, decodeBytes, encodeBytes, type InferTiming, loadSession, type Tensor } from "./index.ts";
import { f32, fixedShapeModel, identityModel, slowModel } from "./test-models.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const riskModel = readFileSync(join(root, "examples/models/risk-classifier.onnx"));
const testRows = (
  JSON.parse(readFileSync(join(root, "examples/models/expected.json"), "utf8")) as {
    "risk-classifier": { inputs: { features: { data: number[][] } } };
  }
)["risk-classifier"].inputs.features.data;

/** 40 distinct feature rows: the recorded test rows, scaled. */
function rows(n: number): Buffer[] {
  return Array.from({ length: n }, (_, i) =>
    f32(...(testRows[i % testRows.length] as number[]).map((v) => v * (1 + i / 100))),
  );
}

const bytesOf = (t: Tensor | undefined): Buffer => {
  assert.ok(t !== undefined);
  return Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength);
};

/** A slow request on the 400-layer model (seconds of work) that keeps the batcher busy. */
const slowInput = (rowsCount: number) => ({
  x: { datatype: "FP32" as const, shape: [rowsCount, 512], data: Buffer.alloc(rowsCount * 512 * 4) },
});

describe("dynamic batcher", () => {
  test("batched outputs equal unbatched outputs bit for bit", async () => {
    const session = await loadSession({ bytes: riskModel }, { intraOpThreads: 1, inlineRunMaxMicros: 0 });
    const inputs = rows(40);
    const single = [];
    for (const row of inputs)
      single.push(await session.run({ features: { datatype: "FP32", shape: [1, 30], data: row } }));
    const batcher = createBatcher(session, { maxBatchSize: 16 });
    const batched = await Promise.all(
      inputs.map((row) => batcher.infer({ features: { datatype: "FP32", shape: [1, 30], data: row } })),
    );
    for (let i = 0; i < inputs.length; i++) {
      for (const name of ["label", "probabilities"]) {
        assert.deepEqual(batched[i]?.[name]?.shape, single[i]?.[name]?.shape, `${i} ${name} shape`);
        assert.ok(bytesOf(batched[i]?.[name]).equals(bytesOf(single[i]?.[name])), `request ${i} ${name} differs`);
      }
    }
    const stats = batcher.stats();
    assert.equal(stats.completed, 40);
    assert.ok(stats.batches < 40, `requests were batched (${stats.batches} batches)`);
    assert.equal(
      Object.entries(stats.batchSizeHistogram).reduce((n, [size, count]) => n + Number(size) * count, 0),
      40,
    );
    assert.ok(Math.max(...Object.keys(stats.batchSizeHistogram).map(Number)) <= 16);
  });

  test("a request that asks for its timing learns its queue time and its batch: size, members, run time", async () => {
    const session = await loadSession({ bytes: riskModel }, { intraOpThreads: 1, inlineRunMaxMicros: 0 });
    const batcher = createBatcher(session, { maxBatchSize: 16, maxQueueDelayMicros: 20_000 });
    const inputs = rows(5);
    const timings: InferTiming[] = inputs.map(() => ({ queueMicros: -1 }));
    const sizes = [1, 1, 2, 1, 1];
    const before = Date.now();
    await Promise.all(
      inputs.map((row, i) => {
        const n = sizes[i] as number;
        const data = Buffer.concat(Array.from({ length: n }, () => row));
        // The fourth request asks for no timing: it is counted in its batch, not listed.
        const options = i === 3 ? {} : { timing: timings[i] };
        return batcher.infer({ features: { datatype: "FP32", shape: [n, 30], data } }, options);
      }),
    );
    // Five requests queued in one turn, six rows: one batch, which waited for the queue delay.
    assert.equal(batcher.stats().batches, 1);
    const batch = timings[0]?.batch;
    assert.ok(batch !== undefined);
    assert.equal(batch.rows, 6);
    assert.equal(batch.requests, 5);
    assert.deepEqual(batch.members, [timings[0], timings[1], timings[2], timings[4]]);
    assert.ok(batch.computeMicros > 0, `ran ${batch.computeMicros} µs`);
    // Epoch time from the monotonic clock: within a few milliseconds of the wall clock.
    assert.ok(batch.sentAtMs >= before - 50 && batch.sentAtMs <= Date.now() + 50, `sent at ${batch.sentAtMs}`);
    for (const [i, t] of timings.entries()) {
      if (i === 3) {
        assert.equal(t.queueMicros, -1);
        continue;
      }
      assert.equal(t.batch, batch, "one record of the batch, shared");
      assert.ok(t.queueMicros >= 15_000, `queued ${t.queueMicros} µs, the batch waits up to 20 ms for more`);
    }
    assert.ok((timings[0] as InferTiming).queueMicros >= (timings[4] as InferTiming).queueMicros);
  });

  test("requests of several rows are split back by row, and BYTES outputs too", async () => {
    const session = await loadSession({ bytes: identityModel("BYTES") });
    const batcher = createBatcher(session, { maxBatchSize: 8 });
    const requests = [
      [["a", "bb", "ccc"]],
      [
        ["d", "", "ffff"],
        ["g", "h", "i"],
      ],
      [["jj", "k", "l"]],
    ];
    const results = await Promise.all(
      requests.map((r) =>
        batcher.infer({ x: { datatype: "BYTES", shape: [r.length, 3], data: encodeBytes(r.flat()) } }),
      ),
    );
    results.forEach((out, i) => {
      const y = out.y as Tensor;
      assert.deepEqual(y.shape, [requests[i]?.length, 3]);
      assert.deepEqual(
        decodeBytes(y.data).map((b) => Buffer.from(b).toString()),
        requests[i]?.flat(),
      );
    });
    assert.equal(batcher.stats().batches, 1);
  });

  test("a bad request is rejected alone; the others in its batch succeed", async () => {
    const session = await loadSession({ bytes: riskModel });
    const batcher = createBatcher(session);
    const good = (row: Buffer) => batcher.infer({ features: { datatype: "FP32", shape: [1, 30], data: row } });
    const [a, bad, c] = await Promise.allSettled([
      good(rows(1)[0] as Buffer),
      batcher.infer({ features: { datatype: "FP32", shape: [1, 29], data: Buffer.alloc(116) } }),
      good(rows(2)[1] as Buffer),
    ]);
    assert.equal(a.status, "fulfilled");
    assert.equal(c.status, "fulfilled");
    assert.equal(bad.status, "rejected");
    assert.ok(bad.reason instanceof InvalidArgumentError);
    assert.equal(bad.reason.message, 'input "features" shape: expected [-1, 30], got [1, 29]');
  });

  test("a full queue rejects with RESOURCE_EXHAUSTED", async () => {
    const session = await loadSession({ bytes: slowModel(100) }, { intraOpThreads: 1, warmup: false });
    const batcher = createBatcher(session, { maxBatchSize: 1, maxQueueLength: 2, maxInflightBatches: 1 });
    const running = batcher.infer(slowInput(1));
    await new Promise((r) => setImmediate(r)); // the first request leaves the queue and runs
    const queued = [batcher.infer(slowInput(1)), batcher.infer(slowInput(1))];
    await assert.rejects(
      batcher.infer(slowInput(1)),
      (err: unknown) =>
        err instanceof ResourceExhaustedError && err.message === "inference queue is full (maxQueueLength 2)",
    );
    assert.equal(batcher.stats().rejectedQueueFull, 1);
    await Promise.all([running, ...queued]);
  });

  test("a request whose deadline passes while queued is rejected with DEADLINE_EXCEEDED and never computed", async () => {
    const session = await loadSession({ bytes: slowModel(400) }, { intraOpThreads: 1, warmup: false });
    const batcher = createBatcher(session, { maxBatchSize: 256, maxInflightBatches: 1 });
    const blocker = new AbortController();
    const running = batcher.infer(slowInput(256), { signal: blocker.signal });
    await new Promise((r) => setImmediate(r));
    const late = batcher.infer(slowInput(1), { deadline: Date.now() + 30 });
    await assert.rejects(late, DeadlineExceededError);
    assert.equal(batcher.stats().deadlineExceeded, 1);
    blocker.abort(); // stop the blocking run
    await assert.rejects(running, CancelledError);
    const stats = batcher.stats();
    assert.equal(stats.batches, 1, "the expired request never reached a batch");
    await assert.rejects(batcher.infer(slowInput(1), { deadline: Date.now() - 1 }), DeadlineExceededError);
  });

  test("priority orders the queue; an aborted queued request is never computed", async () => {
    const session = await loadSession({ bytes: slowModel(200) }, { intraOpThreads: 1, warmup: false });
    const batcher = createBatcher(session, { maxBatchSize: 1, maxInflightBatches: 1 });
    const order: string[] = [];
    const track = (name: string, p: Promise<unknown>) => p.then(() => order.push(name));
    const first = track("first", batcher.infer(slowInput(1)));
    await new Promise((r) => setImmediate(r));
    const low = track("low", batcher.infer(slowInput(1), { priority: 0 }));
    const abort = new AbortController();
    const doomed = batcher.infer(slowInput(1), { priority: 5, signal: abort.signal });
    const high = track("high", batcher.infer(slowInput(1), { priority: 10 }));
    abort.abort();
    await assert.rejects(doomed, CancelledError);
    await Promise.all([first, low, high]);
    assert.deepEqual(order, ["first", "high", "low"]);
    const stats = batcher.stats();
    assert.equal(stats.cancelled, 1);
    assert.equal(stats.batches, 3, "the aborted request never ran");
  });

  test("a model without a dynamic batch dimension cannot be batched", async () => {
    const session = await loadSession({ bytes: fixedShapeModel() });
    assert.throws(() => createBatcher(session), FailedPreconditionError);
  });

  test("closing rejects queued requests and refuses new ones", async () => {
    const session = await loadSession({ bytes: slowModel(100) }, { intraOpThreads: 1, warmup: false });
    const batcher = createBatcher(session, { maxBatchSize: 1, maxInflightBatches: 1 });
    const running = batcher.infer(slowInput(1));
    await new Promise((r) => setImmediate(r));
    const queued = batcher.infer(slowInput(1));
    batcher.close();
    await assert.rejects(queued, { message: "batcher closed before the request ran" });
    await assert.rejects(batcher.infer(slowInput(1)), { message: "batcher is closed" });
    await running;
  });
});
