/**
 * Malformed requests are the client's mistake, and the gateway says so in every protocol: the
 * statuses a fuzzer found answered INTERNAL (or lost) are INVALID_ARGUMENT, OUT_OF_RANGE or
 * NOT_FOUND, with a message naming what was wrong.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { DecideRequestSchema } from "@arbiter/proto";
import { create, toBinary } from "@bufbuild/protobuf";
import type { FuzzRequest } from "../attacks/fuzz-cases.ts";
import { type Answer, FuzzSender } from "../attacks/fuzz-send.ts";
import { frame } from "../attacks/fuzz-wire.ts";
import { type Mesh, startEmbeddedMesh } from "../support/mesh.ts";

/** Bytes that are not a protobuf message: field 1, length-delimited, with a length past the end. */
const NOT_PROTOBUF = Buffer.from([0x0a, 0xff, 0xff, 0xff]);

function request(fields: Partial<FuzzRequest> & Pick<FuzzRequest, "path" | "answer">): FuzzRequest {
  return {
    target: fields.path,
    how: "",
    http2: false,
    method: "POST",
    headers: {},
    body: new Uint8Array(0),
    ...fields,
  };
}

describe("gateway answers to malformed requests", () => {
  let mesh: Mesh;
  let sender: FuzzSender;
  const send = (r: FuzzRequest): Promise<Answer> => sender.send(r);
  before(async () => {
    mesh = await startEmbeddedMesh();
    sender = new FuzzSender(mesh.gatewayUrl, 1);
  });
  after(async () => {
    sender?.close();
    await mesh?.stop();
  });

  it("answers INVALID_ARGUMENT to a gRPC-Web message that is not protobuf (the status is in the body)", async () => {
    const answer = await send(
      request({
        path: "/arbiter.v1.ModelRegistryService/GetModel",
        headers: { "content-type": "application/grpc-web+proto" },
        body: frame(NOT_PROTOBUF),
        answer: "grpc-web",
      }),
    );
    assert.equal(answer.code, "invalid_argument");
    assert.match(
      answer.message,
      /^request: expected a message in the protobuf binary encoding, got bytes that do not parse/,
    );
  });

  it("answers INVALID_ARGUMENT to a Connect streaming message that is not protobuf (in the end-stream message)", async () => {
    const answer = await send(
      request({
        path: "/arbiter.v1.DecisionService/DecideStream",
        http2: true,
        headers: { "content-type": "application/connect+proto", "connect-protocol-version": "1" },
        body: frame(NOT_PROTOBUF),
        answer: "connect-stream",
      }),
    );
    assert.equal(answer.code, "invalid_argument");
    assert.match(answer.message, /protobuf binary encoding/);
  });

  it("answers INVALID_ARGUMENT to a gRPC frame flagged compressed without grpc-encoding", async () => {
    const answer = await send(
      request({
        path: "/arbiter.v1.ModelRegistryService/ListModels",
        http2: true,
        headers: { "content-type": "application/grpc", te: "trailers" },
        body: frame(new Uint8Array(0), 1),
        answer: "grpc",
      }),
    );
    assert.equal(answer.code, "invalid_argument");
    assert.match(answer.message, /flagged compressed with no encoding/);
  });

  it("answers INVALID_ARGUMENT to a Connect GET whose base64 message is not base64", async () => {
    const answer = await send(
      request({
        path: "/arbiter.v1.ModelRegistryService/ListModels?connect=v1&encoding=proto&base64=1&message=!!!",
        method: "GET",
        answer: "connect",
      }),
    );
    assert.equal(answer.status, 400);
    assert.equal(answer.code, "invalid_argument");
    assert.equal(answer.message, 'message: expected base64 (base64=1), got "!!!"');
  });

  it("answers INVALID_ARGUMENT naming the field to a name with a NUL character, which the database cannot store", async () => {
    const answer = await send(
      request({
        path: "/arbiter.v1.ModelRegistryService/GetModel",
        headers: { "content-type": "application/json" },
        body: Buffer.from(JSON.stringify({ name: "risk\u0000classifier" })),
        answer: "connect",
      }),
    );
    assert.equal(answer.code, "invalid_argument");
    assert.equal(answer.message, 'name: expected text without NUL characters (U+0000), got "risk\\u0000classifier"');
  });

  it("finds a NUL character in a nested field over gRPC too (the fast path of Decide)", async () => {
    const message = toBinary(
      DecideRequestSchema,
      create(DecideRequestSchema, { pipeline: "p", attributes: { channel: "web\u0000" } }),
    );
    const answer = await send(
      request({
        path: "/arbiter.v1.DecisionService/Decide",
        http2: true,
        headers: { "content-type": "application/grpc", te: "trailers" },
        body: frame(message),
        answer: "grpc",
      }),
    );
    assert.equal(answer.code, "invalid_argument");
    assert.match(answer.message, /^attributes\["channel"\]: expected text without NUL characters/);
  });

  it("answers 400 (OUT_OF_RANGE) to a REST model version past the signed 64-bit range", async () => {
    const answer = await send(
      request({ path: "/v2/models/nope/versions/9223372036854775808", method: "GET", answer: "http" }),
    );
    assert.equal(answer.status, 400);
    assert.match(answer.message, /model version: expected at most 9223372036854775807, got 9223372036854775808/);
  });

  it("keeps the gRPC status of an error quoting a 70,000-character name", async () => {
    const id = "n".repeat(70_000);
    const message = Buffer.from(JSON.stringify({ id }));
    const answer = await send(
      request({
        path: "/arbiter.v1.ClusterService/GetNode",
        http2: true,
        headers: { "content-type": "application/grpc+json", te: "trailers" },
        body: frame(message),
        answer: "grpc",
      }),
    );
    assert.equal(answer.code, "not_found");
    assert.match(answer.message, /characters\)$/);
  });

  it("keeps the gRPC status when Connect's own error quotes a 70,000-character value", async () => {
    const message = Buffer.from(JSON.stringify({ name: "m", selector: { version: "x".repeat(70_000) } }));
    const answer = await send(
      request({
        path: "/arbiter.v1.ModelRegistryService/GetModel",
        http2: true,
        headers: { "content-type": "application/grpc+json", te: "trailers" },
        body: frame(message),
        answer: "grpc",
      }),
    );
    assert.equal(answer.code, "invalid_argument");
    assert.ok(answer.message.length <= 1024, `a message of ${answer.message.length} characters`);
  });

  // V8's JSON.parse error quotes the text around the mistake, cut to a few characters: here inside
  // the surrogate pair of an emoji, which leaves a lone surrogate in Connect's error message.
  const CUT_EMOJI = Buffer.concat([Buffer.from([0xe2]), Buffer.from('"name":"\u{1F661}","selector":{}}')]);

  for (const [protocol, type, answer] of [
    ["gRPC", "application/grpc+json", "grpc"],
    ["gRPC-Web", "application/grpc-web+json", "grpc-web"],
  ] as const) {
    it(`answers INVALID_ARGUMENT over ${protocol} to JSON whose parse error quotes half an emoji, rather than never`, async () => {
      const got = await send(
        request({
          path: "/arbiter.v1.ModelRegistryService/GetModel",
          http2: true,
          headers: { "content-type": type, te: "trailers" },
          body: frame(CUT_EMOJI),
          answer,
        }),
      );
      assert.equal(got.failure, undefined, `no answer: ${got.failure}`);
      assert.equal(got.code, "invalid_argument");
      assert.match(got.message, /^request: expected a message that decodes/);
    });
  }

  it("answers NOT_FOUND to long names of emoji, whose quote in the message is cut inside a surrogate pair or not", async () => {
    // One of the two cuts falls inside an emoji, whichever way the message's length comes out.
    for (const prefix of ["", "a"]) {
      const name = prefix + "\u{1F661}".repeat(1500);
      const got = await send(
        request({
          path: "/arbiter.v1.ModelRegistryService/GetModel",
          http2: true,
          headers: { "content-type": "application/grpc+json", te: "trailers" },
          body: frame(Buffer.from(JSON.stringify({ name }))),
          answer: "grpc",
        }),
      );
      assert.equal(got.failure, undefined, `no answer: ${got.failure}`);
      assert.equal(got.code, "not_found", got.message);
      assert.match(got.message, /characters\)$/);
    }
  });
});
