import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { createSyncEngine, iterateRecords } from '@pax8-sync/core';
import { createPostgresStorage } from '@pax8-sync/storage-postgres';
import { createPax8Simulator } from '@pax8-sync/testing';
import pg from 'pg';

// A Pax8 stand-in on 127.0.0.1 (use https://api.pax8.com and your own credentials in production).
const sim = createPax8Simulator({ seed: 1, companies: 3, products: 4, subscriptions: 25 });
const baseUrl = await sim.listen();

// Your own client: a pg Pool on your server, or PGlite in-process (tests, demos, desktop apps).
const url = process.env.DATABASE_URL;
const client = url ? new pg.Pool({ connectionString: url }) : new PGlite();

const storage = createPostgresStorage({
  client,
  schema: process.env.PAX8_SYNC_SCHEMA ?? 'pax8_sync',
  // 32 bytes; keep it in your secret store (`openssl rand -base64 32`), never in the database.
  encryptionKey: process.env.PAX8_SYNC_KEY ?? randomBytes(32),
});
await storage.migrate(); // idempotent: safe on every start, from every worker

// The engine seals the Pax8 client secret and tokens with the storage's AES-256-GCM codec.
const engine = createSyncEngine({ storage, codec: storage.codec });
const connection = await engine.createConnection({
  name: 'Contoso MSP (Pax8)',
  environment: 'Production',
  baseUrl,
  ...sim.credentials,
  country: 'US',
  currency: 'USD',
});
await engine.syncCompanies({ connectionId: connection.id });
for await (const company of iterateRecords(storage.companies, connection.id)) {
  await engine.setMapping({ connectionId: connection.id, pax8CompanyId: company.id, psaCompanyId: `psa-${company.id}` });
}
const result = await engine.syncSubscriptions({ connectionId: connection.id });
const feed = await engine.listChanges(connection.id, { limit: 100 });

const stored = await storage.subscriptions.count(connection.id);
console.log(`${result.outcome}: ${stored} subscriptions stored, ${feed.events.length} change events`);

await sim.close();
await (client instanceof PGlite ? client.close() : client.end());

export const summary = { outcome: result.outcome, stored, created: feed.events.filter((e) => e.kind === 'created').length };
