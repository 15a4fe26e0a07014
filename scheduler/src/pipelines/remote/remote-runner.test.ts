import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, beforeEach, describe, it } from "node:test";
import { ArbiterError, Code } from "@arbiter/core";
import { RemoteNodeSchema, RemoteProtocol } from "@arbiter/proto";
import { create } from "@bufbuild/protobuf";
import type { NodeCall, NodeValues, TensorValue } from "../node-kind.ts";
import { createRemoteRunner, type PreparedRemoteNode, type RemoteRunner } from "./remote-runner.ts";

/**
 * A local server speaking the OIP REST infer route (JSON and Triton's binary tensor extension) and
 * the OpenAI chat and embeddings routes. Each route's next answers can be scripted with statuses
 * (or "hang" to never answer); `hits` counts requests per path.
 */
class FakeRemote {
  server: Server = createServer((req, res) => void this.#handle(req, res));
  hits = new Map<string, number>();
  script: (number | "hang")[] = [];
  lastHeaders: IncomingMessage["headers"] = {};
  lastBody: unknown;
  url = "";

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  hitsOf(path: string): number {
    return this.hits.get(path) ?? 0;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const path = req.url ?? "";
    this.hits.set(path, this.hitsOf(path) + 1);
    this.lastHeaders = req.headers;
    const next = this.script.shift();
    if (next === "hang") return; // never answers
    if (next !== undefined && next !== 200) {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (next === 429) headers["retry-after"] = "0";
      res.writeHead(next, headers).end(JSON.stringify({ error: `scripted ${next}` }));
      return;
    }
    if (path.startsWith("/v2/models/")) this.#infer(path.split("/")[3] ?? "", req, body, res);
    else if (path === "/v1/chat/completions") this.#chat(req, body, res);
    else if (path === "/v1/embeddings") this.#embeddings(body, res);
    else res.writeHead(404).end(JSON.stringify({ error: `no route ${path}` }));
  }

  #infer(model: string, req: IncomingMessage, body: Buffer, res: ServerResponse): void {
    const headerLength = req.headers["inference-header-content-length"];
    const jsonEnd = headerLength === undefined ? body.length : Number(headerLength);
    const request = JSON.parse(body.subarray(0, jsonEnd).toString()) as {
      inputs: {
        name: string;
        datatype: string;
        shape: number[];
        data?: unknown[];
        parameters?: { binary_data_size?: number };
      }[];
      parameters?: { binary_data_output?: boolean };
    };
    this.lastBody = request;
    const binaryOut = request.parameters?.binary_data_output === true;
    let offset = jsonEnd;
    const inputs = request.inputs.map((i) => {
      const size = i.parameters?.binary_data_size;
      const raw = size === undefined ? undefined : body.subarray(offset, offset + size);
      if (size !== undefined) offset += size;
      return { ...i, raw };
    });
    const outputs: Record<string, unknown>[] = [];
    const blobs: Buffer[] = [];
    const add = (
      name: string,
      datatype: string,
      shape: number[],
      data: unknown[] | undefined,
      raw: Buffer | undefined,
    ) => {
      if (raw !== undefined) {
        outputs.push({ name, datatype, shape, parameters: { binary_data_size: raw.length } });
        blobs.push(raw);
      } else outputs.push({ name, datatype, shape, data });
    };
    if (model === "double") {
      const x = inputs.find((i) => i.name === "x");
      const data = ((x?.data ?? []) as number[]).map((v) => v * 2);
      if (binaryOut) {
        const raw = Buffer.alloc(data.length * 4);
        for (const [i, v] of data.entries()) raw.writeFloatLE(v, i * 4);
        add("y", "FP32", x?.shape ?? [], undefined, raw);
      } else add("y", "FP32", x?.shape ?? [], data, undefined);
    } else if (model === "echo") {
      for (const i of inputs) add(`${i.name}_out`, i.datatype, i.shape, i.data, i.raw);
    } else if (model === "big") {
      const raw = Buffer.alloc(8);
      raw.writeBigInt64LE(9007199254740993n);
      if (binaryOut) add("id", "INT64", [1], undefined, raw);
      else add("id", "INT64", [1], [12], undefined);
    } else if (model === "broken") {
      outputs.push({ name: "y", datatype: "FP32", shape: [2], data: [1] });
    } else {
      res
        .writeHead(404, { "content-type": "application/json" })
        .end(JSON.stringify({ error: `unknown model "${model}"` }));
      return;
    }
    const json = Buffer.from(JSON.stringify({ model_name: model, model_version: "1", outputs }));
    if (blobs.length === 0) {
      res.writeHead(200, { "content-type": "application/json" }).end(json);
      return;
    }
    res
      .writeHead(200, {
        "content-type": "application/octet-stream",
        "inference-header-content-length": String(json.length),
      })
      .end(Buffer.concat([json, ...blobs]));
  }

  #chat(req: IncomingMessage, body: Buffer, res: ServerResponse): void {
    const request = JSON.parse(body.toString()) as { model: string; messages: { role: string; content: string }[] };
    this.lastBody = request;
    if (req.headers.authorization !== undefined && req.headers.authorization !== "Bearer s3cret") {
      res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "bad key" } }));
      return;
    }
    const last = request.messages[request.messages.length - 1];
    res.writeHead(200, { "content-type": "application/json" }).end(
      JSON.stringify({
        id: "c1",
        object: "chat.completion",
        model: request.model,
        choices: [
          { index: 0, message: { role: "assistant", content: `echo: ${last?.content}` }, finish_reason: "stop" },
        ],
        usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
      }),
    );
  }

  #embeddings(body: Buffer, res: ServerResponse): void {
    const request = JSON.parse(body.toString()) as { input: string | string[] };
    this.lastBody = request;
    const texts = Array.isArray(request.input) ? request.input : [request.input];
    // Answered in reverse order: clients must sort by index.
    const data = texts.map((t, index) => ({ object: "embedding", index, embedding: [t.length, index, 0.5] })).reverse();
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ object: "list", data }));
  }
}

let remote: FakeRemote;
let clock = 0;
let runner: RemoteRunner;

interface RemoteInit {
  protocol?: RemoteProtocol;
  url?: string;
  model?: string;
  timeoutMs?: number;
  retries?: number;
  breakerFailureThreshold?: number;
  breakerResetMs?: number;
  credentialSecret?: string;
}

async function prepare(init: RemoteInit, node = "r"): Promise<PreparedRemoteNode> {
  const fields = { protocol: RemoteProtocol.OIP, url: remote.url, model: "double", ...init };
  return runner.prepare(node, create(RemoteNodeSchema, fields), "t1");
}

function call(inputs: NodeValues, timeoutMs = 10_000, node = "r"): NodeCall {
  return {
    tenant: "t1",
    pipeline: "p",
    pipelineVersion: 1,
    node,
    inputs,
    attributes: {},
    deadline: Date.now() + timeoutMs,
    signal: AbortSignal.timeout(timeoutMs),
  };
}

function rejectsWith(code: Code, pattern: RegExp) {
  return (err: unknown) => {
    assert.ok(err instanceof ArbiterError, `expected an ArbiterError, got ${String(err)}`);
    assert.equal(Code[err.code], Code[code], err.message);
    assert.match(err.message, pattern);
    return true;
  };
}

const fp32 = (shape: number[], values: number[]): TensorValue => ({
  kind: "tensor",
  datatype: "FP32",
  shape,
  data: new Float32Array(values),
});

before(async () => {
  remote = new FakeRemote();
  await remote.start();
});

after(async () => {
  await remote.stop();
});

beforeEach(() => {
  remote.script = [];
  remote.hits.clear();
  runner = createRemoteRunner({
    allowLoopback: true,
    secrets: (name) => ({ "api-key": "s3cret", wrong: "nope" })[name],
    retryBackoffMs: 1,
    now: () => clock,
  });
});

describe("remote node: Open Inference Protocol", () => {
  it("sends tensors as OIP JSON and reads binary outputs back by name", async () => {
    const prepared = await prepare({});
    assert.equal(prepared.endpoint, `${remote.url}/v2/models/double/infer`);
    const result = await runner.run(prepared, call({ x: fp32([1, 3], [1, 2.5, -4]) }));
    const y = result.outputs.y as TensorValue;
    assert.equal(y.datatype, "FP32");
    assert.deepEqual(y.shape, [1, 3]);
    assert.deepEqual(Array.from(y.data as Float32Array), [2, 5, -8]);
    assert.deepEqual(remote.lastBody, {
      inputs: [{ name: "x", datatype: "FP32", shape: [1, 3], data: [1, 2.5, -4] }],
      parameters: { binary_data_output: true },
    });
  });

  it("reads JSON outputs from a server that does not use the binary extension", async () => {
    runner = createRemoteRunner({ allowLoopback: true, oipBinaryOutputs: false });
    const prepared = await prepare({});
    const result = await runner.run(prepared, call({ x: [[1, 2]] }));
    assert.deepEqual(Array.from((result.outputs.y as TensorValue).data as Float32Array), [2, 4]);
    assert.deepEqual((result.outputs.y as TensorValue).shape, [1, 2]);
  });

  it("round-trips every kind of input, FP16 and non-UTF-8 bytes as binary data, INT64 exactly", async () => {
    const prepared = await prepare({ model: "echo" });
    const result = await runner.run(
      prepared,
      call({
        n: 3,
        words: ["a", "bé"],
        flags: [true, false],
        ids: { kind: "tensor", datatype: "INT64", shape: [2], data: new BigInt64Array([-(2n ** 62n), 7n]) },
        half: { kind: "tensor", datatype: "FP16", shape: [3], data: [1.5, -2, 65504] },
        blob: new Uint8Array([0xff, 0x00]),
      }),
    );
    const o = result.outputs as Record<string, TensorValue>;
    const data = (name: string) => {
      const t = o[name];
      assert.ok(t !== undefined, `output ${name}`);
      return t.data;
    };
    assert.deepEqual(
      [o.n_out?.datatype, o.n_out?.shape, Array.from(data("n_out") as Float32Array)],
      ["FP32", [1], [3]],
    );
    assert.deepEqual(
      (data("words_out") as Uint8Array[]).map((b) => new TextDecoder().decode(b)),
      ["a", "bé"],
    );
    assert.deepEqual([o.flags_out?.datatype, o.flags_out?.data], ["BOOL", [true, false]]);
    assert.deepEqual(Array.from(data("ids_out") as BigInt64Array), [-(2n ** 62n), 7n]);
    assert.deepEqual([o.half_out?.datatype, Array.from(data("half_out") as Float32Array)], ["FP16", [1.5, -2, 65504]]);
    assert.deepEqual(Array.from((data("blob_out") as Uint8Array[])[0] ?? []), [0xff, 0x00]);
  });

  it("keeps INT64 outputs beyond 2^53 exact", async () => {
    const result = await runner.run(await prepare({ model: "big" }), call({ x: 1 }));
    assert.deepEqual(Array.from((result.outputs.id as TensorValue).data as BigInt64Array), [9007199254740993n]);
  });

  it("reports a malformed response as INTERNAL naming the field", async () => {
    await assert.rejects(
      runner.run(await prepare({ model: "broken" }), call({ x: 1 })),
      rejectsWith(
        Code.Internal,
        /^node "r": http:\/\/127.0.0.1:\d+\/v2\/models\/broken\/infer answered an unexpected body: outputs\[0\].data: expected 2 values for shape \[2\], got 1 values$/,
      ),
    );
  });

  it("rejects an input that is not a tensor-like value, naming node and input", async () => {
    await assert.rejects(
      runner.run(await prepare({}), call({ x: { a: 1 } })),
      rejectsWith(Code.InvalidArgument, /^node "r" input "x": expected a tensor/),
    );
    assert.equal(remote.hitsOf("/v2/models/double/infer"), 0);
  });
});

describe("remote node: failures, retries and the circuit breaker", () => {
  it("retries 5xx and 429 and succeeds, counting the server's hits", async () => {
    remote.script = [503, 429, 200];
    const result = await runner.run(await prepare({ retries: 2 }), call({ x: [1] }));
    assert.deepEqual(Array.from((result.outputs.y as TensorValue).data as Float32Array), [2]);
    assert.equal(remote.hitsOf("/v2/models/double/infer"), 3);
  });

  it("gives up after the configured retries with UNAVAILABLE naming node, url and status", async () => {
    remote.script = [500, 502, 503];
    await assert.rejects(
      runner.run(await prepare({ retries: 1 }), call({ x: [1] })),
      rejectsWith(
        Code.Unavailable,
        /^node "r": http:\/\/127.0.0.1:\d+\/v2\/models\/double\/infer answered HTTP 502 "scripted 502"$/,
      ),
    );
    assert.equal(remote.hitsOf("/v2/models/double/infer"), 2);
  });

  it("never retries a 4xx", async () => {
    remote.script = [400];
    await assert.rejects(
      runner.run(await prepare({ retries: 3 }), call({ x: [1] })),
      rejectsWith(
        Code.InvalidArgument,
        /^node "r" inputs: expected inputs that http:\/\/127.0.0.1:\d+\/v2\/models\/double\/infer accepts, got HTTP 400 "scripted 400"$/,
      ),
    );
    await assert.rejects(
      runner.run(await prepare({ model: "missing", retries: 3 }), call({ x: [1] })),
      rejectsWith(
        Code.FailedPrecondition,
        /answered HTTP 404 "unknown model \\"missing\\"" \(check the node's url and model\)$/,
      ),
    );
    assert.equal(remote.hitsOf("/v2/models/double/infer"), 1);
    assert.equal(remote.hitsOf("/v2/models/missing/infer"), 1);
  });

  it("times out an attempt at timeout_ms with DEADLINE_EXCEEDED, retrying first", async () => {
    remote.script = ["hang", "hang"];
    await assert.rejects(
      runner.run(await prepare({ timeoutMs: 100, retries: 1 }), call({ x: [1] })),
      rejectsWith(
        Code.DeadlineExceeded,
        /^node "r": http:\/\/127.0.0.1:\d+\/v2\/models\/double\/infer did not answer within 100 ms \(2 attempts\)$/,
      ),
    );
    assert.equal(remote.hitsOf("/v2/models/double/infer"), 2);
  });

  it("stops at the node's deadline even when timeout_ms is longer", async () => {
    remote.script = ["hang", "hang"];
    await assert.rejects(
      runner.run(await prepare({ timeoutMs: 60_000, retries: 3 }), call({ x: [1] }, 500)),
      rejectsWith(Code.DeadlineExceeded, /^node "r": the node's deadline passed while calling http/),
    );
    assert.equal(remote.hitsOf("/v2/models/double/infer"), 1);
  });

  it("reports a refused connection as UNAVAILABLE", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const prepared = await prepare({ url: `http://127.0.0.1:${port}`, retries: 1 });
    await assert.rejects(
      runner.run(prepared, call({ x: [1] })),
      rejectsWith(
        Code.Unavailable,
        new RegExp(`^node "r": cannot reach http://127.0.0.1:${port}/v2/models/double/infer: .*ECONNREFUSED`),
      ),
    );
  });

  it("opens the circuit after consecutive failures, fails fast, then closes after a successful trial", async () => {
    clock = 1_000;
    const prepared = await prepare({ breakerFailureThreshold: 3, breakerResetMs: 200 });
    remote.script = [500, 500, 500];
    for (let i = 0; i < 3; i++) {
      await assert.rejects(runner.run(prepared, call({ x: [1] })), rejectsWith(Code.Unavailable, /HTTP 500/));
    }
    assert.equal(runner.breakerState(prepared), "open");
    await assert.rejects(
      runner.run(prepared, call({ x: [1] })),
      rejectsWith(
        Code.Unavailable,
        /^node "r": circuit open for http:\/\/127.0.0.1:\d+\/v2\/models\/double\/infer \(model "double"\) after 3 consecutive failures; next trial in 200 ms$/,
      ),
    );
    assert.equal(remote.hitsOf("/v2/models/double/infer"), 3, "an open circuit does not call the remote");

    clock += 200; // half-open: a failing trial opens the circuit again
    remote.script = [503];
    await assert.rejects(runner.run(prepared, call({ x: [1] })), rejectsWith(Code.Unavailable, /HTTP 503/));
    assert.equal(runner.breakerState(prepared), "open");
    await assert.rejects(runner.run(prepared, call({ x: [1] })), rejectsWith(Code.Unavailable, /circuit open/));
    assert.equal(remote.hitsOf("/v2/models/double/infer"), 4);

    clock += 200; // half-open again, and the remote has recovered
    const result = await runner.run(prepared, call({ x: [4] }));
    assert.deepEqual(Array.from((result.outputs.y as TensorValue).data as Float32Array), [8]);
    assert.equal(runner.breakerState(prepared), "closed");
    await runner.run(prepared, call({ x: [1] }));
    assert.equal(remote.hitsOf("/v2/models/double/infer"), 6);
  });
});

describe("remote node: OpenAI-compatible endpoints", () => {
  it("builds chat messages from a prompt, sends the credential and returns text and raw", async () => {
    const prepared = await prepare({
      protocol: RemoteProtocol.OPENAI_CHAT,
      url: `${remote.url}/v1`,
      model: "gpt-test",
      credentialSecret: "api-key",
    });
    assert.equal(prepared.endpoint, `${remote.url}/v1/chat/completions`);
    const result = await runner.run(prepared, call({ prompt: "is this fraud?", system: "be brief", temperature: 0 }));
    assert.equal(result.outputs.text, "echo: is this fraud?");
    assert.equal((result.outputs.raw as { usage: { total_tokens: number } }).usage.total_tokens, 5);
    assert.equal(remote.lastHeaders.authorization, "Bearer s3cret");
    assert.deepEqual(remote.lastBody, {
      model: "gpt-test",
      messages: [
        { role: "system", content: "be brief" },
        { role: "user", content: "is this fraud?" },
      ],
      stream: false,
      temperature: 0,
    });
  });

  it("passes a messages list through", async () => {
    const prepared = await prepare({ protocol: RemoteProtocol.OPENAI_CHAT, model: "m" });
    const messages = [
      { role: "user", content: "hi" },
      { role: "assistant", content: "hello" },
      { role: "user", content: "score it" },
    ];
    const result = await runner.run(prepared, call({ messages }));
    assert.equal(result.outputs.text, "echo: score it");
    assert.deepEqual((remote.lastBody as { messages: unknown }).messages, messages);
  });

  it("maps a refused credential to FAILED_PRECONDITION and an unknown secret to INVALID_ARGUMENT at registration", async () => {
    const prepared = await prepare({ protocol: RemoteProtocol.OPENAI_CHAT, model: "m", credentialSecret: "wrong" });
    await assert.rejects(
      runner.run(prepared, call({ prompt: "x" })),
      rejectsWith(Code.FailedPrecondition, /answered HTTP 401 "bad key" \(check the node's credential_secret\)$/),
    );
    await assert.rejects(
      prepare({ protocol: RemoteProtocol.OPENAI_CHAT, model: "m", credentialSecret: "nope" }),
      rejectsWith(
        Code.InvalidArgument,
        /^node "r" remote.credential_secret: expected the name of a configured secret, got "nope"$/,
      ),
    );
  });

  it("returns one embedding for a string and a matrix in input order for a list", async () => {
    const prepared = await prepare({ protocol: RemoteProtocol.OPENAI_EMBEDDINGS, model: "emb" });
    assert.equal(prepared.endpoint, `${remote.url}/v1/embeddings`);
    const one = await runner.run(prepared, call({ input: "abcd" }));
    const e = one.outputs.embedding as TensorValue;
    assert.deepEqual([e.datatype, e.shape, Array.from(e.data as Float32Array)], ["FP32", [3], [4, 0, 0.5]]);
    const many = await runner.run(prepared, call({ input: ["a", "bcd"] }));
    const m = many.outputs.embeddings as TensorValue;
    assert.deepEqual(
      [m.shape, Array.from(m.data as Float32Array)],
      [
        [2, 3],
        [1, 0, 0.5, 3, 1, 0.5],
      ],
    );
    assert.deepEqual(remote.lastBody, { model: "emb", input: ["a", "bcd"], encoding_format: "float" });
  });
});

describe("remote node: registration checks", () => {
  it("refuses hosts off the allow-list and loopback unless configured", async () => {
    runner = createRemoteRunner({ allowedHosts: ["models.example.com"] });
    await assert.rejects(
      prepare({}),
      rejectsWith(
        Code.InvalidArgument,
        /^node "r" remote.url: expected a URL whose host is on the remote allow-list \(models.example.com\), got "127.0.0.1:\d+"$/,
      ),
    );
    const ok = await prepare({ url: "https://models.example.com/base" });
    assert.equal(ok.endpoint, "https://models.example.com/base/v2/models/double/infer");
  });

  it("rejects a URL with credentials, an empty model and a missing protocol", async () => {
    await assert.rejects(
      prepare({ url: "http://u:p@127.0.0.1:1" }),
      rejectsWith(Code.InvalidArgument, /remote.url: expected a base URL without credentials/),
    );
    await assert.rejects(prepare({ model: "" }), rejectsWith(Code.InvalidArgument, /^node "r" remote.model: /));
    await assert.rejects(
      prepare({ protocol: RemoteProtocol.UNSPECIFIED }),
      rejectsWith(Code.InvalidArgument, /^node "r" remote.protocol: /),
    );
  });
});
