-- Vector collections. PostgreSQL is the record: an acknowledged upsert is a committed row. Each
-- scheduler node keeps an in-memory index per collection, built from these rows and kept current
-- by the collection's generation (see scheduler/src/vectors/README.md).
CREATE TABLE vector_collections (
  tenant_id             text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name                  text NOT NULL,
  -- This incarnation of the name: a collection deleted and created again gets a new one, so no
  -- node mistakes its index of the old one for the new one.
  uid                   uuid NOT NULL UNIQUE,
  dim                   integer NOT NULL CHECK (dim BETWEEN 1 AND 65536),
  metric                text NOT NULL CHECK (metric IN ('l2', 'ip', 'cosine')),
  index_kind            text NOT NULL CHECK (index_kind IN ('flat', 'hnsw')),
  storage               text NOT NULL CHECK (storage IN ('f32', 'f16', 'i8')),
  hnsw_m                integer NOT NULL CHECK (hnsw_m BETWEEN 2 AND 256),
  hnsw_ef_construction  integer NOT NULL CHECK (hnsw_ef_construction >= 1),
  hnsw_ef_search        integer NOT NULL CHECK (hnsw_ef_search >= 1),
  -- Type of each payload field ("string", "number" or "bool"), fixed by the field's first value.
  payload_fields        jsonb NOT NULL DEFAULT '{}',
  -- Live vectors.
  vector_count          bigint NOT NULL DEFAULT 0 CHECK (vector_count >= 0),
  -- Bumped by every committed upsert or delete of vectors (the row lock orders writers, so
  -- generations commit in order); nodes bring their index up to it.
  generation            bigint NOT NULL DEFAULT 0,
  -- Deletions up to this generation have been purged from vector_deletions: a node whose index
  -- is older rebuilds it from the rows.
  purged_generation     bigint NOT NULL DEFAULT 0,
  create_time           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, name)
);

CREATE TABLE vectors (
  tenant_id   text NOT NULL,
  collection  text NOT NULL,
  id          text NOT NULL,
  -- The vector's id inside in-memory indexes; stays while the row lives, never reused.
  key         bigint GENERATED ALWAYS AS IDENTITY,
  -- dim float32 values, little-endian.
  vector      bytea NOT NULL,
  payload     jsonb NOT NULL DEFAULT '{}',
  -- Generation of the write that last set this row.
  generation  bigint NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, collection, id),
  FOREIGN KEY (tenant_id, collection) REFERENCES vector_collections (tenant_id, name) ON DELETE CASCADE
);
CREATE UNIQUE INDEX vectors_by_key ON vectors (tenant_id, collection, key);
CREATE INDEX vectors_by_generation ON vectors (tenant_id, collection, generation);

-- Keys of deleted vectors, by generation, so nodes can remove them from their indexes. Purged
-- after a while (see vector_collections.purged_generation).
CREATE TABLE vector_deletions (
  tenant_id    text NOT NULL,
  collection   text NOT NULL,
  generation   bigint NOT NULL,
  key          bigint NOT NULL,
  delete_time  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, collection, generation, key),
  FOREIGN KEY (tenant_id, collection) REFERENCES vector_collections (tenant_id, name) ON DELETE CASCADE
);
