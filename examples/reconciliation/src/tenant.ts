import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { collectRecords, type Pax8SyncStorage, type SyncEngine, createSyncEngine } from '@pax8-sync/core';
import { createPostgresStorage, type PostgresClient } from '@pax8-sync/storage-postgres';
import { createPax8Simulator, type Pax8Simulator } from '@pax8-sync/testing';
import pg from 'pg';
import { type IssuedBilling, issueBilling } from './issued-billing';

/** June 10th 2026, 09:00 UTC: June's invoices (issued on the 5th) are out. The simulator and the engine share this clock. */
export const NOW = Date.UTC(2026, 5, 10, 9);
/** The month reconciled. */
export const PERIOD = '2026-06';
/** The simulated partner account: small, so the example runs in seconds, and the same on every run. */
export const simulatedWorld = { seed: 19, companies: 12, products: 20, subscriptions: 320 } as const;

/** The simulator on loopback, the storage (PGlite in memory, or a schema on a server), the engine and one connection whose companies are mapped and synced. */
export interface Tenant {
  sim: Pax8Simulator;
  baseUrl: string;
  storage: Pax8SyncStorage;
  engine: SyncEngine;
  connectionId: string;
  /** The prorate, credit and annual lines the simulator issues as Pax8 does (no difference). */
  issued: IssuedBilling;
  /** Where the data lives, for the output. */
  storedIn: string;
  /** Closes the simulator and the database. */
  close(): Promise<void>;
}

/** Where the tenant is stored: PGlite in memory, or a fresh schema of a Postgres server. */
export interface TenantDatabase {
  /** `postgres://…` of a server; absent: PGlite (Postgres in WebAssembly) in memory. */
  databaseUrl?: string | undefined;
  /** The schema on the server (default a fresh `pax8_reconciliation_<random>`, dropped on close). */
  schema?: string;
}

/** Opens the database: a client for the storage, a description, and how to close it (a server schema is dropped). */
async function openDatabase(options: TenantDatabase): Promise<{ client: PostgresClient; schema: string; description: string; close(): Promise<void> }> {
  if (!options.databaseUrl) {
    const db = new PGlite();
    await db.waitReady;
    return { client: db, schema: 'pax8_sync', description: 'PGlite in memory', close: () => db.close() };
  }
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 4 });
  const schema = options.schema ?? `pax8_reconciliation_${randomBytes(4).toString('hex')}`;
  const url = new URL(options.databaseUrl);
  return {
    client: pool,
    schema,
    description: `Postgres ${url.host}${url.pathname}, schema ${schema} (dropped at the end)`,
    close: async () => {
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pool.end();
    },
  };
}

/**
 * Starts the simulator on 127.0.0.1 (with a prorate, a credit and an annual subscription in its
 * anniversary month, see `issueBilling`), opens the database (PGlite in memory, or a schema on the server
 * named by `databaseUrl`) with the pax8-sync tables, creates a Production connection (the example sends one approved quantity change),
 * syncs companies and maps every one through Quick Match ("Save All" of the suggestions).
 */
export async function openTenant(database: TenantDatabase = {}): Promise<Tenant> {
  const clock = { now: () => NOW };
  const sim = createPax8Simulator({ ...simulatedWorld, referenceDate: NOW, now: clock.now });
  const issued = issueBilling(sim);
  const baseUrl = await sim.listen();
  const db = await openDatabase(database);
  const storage = createPostgresStorage({ client: db.client, schema: db.schema, encryptionKey: randomBytes(32) });
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
    return { sim, baseUrl, storage, engine, connectionId, issued, storedIn: db.description, close };
  } catch (error) {
    await close();
    throw error;
  }
}
