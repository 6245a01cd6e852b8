import { randomBytes } from 'node:crypto';
import { collectRecords, createAesGcmCodec, createSyncEngine, dueSyncs, latestRuns } from '@pax8-sync/core';
import { createMemoryStorage } from '@pax8-sync/storage-memory';
import { createPax8Simulator } from '@pax8-sync/testing';

const sim = createPax8Simulator({ companies: 5, subscriptions: 40 });
const baseUrl = await sim.listen();

const storage = createMemoryStorage();
const engine = createSyncEngine({
  storage,
  // 32-byte key; keep it in your secret manager. Old keys go to `previousKeys` when you rotate.
  codec: createAesGcmCodec({ key: randomBytes(32) }),
});

// 1. Create and verify a connection (the secret is sealed before it reaches storage).
const connection = await engine.createConnection({
  name: 'Contoso MSP',
  environment: 'Production', // 'Sandbox' reads Pax8 but never changes anything there
  baseUrl,                   // default https://api.pax8.com
  clientId: sim.credentials.clientId,
  clientSecret: sim.credentials.clientSecret,
  country: 'US',
  currency: 'USD',
  companyDefaults: { billOnBehalfOfEnabled: true },
});
console.log(await engine.verifyConnection(connection.id)); // { ok: true, latencyMs: … }

// 2. Sync companies, then map them to your PSA companies (Quick Match, then "Save All").
await engine.syncCompanies({ connectionId: connection.id });
const psaCompanies = (await collectRecords(storage.companies, connection.id)).map((c, i) => ({ id: `psa-${i}`, name: c.name }));
await engine.suggestMappings({ connectionId: connection.id, psaCompanies });
await engine.confirmMappings({ connectionId: connection.id });

// 3. Sync subscriptions of mapped companies (call this from your scheduler; see dueSyncs).
const result = await engine.syncSubscriptions({ connectionId: connection.id, onProgress: (p) => console.log(`${p.pagesDone}/${p.pagesTotal}`) });
console.log(result.outcome, 'counts' in result ? result.counts : result);

// 4. Read the change feed from your last cursor to drive billing lines.
const { events, nextCursor } = await engine.listChanges(connection.id, { after: null, limit: 100 });
for (const e of events) console.log(e.kind, e.entity, e.entityId, e.detail);

console.log(dueSyncs(connection, await latestRuns(storage, connection.id), Date.now())); // [{ entity: 'products', reason: 'never-synced' }]
console.log(nextCursor);
await sim.close();
