-- pax8-sync storage, schema version 1.
-- Runs with search_path set to the configured schema (default pax8_sync), inside the migration
-- transaction that holds the advisory lock; table names are therefore unqualified here.
-- Times are epoch milliseconds (bigint) passed in by the engine's clock; ids use the "C" collation so
-- ORDER BY id is byte (code point) order, the order keyset pagination relies on.
-- Payloads are `json` (not `jsonb`) so a record reads back exactly as written, key order included.
-- Record tables leave 15% of each page free, so a re-synced row is updated in place (HOT) when no
-- indexed column changed.

CREATE TABLE connections (
  id                 text COLLATE "C" PRIMARY KEY,
  name               text   NOT NULL,
  environment        text   NOT NULL CHECK (environment IN ('Production', 'Sandbox')),
  base_url           text   NOT NULL,
  country            text   NOT NULL,
  currency           text   NOT NULL,
  company_defaults   json   NOT NULL,
  -- Sealed by the engine's codec (AES-256-GCM): never a secret in clear.
  sealed_credentials text   NOT NULL,
  created_at         bigint NOT NULL,
  updated_at         bigint NOT NULL
);

CREATE TABLE tokens (
  connection_id       text COLLATE "C" PRIMARY KEY,
  sealed_access_token text   NOT NULL,
  expires_at          bigint NOT NULL
);

CREATE TABLE companies (
  connection_id  text COLLATE "C" NOT NULL,
  id             text COLLATE "C" NOT NULL,
  hash           text   NOT NULL,
  data           json   NOT NULL,
  created_run_id text   NOT NULL,
  updated_run_id text   NOT NULL,
  created_at     bigint NOT NULL,
  updated_at     bigint NOT NULL,
  removed_at     bigint,
  name           text   NOT NULL,
  status         text   NOT NULL,
  PRIMARY KEY (connection_id, id)
) WITH (fillfactor = 85);
CREATE INDEX companies_active_idx ON companies (connection_id, id) WHERE removed_at IS NULL;

CREATE TABLE products (
  connection_id  text COLLATE "C" NOT NULL,
  id             text COLLATE "C" NOT NULL,
  hash           text   NOT NULL,
  data           json   NOT NULL,
  created_run_id text   NOT NULL,
  updated_run_id text   NOT NULL,
  created_at     bigint NOT NULL,
  updated_at     bigint NOT NULL,
  removed_at     bigint,
  name           text   NOT NULL,
  vendor_name    text   NOT NULL,
  PRIMARY KEY (connection_id, id)
) WITH (fillfactor = 85);
CREATE INDEX products_active_idx ON products (connection_id, id) WHERE removed_at IS NULL;

CREATE TABLE subscriptions (
  connection_id  text COLLATE "C" NOT NULL,
  id             text COLLATE "C" NOT NULL,
  hash           text   NOT NULL,
  data           json   NOT NULL,
  created_run_id text   NOT NULL,
  updated_run_id text   NOT NULL,
  created_at     bigint NOT NULL,
  updated_at     bigint NOT NULL,
  removed_at     bigint,
  company_id     text COLLATE "C" NOT NULL,
  product_id     text COLLATE "C" NOT NULL,
  status         text   NOT NULL,
  mapped_state   text   NOT NULL,
  quantity       double precision NOT NULL,
  PRIMARY KEY (connection_id, id)
) WITH (fillfactor = 85);
CREATE INDEX subscriptions_active_idx ON subscriptions (connection_id, id) WHERE removed_at IS NULL;
-- Per-company listing (the engine's per-company pulls and the mapped-companies filter).
CREATE INDEX subscriptions_company_idx ON subscriptions (connection_id, company_id, id);

CREATE TABLE mappings (
  connection_id   text COLLATE "C" NOT NULL,
  pax8_company_id text COLLATE "C" NOT NULL,
  psa_company_id  text   NOT NULL,
  state           text   NOT NULL CHECK (state IN ('pending', 'confirmed', 'rejected')),
  score           double precision,
  source          text   NOT NULL,
  updated_at      bigint NOT NULL,
  PRIMARY KEY (connection_id, pax8_company_id)
);
CREATE INDEX mappings_state_idx ON mappings (connection_id, state, pax8_company_id);

CREATE TABLE runs (
  id                  text COLLATE "C" PRIMARY KEY,
  -- Insertion order, to break ties between runs started at the same ms.
  seq                 bigint GENERATED ALWAYS AS IDENTITY,
  connection_id       text COLLATE "C" NOT NULL,
  entity              text   NOT NULL,
  pull_id             text COLLATE "C" NOT NULL,
  resumed_from_run_id text,
  started_at          bigint NOT NULL,
  finished_at         bigint,
  outcome             text   NOT NULL,
  checkpoint          json,
  counts              json   NOT NULL,
  error               text,
  flags               json   NOT NULL
);
CREATE INDEX runs_history_idx ON runs (connection_id, started_at DESC, seq DESC);
CREATE INDEX runs_entity_history_idx ON runs (connection_id, entity, started_at DESC, seq DESC);

-- Ids seen by a pull (a run and the runs resuming it), for the removal pass after a complete pull.
CREATE TABLE run_seen (
  connection_id text COLLATE "C" NOT NULL,
  pull_id       text COLLATE "C" NOT NULL,
  entity_id     text COLLATE "C" NOT NULL,
  PRIMARY KEY (connection_id, pull_id, entity_id)
);

-- One row per connection: the last cursor handed out. Appenders lock it until commit, so cursors
-- become visible in commit order (no reader ever sees a cursor appear below one it has read).
CREATE TABLE change_heads (
  connection_id text COLLATE "C" PRIMARY KEY,
  last_cursor   bigint NOT NULL
);

CREATE TABLE changes (
  connection_id text COLLATE "C" NOT NULL,
  cursor        bigint NOT NULL,
  run_id        text   NOT NULL,
  entity        text   NOT NULL,
  entity_id     text   NOT NULL,
  kind          text   NOT NULL,
  at            bigint NOT NULL,
  fields        json   NOT NULL,
  detail        json   NOT NULL,
  before        json,
  after         json,
  PRIMARY KEY (connection_id, cursor)
);

CREATE TABLE quarantine (
  connection_id text COLLATE "C" NOT NULL,
  entity        text COLLATE "C" NOT NULL,
  key           text COLLATE "C" NOT NULL,
  run_id        text   NOT NULL,
  reason        text   NOT NULL,
  issues        json   NOT NULL,
  record        json,
  at            bigint NOT NULL,
  PRIMARY KEY (connection_id, entity, key)
);

-- Fencing tokens come from one sequence: strictly increasing across releases, expiries and purges.
CREATE SEQUENCE fencing_tokens;

CREATE TABLE locks (
  connection_id text COLLATE "C" NOT NULL,
  name          text COLLATE "C" NOT NULL,
  holder        text   NOT NULL,
  token         bigint NOT NULL,
  expires_at    bigint NOT NULL,
  PRIMARY KEY (connection_id, name)
);
