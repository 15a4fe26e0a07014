import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { HostAllowList, isLoopbackHost } from "./host-allow-list.ts";

const allows = (list: HostAllowList, url: string) => list.allows(new URL(url));

describe("HostAllowList", () => {
  it("matches hosts, host:port and subdomain wildcards", () => {
    const list = new HostAllowList(["models.example.com", "api.example.org:8443", "*.internal.example.net"]);
    assert.equal(allows(list, "https://models.example.com/v2"), true);
    assert.equal(allows(list, "http://MODELS.example.com:9000"), true);
    assert.equal(allows(list, "https://api.example.org:8443"), true);
    assert.equal(allows(list, "https://api.example.org"), false, "443 is not 8443");
    assert.equal(allows(list, "http://a.internal.example.net"), true);
    assert.equal(allows(list, "http://internal.example.net"), false, "the wildcard does not cover the apex");
    assert.equal(allows(list, "http://evil.com/models.example.com"), false);
    assert.equal(allows(list, "http://models.example.com.evil.com"), false);
  });

  it("refuses loopback hosts unless allowed or named", () => {
    const any = new HostAllowList(["*"]);
    assert.equal(allows(any, "https://anything.example"), true);
    for (const url of [
      "http://localhost:8000",
      "http://127.0.0.1",
      "http://127.9.9.9",
      "http://[::1]:80",
      "http://0.0.0.0",
    ]) {
      assert.equal(allows(any, url), false, url);
    }
    assert.equal(allows(new HostAllowList([], { allowLoopback: true }), "http://127.0.0.1:1234"), true);
    const named = new HostAllowList(["127.0.0.1:8001"]);
    assert.equal(allows(named, "http://127.0.0.1:8001"), true);
    assert.equal(allows(named, "http://127.0.0.1:8002"), false);
    assert.equal(allows(new HostAllowList([]), "https://models.example.com"), false, "an empty list allows nothing");
  });

  it("recognises loopback names and addresses", () => {
    assert.equal(isLoopbackHost("app.localhost"), true);
    assert.equal(isLoopbackHost("[::ffff:127.0.0.1]"), true);
    assert.equal(isLoopbackHost("128.0.0.1"), false);
  });

  it("rejects a malformed entry naming it", () => {
    assert.throws(
      () => new HostAllowList(["ok.example", "http://x/y"]),
      /remote.allowedHosts\[1\]: expected a host, host:port, \*.domain or \*, got "http:\/\/x\/y"/,
    );
  });
});
