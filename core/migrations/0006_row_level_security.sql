-- Row-level security: the database itself keeps each tenant's rows from the others, behind the
-- tenant filter every store writes into its SQL.
--
-- The service runs its statements as arbiter_service (see Database.useServiceRole): a role that
-- owns no table and cannot bypass row-level security, whatever role it logged in as. Each statement
-- runs in a scope, the session setting arbiter.tenant: a tenant id (a request of that tenant) or
-- '*' (the platform: background work and requests about tenants themselves). A session with no
-- scope sees nothing. FORCE makes the tables' owner subject to the policies too.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'arbiter_service') THEN
    CREATE ROLE arbiter_service NOLOGIN NOBYPASSRLS;
  END IF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE EXCEPTION 'the role arbiter_service does not exist and % may not create it', current_user
    USING HINT = 'As a database administrator: CREATE ROLE arbiter_service NOLOGIN; GRANT arbiter_service TO <the login of database.url>;';
END
$$;

-- USAGE on the schema is PUBLIC's by default; granted again for databases that revoked it, when
-- the migrating login may (it need not own the schema).
DO $$
BEGIN
  GRANT USAGE ON SCHEMA public TO arbiter_service;
EXCEPTION WHEN insufficient_privilege THEN
  NULL;
END
$$;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO arbiter_service;
REVOKE ALL ON schema_migrations FROM arbiter_service;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO arbiter_service;
-- Tables and sequences of later migrations are the service's to use as well.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO arbiter_service;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO arbiter_service;

-- Whether the session's scope may see (and write) a row of this tenant. A plain SQL function, which
-- the planner inlines.
CREATE FUNCTION arbiter_scope_includes(row_tenant text) RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT current_setting('arbiter.tenant', true) IN (row_tenant, '*') $$;

ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON tenants
  USING (arbiter_scope_includes(id)) WITH CHECK (arbiter_scope_includes(id));

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'artifacts', 'artifact_chunks', 'models', 'model_aliases',
    'pipelines', 'pipeline_aliases', 'decisions',
    'vector_collections', 'vectors', 'vector_deletions',
    'tasks', 'task_items', 'task_events', 'outbox', 'task_staging',
    'stream_bindings', 'stream_events',
    'principals', 'api_keys', 'refresh_tokens', 'audit_events'
  ] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_rows ON %I USING (arbiter_scope_includes(tenant_id)) WITH CHECK (arbiter_scope_includes(tenant_id))',
      t
    );
  END LOOP;
END
$$;
