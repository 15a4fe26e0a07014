-- Who may call: principals (users and service accounts) of a tenant, their API keys, the refresh
-- tokens of users who logged in, and the audit log. Deleting a tenant deletes all of it, so its
-- credentials stop working at once.

-- role: viewer, developer, operator or admin, in the principal's tenant. password_hash: users only
-- (the login grant), a scrypt hash in the format of core/src/auth/secret-hash.ts.
CREATE TABLE principals (
  id             uuid PRIMARY KEY,
  tenant_id      text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  kind           text NOT NULL CHECK (kind IN ('user', 'service_account')),
  name           text NOT NULL,
  role           text NOT NULL CHECK (role IN ('viewer', 'developer', 'operator', 'admin')),
  password_hash  text,
  create_time    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, name)
);

-- prefix: the visible part of a key ("arb_3f9c2a1b4d5e"), unique, how a presented key is found;
-- secret_hash: a slow (scrypt) hash of the whole key. The key itself is never stored.
CREATE TABLE api_keys (
  id              uuid PRIMARY KEY,
  tenant_id       text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  principal_id    uuid NOT NULL REFERENCES principals (id) ON DELETE CASCADE,
  prefix          text NOT NULL UNIQUE,
  secret_hash     text NOT NULL,
  create_time     timestamptz NOT NULL DEFAULT now(),
  expire_time     timestamptz,
  last_used_time  timestamptz,
  revoked         boolean NOT NULL DEFAULT false
);
CREATE INDEX api_keys_by_principal ON api_keys (tenant_id, principal_id, create_time);

-- One row per refresh token issued at login; token_hash: SHA-256 of the token (256 random bits, so
-- a fast hash suffices). A token is used once: refreshing replaces it.
CREATE TABLE refresh_tokens (
  token_hash    text PRIMARY KEY,
  tenant_id     text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  principal_id  uuid NOT NULL REFERENCES principals (id) ON DELETE CASCADE,
  expire_time   timestamptz NOT NULL,
  create_time   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_expiring ON refresh_tokens (expire_time);

-- Who did what to which object, when and from where: every mutating RPC and every failed
-- authentication. principal_id is text, not a reference: the record outlives the principal.
CREATE TABLE audit_events (
  id            uuid PRIMARY KEY,
  tenant_id     text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  principal_id  text NOT NULL DEFAULT '',
  action        text NOT NULL,
  object        text NOT NULL DEFAULT '',
  outcome       text NOT NULL,
  peer_address  text NOT NULL DEFAULT '',
  trace_id      text NOT NULL DEFAULT '',
  time          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_events_by_tenant ON audit_events (tenant_id, time DESC, id);
