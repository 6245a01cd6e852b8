-- pax8-sync storage, schema version 3: delegated authorization ("Connect to Pax8").
-- Runs with search_path set to the configured schema, inside the migration transaction.
--
-- A connection's auth settings (no secret in them); NULL is a client-credentials connection, as
-- every connection stored before this version.
ALTER TABLE connections ADD COLUMN auth json;

-- Started authorizations. The state itself is never stored: only its SHA-256 (base64url). The PKCE
-- verifier is sealed by the engine's codec, bound to the connection and the state. consumed_at is
-- set once: a state is single-use, and a replay is told apart from a forged state until it is pruned.
CREATE TABLE authorization_states (
  state_hash      text COLLATE "C" PRIMARY KEY,
  connection_id   text COLLATE "C" NOT NULL,
  sealed_verifier text   NOT NULL,
  redirect_uri    text   NOT NULL,
  created_at      bigint NOT NULL,
  expires_at      bigint NOT NULL,
  consumed_at     bigint
);
CREATE INDEX authorization_states_expiry_idx ON authorization_states (expires_at);
CREATE INDEX authorization_states_connection_idx ON authorization_states (connection_id);

-- One grant per connection: the access and refresh token sealed together as ONE value (so a rotated
-- refresh token is only ever replaced with its access token), the connection's auth status, and a
-- version every write compares and increments.
CREATE TABLE authorization_grants (
  connection_id           text COLLATE "C" PRIMARY KEY,
  status                  text   NOT NULL CHECK (status IN ('connected', 'reauthorization-required')),
  sealed_tokens           text,
  access_token_expires_at bigint,
  reason                  text,
  authorized_at           bigint NOT NULL,
  updated_at              bigint NOT NULL,
  version                 bigint NOT NULL CHECK (version > 0)
);
