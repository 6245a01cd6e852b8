import type { ConnectionStore, StoredConnection, StoredConnectionAuth } from '@pax8-sync/core';
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
}

const columns = 'id, name, environment, base_url, country, currency, company_defaults, sealed_credentials, created_at, updated_at, auth';

function toConnection(row: ConnectionRow): StoredConnection {
  return {
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
  };
}

/** Connections: settings and the engine-sealed credentials (stored as the opaque sealed string). @internal */
export function createConnectionStore(ctx: StoreContext): ConnectionStore {
  const { run, table } = ctx;
  const t = table('connections');
  const select = selectList(ctx, columns.split(', '), ['id', 'name', 'environment', 'base_url', 'country', 'currency', 'sealed_credentials'], 'c.');
  return {
    put: (c) =>
      run(async (sql) => {
        await sql.query(
          `INSERT INTO ${t} (${columns}) VALUES ($1, $2, $3, $4, $5, $6, $7::json, $8, $9::bigint, $10::bigint, $11::json)
           ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, environment = EXCLUDED.environment, base_url = EXCLUDED.base_url,
             country = EXCLUDED.country, currency = EXCLUDED.currency, company_defaults = EXCLUDED.company_defaults,
             sealed_credentials = EXCLUDED.sealed_credentials, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at, auth = EXCLUDED.auth`,
          [c.id, c.name, c.environment, c.baseUrl, c.country, c.currency, JSON.stringify(c.companyDefaults), c.sealedCredentials, c.createdAt, c.updatedAt, c.auth === undefined ? null : JSON.stringify(c.auth)],
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
