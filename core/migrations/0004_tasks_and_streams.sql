-- Durable asynchronous work. PostgreSQL is the record; JetStream only carries notices of work to
-- do, so a notice lost or delivered twice changes nothing that was committed here.

-- One row per submitted task. target: 'model' or 'pipeline'; selector is the arbiter.v1
-- VersionSelector in protobuf binary (empty: the default version). The item counters are changed
-- only while the row is locked, in the transaction that changes the items they count.
CREATE TABLE tasks (
  id                  uuid PRIMARY KEY,
  tenant_id           text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  idempotency_key     text NOT NULL DEFAULT '',
  target              text NOT NULL CHECK (target IN ('model', 'pipeline')),
  target_name         text NOT NULL,
  selector            bytea NOT NULL DEFAULT '\x',
  max_attempts        integer NOT NULL CHECK (max_attempts BETWEEN 1 AND 100),
  state               text NOT NULL DEFAULT 'pending'
                        CHECK (state IN ('pending', 'running', 'completed', 'cancelled', 'failed')),
  error               text NOT NULL DEFAULT '',
  labels              jsonb NOT NULL DEFAULT '{}',
  -- The W3C traceparent of the submit, when traced: the spans of the task's units link to it.
  traceparent         text NOT NULL DEFAULT '',
  total_items         integer NOT NULL,
  -- Items per work unit (one JetStream message each).
  unit_size           integer NOT NULL,
  succeeded_items     integer NOT NULL DEFAULT 0,
  dead_lettered_items integer NOT NULL DEFAULT 0,
  cancelled_items     integer NOT NULL DEFAULT 0,
  redeliveries        integer NOT NULL DEFAULT 0,
  create_time         timestamptz NOT NULL DEFAULT now(),
  update_time         timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX tasks_by_idempotency_key ON tasks (tenant_id, idempotency_key) WHERE idempotency_key <> '';
CREATE INDEX tasks_by_tenant ON tasks (tenant_id, create_time DESC, id);
CREATE INDEX tasks_unfinished ON tasks (update_time) WHERE state IN ('pending', 'running');

-- One row per item. input: the arbiter.v1.TaskItem in protobuf binary; result: the InferResponse
-- (model tasks) or Decision (pipeline tasks) in protobuf binary, written once, by the worker that
-- holds the item's lease. not_before delays a retry.
CREATE TABLE task_items (
  task_id      uuid NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  tenant_id    text NOT NULL,
  item_index   integer NOT NULL,
  input        bytea NOT NULL,
  state        text NOT NULL DEFAULT 'pending'
                 CHECK (state IN ('pending', 'running', 'succeeded', 'dead_lettered', 'cancelled')),
  attempts     integer NOT NULL DEFAULT 0,
  error        text NOT NULL DEFAULT '',
  result       bytea,
  lease_owner  text,
  lease_until  timestamptz,
  not_before   timestamptz NOT NULL DEFAULT '-infinity',
  PRIMARY KEY (task_id, item_index)
);

-- Every state change and progress update of a task, in order: what WatchTask streams.
CREATE TABLE task_events (
  seq                 bigserial PRIMARY KEY,
  task_id             uuid NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  tenant_id           text NOT NULL,
  state               text NOT NULL,
  succeeded_items     integer NOT NULL,
  dead_lettered_items integer NOT NULL,
  cancelled_items     integer NOT NULL,
  running_items       integer NOT NULL,
  redeliveries        integer NOT NULL,
  error               text NOT NULL DEFAULT '',
  create_time         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX task_events_by_task ON task_events (task_id, seq);

-- Messages to publish, written in the transaction that makes them true; a relay publishes them to
-- JetStream (msg_id deduplicates a publish repeated after a crash) and then deletes them.
CREATE TABLE outbox (
  id          bigserial PRIMARY KEY,
  tenant_id   text NOT NULL,
  subject     text NOT NULL,
  msg_id      text NOT NULL,
  payload     bytea NOT NULL,
  create_time timestamptz NOT NULL DEFAULT now()
);

-- Stream bindings: events on input_subject run through a pipeline; decisions go to output_subject.
CREATE TABLE stream_bindings (
  tenant_id      text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name           text NOT NULL,
  pipeline       text NOT NULL,
  selector       bytea NOT NULL DEFAULT '\x',
  input_subject  text NOT NULL,
  output_subject text NOT NULL,
  ordering       text NOT NULL CHECK (ordering IN ('ordered', 'parallel')),
  max_in_flight  integer NOT NULL,
  max_attempts   integer NOT NULL,
  create_time    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, name)
);

-- One row per event a binding settled, keyed by the event's message id: the record that makes a
-- redelivered or republished event produce no second decision. decision: the arbiter.v1.Decision in
-- protobuf binary; published: it reached the output stream.
CREATE TABLE stream_events (
  tenant_id   text NOT NULL,
  binding     text NOT NULL,
  event_id    text NOT NULL,
  state       text NOT NULL CHECK (state IN ('succeeded', 'dead_lettered')),
  decision    bytea,
  error       text NOT NULL DEFAULT '',
  attempts    integer NOT NULL,
  published   boolean NOT NULL DEFAULT false,
  create_time timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, binding, event_id),
  FOREIGN KEY (tenant_id, binding) REFERENCES stream_bindings (tenant_id, name) ON DELETE CASCADE
);

-- One live decision per request id and pipeline: a retried task item or redelivered event that
-- races its first attempt on another node records nothing twice (the engine returns the first).
-- Copies recorded before this index existed are removed, the earliest kept.
DELETE FROM decisions d USING decisions e
WHERE d.kind = 'live' AND e.kind = 'live' AND d.request_id <> '' AND d.tenant_id = e.tenant_id
  AND d.pipeline = e.pipeline AND d.request_id = e.request_id
  AND (d.create_time, d.id) > (e.create_time, e.id);
CREATE UNIQUE INDEX decisions_by_live_request_id ON decisions (tenant_id, pipeline, request_id)
  WHERE kind = 'live' AND request_id <> '';

-- The items of a task too large for one bus message, sent by the gateway in pieces before the
-- submit that takes them (in its transaction). Pieces of a submit that never came are swept.
CREATE TABLE task_staging (
  staging_id  uuid NOT NULL,
  tenant_id   text NOT NULL,
  item_index  integer NOT NULL,
  input       bytea NOT NULL,
  create_time timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (staging_id, item_index)
);
CREATE INDEX task_staging_by_age ON task_staging (create_time);
