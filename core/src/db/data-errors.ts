/**
 * PostgreSQL refuses some values a client can send that no earlier check catches: text with a NUL
 * character (U+0000, which PostgreSQL text and jsonb cannot hold) and integers past bigint (a
 * uint64 of 2^63 or more). Left alone they surface as INTERNAL, though the mistake is the
 * client's: they are turned into INVALID_ARGUMENT and OUT_OF_RANGE, quoting PostgreSQL's reason.
 */
import { Code } from "@connectrpc/connect";
import { ArbiterError, InvalidArgumentError } from "../errors.ts";

/** SQLSTATEs of class 22 (data exception) caused by a value in the statement's parameters. */
const INVALID_TEXT = new Set([
  "22021", // character_not_in_repertoire: a NUL byte in text
  "22P05", // untranslatable_character: \u0000 in jsonb
  "22001", // string_data_right_truncation: longer than the column allows
  "22P02", // invalid_text_representation
]);
const OUT_OF_RANGE = new Set([
  "22003", // numeric_value_out_of_range: past bigint or integer
  "22008", // datetime_field_overflow
]);

/** The client's error for a database error caused by a request's value; other errors unchanged. */
export function clientErrorOf(err: unknown): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return err;
  const reason = (err as Error).message;
  if (INVALID_TEXT.has(code)) {
    return new InvalidArgumentError(
      "request",
      "values the database can store (text without NUL characters, within the column's size)",
      reason,
      { cause: err },
    );
  }
  if (OUT_OF_RANGE.has(code)) {
    return new ArbiterError(
      Code.OutOfRange,
      `request: expected numbers within the signed 64-bit range, got ${reason}`,
      { reason },
      { cause: err },
    );
  }
  return err;
}
