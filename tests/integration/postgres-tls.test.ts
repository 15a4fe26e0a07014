/**
 * The PostgreSQL pool over TLS to a real server: `database.sslMode` decides whether the
 * connection is encrypted (PostgreSQL's own pg_stat_ssl says so) and whether the server's
 * certificate is checked against `database.sslCaFile`.
 */
import assert from "node:assert/strict";
import { chmodSync, chownSync, copyFileSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createPostgresDatabase, type Database } from "@arbiter/core";
import { type PostgresServer, startPostgres } from "@arbiter/testkit";
import { createCertificateAuthority, issueCertificate } from "../support/certificates.ts";

const PLAIN = { sslMode: "disable", sslCaFile: "", sslCertFile: "", sslKeyFile: "" };

describe("the PostgreSQL pool over TLS", () => {
  const dir = mkdtempSync(join(tmpdir(), "arbiter-pg-tls-"));
  const ca = createCertificateAuthority(dir, "postgres-ca");
  const server = issueCertificate(ca, dir, "postgres-server", "server");
  const otherCa = createCertificateAuthority(dir, "other-ca");
  let pg: PostgresServer;
  const pools: Database[] = [];

  /** Whether the pool's connection is encrypted, as the server sees it. */
  async function encrypted(ssl: typeof PLAIN): Promise<boolean> {
    const db = createPostgresDatabase({ url: pg.url, maxConnections: 1, applicationName: "tls-test", ssl });
    pools.push(db);
    const { rows } = await db.query<{ ssl: boolean }>("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()");
    return rows[0]?.ssl === true;
  }

  before(async () => {
    pg = await startPostgres();
    // TLS turned on in the running server: the key goes into the data directory, owned by the
    // server's account with no access for others (PostgreSQL refuses a key others can read), and
    // the ssl settings take effect on a configuration reload.
    const owner = statSync(pg.dataDir);
    for (const [from, to] of [
      [server.cert, "server.crt"],
      [server.key, "server.key"],
    ] as const) {
      const target = join(pg.dataDir, to);
      copyFileSync(from, target);
      chownSync(target, owner.uid, owner.gid);
      chmodSync(target, 0o600);
    }
    const admin = createPostgresDatabase({ url: pg.url, maxConnections: 1, applicationName: "tls-setup" });
    try {
      await admin.query("ALTER SYSTEM SET ssl_cert_file = 'server.crt'");
      await admin.query("ALTER SYSTEM SET ssl_key_file = 'server.key'");
      await admin.query("ALTER SYSTEM SET ssl = on");
      await admin.query("SELECT pg_reload_conf()");
    } finally {
      await admin.close();
    }
    const deadline = Date.now() + 30_000;
    for (;;) {
      const on = await encrypted({ ...PLAIN, sslMode: "require" }).catch(() => false);
      if (on) break;
      if (Date.now() > deadline) assert.fail("PostgreSQL did not start accepting TLS after the reload");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  after(async () => {
    await Promise.all(pools.map((db) => db.close().catch(() => {})));
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("connects over TLS with verify-full and the CA of the server's certificate", async () => {
    assert.equal(await encrypted({ ...PLAIN, sslMode: "verify-full", sslCaFile: ca.cert }), true);
  });

  it("connects over TLS with require, without checking the certificate", async () => {
    assert.equal(await encrypted({ ...PLAIN, sslMode: "require" }), true);
  });

  it("stays in plain text with disable", async () => {
    assert.equal(await encrypted(PLAIN), false);
  });

  it("refuses a server whose certificate the configured CA did not sign, with verify-full", async () => {
    await assert.rejects(
      encrypted({ ...PLAIN, sslMode: "verify-full", sslCaFile: otherCa.cert }),
      /certificate|self.signed|unable to verify/i,
    );
  });
});
