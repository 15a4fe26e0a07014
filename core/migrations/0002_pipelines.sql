-- One row per pipeline version. The definition is the arbiter.v1.Pipeline message in protobuf
-- JSON (its name, version, description, labels, aliases and create time live in the columns).
CREATE TABLE pipelines (
  tenant_id     text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name          text NOT NULL,
  version       bigint NOT NULL CHECK (version >= 1),
  definition    jsonb NOT NULL,
  description   text NOT NULL DEFAULT '',
  labels        jsonb NOT NULL DEFAULT '{}',
  create_time   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, name, version)
);

-- Aliases ("production", "candidate", ...) point at one version of a pipeline.
CREATE TABLE pipeline_aliases (
  tenant_id     text NOT NULL,
  pipeline_name text NOT NULL,
  alias         text NOT NULL,
  version       bigint NOT NULL,
  PRIMARY KEY (tenant_id, pipeline_name, alias),
  FOREIGN KEY (tenant_id, pipeline_name, version) REFERENCES pipelines (tenant_id, name, version) ON DELETE CASCADE
);

-- Recorded decisions, for audit and replay. A row outlives the pipeline version that made it, so
-- there is no foreign key to pipelines. kind 'live' is a decision a caller received; 'shadow' is
-- what a candidate version decided beside it (shadow_of: the id of the live decision, which may
-- itself be unrecorded); 'replay' is a re-run of a recorded decision (shadow_of: that decision).
CREATE TABLE decisions (
  id               uuid PRIMARY KEY,
  tenant_id        text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  pipeline         text NOT NULL,
  pipeline_version bigint NOT NULL,
  kind             text NOT NULL DEFAULT 'live' CHECK (kind IN ('live', 'shadow', 'replay')),
  shadow_of        uuid,
  request_id       text NOT NULL DEFAULT '',
  label            text NOT NULL DEFAULT '',
  score            double precision NOT NULL DEFAULT 0,
  -- The arbiter.v1.Decision message in protobuf JSON.
  decision         jsonb NOT NULL,
  -- DecideRequest.inputs (name -> PipelineValue in protobuf JSON) and attributes.
  inputs           jsonb NOT NULL DEFAULT '{}',
  attributes       jsonb NOT NULL DEFAULT '{}',
  trace_id         text NOT NULL DEFAULT '',
  create_time      timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'live') = (shadow_of IS NULL))
);
CREATE INDEX decisions_by_pipeline ON decisions (tenant_id, pipeline, create_time, id);
CREATE INDEX decisions_by_request ON decisions (tenant_id, request_id);
CREATE INDEX decisions_by_shadowed ON decisions (shadow_of) WHERE shadow_of IS NOT NULL;
