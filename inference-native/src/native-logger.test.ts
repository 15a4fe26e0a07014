import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import pino from "pino";
import { loadSession, setNativeLogger } from "./index.ts";
import { identityModel } from "./test-models.ts";

/** A pino logger at `level` whose lines are kept, parsed. */
function capturingLogger(level: string) {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n")) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level }, destination), lines };
}

async function until<T>(find: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

test("the addon's log records reach the pino logger, with level, component and Rust target", async () => {
  const { logger, lines } = capturingLogger("info");
  setNativeLogger(logger.child({ component: "onnxruntime" }));
  const session = await loadSession({ bytes: identityModel("FP32") });
  try {
    const created = await until(
      () => lines.find((l) => /^model session created on cpu \(1 inputs, 1 outputs\)$/.test(String(l.msg))),
      "the session-created record",
    );
    assert.equal(created.level, 30); // info
    assert.equal(created.component, "onnxruntime");
    assert.equal(created.target, "inference_native::session");
  } finally {
    session.unload();
  }

  // The logger's level decides: at warn, a second session's info record is not written.
  const quiet = capturingLogger("warn");
  setNativeLogger(quiet.logger.child({ component: "onnxruntime" }));
  const second = await loadSession({ bytes: identityModel("INT32") });
  second.unload();
  const marker = capturingLogger("info");
  setNativeLogger(marker.logger.child({ component: "onnxruntime" }));
  const third = await loadSession({ bytes: identityModel("INT64") });
  third.unload();
  // Records arrive in order: once the third session's is in, the second's has been handled.
  await until(() => marker.lines.find((l) => String(l.msg).startsWith("model session created")), "the third record");
  assert.deepEqual(quiet.lines, []);
  assert.equal(lines.filter((l) => String(l.msg).startsWith("model session created")).length, 1);
});
