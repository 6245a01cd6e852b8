import { authorizationStore, delegatedAuth } from '../auth/authorization-store';
import { connectionAuthView } from '../auth/connection-auth-view';
import { usableGrant } from '../auth/usable-grant';
import { Pax8SyncNotFoundError } from '../errors/not-found-error';
import type { StoredAuthorizationGrant } from '../storage/authorizations';
import type { StoredConnection } from '../storage/connections';
import type { Pax8SyncStorage } from '../storage/storage';
import { randomIds, systemClock } from '../engine/clock';
import type { EngineDeps } from '../engine/engine-deps';
import { completeLogger } from '../engine/logger';
import { openClient } from '../engine/open-client';
import { validateEngineDeps } from '../engine/validate-engine-deps';
import type { ConnectionSettings, ConnectionSettingsUpdate, ConnectionView } from './connection-settings';
import { openCredentials, sealCredentials } from './credentials';
import { validateSettings } from './validate-settings';
import { Pax8SyncConfigError } from '../errors/config-error';
import { Pax8SyncReauthorizationRequiredError } from '../errors/reauthorization-required-error';
import type { AuthorizationCodeSettings, ConnectionCredentials } from './connection-settings';

/**
 * The connection's settings without its sealed credentials. For a delegated connection give its
 * grant (`storage.authorizations.getGrant(id)`), or it shows as `not-connected`.
 */
export function toConnectionView(connection: StoredConnection, grant?: StoredAuthorizationGrant): ConnectionView {
  const { sealedCredentials: _sealed, auth: _auth, ...view } = connection;
  return { ...view, companyDefaults: { ...view.companyDefaults }, auth: connectionAuthView(connection, grant) };
}

/** The view of a stored connection, with its grant read from storage when it is delegated. @internal */
export async function viewOf(storage: Pax8SyncStorage, connection: StoredConnection): Promise<ConnectionView> {
  const grant = delegatedAuth(connection) ? await authorizationStore(storage).getGrant(connection.id) : undefined;
  return toConnectionView(connection, grant);
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
  if (valid.auth.kind === 'authorization-code') authorizationStore(options.storage);
  const now = (options.clock ?? systemClock).now();
  const id = (options.ids ?? randomIds)();
  const { credentials, auth, ...settings } = valid;
  const connection: StoredConnection = {
    id,
    ...settings,
    sealedCredentials: await sealCredentials(options.codec, id, credentials),
    // Client-credentials connections are stored as before, so adapters without the capability hold them unchanged.
    ...(auth.kind === 'authorization-code' ? { auth } : {}),
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
  /**
   * The settings to change; the rest stay. New credentials drop the stored token; for a delegated
   * connection, a new application, endpoint, audience or scope drops the grant (the partner connects again).
   */
  settings: ConnectionSettingsUpdate;
}

/** Changes a connection's settings (validated as a whole again). The auth kind cannot change. */
export async function updateConnection(options: UpdateConnectionOptions): Promise<ConnectionView> {
  validateEngineDeps(options);
  const current = await loadConnection(options.storage, options.connectionId);
  const credentials = await openCredentials(options.codec, current);
  // A key given as `undefined` means "unchanged", not "cleared".
  const changes = Object.fromEntries(Object.entries(options.settings).filter(([, value]) => value !== undefined)) as ConnectionSettingsUpdate;
  const merged = mergeSettings(current, credentials, changes);
  const valid = validateSettings(merged);
  const { credentials: nextCredentials, auth, ...settings } = valid;
  const credentialsChanged =
    nextCredentials.clientId !== credentials.clientId ||
    nextCredentials.clientSecret !== credentials.clientSecret ||
    valid.baseUrl !== current.baseUrl ||
    JSON.stringify(auth) !== JSON.stringify(current.auth ?? { kind: 'client-credentials' });
  const connection: StoredConnection = {
    ...current,
    ...settings,
    sealedCredentials: credentialsChanged ? await sealCredentials(options.codec, current.id, nextCredentials) : current.sealedCredentials,
    ...(auth.kind === 'authorization-code' ? { auth } : {}),
    updatedAt: (options.clock ?? systemClock).now(),
  };
  await options.storage.transaction(async (tx) => {
    await tx.connections.put(connection);
    // A token issued for other credentials (or another endpoint) must not be reused.
    if (credentialsChanged) await tx.tokens.delete(current.id);
    if (credentialsChanged && auth.kind === 'authorization-code') await authorizationStore(options.storage, tx).deleteGrant(current.id);
  });
  return viewOf(options.storage, connection);
}

/** The current settings with the changes applied; refuses a change of auth kind. */
function mergeSettings(current: StoredConnection, credentials: ConnectionCredentials, changes: ConnectionSettingsUpdate): ConnectionSettings {
  const base = { name: current.name, environment: current.environment, baseUrl: current.baseUrl, country: current.country, currency: current.currency };
  const companyDefaults = { ...current.companyDefaults, ...changes.companyDefaults };
  const delegated = delegatedAuth(current);
  const { auth: authChanges, ...rest } = changes;
  const kind = delegated ? 'authorization-code' : 'client-credentials';
  if (authChanges?.kind !== undefined && authChanges.kind !== kind) {
    throw new Pax8SyncConfigError('settings.auth.kind', `cannot change from "${kind}" to "${authChanges.kind}": create a new connection with the other kind, then remove this one.`);
  }
  if (!delegated) return { ...base, ...credentials, ...rest, companyDefaults } as ConnectionSettings;
  const { kind: _kind, ...stored } = delegated;
  const auth = { kind: 'authorization-code' as const, ...stored, ...credentials, ...(authChanges as Partial<AuthorizationCodeSettings> | undefined) };
  return { ...base, ...rest, companyDefaults, auth };
}

/** Result of {@link verifyConnection}. */
export interface VerifyConnectionResult {
  /** Whether the credentials work against the endpoint. */
  ok: boolean;
  /** Round-trip time of the check, ms. */
  latencyMs: number;
  /** Why not, when `ok` is false (no secrets). Starts with `re-authenticate` when only a new consent helps. */
  reason?: string;
  /** True for a delegated connection that needs the partner to connect again (or never connected). */
  reauthorizationRequired?: boolean;
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
  const log = completeLogger(options.logger);
  const unusable = delegatedAuth(connection) ? await usableGrant(options.storage, connection).then(() => undefined, (error: unknown) => error) : undefined;
  if (Pax8SyncReauthorizationRequiredError.isInstance(unusable)) {
    log.info({ connectionId: connection.id, ok: false, reauthorizationRequired: true }, 'pax8-sync: connection verified');
    return { ok: false, latencyMs: 0, reason: `re-authenticate: ${unusable.reason}; the partner must connect to Pax8 again`, reauthorizationRequired: true };
  }
  if (unusable !== undefined) throw unusable;
  const client = await openClient(options, connection);
  const result = await client.verifyConnectivity();
  const reauthorize = result.failure === 'reauthenticate' || (result.reason ?? '').startsWith('re-authenticate');
  log.info({ connectionId: connection.id, ok: result.ok, latencyMs: result.latencyMs, ...(reauthorize ? { reauthorizationRequired: true } : {}) }, 'pax8-sync: connection verified');
  return { ok: result.ok, latencyMs: result.latencyMs, ...(result.reason === undefined ? {} : { reason: result.reason }), ...(reauthorize ? { reauthorizationRequired: true } : {}) };
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
  return viewOf(options.storage, await loadConnection(options.storage, options.connectionId));
}
