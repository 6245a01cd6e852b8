import { type ConnectionView, createConnection, type SyncEngine } from '@pax8-sync/core';
import type { PostgresStorage } from '@pax8-sync/storage-postgres';
import { endpointOf, type Pax8Source } from './account';
import type { Print } from './report';

/** Options of {@link connectAccount}. */
export interface ConnectAccountOptions {
  /** The engine. */
  engine: SyncEngine;
  /** Its storage. */
  storage: PostgresStorage;
  /** The id the quickstart's state reserved for this account's connection. */
  connectionId: string;
  /** The account to connect to. */
  source: Pax8Source;
  /** Prints one line. */
  print: Print;
  /** How to start from nothing, for the notice about other accounts' connections. */
  startClean: string;
}

/**
 * The account's own connection: reused when it exists (its endpoint and secret kept up to date: the
 * simulator starts on a new port each run), otherwise created under the id reserved for it, so a run
 * interrupted after this point finds it again instead of creating a second one. Connections of other
 * accounts in the same storage are named, never used.
 */
export async function connectAccount(options: ConnectAccountOptions): Promise<ConnectionView> {
  const { engine, storage, connectionId, source, print } = options;
  const credentials = { baseUrl: source.baseUrl, clientId: source.clientId, clientSecret: source.clientSecret };
  const existing = await storage.connections.get(connectionId);
  const connection = existing
    ? await engine.updateConnection(connectionId, credentials)
    : await createConnection({
        storage,
        codec: storage.codec,
        ids: () => connectionId,
        settings: {
          name: source.kind === 'simulator' ? 'Pax8 simulator (quickstart)' : `Pax8 ${endpointOf(source.baseUrl)} (quickstart)`,
          environment: 'Sandbox',
          country: 'US',
          currency: 'USD',
          ...credentials,
        },
      });
  print(`${existing ? 'Reusing' : 'Created'} connection ${connection.id} (${connection.environment})`);
  const others = (await storage.connections.list()).filter((c) => c.id !== connection.id);
  if (others.length > 0) {
    print(
      `This storage also holds ${others.length} other connection(s) (${others.map((c) => c.name).join('; ')}): another endpoint or client id, ` +
        `so their companies, mappings and subscriptions are kept apart and none of them is shown here. To start clean: ${options.startClean}.`,
    );
  }
  return connection;
}
