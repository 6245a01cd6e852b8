import type { CompanyDefaults, ConnectionStore, JsonObject, Pax8Environment, StoredConnection, StoredConnectionAuth, TokenStore } from '@pax8-sync/core';
import { fromJson, num, type Runner, toJson } from './runner';

interface ConnectionRow {
  id: string;
  name: string;
  environment: Pax8Environment;
  base_url: string;
  country: string;
  currency: string;
  company_defaults: string;
  sealed_credentials: string;
  created_at: number;
  updated_at: number;
  auth: string | null;
  write_policy: string | null;
}

/**
 * A connection with its write-back policy (`StoredConnection.writePolicy`, opaque JSON; added to
 * core's type with the write-back engine — spelled out here so this file compiles before and after).
 */
type WithWritePolicy = StoredConnection & { writePolicy?: JsonObject };

const toConnection = (r: ConnectionRow): WithWritePolicy => ({
  id: r.id,
  name: r.name,
  environment: r.environment,
  baseUrl: r.base_url,
  country: r.country,
  currency: r.currency,
  companyDefaults: fromJson<CompanyDefaults>(r.company_defaults),
  // Opaque: sealed by the engine's codec, never opened here.
  sealedCredentials: r.sealed_credentials,
  createdAt: num(r.created_at),
  updatedAt: num(r.updated_at),
  // NULL: a client-credentials connection (as every connection stored before delegated authorization).
  ...(r.auth === null ? {} : { auth: fromJson<StoredConnectionAuth>(r.auth) }),
  // NULL: the engine's default write-back policy.
  ...(r.write_policy === null || r.write_policy === undefined ? {} : { writePolicy: fromJson<JsonObject>(r.write_policy) }),
});

/** Connections: settings plus sealed credentials. */
export function createConnectionStore(run: Runner): ConnectionStore {
  return {
    put: (c: WithWritePolicy) =>
      run((db) => {
        db.run(
          `INSERT OR REPLACE INTO connections (id, name, environment, base_url, country, currency, company_defaults, sealed_credentials, created_at, updated_at, auth, write_policy)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [c.id, c.name, c.environment, c.baseUrl, c.country, c.currency, toJson(c.companyDefaults), c.sealedCredentials, c.createdAt, c.updatedAt, c.auth === undefined ? null : toJson(c.auth), c.writePolicy === undefined ? null : toJson(c.writePolicy)],
        );
      }),
    get: (id) => run((db) => db.all<ConnectionRow>('SELECT * FROM connections WHERE id = ?', [id]).map(toConnection)[0]),
    list: () => run((db) => db.all<ConnectionRow>('SELECT * FROM connections ORDER BY id').map(toConnection)),
  };
}

/** One sealed token per connection. */
export function createTokenStore(run: Runner): TokenStore {
  return {
    get: (connectionId) =>
      run((db) => {
        const [row] = db.all<{ sealed_access_token: string; expires_at: number }>('SELECT * FROM tokens WHERE connection_id = ?', [connectionId]);
        return row ? { sealedAccessToken: row.sealed_access_token, expiresAt: num(row.expires_at) } : undefined;
      }),
    set: (connectionId, token) =>
      run((db) => {
        db.run('INSERT OR REPLACE INTO tokens (connection_id, sealed_access_token, expires_at) VALUES (?, ?, ?)', [connectionId, token.sealedAccessToken, token.expiresAt]);
      }),
    delete: (connectionId) =>
      run((db) => {
        db.run('DELETE FROM tokens WHERE connection_id = ?', [connectionId]);
      }),
  };
}
