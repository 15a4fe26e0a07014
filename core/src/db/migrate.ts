/**
 * Applies the SQL migrations in core/migrations, in file-name order, each once. Safe when several
 * replicas start at once: the whole run holds a transaction-scoped advisory lock, so one replica
 * migrates while the others wait and then find nothing left to do. A migration that changed after
 * it was applied stops start-up (its checksum no longer matches).
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { FailedPreconditionError } from "../errors.ts";
import type { Database } from "./database.ts";

const MIGRATIONS_DIR = fileURLToPath(new URL("../../migrations/", import.meta.url));
/** Arbitrary constant naming Arbiter's migration lock among other advisory locks. */
const MIGRATION_LOCK_KEY = 0x41524249;

export interface Migration {
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

/** The migrations shipped with this build, in order. */
export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".sql")).sort();
  return Promise.all(
    files.map(async (name) => {
      const sql = await readFile(`${dir}/${name}`, "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

/** Applies pending migrations; returns the names applied by this call. */
export async function migrate(db: Database, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? (await loadMigrations());
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK_KEY]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ name: string; checksum: string }>("SELECT name, checksum FROM schema_migrations");
    const done = new Map(rows.map((r) => [r.name, r.checksum]));
    const applied: string[] = [];
    for (const m of all) {
      const previous = done.get(m.name);
      if (previous !== undefined) {
        if (previous !== m.checksum) {
          throw new FailedPreconditionError(
            `migration ${m.name} changed after it was applied (checksum ${previous.slice(0, 12)} in the database, ${m.checksum.slice(0, 12)} on disk)`,
            { migration: m.name },
          );
        }
        continue;
      }
      await tx.exec(m.sql);
      await tx.query("INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)", [m.name, m.checksum]);
      applied.push(m.name);
    }
    return applied;
  });
}
