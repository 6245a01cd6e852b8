import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { collectRecords, type Pax8SyncStorage, type SyncEngine, createSyncEngine } from '@pax8-sync/core';
import { createPostgresStorage } from '@pax8-sync/storage-postgres';
import { createPax8Simulator, type Pax8Simulator } from '@pax8-sync/testing';

/** June 10th 2026, 09:00 UTC: June's invoices (issued on the 5th) are out. The simulator and the engine share this clock. */
export const NOW = Date.UTC(2026, 5, 10, 9);
/** The month reconciled. */
export const PERIOD = '2026-06';
/** The simulated partner account: small, so the example runs in seconds, and the same on every run. */
export const simulatedWorld = { seed: 19, companies: 12, products: 20, subscriptions: 320 } as const;

/** The simulator on loopback, the storage (PGlite in memory), the engine and one connection whose companies are mapped and synced. */
export interface Tenant {
  sim: Pax8Simulator;
  baseUrl: string;
  storage: Pax8SyncStorage;
  engine: SyncEngine;
  connectionId: string;
  /** Closes the simulator and the database. */
  close(): Promise<void>;
}

/**
 * Starts the simulator on 127.0.0.1, opens PGlite (Postgres in WebAssembly, in memory) with the
 * pax8-sync schema, creates a Production connection (the example sends one approved quantity change),
 * syncs companies and maps every one through Quick Match ("Save All" of the suggestions).
 */
export async function openTenant(): Promise<Tenant> {
  const clock = { now: () => NOW };
  const sim = createPax8Simulator({ ...simulatedWorld, referenceDate: NOW, now: clock.now });
  const baseUrl = await sim.listen();
  const db = new PGlite();
  await db.waitReady;
  const storage = createPostgresStorage({ client: db, schema: 'pax8_sync', encryptionKey: randomBytes(32) });
  await storage.migrate();
  const engine = createSyncEngine({ storage, codec: storage.codec, clock });
  const close = async () => {
    await sim.close();
    await db.close();
  };
  try {
    const { id: connectionId } = await engine.createConnection({ name: 'Contoso MSP', environment: 'Production', baseUrl, ...sim.credentials, country: 'US', currency: 'USD' });
    await engine.syncCompanies({ connectionId });
    // Your PSA's company list; here the same names, so Quick Match suggests every company and "Save All" confirms them.
    const psaCompanies = (await collectRecords(storage.companies, connectionId)).map((c, i) => ({ id: `psa-${String(i + 1).padStart(3, '0')}`, name: c.name }));
    await engine.suggestMappings({ connectionId, psaCompanies });
    await engine.confirmMappings({ connectionId });
    return { sim, baseUrl, storage, engine, connectionId, close };
  } catch (error) {
    await close();
    throw error;
  }
}
