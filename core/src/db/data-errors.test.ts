/**
 * Values PostgreSQL refuses (a NUL character in text or jsonb, an integer past bigint) reach the
 * client as INVALID_ARGUMENT and OUT_OF_RANGE naming the reason, not as INTERNAL; and an error's
 * message stays short enough for a gRPC trailer whatever the client sent.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Code } from "@connectrpc/connect";
import { ArbiterError, MAX_ERROR_MESSAGE_CHARS, NotFoundError } from "../errors.ts";
import type { Database } from "./database.ts";
import { createPgliteDatabase } from "./pglite-database.ts";

describe("values the database refuses", () => {
  let db: Database;
  before(async () => {
    db = await createPgliteDatabase({});
    await db.exec("CREATE TABLE things (name text PRIMARY KEY, version bigint, body jsonb)");
  });
  after(async () => db?.close());

  it("answers INVALID_ARGUMENT for text with a NUL character", async () => {
    await assert.rejects(db.query("SELECT * FROM things WHERE name = $1", ["a\u0000b"]), (err: unknown) => {
      assert.ok(err instanceof ArbiterError);
      assert.equal(err.code, Code.InvalidArgument);
      assert.match(err.message, /^request: expected values the database can store .*, got .*0x00/);
      return true;
    });
  });

  it("answers INVALID_ARGUMENT for a NUL character in jsonb, inside a transaction too", async () => {
    await assert.rejects(
      db.transaction((tx) => tx.query("INSERT INTO things VALUES ('x', 1, $1::jsonb)", ['{"a":"\\u0000"}'])),
      (err: unknown) => err instanceof ArbiterError && err.code === Code.InvalidArgument,
    );
  });

  it("answers OUT_OF_RANGE for an integer past bigint (a uint64 of 2^63)", async () => {
    await assert.rejects(db.query("SELECT * FROM things WHERE version = $1", [2 ** 63]), (err: unknown) => {
      assert.ok(err instanceof ArbiterError);
      assert.equal(err.code, Code.OutOfRange);
      assert.match(err.message, /out of range for type bigint/);
      return true;
    });
  });

  it("leaves other database errors as they are", async () => {
    await db.query("INSERT INTO things VALUES ('dup', 1, '{}')");
    await assert.rejects(db.query("INSERT INTO things VALUES ('dup', 1, '{}')"), (err: unknown) => {
      assert.ok(!(err instanceof ArbiterError));
      return true;
    });
  });
});

describe("error messages", () => {
  it("are cut to a length a gRPC trailer carries, saying how long they were", () => {
    const err = new NotFoundError("node", "n".repeat(70_000));
    assert.equal(err.message.length, MAX_ERROR_MESSAGE_CHARS);
    assert.match(err.message, /^node "nnn.*… \(70\d{3} characters\)$/);
    assert.equal(new NotFoundError("node", "short").message, 'node "short" not found');
  });
});
