import { type ConnectionView, type Pax8SyncStorage, toConnectionView } from '@pax8-sync/core';

/**
 * The connection this console manages: the first one in storage (the console manages one). In your
 * product, look the connection id up from the signed-in tenant instead.
 */
export async function currentConnection(storage: Pax8SyncStorage): Promise<ConnectionView | undefined> {
  const [first] = await storage.connections.list();
  if (!first) return undefined;
  // A delegated connection's status (connected, re-authentication required) is its grant's.
  const grant = first.auth?.kind === 'authorization-code' ? await storage.authorizations?.getGrant(first.id) : undefined;
  return toConnectionView(first, grant);
}
