import type { Pax8Client } from '@pax8-sync/client';
import { delegatedAuth } from '../auth/authorization-store';
import { usableGrant } from '../auth/usable-grant';
import { loadConnection } from '../connections/connection-functions';
import { systemClock } from '../engine/clock';
import type { EngineDeps } from '../engine/engine-deps';
import { openClient } from '../engine/open-client';
import { validateEngineDeps } from '../engine/validate-engine-deps';
import { Pax8SyncConfigError } from '../errors/config-error';
import type { StoredConnection } from '../storage/connections';
import type { Pax8SyncStorage, Pax8SyncStores } from '../storage/storage';
import type { WebhookStore } from '../storage/webhooks';

/** The webhook store of storage or a transaction; refuses an adapter without webhooks. @internal */
export function webhookStoreOf(stores: Pax8SyncStores): WebhookStore {
  if (!stores.webhooks) throw new Pax8SyncConfigError('storage', 'this storage adapter does not declare capabilities.webhooks, so it has no webhook store: webhooks need an adapter that does (memory, Postgres, SQLite).');
  return stores.webhooks;
}

/** Refuses webhooks on an adapter that does not declare them. @internal */
export function requireWebhooks(storage: Pax8SyncStorage): WebhookStore {
  if (storage.capabilities.webhooks !== true) return webhookStoreOf({ ...storage, webhooks: undefined });
  return webhookStoreOf(storage);
}

/** The engine's clock reading. @internal */
export const clockNow = (deps: Pick<EngineDeps, 'clock'>): number => (deps.clock ?? systemClock).now();

/** Checks the deps and the adapter, and loads the connection. @internal */
export async function webhookConnection(deps: EngineDeps, connectionId: string): Promise<StoredConnection> {
  validateEngineDeps(deps);
  requireWebhooks(deps.storage);
  if (typeof connectionId !== 'string' || connectionId === '') throw new Pax8SyncConfigError('connectionId', 'must be the id of a connection.');
  return loadConnection(deps.storage, connectionId);
}

/**
 * The connection's Pax8 client with its webhooks resource, opened through `openClient` (both auth
 * kinds; a delegated connection fails fast with `Pax8SyncReauthorizationRequiredError` when it must
 * reconnect). `secrets` collects what error texts must not show. @internal
 */
export async function openWebhookClient(deps: EngineDeps, connection: StoredConnection, secrets?: Set<string>): Promise<Pax8Client> {
  if (delegatedAuth(connection)) await usableGrant(deps.storage, connection);
  const client = (await openClient(deps, connection, secrets)) as Partial<Pax8Client>;
  if (!client.webhooks || !client.subscriptions || !client.companies) {
    throw new Pax8SyncConfigError('createClient', 'webhooks need a client with webhooks, companies and subscriptions (the default factory, createPax8Client, makes one).');
  }
  return client as Pax8Client;
}
