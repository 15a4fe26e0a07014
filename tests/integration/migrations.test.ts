/**
 * Migrations: one set of SQL files for PostgreSQL and PGlite, applied once even when several
 * replicas start together, refusing to start when an applied migration was edited.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  createPgliteDatabase,
  createPostgresDatabase,
  type Database,
  FailedPreconditionError,
  loadMigrations,
  migrate,
} from "@arbiter/core";
import { type PostgresServer, startPostgres } from "@arbiter/testkit";

async function tenantScoping(db: Database): Promise<string[]> {
  const { rows } = await db.query<{ table_name: string }>(
    `SELECT t.table_name FROM information_schema.tables t
     WHERE t.table_schema = 'public' AND t.table_name NOT IN ('schema_migrations', 'tenants')
       AND NOT EXISTS (SELECT 1 FROM information_schema.columns c
         WHERE c.table_schema = 'public' AND c.table_name = t.table_name AND c.column_name = 'tenant_id' AND c.is_nullable = 'NO')
     ORDER BY 1`,
  );
  return rows.map((r) => r.table_name);
}

describe("migrations on PostgreSQL", () => {
  let pg: PostgresServer;
  const pools: Database[] = [];
  before(async () => {
    pg = await startPostgres();
  });
  after(async () => {
    await Promise.all(pools.map((p) => p.close()));
    await pg?.stop();
  });

  it("applies each migration exactly once when four replicas migrate at the same moment", async () => {
    const all = await loadMigrations();
    for (let i = 0; i < 4; i++)
      pools.push(createPostgresDatabase({ url: pg.url, maxConnections: 2, applicationName: `replica-${i}` }));
    const applied = await Promise.all(pools.map((db) => migrate(db)));
    assert.deepEqual(applied.flat().sort(), all.map((m) => m.name).sort());
    const { rows } = await pools[0]!.query<{ n: number }>("SELECT count(*)::int8 AS n FROM schema_migrations");
    assert.equal(rows[0]?.n, all.length);
    assert.deepEqual(await migrate(pools[0]!), []);
  });

  it("keeps every table of user objects tenant-scoped", async () => {
    assert.deepEqual(await tenantScoping(pools[0]!), []);
  });

  it("refuses to start when an applied migration was edited", async () => {
    const edited = (await loadMigrations()).map((m, i) => (i === 0 ? { ...m, checksum: "0".repeat(64) } : m));
    await assert.rejects(migrate(pools[0]!, edited), (err) => {
      assert.ok(err instanceof FailedPreconditionError);
      assert.match(err.message, /^migration 0001_tenants_and_models\.sql changed after it was applied/);
      return true;
    });
  });
});

describe("migrations on PGlite", () => {
  it("applies the same files to the embedded database, once", async () => {
    const db = await createPgliteDatabase({});
    try {
      const all = await loadMigrations();
      assert.deepEqual(
        await migrate(db),
        all.map((m) => m.name),
      );
      assert.deepEqual(await migrate(db), []);
      assert.deepEqual(await tenantScoping(db), []);
      const { rows } = await db.query<{ id: string }>("SELECT id FROM tenants");
      assert.deepEqual(
        rows.map((r) => r.id),
        ["default"],
      );
    } finally {
      await db.close();
    }
  });
});
