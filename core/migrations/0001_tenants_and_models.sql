-- Tenants own every user object; each table that holds one is keyed by tenant_id first.
CREATE TABLE tenants (
  id            text PRIMARY KEY,
  display_name  text NOT NULL DEFAULT '',
  create_time   timestamptz NOT NULL DEFAULT now()
);
INSERT INTO tenants (id, display_name) VALUES ('default', 'Default tenant');

-- Model artifacts, stored in pieces of at most 512 KiB. An artifact is 'uploading' until the
-- model that owns it is committed; abandoned uploads are swept.
CREATE TABLE artifacts (
  id            uuid PRIMARY KEY,
  tenant_id     text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  state         text NOT NULL CHECK (state IN ('uploading', 'committed')),
  size_bytes    bigint NOT NULL DEFAULT 0,
  sha256        text,
  create_time   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX artifacts_uploading ON artifacts (create_time) WHERE state = 'uploading';

CREATE TABLE artifact_chunks (
  tenant_id     text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  artifact_id   uuid NOT NULL REFERENCES artifacts (id) ON DELETE CASCADE,
  seq           integer NOT NULL CHECK (seq >= 0),
  data          bytea NOT NULL,
  PRIMARY KEY (artifact_id, seq)
);

-- One row per model version.
CREATE TABLE models (
  tenant_id     text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name          text NOT NULL,
  version       bigint NOT NULL CHECK (version >= 1),
  artifact_id   uuid NOT NULL REFERENCES artifacts (id),
  format        text NOT NULL,
  framework     text NOT NULL DEFAULT '',
  platform      text NOT NULL DEFAULT '',
  sha256        text NOT NULL,
  size_bytes    bigint NOT NULL,
  signature     jsonb NOT NULL DEFAULT '{}',
  config        jsonb NOT NULL DEFAULT '{}',
  labels        jsonb NOT NULL DEFAULT '{}',
  description   text NOT NULL DEFAULT '',
  create_time   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, name, version)
);

-- Aliases ("production", "staging", ...) point at one version of a model.
CREATE TABLE model_aliases (
  tenant_id     text NOT NULL,
  model_name    text NOT NULL,
  alias         text NOT NULL,
  version       bigint NOT NULL,
  PRIMARY KEY (tenant_id, model_name, alias),
  FOREIGN KEY (tenant_id, model_name, version) REFERENCES models (tenant_id, name, version) ON DELETE CASCADE
);
