/**
 * Row-level security, the database's own guard behind the stores' tenant filters: a statement run
 * for one tenant sees, changes and writes that tenant's rows only, even when it names no tenant at
 * all; the platform scope sees every tenant; a session with no scope sees nothing. Checked on both
 * databases the service runs on, PGlite (embedded mode) and PostgreSQL (distributed mode), the
 * latter also logged in as a role that owns nothing, as a production installation runs.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { createPgliteDatabase, createPostgresDatabase, type Database, migrate, SERVICE_ROLE } from "@arbiter/core";
import { type PostgresServer, startPostgres } from "@arbiter/testkit";
import pg from "pg";

const TENANTS = ["acme", "globex"] as const;

/** Two tenants with two principals each, written in the platform scope. */
async function seed(db: Database): Promise<void> {
  await db.query("INSERT INTO tenants (id, display_name) VALUES ('acme', 'Acme'), ('globex', 'Globex')");
  for (const tenant of TENANTS) {
    for (const name of ["ana", "bo"]) {
      await db.query("INSERT INTO principals (id, tenant_id, kind, name, role) VALUES ($1, $2, 'user', $3, 'viewer')", [
        randomUUID(),
        tenant,
        name,
      ]);
    }
  }
}

/** The same guarantees, whichever database `open` gives. */
function rowLevelSecuritySuite(open: () => Promise<Database>, close: () => Promise<void>): void {
  let db: Database;
  before(async () => {
    db = await open();
    await seed(db);
  });
  after(close);

  it("runs the service's statements as a role that owns no table and cannot bypass row-level security", async () => {
    const { rows } = await db.query<{ user: string; super: boolean; bypass: boolean; owns: number }>(
      `SELECT current_user AS user, r.rolsuper AS super, r.rolbypassrls AS bypass,
         (SELECT count(*)::int8 FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user) AS owns
       FROM pg_roles r WHERE r.rolname = current_user`,
    );
    assert.deepEqual(rows, [{ user: SERVICE_ROLE, super: false, bypass: false, owns: 0 }]);
  });

  it("forces row-level security, with a policy, on every table that holds a tenant's rows", async () => {
    const { rows } = await db.query<{ table: string }>(
      `SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r'
         AND (c.relname = 'tenants' OR EXISTS (SELECT 1 FROM pg_attribute a
           WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped))
         AND NOT (c.relrowsecurity AND c.relforcerowsecurity
           AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid))
       ORDER BY 1`,
    );
    assert.deepEqual(rows, []);
  });

  it("shows a tenant's statement only that tenant's rows, though it names no tenant", async () => {
    const { rows } = await db
      .forTenant("acme")
      .query<{ tenant_id: string; name: string }>("SELECT tenant_id, name FROM principals ORDER BY name");
    assert.deepEqual(rows, [
      { tenant_id: "acme", name: "ana" },
      { tenant_id: "acme", name: "bo" },
    ]);
    const tenants = await db.forTenant("globex").query<{ id: string }>("SELECT id FROM tenants ORDER BY id");
    assert.deepEqual(tenants.rows, [{ id: "globex" }]);
  });

  it("lets a tenant's statement change and delete only that tenant's rows", async () => {
    const updated = await db.forTenant("acme").query("UPDATE principals SET role = 'developer' WHERE name = 'ana'");
    assert.equal(updated.rowCount, 1);
    const deleted = await db
      .forTenant("acme")
      .transaction((tx) => tx.query("DELETE FROM principals WHERE name = 'bo'"));
    assert.equal(deleted.rowCount, 1);
    const { rows } = await db.query<{ tenant_id: string; name: string; role: string }>(
      "SELECT tenant_id, name, role FROM principals ORDER BY tenant_id, name",
    );
    assert.deepEqual(rows, [
      { tenant_id: "acme", name: "ana", role: "developer" },
      { tenant_id: "globex", name: "ana", role: "viewer" },
      { tenant_id: "globex", name: "bo", role: "viewer" },
    ]);
  });

  it("refuses a tenant's statement that writes a row of another tenant, and keeps nothing of it", async () => {
    await assert.rejects(
      db
        .forTenant("acme")
        .query(
          "INSERT INTO principals (id, tenant_id, kind, name, role) VALUES ($1, 'globex', 'user', 'mallory', 'admin')",
          [randomUUID()],
        ),
      /row-level security/,
    );
    await assert.rejects(
      db.forTenant("acme").query("UPDATE principals SET tenant_id = 'globex' WHERE name = 'ana'"),
      /row-level security/,
    );
    const { rows } = await db.query<{ n: number }>(
      "SELECT count(*)::int8 AS n FROM principals WHERE name = 'mallory' OR (tenant_id = 'globex' AND role <> 'viewer')",
    );
    assert.deepEqual(rows, [{ n: 0 }]);
  });

  it("keeps the scopes of concurrent statements of different tenants apart", async () => {
    const reads = Array.from({ length: 60 }, (_, i) => {
      const tenant = TENANTS[i % 2] as string;
      return db
        .forTenant(tenant)
        .query<{ tenant_id: string }>("SELECT DISTINCT tenant_id FROM principals")
        .then(({ rows }) => ({ tenant, seen: rows.map((r) => r.tenant_id) }));
    });
    for (const { tenant, seen } of await Promise.all(reads)) assert.deepEqual(seen, [tenant]);
  });

  it("refuses a tenant scope that would widen to every tenant", () => {
    assert.throws(() => db.forTenant("*"), /a tenant scope needs a tenant id, got "\*"/);
    assert.throws(() => db.forTenant(""), /a tenant scope needs a tenant id, got ""/);
  });
}

describe("row-level security in embedded mode (PGlite)", () => {
  let db: Database;
  rowLevelSecuritySuite(
    async () => {
      db = await createPgliteDatabase({});
      await migrate(db);
      await db.useServiceRole(SERVICE_ROLE);
      return db;
    },
    () => db.close(),
  );
});

describe("row-level security on PostgreSQL, the login a superuser that takes the service role", () => {
  let server: PostgresServer;
  let db: Database;
  rowLevelSecuritySuite(
    async () => {
      server = await startPostgres();
      db = createPostgresDatabase({ url: server.url, maxConnections: 4, applicationName: "rls-tests" });
      await migrate(db);
      await db.useServiceRole(SERVICE_ROLE);
      return db;
    },
    async () => {
      await db?.close();
      await server?.stop();
    },
  );
});

describe("row-level security on PostgreSQL, the service logged in as a role that owns nothing", () => {
  let server: PostgresServer;
  let service: Database;
  let loginUrl: string;
  before(async () => {
    server = await startPostgres();
    // The owner migrates (database.migrationUrl); the service logs in as a member of arbiter_service.
    const owner = createPostgresDatabase({ url: server.url, maxConnections: 1, applicationName: "rls-owner" });
    await migrate(owner);
    await owner.query("CREATE ROLE arbiter_login LOGIN IN ROLE arbiter_service");
    await seed(owner);
    await owner.close();
    loginUrl = server.url.replace(`//${server.user}@`, "//arbiter_login@");
    service = createPostgresDatabase({ url: loginUrl, maxConnections: 2, applicationName: "rls-service" });
    await service.useServiceRole(SERVICE_ROLE);
  });
  after(async () => {
    await service?.close();
    await server?.stop();
  });

  it("serves a tenant its own rows", async () => {
    const { rows } = await service
      .forTenant("globex")
      .query<{ name: string }>("SELECT name FROM principals ORDER BY 1");
    assert.deepEqual(
      rows.map((r) => r.name),
      ["ana", "bo"],
    );
  });

  it("cannot switch row-level security off, drop a policy or change the schema", async () => {
    for (const sql of [
      "ALTER TABLE principals NO FORCE ROW LEVEL SECURITY",
      "ALTER TABLE principals DISABLE ROW LEVEL SECURITY",
      "DROP POLICY tenant_rows ON principals",
      "ALTER TABLE principals ADD COLUMN note text",
    ]) {
      await assert.rejects(service.query(sql), /must be owner of (table|relation) principals/, sql);
    }
    await assert.rejects(service.query("SELECT * FROM schema_migrations"), /permission denied/);
  });

  it("sees nothing from a session that set no scope", async () => {
    const client = new pg.Client({ connectionString: loginUrl });
    await client.connect();
    try {
      const { rows } = await client.query("SELECT count(*)::int AS n FROM principals");
      assert.deepEqual(rows, [{ n: 0 }]);
    } finally {
      await client.end();
    }
  });
});
