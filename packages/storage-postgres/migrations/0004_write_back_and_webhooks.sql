-- pax8-sync storage, schema version 4: write-back (the outbox of write intents) and webhooks.
-- Runs with search_path set to the configured schema, inside the migration transaction.
--
-- A connection's write-back policy (which intents need approval, who wins a conflict): the engine's
-- opaque JSON; NULL is the default policy, as for every connection stored before this version.
ALTER TABLE connections ADD COLUMN write_policy json;
--
-- Write intents. Ids are unique per storage (the engine makes them). payload, based_on and outcome
-- are the engine's opaque JSON, stored as `json` so they read back as written. version is the
-- compare-and-swap counter: an update writes only `WHERE version = expected`, so of concurrent
-- claimers exactly one moves an intent to sending.
CREATE TABLE write_intents (
  id            text COLLATE "C" PRIMARY KEY,
  connection_id text COLLATE "C" NOT NULL,
  kind          text   NOT NULL,
  target_entity text   NOT NULL,
  target_id     text   NOT NULL,
  payload       json   NOT NULL,
  based_on      json,
  requested_by  text   NOT NULL,
  reason        text   NOT NULL,
  state         text   NOT NULL,
  due_at        bigint,
  attempts      integer NOT NULL,
  sent_at       bigint,
  outcome       json,
  created_at    bigint NOT NULL,
  updated_at    bigint NOT NULL,
  version       bigint NOT NULL CHECK (version > 0)
);
-- list (and its keyset by id) per connection.
CREATE INDEX write_intents_connection_idx ON write_intents (connection_id, id);
-- listDue: only approved intents, in the order it returns them (unscheduled first, then by due time and id).
CREATE INDEX write_intents_due_idx ON write_intents (connection_id, due_at NULLS FIRST, id) WHERE state = 'approved';

-- One webhook registration per connection. secrets is the JSON array of sealed secrets (current
-- first), sealed by the engine's codec; reencrypt re-seals them inside the array.
CREATE TABLE webhooks (
  connection_id text COLLATE "C" PRIMARY KEY,
  webhook_id    text COLLATE "C" NOT NULL UNIQUE,
  account_id    text COLLATE "C",
  url           text   NOT NULL,
  topics        json   NOT NULL,
  secrets       json   NOT NULL,
  meta          json,
  created_at    bigint NOT NULL,
  updated_at    bigint NOT NULL,
  version       bigint NOT NULL CHECK (version > 0)
);
CREATE INDEX webhooks_account_idx ON webhooks (account_id, connection_id);

-- Delivery de-duplication keys, each until expires_at. A key whose time is past counts as absent:
-- markDelivery takes it over in one statement, and prunes a few expired keys of the connection.
CREATE TABLE webhook_deliveries (
  connection_id text COLLATE "C" NOT NULL,
  key           text COLLATE "C" NOT NULL,
  expires_at    bigint NOT NULL,
  PRIMARY KEY (connection_id, key)
);
CREATE INDEX webhook_deliveries_expiry_idx ON webhook_deliveries (connection_id, expires_at);
