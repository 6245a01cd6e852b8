import { Pax8SyncNotFoundError } from '../errors/not-found-error';
import type { StoredConnection } from '../storage/connections';
import type { Pax8SyncStorage } from '../storage/storage';
import { randomIds, systemClock } from '../engine/clock';
import type { EngineDeps } from '../engine/engine-deps';
import { completeLogger } from '../engine/logger';
import { openClient } from '../engine/open-client';
import { validateEngineDeps } from '../engine/validate-engine-deps';
import type { ConnectionSettings, ConnectionView } from './connection-settings';
import { openCredentials, sealCredentials } from './credentials';
import { validateSettings } from './validate-settings';

/** The connection's settings without its sealed credentials. */
export function toConnectionView(connection: StoredConnection): ConnectionView {
  const { sealedCredentials: _sealed, ...view } = connection;
  return { ...view, companyDefaults: { ...view.companyDefaults } };
}

/** Loads a stored connection or throws `Pax8SyncNotFoundError`. @internal */
export async function loadConnection(storage: Pax8SyncStorage, connectionId: string): Promise<StoredConnection> {
  const connection = await storage.connections.get(connectionId);
  if (!connection) throw new Pax8SyncNotFoundError('connection', connectionId);
  return connection;
}

/** Options of {@link createConnection}. */
export interface CreateConnectionOptions extends Pick<EngineDeps, 'storage' | 'codec' | 'clock' | 'ids'> {
  /** The connection's settings (validated; the secret is sealed before it reaches storage). */
  settings: ConnectionSettings;
}

/**
 * Validates the settings and stores a new connection with its credentials sealed.
 * @throws `Pax8SyncConfigError` naming the bad field.
 */
export async function createConnection(options: CreateConnectionOptions): Promise<ConnectionView> {
  validateEngineDeps(options);
  const valid = validateSettings(options.settings);
  const now = (options.clock ?? systemClock).now();
  const id = (options.ids ?? randomIds)();
  const { clientId, clientSecret, ...settings } = valid;
  const connection: StoredConnection = {
    id,
    ...settings,
    sealedCredentials: await sealCredentials(options.codec, id, { clientId, clientSecret }),
    createdAt: now,
    updatedAt: now,
  };
  await options.storage.connections.put(connection);
  return toConnectionView(connection);
}

/** Options of {@link updateConnection}. */
export interface UpdateConnectionOptions extends Pick<EngineDeps, 'storage' | 'codec' | 'clock'> {
  /** The connection to change. */
  connectionId: string;
  /** The settings to change; the rest stay. New credentials drop the stored token. */
  settings: Partial<ConnectionSettings>;
}

/** Changes a connection's settings (validated as a whole again). */
export async function updateConnection(options: UpdateConnectionOptions): Promise<ConnectionView> {
  validateEngineDeps(options);
  const current = await loadConnection(options.storage, options.connectionId);
  const credentials = await openCredentials(options.codec, current);
  // A key given as `undefined` means "unchanged", not "cleared".
  const changes = Object.fromEntries(Object.entries(options.settings).filter(([, value]) => value !== undefined)) as Partial<ConnectionSettings>;
  const merged: ConnectionSettings = {
    name: current.name,
    environment: current.environment,
    baseUrl: current.baseUrl,
    country: current.country,
    currency: current.currency,
    ...credentials,
    ...changes,
    companyDefaults: { ...current.companyDefaults, ...changes.companyDefaults },
  };
  const valid = validateSettings(merged);
  const { clientId, clientSecret, ...settings } = valid;
  const credentialsChanged = clientId !== credentials.clientId || clientSecret !== credentials.clientSecret || valid.baseUrl !== current.baseUrl;
  const connection: StoredConnection = {
    ...current,
    ...settings,
    sealedCredentials: credentialsChanged ? await sealCredentials(options.codec, current.id, { clientId, clientSecret }) : current.sealedCredentials,
    updatedAt: (options.clock ?? systemClock).now(),
  };
  await options.storage.transaction(async (tx) => {
    await tx.connections.put(connection);
    // A token issued for other credentials (or another endpoint) must not be reused.
    if (credentialsChanged) await tx.tokens.delete(current.id);
  });
  return toConnectionView(connection);
}

/** Result of {@link verifyConnection}. */
export interface VerifyConnectionResult {
  /** Whether the credentials work against the endpoint. */
  ok: boolean;
  /** Round-trip time of the check, ms. */
  latencyMs: number;
  /** Why not, when `ok` is false (no secrets). */
  reason?: string;
}

/** Options of {@link verifyConnection}. */
export interface VerifyConnectionOptions extends EngineDeps {
  /** The connection to check. */
  connectionId: string;
}

/** Checks the connection's credentials and endpoint with the client's connectivity check; never throws for a failed check. */
export async function verifyConnection(options: VerifyConnectionOptions): Promise<VerifyConnectionResult> {
  validateEngineDeps(options);
  const connection = await loadConnection(options.storage, options.connectionId);
  const client = await openClient(options, connection);
  const result = await client.verifyConnectivity();
  completeLogger(options.logger).info({ connectionId: connection.id, ok: result.ok, latencyMs: result.latencyMs }, 'pax8-sync: connection verified');
  return { ok: result.ok, latencyMs: result.latencyMs, ...(result.reason === undefined ? {} : { reason: result.reason }) };
}

/** Options of {@link removeConnection}. */
export interface RemoveConnectionOptions {
  /** The storage adapter. */
  storage: Pax8SyncStorage;
  /** The connection to remove. */
  connectionId: string;
}

/** "Remove integration": purges every synced row of the connection from storage. Pax8 is not touched. */
export async function removeConnection(options: RemoveConnectionOptions): Promise<void> {
  validateEngineDeps(options, { codec: false });
  await options.storage.purgeConnection(options.connectionId);
}

/** Options of {@link getConnection}. */
export interface GetConnectionOptions {
  /** The storage adapter. */
  storage: Pax8SyncStorage;
  /** The connection id. */
  connectionId: string;
}

/** Returns a connection's settings (no credentials), or throws `Pax8SyncNotFoundError`. */
export async function getConnection(options: GetConnectionOptions): Promise<ConnectionView> {
  validateEngineDeps(options, { codec: false });
  return toConnectionView(await loadConnection(options.storage, options.connectionId));
}
