/**
 * The adapter's tables. Every table but `connections` carries `connection_id`, so "remove
 * integration" is one DELETE per table. JSON values are stored as TEXT.
 */
export const schemaSql = `
CREATE TABLE IF NOT EXISTS connections (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, environment TEXT NOT NULL, base_url TEXT NOT NULL,
  country TEXT NOT NULL, currency TEXT NOT NULL, company_defaults TEXT NOT NULL,
  sealed_credentials TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, auth TEXT, write_policy TEXT
);
CREATE TABLE IF NOT EXISTS tokens (
  connection_id TEXT PRIMARY KEY, sealed_access_token TEXT NOT NULL, expires_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS companies (
  connection_id TEXT NOT NULL, id TEXT NOT NULL, hash TEXT NOT NULL, data TEXT NOT NULL,
  created_run_id TEXT NOT NULL, updated_run_id TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, removed_at INTEGER,
  name TEXT NOT NULL, status TEXT NOT NULL,
  PRIMARY KEY (connection_id, id)
);
CREATE TABLE IF NOT EXISTS products (
  connection_id TEXT NOT NULL, id TEXT NOT NULL, hash TEXT NOT NULL, data TEXT NOT NULL,
  created_run_id TEXT NOT NULL, updated_run_id TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, removed_at INTEGER,
  name TEXT NOT NULL, vendor_name TEXT NOT NULL,
  PRIMARY KEY (connection_id, id)
);
CREATE TABLE IF NOT EXISTS subscriptions (
  connection_id TEXT NOT NULL, id TEXT NOT NULL, hash TEXT NOT NULL, data TEXT NOT NULL,
  created_run_id TEXT NOT NULL, updated_run_id TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, removed_at INTEGER,
  company_id TEXT NOT NULL, product_id TEXT NOT NULL, status TEXT NOT NULL, mapped_state TEXT NOT NULL, quantity REAL NOT NULL,
  PRIMARY KEY (connection_id, id)
);
CREATE INDEX IF NOT EXISTS subscriptions_by_company ON subscriptions (connection_id, company_id);
CREATE TABLE IF NOT EXISTS mappings (
  connection_id TEXT NOT NULL, pax8_company_id TEXT NOT NULL, psa_company_id TEXT NOT NULL, state TEXT NOT NULL,
  score REAL, source TEXT NOT NULL, updated_at INTEGER NOT NULL,
  PRIMARY KEY (connection_id, pax8_company_id)
);
CREATE TABLE IF NOT EXISTS runs (
  id TEXT PRIMARY KEY, connection_id TEXT NOT NULL, entity TEXT NOT NULL, pull_id TEXT NOT NULL, resumed_from_run_id TEXT,
  started_at INTEGER NOT NULL, finished_at INTEGER, outcome TEXT NOT NULL, checkpoint TEXT, counts TEXT NOT NULL,
  error TEXT, flags TEXT NOT NULL, seq INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS runs_by_connection ON runs (connection_id, started_at DESC, seq DESC);
CREATE TABLE IF NOT EXISTS run_seen (
  connection_id TEXT NOT NULL, pull_id TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (connection_id, pull_id, id)
);
CREATE TABLE IF NOT EXISTS changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, connection_id TEXT NOT NULL, run_id TEXT NOT NULL, entity TEXT NOT NULL,
  entity_id TEXT NOT NULL, kind TEXT NOT NULL, at INTEGER NOT NULL, fields TEXT NOT NULL, detail TEXT NOT NULL,
  before TEXT, after TEXT
);
CREATE INDEX IF NOT EXISTS changes_by_connection ON changes (connection_id, seq);
CREATE TABLE IF NOT EXISTS quarantine (
  connection_id TEXT NOT NULL, entity TEXT NOT NULL, key TEXT NOT NULL, run_id TEXT NOT NULL, reason TEXT NOT NULL,
  issues TEXT NOT NULL, record TEXT NOT NULL, at INTEGER NOT NULL,
  PRIMARY KEY (connection_id, entity, key)
);
CREATE TABLE IF NOT EXISTS locks (
  connection_id TEXT NOT NULL, name TEXT NOT NULL, holder TEXT, token INTEGER NOT NULL, expires_at INTEGER NOT NULL,
  PRIMARY KEY (connection_id, name)
);
CREATE TABLE IF NOT EXISTS authorization_states (
  state_hash TEXT PRIMARY KEY, connection_id TEXT NOT NULL, sealed_verifier TEXT NOT NULL, redirect_uri TEXT NOT NULL,
  created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, consumed_at INTEGER
);
CREATE TABLE IF NOT EXISTS authorization_grants (
  connection_id TEXT PRIMARY KEY, status TEXT NOT NULL, sealed_tokens TEXT, access_token_expires_at INTEGER, reason TEXT,
  authorized_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS write_intents (
  id TEXT PRIMARY KEY, connection_id TEXT NOT NULL, kind TEXT NOT NULL, target_entity TEXT NOT NULL, target_id TEXT NOT NULL,
  payload TEXT NOT NULL, based_on TEXT, requested_by TEXT NOT NULL, reason TEXT NOT NULL, state TEXT NOT NULL,
  due_at INTEGER, attempts INTEGER NOT NULL, sent_at INTEGER, outcome TEXT,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS write_intents_by_connection ON write_intents (connection_id, id);
CREATE INDEX IF NOT EXISTS write_intents_due ON write_intents (connection_id, due_at, id) WHERE state = 'approved';
CREATE TABLE IF NOT EXISTS webhooks (
  connection_id TEXT PRIMARY KEY, webhook_id TEXT NOT NULL UNIQUE, account_id TEXT, url TEXT NOT NULL,
  topics TEXT NOT NULL, secrets TEXT NOT NULL, meta TEXT,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS webhooks_by_account ON webhooks (account_id, connection_id);
CREATE TABLE IF NOT EXISTS webhook_deliveries (
  connection_id TEXT NOT NULL, key TEXT NOT NULL, expires_at INTEGER NOT NULL, PRIMARY KEY (connection_id, key)
);
CREATE INDEX IF NOT EXISTS webhook_deliveries_expiry ON webhook_deliveries (connection_id, expires_at);
`;

/** Columns added after the first release, for databases created before them: `ALTER TABLE … ADD COLUMN` when missing. */
export const addedColumns: readonly { table: string; column: string; type: string }[] = [
  { table: 'connections', column: 'auth', type: 'TEXT' },
  { table: 'connections', column: 'write_policy', type: 'TEXT' },
];

/** Every table holding rows of a connection, with the column naming it (for purge and raw read-back). */
export const connectionTables: readonly { table: string; column: string }[] = [
  { table: 'connections', column: 'id' },
  ...['tokens', 'companies', 'products', 'subscriptions', 'mappings', 'runs', 'run_seen', 'changes', 'quarantine', 'locks', 'authorization_states', 'authorization_grants', 'write_intents', 'webhooks', 'webhook_deliveries'].map((table) => ({
    table,
    column: 'connection_id',
  })),
];
