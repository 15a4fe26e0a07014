/**
 * The bootstrap admin: the first principal of an installation, an admin of the system tenant,
 * able to create every other tenant, principal and key.
 *
 * - With `auth.bootstrapAdminKey` set (a Kubernetes Secret, or an `ARBITER_*` variable for
 *   automation), that key is made to work on every start: its hash is stored if it is not yet.
 * - Without it, the first start creates a key and returns it, once, to be printed; only its hash
 *   is kept, so it cannot be shown again (create another with CreateApiKey).
 */
import { randomUUID } from "node:crypto";
import { apiKeyPrefix, type Database, generateApiKey, hashSecret, SYSTEM_TENANT } from "@arbiter/core";

/** Name of the bootstrap admin principal (a service account of the system tenant). */
export const BOOTSTRAP_ADMIN_NAME = "admin";

// Several schedulers may start at once: one of them creates the admin, under this lock.
const BOOTSTRAP_LOCK = 0x61726269; // "arbi"

/** Ensures the bootstrap admin and its key; returns a key created now (to show once), if any. */
export async function ensureBootstrapAdmin(db: Database, configuredKey: string): Promise<string | undefined> {
  const hash = configuredKey ? await hashSecret(configuredKey) : undefined;
  const created = configuredKey ? undefined : generateApiKey();
  const createdHash = created ? await hashSecret(created.key) : undefined;
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [BOOTSTRAP_LOCK]);
    const { rows } = await tx.query<{ id: string }>("SELECT id FROM principals WHERE tenant_id = $1 AND name = $2", [
      SYSTEM_TENANT,
      BOOTSTRAP_ADMIN_NAME,
    ]);
    let adminId = rows[0]?.id;
    if (!adminId) {
      // Without a configured key, an installation that already has admins needs no new one.
      const { rows: admins } = await tx.query("SELECT 1 FROM principals WHERE role = 'admin' LIMIT 1");
      if (!configuredKey && admins.length > 0) return undefined;
      adminId = randomUUID();
      await tx.query(
        "INSERT INTO principals (id, tenant_id, kind, name, role) VALUES ($1, $2, 'service_account', $3, 'admin')",
        [adminId, SYSTEM_TENANT, BOOTSTRAP_ADMIN_NAME],
      );
    } else if (!configuredKey) {
      return undefined;
    }
    const key = configuredKey || (created?.key as string);
    const prefix = apiKeyPrefix(key);
    const { rows: existing } = await tx.query("SELECT 1 FROM api_keys WHERE prefix = $1", [prefix]);
    if (existing.length > 0) return undefined;
    await tx.query(
      "INSERT INTO api_keys (id, tenant_id, principal_id, prefix, secret_hash) VALUES ($1, $2, $3, $4, $5)",
      [randomUUID(), SYSTEM_TENANT, adminId, prefix, hash ?? createdHash],
    );
    return created?.key;
  });
}
