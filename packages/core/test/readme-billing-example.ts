import { randomBytes } from 'node:crypto';
import { collectRecords, createAesGcmCodec, createSyncEngine, type PsaBillingLine } from '@pax8-sync/core';
import { createMemoryStorage } from '@pax8-sync/storage-memory';
import { createPax8Simulator } from '@pax8-sync/testing';

// June 10th: June's invoices (issued on the 5th) are out.
const now = Date.UTC(2026, 5, 10);
const sim = createPax8Simulator({ companies: 5, subscriptions: 30, referenceDate: now, now: () => now });
const storage = createMemoryStorage(); // declares capabilities.billing
const engine = createSyncEngine({ storage, codec: createAesGcmCodec({ key: randomBytes(32) }), clock: { now: () => now } });
const { id: connectionId } = await engine.createConnection({ name: 'Contoso MSP', environment: 'Production', baseUrl: await sim.listen(), ...sim.credentials, country: 'US', currency: 'USD' });

// Companies, mappings and subscriptions first: only mapped companies' charges are synced.
await engine.syncCompanies({ connectionId });
const companies = await collectRecords(storage.companies, connectionId);
await engine.suggestMappings({ connectionId, psaCompanies: companies.map((c, i) => ({ id: `psa-${i}`, name: c.name })) });
await engine.confirmMappings({ connectionId });
await engine.syncSubscriptions({ connectionId });

// 1. Pull the month's invoices, their items, the draft items and usage (resumable stages).
const pulled = await engine.syncInvoices({ connectionId, period: '2026-06' });
console.log(pulled.outcome); // succeeded

// 2. What your PSA bills this month (here: a line per active subscription, one forgotten). Companies Pax8 bills on your
//    behalf (billOnBehalfOfEnabled) are not yours to bill: their charges are never charged-not-billed.
const psaOf = new Map((await storage.mappings.list(connectionId, { state: 'confirmed' })).map((m) => [m.pax8CompanyId, m.psaCompanyId]));
const onBehalf = new Set(companies.filter((c) => c.data.billOnBehalfOfEnabled === true).map((c) => c.id));
const active = (await collectRecords(storage.subscriptions, connectionId)).filter((s) => s.status === 'Active' && psaOf.has(s.companyId));
const alone = (s: (typeof active)[number]) => active.filter((o) => o.companyId === s.companyId && o.productId === s.productId).length === 1;
const forgotten = active.find((s) => !onBehalf.has(s.companyId) && alone(s) && s.data.billingTerm === 'Monthly');
const psaLines: PsaBillingLine[] = active
  .filter((s) => s !== forgotten)
  .map((s) => ({ psaCompanyId: psaOf.get(s.companyId) as string, pax8ProductId: s.productId, pax8SubscriptionId: s.id, quantity: s.quantity, unitPrice: Number(s.data.price), currency: String(s.data.currencyCode) }));

// 3. Every difference, streamed company by company, then the money at stake.
const pass = engine.reconcile({ connectionId, period: '2026-06', psaLines });
for await (const f of pass.findings) console.log(f.kind, f.pax8CompanyId, f.productId, f.amountAtStake, f.currency);
console.log((await pass.summary()).total); // { findings: …, byCurrency: { USD: …, EUR: … }, amountAtStake: … (null with several currencies), byKind: { … } }
await sim.close();
