import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { componentLogger, createRootLogger, getLogLevel, type Logger, setLogLevel } from "./logging.ts";

/** A root logger at `level` whose lines land in the returned array, parsed. */
function capture(level: string): { root: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const root = createRootLogger({ level, destination: { write: (line: string) => lines.push(JSON.parse(line)) } });
  return { root, lines };
}

const messages = (lines: Record<string, unknown>[]) => lines.map((l) => `${l.component ?? "root"}:${l.msg}`);

describe("runtime log levels", () => {
  it("a process-wide change reaches component loggers made before it", () => {
    const { root, lines } = capture("info");
    const gateway = componentLogger(root, "gateway");
    const vectors = componentLogger(componentLogger(root, "scheduler"), "vectors");
    gateway.debug("hidden");
    setLogLevel(root, "debug");
    gateway.debug("shown");
    vectors.debug("nested shown");
    root.debug("root shown");
    setLogLevel(gateway, "warn");
    gateway.info("hidden again");
    assert.deepEqual(messages(lines), ["gateway:shown", "vectors:nested shown", "root:root shown"]);
    assert.deepEqual(getLogLevel(root), { level: "warn", components: {} });
  });

  it("a component change leaves the others alone and applies to that component's later loggers", () => {
    const { root, lines } = capture("info");
    const gateway = componentLogger(root, "gateway");
    setLogLevel(root, "debug", "pipelines");
    const pipelines = componentLogger(root, "pipelines");
    pipelines.debug("pipelines debug");
    gateway.debug("gateway debug");
    assert.deepEqual(messages(lines), ["pipelines:pipelines debug"]);
    assert.deepEqual(getLogLevel(root), { level: "info", components: { pipelines: "debug" } });
  });

  it("a timed change reverts to the levels before it", async () => {
    const { root, lines } = capture("info");
    const gateway = componentLogger(root, "gateway");
    setLogLevel(root, "error", "gateway");
    setLogLevel(root, "debug", "", 50);
    gateway.debug("while raised");
    await new Promise((resolve) => setTimeout(resolve, 200));
    gateway.warn("after revert");
    gateway.error("after revert, error");
    assert.deepEqual(messages(lines), ["gateway:while raised", "gateway:after revert, error"]);
    assert.deepEqual(getLogLevel(root), { level: "info", components: { gateway: "error" } });
  });

  it("refuses an unknown level", () => {
    const { root } = capture("info");
    assert.throws(() => setLogLevel(root, "loud"), /unknown log level loud/);
  });
});
