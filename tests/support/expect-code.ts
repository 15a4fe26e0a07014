/** Asserting on the error a call fails with, the way a client sees it. */
import assert from "node:assert/strict";
import { Code, ConnectError } from "@connectrpc/connect";

/** Resolves with the ConnectError `promise` fails with; fails the test unless its code is `code` (and its message matches). */
export async function expectCode(promise: Promise<unknown>, code: Code, messagePart?: RegExp): Promise<ConnectError> {
  const err = await promise.then(
    () => assert.fail(`expected ${Code[code]}, the call succeeded`),
    (e: unknown) => e,
  );
  assert.ok(err instanceof ConnectError, `expected a ConnectError, got ${String(err)}`);
  assert.equal(Code[err.code], Code[code], `wrong code; message: ${err.rawMessage}`);
  if (messagePart) assert.match(err.rawMessage, messagePart);
  return err;
}
