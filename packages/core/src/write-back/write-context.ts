import type { Pax8Client } from '@pax8-sync/client';
import { delegatedAuth } from '../auth/authorization-store';
import { usableGrant } from '../auth/usable-grant';
import { loadConnection } from '../connections/connection-functions';
import { systemClock } from '../engine/clock';
import type { EngineDeps } from '../engine/engine-deps';
import { openClient } from '../engine/open-client';
import { validateEngineDeps } from '../engine/validate-engine-deps';
import { Pax8SyncConfigError } from '../errors/config-error';
import { Pax8SyncNotFoundError } from '../errors/not-found-error';
import type { StoredConnection } from '../storage/connections';
import type { OutboxStore, StoredWriteIntent } from '../storage/outbox';
import type { Pax8SyncStorage, Pax8SyncStores } from '../storage/storage';

/** The outbox of storage or a transaction; refuses an adapter without write-back. @internal */
export function outboxOf(stores: Pax8SyncStores): OutboxStore {
  if (!stores.outbox) throw new Pax8SyncConfigError('storage', 'this storage adapter does not declare capabilities.writeBack, so it has no outbox: write-back needs an adapter that does (memory, Postgres).');
  return stores.outbox;
}

/** Refuses write-back on an adapter that does not declare it. @internal */
export function requireWriteBack(storage: Pax8SyncStorage): OutboxStore {
  if (storage.capabilities.writeBack !== true) outboxOf({ ...storage, outbox: undefined });
  return outboxOf(storage);
}

/** The engine's clock reading. @internal */
export const nowOf = (deps: Pick<EngineDeps, 'clock'>): number => (deps.clock ?? systemClock).now();

/** Checks the deps and the adapter, and loads the connection. @internal */
export async function writeConnection(deps: EngineDeps, connectionId: string): Promise<StoredConnection> {
  validateEngineDeps(deps);
  requireWriteBack(deps.storage);
  if (typeof connectionId !== 'string' || connectionId === '') throw new Pax8SyncConfigError('connectionId', 'must be the id of a connection.');
  return loadConnection(deps.storage, connectionId);
}

/** The intent, or a typed not-found error. @internal */
export async function loadIntent(storage: Pax8SyncStorage, connectionId: string, intentId: string): Promise<StoredWriteIntent> {
  if (typeof intentId !== 'string' || intentId === '') throw new Pax8SyncConfigError('intentId', 'must be the id of a write intent.');
  const intent = await requireWriteBack(storage).get(connectionId, intentId);
  if (!intent) throw new Pax8SyncNotFoundError('write intent', intentId);
  return intent;
}

/**
 * The connection's Pax8 client for writing, opened through `openClient` (both auth kinds; a
 * delegated connection fails fast with `Pax8SyncReauthorizationRequiredError` when it must
 * reconnect). The client must have `sendOnce` and the write resources (`createPax8Client` does).
 * @internal
 */
export async function openWriteClient(deps: EngineDeps, connection: StoredConnection): Promise<Pax8Client> {
  if (delegatedAuth(connection)) await usableGrant(deps.storage, connection);
  const client = (await openClient(deps, connection)) as Partial<Pax8Client>;
  if (typeof client.sendOnce !== 'function' || !client.orders || !client.companies || !client.subscriptions) {
    throw new Pax8SyncConfigError('createClient', 'write-back needs a client with sendOnce, orders, companies and subscriptions (the default factory, createPax8Client, makes one).');
  }
  return client as Pax8Client;
}
