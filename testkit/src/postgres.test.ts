import assert from "node:assert/strict";
import { readFile, stat } from "node:fs/promises";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import { ensurePostgres, type PostgresServer, startPostgres } from "./index.ts";

async function query<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

describe("startPostgres", () => {
  let postgres: PostgresServer;
  before(async () => {
    postgres = await startPostgres();
  });
  after(async () => {
    await postgres.stop();
  });

  test("accepts a query on 127.0.0.1 in the arbiter database, with fsync on", async () => {
    assert.match(postgres.url, /^postgres:\/\/postgres@127\.0\.0\.1:\d+\/arbiter$/);
    const [row] = await query<{ answer: number; db: string; fsync: string; listen: string; encoding: string }>(
      postgres.url,
      `SELECT 40 + 2 AS answer, current_database() AS db, current_setting('fsync') AS fsync,
              current_setting('listen_addresses') AS listen, pg_encoding_to_char(encoding) AS encoding
         FROM pg_database WHERE datname = current_database()`,
    );
    assert.deepEqual(row, { answer: 42, db: "arbiter", fsync: "on", listen: "127.0.0.1", encoding: "UTF8" });
  });

  test("restart keeps the port, the data directory and a table's rows", async () => {
    await query(postgres.url, "CREATE TABLE models (name text PRIMARY KEY, version int NOT NULL)");
    await query(postgres.url, "INSERT INTO models VALUES ('fraud', 1), ('churn', 3)");
    const { url, dataDir, pid } = postgres;
    await postgres.restart();
    assert.equal(postgres.url, url);
    assert.equal(postgres.dataDir, dataDir);
    assert.notEqual(postgres.pid, pid);
    const rows = await query(postgres.url, "SELECT name, version FROM models ORDER BY name");
    assert.deepEqual(rows, [
      { name: "churn", version: 3 },
      { name: "fraud", version: 1 },
    ]);
  });

  test("kill -9 then restart recovers every committed row", async () => {
    await query(postgres.url, "CREATE TABLE tasks (id int PRIMARY KEY, state text NOT NULL)");
    await query(postgres.url, "INSERT INTO tasks SELECT g, 'queued' FROM generate_series(1, 500) g");
    await query(postgres.url, "UPDATE tasks SET state = 'done' WHERE id <= 100");
    await postgres.kill("SIGKILL");
    assert.equal(postgres.running, false);
    await assert.rejects(query(postgres.url, "SELECT 1"));
    await postgres.restart();
    const log = await readFile(postgres.logFile, "utf8");
    assert.match(log, /not properly shut down|automatic recovery/, "the restart ran crash recovery");
    const rows = await query<{ state: string; n: number }>(
      postgres.url,
      "SELECT state, count(*)::int AS n FROM tasks GROUP BY state ORDER BY state",
    );
    assert.deepEqual(rows, [
      { state: "done", n: 100 },
      { state: "queued", n: 400 },
    ]);
  });

  test("createDatabase returns the URL of a new, empty database", async () => {
    const url = await postgres.createDatabase("isolated_test");
    const rows = await query<{ db: string; tables: number }>(
      url,
      "SELECT current_database() AS db, (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public') AS tables",
    );
    assert.deepEqual(rows, [{ db: "isolated_test", tables: 0 }]);
  });

  test("stop deletes the data directory", async () => {
    const other = await startPostgres({ database: "scratch" });
    await other.stop();
    assert.equal(other.running, false);
    await assert.rejects(stat(other.dataDir), { code: "ENOENT" });
  });
});

test("ensurePostgres finds the embedded PostgreSQL binaries without PATH", async () => {
  const binaries = await ensurePostgres({ env: {} });
  assert.equal(binaries.source, "embedded");
  assert.match(binaries.version, /PostgreSQL\) \d+/);
});

test("ensurePostgres rejects an explicit directory without postgres, naming the option", async () => {
  await assert.rejects(ensurePostgres({ binDir: "/nonexistent", env: {} }), (error: Error) => {
    assert.equal(error.name, "InvalidArgumentError");
    assert.match(
      error.message,
      /^binDir: expected a directory holding runnable postgres and initdb binaries, got \/nonexistent$/,
    );
    return true;
  });
});
