import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { ArbiterError, Code } from "@arbiter/core";
import { PluginNodeSchema } from "@arbiter/proto";
import { create, type JsonObject } from "@bufbuild/protobuf";
import type { NodeCall, NodeValues, TensorValue } from "../node-kind.ts";
import { PluginCatalog } from "./plugin-catalog.ts";
import { createPluginRunner, type PreparedPluginNode } from "./plugin-runner.ts";

const PLUGINS: Record<string, string> = {
  "scale.mjs": `
    export default {
      name: "scale",
      version: "1.2.0",
      description: "Multiplies a tensor by config.factor",
      inputs: [{ name: "x", type: "tensor:FP32" }],
      outputs: [{ name: "y", type: "tensor:FP32" }, { name: "calls" }],
      init(config) {
        if (typeof config.factor !== "number") throw new Error("config.factor must be a number");
        return { factor: config.factor, calls: 0 };
      },
      process(inputs, context) {
        context.state.calls++;
        const x = inputs.x;
        if (x?.kind !== "tensor") {
          throw Object.assign(new Error("input x must be a tensor"), { code: "INVALID_ARGUMENT" });
        }
        const data = Float32Array.from(x.data, (v) => v * context.state.factor);
        return { y: { kind: "tensor", datatype: "FP32", shape: x.shape, data }, calls: context.state.calls, node: context.node };
      },
    };`,
  "flaky.mjs": `
    export default {
      name: "flaky",
      async process(inputs) {
        if (inputs.mode === "throw") throw new Error("boom: " + inputs.detail);
        if (inputs.mode === "spin") { for (;;) {} }
        if (inputs.mode === "exit") process.exit(3);
        if (inputs.mode === "bad") return { out: () => 1 };
        await new Promise((r) => setTimeout(r, 1));
        return { out: inputs.n * 2 };
      },
    };`,
  "broken.mjs": "export default { name: 'broken' }; // no process",
  "syntax.js": "export default {",
  "notes.txt": "not a module",
};

let dir: string;
let catalog: PluginCatalog;
let runner: ReturnType<typeof createPluginRunner>;

function call(node: string, inputs: NodeValues, timeoutMs = 10_000, signal?: AbortSignal): NodeCall {
  const deadline = Date.now() + timeoutMs;
  return {
    tenant: "t1",
    pipeline: "p",
    pipelineVersion: 1,
    node,
    inputs,
    attributes: {},
    deadline,
    signal: signal ?? AbortSignal.timeout(timeoutMs),
  };
}

async function prepare(node: string, plugin: string, config?: JsonObject): Promise<PreparedPluginNode> {
  return runner.prepare(node, create(PluginNodeSchema, { plugin, ...(config ? { config } : {}) }), "t1");
}

function rejectsWith(code: Code, pattern: RegExp) {
  return (err: unknown) => {
    assert.ok(err instanceof ArbiterError, `expected an ArbiterError, got ${String(err)}`);
    assert.equal(Code[err.code], Code[code]);
    assert.match(err.message, pattern);
    return true;
  };
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), "arbiter-plugins-"));
  for (const [file, text] of Object.entries(PLUGINS)) writeFileSync(join(dir, file), text);
  catalog = new PluginCatalog({ pluginDir: dir, workersPerPlugin: 2, loadTimeoutMs: 5000 });
  runner = createPluginRunner(catalog);
});

after(async () => {
  await catalog.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("user plugins", () => {
  it("lists built-ins and every module file, with metadata or the reason it cannot be used", async () => {
    const list = await catalog.list();
    const byPath = new Map(list.map((p) => [p.origin === "builtin" ? p.name : p.path, p]));
    assert.deepEqual(
      list.map((p) => (p.origin === "builtin" ? p.name : p.path)),
      ["tokenizer", "normalizer", "vectorizer", "broken.mjs", "flaky.mjs", "scale.mjs", "syntax.js"],
    );
    const scale = byPath.get("scale.mjs");
    assert.equal(scale?.name, "scale");
    assert.equal(scale?.version, "1.2.0");
    assert.equal(scale?.description, "Multiplies a tensor by config.factor");
    assert.equal(scale?.loaded, false);
    assert.deepEqual(
      scale?.outputs.map((o) => o.name),
      ["y", "calls"],
    );
    assert.equal(scale?.error, undefined);
    assert.match(byPath.get("broken.mjs")?.error ?? "", /no `process` function/);
    assert.match(byPath.get("syntax.js")?.error ?? "", /Unexpected end of input|SyntaxError/);
  });

  it("loads a plugin by file and reports it loaded; rejects files that cannot be used", async () => {
    const info = await catalog.load("scale.mjs");
    assert.equal(info.name, "scale");
    assert.equal(info.loaded, true);
    const listed = (await catalog.list()).find((p) => p.path === "scale.mjs");
    assert.equal(listed?.loaded, true);
    await assert.rejects(
      catalog.load("broken.mjs"),
      rejectsWith(Code.FailedPrecondition, /broken.mjs" cannot be loaded: .*process/),
    );
    await assert.rejects(catalog.load("missing.mjs"), rejectsWith(Code.NotFound, /missing.mjs/));
    await assert.rejects(catalog.load("../etc/passwd.js"), rejectsWith(Code.InvalidArgument, /^file: /));
  });

  it("runs a user plugin in a pipeline node with its init state and config", async () => {
    const prepared = await prepare("double", "scale", { factor: 2 });
    const x: TensorValue = { kind: "tensor", datatype: "FP32", shape: [1, 3], data: new Float32Array([1, 2, 3.5]) };
    const first = await runner.run(prepared, call("double", { x }));
    const y = first.outputs.y as TensorValue;
    assert.deepEqual(y.shape, [1, 3]);
    assert.deepEqual(Array.from(y.data as Float32Array), [2, 4, 7]);
    assert.equal(first.outputs.node, "double");
    const second = await runner.run(prepared, call("double", { x }));
    assert.ok((second.outputs.calls as number) >= 1);
  });

  it("rejects at registration a config the plugin's init refuses, and an unknown plugin", async () => {
    await assert.rejects(
      prepare("double", "scale", { factor: "two" }),
      rejectsWith(Code.InvalidArgument, /^node "double" config: .*config.factor must be a number/),
    );
    await assert.rejects(prepare("n9", "nope"), rejectsWith(Code.InvalidArgument, /^node "n9" plugin: .*got "nope"/));
  });

  it("fails only the call whose plugin throws, with the node, plugin and message", async () => {
    const prepared = await prepare("f", "flaky");
    await assert.rejects(
      runner.run(prepared, call("f", { mode: "throw", detail: "bad row" })),
      rejectsWith(Code.Internal, /^node "f" plugin "flaky" failed: boom: bad row$/),
    );
    const scale = await prepare("s", "scale", { factor: 3 });
    await assert.rejects(
      runner.run(scale, call("s", { x: 1 })),
      rejectsWith(Code.InvalidArgument, /^node "s" plugin "scale" rejected its inputs: input x must be a tensor$/),
    );
    assert.deepEqual((await runner.run(prepared, call("f", { n: 21 }))).outputs, { out: 42 });
  });

  it("terminates a plugin stuck in a busy loop at the node's deadline, and the next call works", async () => {
    const prepared = await prepare("spin", "flaky");
    const concurrent = runner.run(prepared, call("spin", { n: 1 }));
    await assert.rejects(
      runner.run(prepared, call("spin", { mode: "spin" }, 300)),
      rejectsWith(Code.DeadlineExceeded, /^node "spin" plugin "flaky" did not finish before its deadline/),
    );
    assert.deepEqual((await concurrent).outputs, { out: 2 });
    // Both workers of the pool were busy or replaced; every later call still gets an answer.
    const results = await Promise.all([1, 2, 3, 4].map((n) => runner.run(prepared, call("spin", { n }))));
    assert.deepEqual(
      results.map((r) => r.outputs.out),
      [2, 4, 6, 8],
    );
  });

  it("keeps the event loop free while a plugin spins", async () => {
    const prepared = await prepare("spin2", "flaky");
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    await assert.rejects(
      runner.run(prepared, call("spin2", { mode: "spin" }, 400)),
      rejectsWith(Code.DeadlineExceeded, /spin2/),
    );
    clearInterval(timer);
    assert.ok(ticks > 0, "timers ran while the plugin was spinning");
  });

  it("stops a plugin when its call is cancelled", async () => {
    const prepared = await prepare("c", "flaky");
    const controller = new AbortController();
    const running = runner.run(prepared, call("c", { mode: "spin" }, 30_000, controller.signal));
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(running, rejectsWith(Code.Canceled, /^node "c" plugin "flaky" was cancelled$/));
    assert.deepEqual((await runner.run(prepared, call("c", { n: 5 }))).outputs, { out: 10 });
  });

  it("reports a worker that exits or returns uncopyable outputs as INTERNAL, and recovers", async () => {
    const prepared = await prepare("x", "flaky");
    await assert.rejects(
      runner.run(prepared, call("x", { mode: "exit" })),
      rejectsWith(Code.Internal, /^node "x" plugin "flaky" failed: its worker stopped: the worker exited with code 3/),
    );
    await assert.rejects(
      runner.run(prepared, call("x", { mode: "bad" })),
      rejectsWith(Code.Internal, /^node "x" plugin "flaky" failed: its outputs cannot be copied/),
    );
    assert.deepEqual((await runner.run(prepared, call("x", { n: 4 }))).outputs, { out: 8 });
  });

  it("lists a module that hangs while importing as unusable, after the load timeout", async () => {
    const stuckDir = mkdtempSync(join(tmpdir(), "arbiter-plugins-stuck-"));
    writeFileSync(join(stuckDir, "stuck.mjs"), "for (;;) {}\nexport default { name: 'stuck', process: () => ({}) };");
    const stuck = new PluginCatalog({ pluginDir: stuckDir, loadTimeoutMs: 300 });
    try {
      const entry = (await stuck.list()).find((p) => p.path === "stuck.mjs");
      assert.equal(entry?.loaded, false);
      assert.equal(entry?.error, "the module did not load within 300 ms");
      await assert.rejects(stuck.load("stuck.mjs"), rejectsWith(Code.FailedPrecondition, /did not load within 300 ms/));
    } finally {
      await stuck.close();
      rmSync(stuckDir, { recursive: true, force: true });
    }
  });

  it("reloads a changed module: later calls run the new code", async () => {
    writeFileSync(
      join(dir, "flaky.mjs"),
      `export default { name: "flaky", version: "2", process: (inputs) => ({ out: inputs.n * 10 }) };`,
    );
    const prepared = await prepare("r", "flaky");
    const info = await catalog.load("flaky.mjs");
    assert.equal(info.version, "2");
    assert.deepEqual((await runner.run(prepared, call("r", { n: 4 }))).outputs, { out: 40 });
  });
});
