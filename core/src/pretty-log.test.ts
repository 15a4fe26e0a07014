import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { componentLogger, createRootLogger } from "./logging.ts";
import { prettyLine, resolveLogFormat } from "./pretty-log.ts";

describe("pretty log lines", () => {
  it("shows time, level, component, message and fields instead of JSON", () => {
    const out: string[] = [];
    const root = createRootLogger({
      level: "info",
      format: "pretty",
      base: { process: "gateway" },
      destination: { write: (text: string) => out.push(text) },
    });
    componentLogger(root, "gateway").info({ port: 8080, host: "127.0.0.1", note: "two words" }, "gateway listening");
    assert.equal(out.length, 1);
    assert.match(
      out[0] ?? "",
      /^\d\d:\d\d:\d\d\.\d{3} INFO {2}\[gateway\] gateway listening process=gateway port=8080 host=127\.0\.0\.1 note="two words"\n$/,
    );
  });

  it("puts an error's message in the line and its stack below it", () => {
    const line = JSON.stringify({
      time: "2026-01-02T03:04:05.678Z",
      level: "error",
      msg: "load failed",
      err: { type: "Error", message: "no such file", stack: "Error: no such file\n    at load (x.ts:1:1)" },
    });
    assert.equal(
      prettyLine(line),
      '03:04:05.678 ERROR load failed err="no such file"\n    Error: no such file\n        at load (x.ts:1:1)\n',
    );
  });

  it("passes through text that is not JSON", () => {
    assert.equal(prettyLine("plain words"), "plain words\n");
  });

  it("auto is pretty on a terminal only; json and pretty force their format", () => {
    assert.equal(resolveLogFormat("auto", true), "pretty");
    assert.equal(resolveLogFormat("auto", false), "json");
    assert.equal(resolveLogFormat("json", true), "json");
    assert.equal(resolveLogFormat("pretty", false), "pretty");
  });
});
