import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { CancelledError, Code, FailedPreconditionError, InvalidArgumentError } from "@arbiter/core";
import {
  decodeBytes,
  encodeBytes,
  loadSession,
  ModelLoadError,
  OIP_DATATYPES,
  type OipDatatype,
  ProviderUnavailableError,
  runtimeInfo,
  type Tensor,
} from "./index.ts";
import { addModel, f32, heavyModel, identityModel, slowModel } from "./test-models.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

/** Six elements of each datatype as wire bytes, with values that exercise the type. */
function sample(d: OipDatatype): Buffer {
  const b = (arr: ArrayBufferView): Buffer => Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength);
  switch (d) {
    case "BOOL":
      return Buffer.from([1, 0, 1, 1, 0, 0]);
    case "UINT8":
      return Buffer.from([0, 1, 127, 128, 254, 255]);
    case "INT8":
      return b(Int8Array.of(-128, -1, 0, 1, 64, 127));
    case "UINT16":
      return b(Uint16Array.of(0, 1, 300, 40000, 65534, 65535));
    case "INT16":
      return b(Int16Array.of(-32768, -1, 0, 1, 300, 32767));
    case "UINT32":
      return b(Uint32Array.of(0, 1, 70000, 2 ** 31, 2 ** 32 - 2, 2 ** 32 - 1));
    case "INT32":
      return b(Int32Array.of(-(2 ** 31), -1, 0, 1, 70000, 2 ** 31 - 1));
    case "UINT64":
      return b(BigUint64Array.of(0n, 1n, 1n << 40n, 1n << 63n, 2n ** 64n - 2n, 2n ** 64n - 1n));
    case "INT64":
      return b(BigInt64Array.of(-(2n ** 63n), -1n, 0n, 1n, 1n << 40n, 2n ** 63n - 1n));
    case "FP16":
      return b(Uint16Array.of(0x3c00, 0xc000, 0x3800, 0x7bff, 0x0001, 0x7e00));
    case "BF16":
      return b(Uint16Array.of(0x3f80, 0xc000, 0x3f00, 0x7f7f, 0x0001, 0x7fc0));
    case "FP32":
      return b(
        Float32Array.of(1.5, -0, 3.4028234663852886e38, 1.1754943508222875e-38, Number.POSITIVE_INFINITY, 1e-42),
      );
    case "FP64":
      return b(Float64Array.of(1.5, -0, Number.MAX_VALUE, Number.MIN_VALUE, Number.NEGATIVE_INFINITY, 1e-310));
    case "BYTES":
      return encodeBytes(["", "a", "hello", "héllo", "nul\0inside", Uint8Array.of(0xff, 0xfe)]);
  }
}

describe("sessions", () => {
  test("the runtime comes from the onnxruntime-node package and offers the CPU provider", () => {
    const info = runtimeInfo();
    assert.match(info.libraryPath, /onnxruntime-node\/bin\/napi-v\d+\/linux\/x64\/libonnxruntime\.so\.1$/);
    assert.match(info.version, /^1\.\d+\.\d+$/);
    assert.ok(info.providers.includes("CPUExecutionProvider"));
  });

  for (const path of ["worker", "inline"] as const) {
    test(`every datatype round-trips bit for bit (${path} runs)`, async () => {
      for (const datatype of OIP_DATATYPES) {
        const session = await loadSession(
          { bytes: identityModel(datatype) },
          { intraOpThreads: 1, inlineRunMaxMicros: path === "inline" ? 1e9 : 0 },
        );
        assert.deepEqual(session.inputs, [{ name: "x", datatype, shape: [-1, 3] }]);
        const data = sample(datatype);
        const out = await session.run({ x: { datatype, shape: [2, 3], data } });
        assert.deepEqual(Object.keys(out), ["y"]);
        const y = out.y as Tensor;
        assert.equal(y.datatype, datatype);
        assert.deepEqual(y.shape, [2, 3]);
        assert.ok(
          Buffer.from(y.data.buffer, y.data.byteOffset, y.data.byteLength).equals(data),
          `${datatype} bytes differ`,
        );
        session.unload();
      }
    });
  }

  test("BYTES elements keep arbitrary bytes, including NUL and invalid UTF-8", async () => {
    const session = await loadSession({ bytes: identityModel("BYTES") });
    const out = await session.run({ x: { datatype: "BYTES", shape: [2, 3], data: sample("BYTES") } });
    const items = decodeBytes((out.y as Tensor).data).map((b) => Buffer.from(b));
    assert.equal(items[4]?.toString("latin1"), "nul\0inside");
    assert.deepEqual([...(items[5] ?? [])], [0xff, 0xfe]);
    assert.equal(items[3]?.toString("utf8"), "héllo");
  });

  test("outputs do not alias the caller's input memory", async () => {
    const session = await loadSession({ bytes: identityModel("FP32") }, { inlineRunMaxMicros: 0 });
    const x = f32(1, 2, 3);
    const y = (await session.run({ x: { datatype: "FP32", shape: [1, 3], data: x } })).y as Tensor;
    x.fill(0);
    assert.deepEqual([...new Float32Array(y.data.slice().buffer)], [1, 2, 3]);
  });

  test("the example models give their recorded outputs", async () => {
    const expected = JSON.parse(readFileSync(join(root, "examples/models/expected.json"), "utf8")) as Record<
      string,
      {
        inputs: Record<string, { datatype: "FP32"; shape: number[]; data: number[][] }>;
        outputs: Record<string, { datatype: string; shape: number[]; data: (number | number[])[] }>;
      }
    >;
    for (const name of ["risk-classifier", "digits-classifier", "diabetes-regressor"]) {
      const spec = expected[name];
      assert.ok(spec !== undefined, name);
      const session = await loadSession({ path: join(root, "examples/models", `${name}.onnx`) });
      assert.equal(session.executionProvider, "cpu");
      assert.ok(session.memoryBytes >= 0);
      const inputs: Record<string, Tensor> = {};
      for (const [k, v] of Object.entries(spec.inputs)) {
        inputs[k] = { datatype: v.datatype, shape: v.shape, data: f32(...v.data.flat()) };
      }
      const out = await session.run(inputs);
      for (const [k, want] of Object.entries(spec.outputs)) {
        const got = out[k] as Tensor;
        assert.ok(got !== undefined, `${name}: output ${k}`);
        assert.deepEqual(got.shape, want.shape, `${name}.${k} shape`);
        const flat = want.data.flat() as number[];
        if (want.datatype === "INT64") {
          const values = new BigInt64Array(got.data.slice().buffer);
          assert.deepEqual([...values].map(Number), flat, `${name}.${k}`);
        } else {
          const values = new Float32Array(got.data.slice().buffer);
          flat.forEach((w, i) => {
            const g = values[i] as number;
            assert.ok(Math.abs(g - w) <= 1e-5 * Math.max(1, Math.abs(w)), `${name}.${k}[${i}]: ${g} vs ${w}`);
          });
        }
      }
      session.unload();
    }
  });

  test("requested outputs only, in the requested order", async () => {
    const session = await loadSession({ path: join(root, "examples/models/risk-classifier.onnx") });
    assert.deepEqual(
      session.outputs.map((o) => [o.name, o.datatype, o.shape]),
      [
        ["label", "INT64", [-1]],
        ["probabilities", "FP32", [-1, 2]],
      ],
    );
    const features = { datatype: "FP32" as const, shape: [1, 30], data: Buffer.alloc(120) };
    const out = await session.run({ features }, { outputs: ["probabilities"] });
    assert.deepEqual(Object.keys(out), ["probabilities"]);
  });

  test("every bad input is an InvalidArgumentError naming input, expected and received; the session keeps serving", async () => {
    for (const inlineRunMaxMicros of [0, 1e9]) {
      const session = await loadSession({ bytes: addModel() }, { inlineRunMaxMicros });
      const a = { datatype: "FP32" as const, shape: [1, 2], data: f32(1, 2) };
      const cases: [Record<string, unknown>, string, { outputs?: string[] }?][] = [
        [{ a, b: a, q: a }, 'inputs: expected names from [a, b], got "q"'],
        [{ a }, 'inputs: expected a tensor for every model input, including "b", got ["a"]'],
        [{ a, b: { ...a, datatype: "INT64", data: Buffer.alloc(16) } }, 'input "b" datatype: expected FP32, got INT64'],
        [{ a, b: { ...a, datatype: "FP8" } }, 'input "b" datatype: expected FP32, got FP8'],
        [{ a, b: { ...a, shape: [2] } }, 'input "b" shape: expected [-1, 2], got [2]'],
        [{ a, b: { ...a, shape: [2, 1] } }, 'input "b" shape: expected [-1, 2], got [2, 1]'],
        [{ a, b: { ...a, shape: [-1, 2] } }, 'input "b" shape: expected [-1, 2], got [-1, 2]'],
        [
          { a, b: { ...a, data: f32(1, 2).subarray(0, 7) } },
          'input "b" data: expected 8 bytes (2 FP32 elements of shape [1, 2]), got 7 bytes',
        ],
        [
          { a, b: { ...a, shape: [2, 2] } },
          'input "b" data: expected 16 bytes (4 FP32 elements of shape [2, 2]), got 8 bytes',
        ],
        [{ a, b: a }, 'outputs: expected one of [c], got "d"', { outputs: ["d"] }],
      ];
      for (const [inputs, message, options] of cases) {
        await assert.rejects(
          session.run(inputs as Record<string, Tensor>, options),
          (err: unknown) =>
            err instanceof InvalidArgumentError && err.code === Code.InvalidArgument && err.message === message,
          message,
        );
      }
      const out = await session.run({ a, b: a });
      assert.deepEqual([...new Float32Array((out.c as Tensor).data.slice().buffer)], [2, 4]);
      session.unload();
    }

    const strings = await loadSession({ bytes: identityModel("BYTES") });
    await assert.rejects(
      strings.run({ x: { datatype: "BYTES", shape: [1, 3], data: Buffer.from([5, 0, 0, 0, 97, 98]) } }),
      {
        message:
          'input "x" data: expected 3 BYTES elements of shape [1, 3] (4-byte little-endian length + bytes each), got 6 bytes that are not a sequence of length-prefixed elements',
      },
    );
    await assert.rejects(strings.run({ x: { datatype: "BYTES", shape: [1, 3], data: encodeBytes(["a", "b"]) } }), {
      message:
        'input "x" data: expected 3 BYTES elements of shape [1, 3] (4-byte little-endian length + bytes each), got 2 elements in 10 bytes',
    });
  });

  test("corrupt, truncated, empty and unloadable models are ModelLoadErrors; loading keeps working", async () => {
    const good = readFileSync(join(root, "examples/models/risk-classifier.onnx"));
    const garbage = Buffer.alloc(4096);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 2654435761) >>> 24;
    const cases: [string, () => Promise<unknown>][] = [
      ["truncated", () => loadSession({ bytes: good.subarray(0, good.length / 2) })],
      ["garbage", () => loadSession({ bytes: garbage })],
      ["empty", () => loadSession({ bytes: new Uint8Array(0) })],
      ["missing file", () => loadSession({ path: "/nonexistent/model.onnx" })],
    ];
    for (const [what, load] of cases) {
      const err = await load().then(
        () => assert.fail(`${what}: loaded`),
        (e: unknown) => e,
      );
      assert.ok(err instanceof ModelLoadError, `${what}: ${String(err)}`);
      assert.ok(err instanceof InvalidArgumentError);
      assert.equal(err.code, Code.InvalidArgument);
      assert.match(err.message, /^model could not be loaded: \S/, what);
    }
    const session = await loadSession({ bytes: good });
    assert.equal(session.inputs[0]?.name, "features");
  });

  test("cuda:0 on a CPU-only runtime fails with FAILED_PRECONDITION naming the provider", async () => {
    await assert.rejects(
      loadSession({ bytes: addModel() }, { executionProvider: "cuda:0" }),
      (err: unknown) =>
        err instanceof ProviderUnavailableError &&
        err instanceof FailedPreconditionError &&
        err.code === Code.FailedPrecondition &&
        err.provider === "cuda:0" &&
        err.message.startsWith("execution provider cuda:0 is not available: "),
    );
  });

  test("cuda:0 with providerFallback cpu loads on the CPU and logs a warning naming the provider", async () => {
    const warnings: { obj: Record<string, unknown>; msg: string | undefined }[] = [];
    const logger = { warn: (obj: object, msg?: string) => warnings.push({ obj: obj as Record<string, unknown>, msg }) };
    const session = await loadSession(
      { bytes: addModel() },
      { executionProvider: "cuda:0", providerFallback: "cpu", logger },
    );
    assert.equal(session.executionProvider, "cpu");
    const fallback = warnings.find((w) => w.obj.requestedProvider === "cuda:0");
    assert.ok(fallback !== undefined, JSON.stringify(warnings));
    assert.match(fallback.msg ?? "", /execution provider cuda:0 is not available .*; using cpu$/);
    const a = { datatype: "FP32" as const, shape: [1, 2], data: f32(1, 2) };
    assert.deepEqual([...new Float32Array(((await session.run({ a, b: a })).c as Tensor).data.slice().buffer)], [2, 4]);
  });

  test("bad options are InvalidArgumentErrors", async () => {
    await assert.rejects(loadSession({ bytes: addModel() }, { executionProvider: "gpu" as never }), {
      message: 'executionProvider: expected "cpu", "cuda:<device>" or "tensorrt[:<device>]", got "gpu"',
    });
    await assert.rejects(loadSession({ bytes: addModel() }, { intraOpThreads: -1 }), InvalidArgumentError);
    await assert.rejects(
      loadSession({ bytes: addModel() }, { providerFallback: "maybe" as never }),
      InvalidArgumentError,
    );
  });

  test("aborting a running inference rejects with CancelledError and stops it; the session keeps serving", async () => {
    const session = await loadSession({ bytes: slowModel(400) }, { intraOpThreads: 1, warmup: false });
    const x = { datatype: "FP32" as const, shape: [512, 512], data: Buffer.alloc(512 * 512 * 4) };
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = performance.now();
    await assert.rejects(session.run({ x }, { signal: controller.signal }), CancelledError);
    // 400 layers of 512^3 multiply-adds take seconds; a stopped run ends long before (not a timing
    // assertion on speed: it proves the run did not go to completion).
    assert.ok(performance.now() - started < 60_000);
    const aborted = AbortSignal.abort();
    await assert.rejects(session.run({ x }, { signal: aborted }), CancelledError);
    const one = { datatype: "FP32" as const, shape: [1, 512], data: Buffer.alloc(512 * 4) };
    const out = await session.run({ x: one });
    assert.deepEqual((out.y as Tensor).shape, [1, 512]);
  });

  test("unload frees the model's memory; later runs fail with FAILED_PRECONDITION", async () => {
    const MiB = 1024 * 1024;
    const model = heavyModel(16 * MiB); // 64 MiB of FP32 weights
    // One load/unload first so that one-time allocations do not count.
    (await loadSession({ bytes: addModel() })).unload();
    for (let round = 0; round < 3; round++) {
      const session = await loadSession({ bytes: model }, { warmup: false });
      assert.ok(session.memoryBytes >= 48 * MiB, `footprint ${session.memoryBytes / MiB} MiB`);
      const loaded = process.memoryUsage.rss();
      session.unload();
      const after = process.memoryUsage.rss();
      assert.ok(
        loaded - after >= 48 * MiB,
        `round ${round}: rss ${loaded / MiB} MiB loaded, ${after / MiB} MiB after unload`,
      );
      await assert.rejects(
        session.run({ x: { datatype: "FP32", shape: [1, 1], data: f32(1) } }),
        (err: unknown) => err instanceof FailedPreconditionError && err.message === "session is unloaded",
      );
    }
  });
});
