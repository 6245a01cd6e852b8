import type { ConnectionStore, JsonObject, StoredConnection, StoredConnectionAuth } from '@pax8-sync/core';
import { json, num, type StoreContext, selectList } from './store-context';

interface ConnectionRow {
  id: string;
  name: string;
  environment: StoredConnection['environment'];
  base_url: string;
  country: string;
  currency: string;
  company_defaults: unknown;
  sealed_credentials: string;
  created_at: unknown;
  updated_at: unknown;
  auth: unknown;
  write_policy: unknown;
}

/**
 * A connection with its write-back policy (`StoredConnection.writePolicy`, opaque JSON; added to
 * core's type with the write-back engine — spelled out here so this file compiles before and after).
 */
type WithWritePolicy = StoredConnection & { writePolicy?: JsonObject };

const columns = 'id, name, environment, base_url, country, currency, company_defaults, sealed_credentials, created_at, updated_at, auth, write_policy';

function toConnection(row: ConnectionRow): StoredConnection {
  const connection: WithWritePolicy = {
    id: row.id,
    name: row.name,
    environment: row.environment,
    baseUrl: row.base_url,
    country: row.country,
    currency: row.currency,
    companyDefaults: json(row.company_defaults),
    sealedCredentials: row.sealed_credentials,
    createdAt: num(row.created_at),
    updatedAt: num(row.updated_at),
    // NULL: a client-credentials connection (every connection stored before schema version 3).
    ...(row.auth === null || row.auth === undefined ? {} : { auth: json<StoredConnectionAuth>(row.auth) }),
    // NULL: the engine's default policy (every connection stored before schema version 4).
    ...(row.write_policy === null || row.write_policy === undefined ? {} : { writePolicy: json<JsonObject>(row.write_policy) }),
  };
  return connection;
}

/** The policy column's parameter: NULL when the connection has none. */
const writePolicyOf = (c: WithWritePolicy): string | null => (c.writePolicy === undefined ? null : JSON.stringify(c.writePolicy));

/** Connections: settings and the engine-sealed credentials (stored as the opaque sealed string). @internal */
export function createConnectionStore(ctx: StoreContext): ConnectionStore {
  const { run, table } = ctx;
  const t = table('connections');
  const select = selectList(ctx, columns.split(', '), ['id', 'name', 'environment', 'base_url', 'country', 'currency', 'sealed_credentials'], 'c.');
  return {
    put: (c) =>
      run(async (sql) => {
        await sql.query(
          `INSERT INTO ${t} (${columns}) VALUES ($1, $2, $3, $4, $5, $6, $7::json, $8, $9::bigint, $10::bigint, $11::json, $12::json)
           ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, environment = EXCLUDED.environment, base_url = EXCLUDED.base_url,
             country = EXCLUDED.country, currency = EXCLUDED.currency, company_defaults = EXCLUDED.company_defaults,
             sealed_credentials = EXCLUDED.sealed_credentials, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at, auth = EXCLUDED.auth,
             write_policy = EXCLUDED.write_policy`,
          [c.id, c.name, c.environment, c.baseUrl, c.country, c.currency, JSON.stringify(c.companyDefaults), c.sealedCredentials, c.createdAt, c.updatedAt, c.auth === undefined ? null : JSON.stringify(c.auth), writePolicyOf(c)],
        );
      }),
    get: (id) =>
      run(async (sql) => {
        const { rows } = await sql.query<ConnectionRow>(`SELECT ${select} FROM ${t} c WHERE c.id = $1`, [id]);
        return rows[0] ? toConnection(rows[0]) : undefined;
      }),
    list: () =>
      run(async (sql) => {
        const { rows } = await sql.query<ConnectionRow>(`SELECT ${select} FROM ${t} c ORDER BY c.id`);
        return rows.map(toConnection);
      }),
  };
}
