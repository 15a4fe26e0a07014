/**
 * Page tokens of the List RPCs: the sort key of the last row a page returned, opaque to callers
 * (base64url of a JSON list), read back only in the shape it was written.
 */
import { InvalidArgumentError } from "../errors.ts";

type KeyPart = string | number;
type KindOf<T> = T extends string ? "string" : "number";

/** The token that continues after the row whose sort key is `key`. */
export function encodePageToken(key: readonly KeyPart[]): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/**
 * The sort key inside a token, checked against `kinds` (numbers must be safe integers);
 * INVALID_ARGUMENT naming `page_token` and the List method (`listMethod`) otherwise.
 */
export function decodePageToken<T extends KeyPart[]>(
  token: string,
  kinds: { [I in keyof T]: KindOf<T[I]> },
  listMethod: string,
): T {
  try {
    const value = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as unknown;
    const fits =
      Array.isArray(value) &&
      value.length === kinds.length &&
      kinds.every((kind, i) =>
        kind === "string" ? typeof value[i] === "string" : Number.isSafeInteger(value[i] as number),
      );
    if (fits) return value as T;
  } catch {
    // the error below
  }
  throw new InvalidArgumentError("page_token", `a token from a previous ${listMethod} response`, JSON.stringify(token));
}
