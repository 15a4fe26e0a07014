import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { apiKeyPrefix, generateApiKey, isOwnApiKeyFormat } from "./api-key.ts";
import { hashSecret, verifySecret } from "./secret-hash.ts";

describe("API keys and their hashes", () => {
  it("finds a generated key by its visible prefix, and a configured key by a derived one", () => {
    const { key, prefix } = generateApiKey();
    assert.ok(isOwnApiKeyFormat(key));
    assert.equal(apiKeyPrefix(key), prefix);
    assert.match(prefix, /^arb_[0-9a-f]{12}$/);
    const configured = "a-key-chosen-by-automation-0123456789";
    assert.equal(apiKeyPrefix(configured), apiKeyPrefix(configured));
    assert.match(apiKeyPrefix(configured), /^arb_[0-9a-f]{12}$/);
    assert.notEqual(apiKeyPrefix(configured), apiKeyPrefix(`${configured}x`));
  });

  it("stores a salted slow hash that accepts the secret and nothing else", async () => {
    const hash = await hashSecret("correct horse battery staple");
    assert.match(hash, /^scrypt\$16384\$8\$1\$/);
    assert.notEqual(hash, await hashSecret("correct horse battery staple"), "salted");
    assert.equal(await verifySecret("correct horse battery staple", hash), true);
    assert.equal(await verifySecret("correct horse battery stapl", hash), false);
    assert.equal(await verifySecret("anything", "not-a-hash"), false);
  });
});
