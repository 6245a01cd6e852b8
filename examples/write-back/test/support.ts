import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type ChangeEvent, createAesGcmCodec, createSyncEngine, type SyncEngine } from '@pax8-sync/core';
import { createMemoryStorage } from '@pax8-sync/storage-memory';
import { createPax8Simulator, type Pax8Simulator } from '@pax8-sync/testing';

/** Pax8 dates carry offsets like `-0600`; Date.parse wants `-06:00`. */
export const pax8Time = (date: string): number => Date.parse(date.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));

/** A clock the engine and the simulator share, so commitment rules agree on "now". */
export function settableClock(start: number) {
  let now = start;
  return {
    now: () => now,
    set: (t: number) => {
      now = t;
    },
  };
}

/** Every event of a connection's change feed, oldest first. */
export async function wholeFeed(engine: SyncEngine, connectionId: string): Promise<ChangeEvent[]> {
  const all: ChangeEvent[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await engine.listChanges(connectionId, { after, limit: 1000 });
    if (page.events.length === 0) return all;
    all.push(...page.events);
    after = page.nextCursor;
  }
}

/** Writes the simulator received (method and path), oldest first. */
export const writesTo = (sim: Pax8Simulator): string[] => sim.requests.filter((r) => r.method !== 'GET' && !r.url.endsWith('/token')).map((r) => `${r.method} ${new URL(r.url).pathname}`);

/** The simulator, an engine on memory storage sharing its clock, and one Production connection with companies synced. */
export async function startDesk() {
  const clock = settableClock(Date.UTC(2026, 5, 1, 12));
  const sim = createPax8Simulator({ seed: 21, companies: 6, products: 8, subscriptions: 40, now: clock.now });
  const baseUrl = await sim.listen();
  const engine = createSyncEngine({ storage: createMemoryStorage(), codec: createAesGcmCodec({ key: randomBytes(32) }), clock });
  const { id: connectionId } = await engine.createConnection({ name: 'MSP', environment: 'Production', baseUrl, ...sim.credentials, country: 'US', currency: 'USD' });
  await engine.syncCompanies({ connectionId });
  return { clock, sim, engine, connectionId };
}

/** Waits until `check` holds, polling every 20 ms. */
export async function until(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** An order line the simulated Pax8 accepts for the company: the first product and term its `isMock` validation takes. */
export async function orderLine(engine: SyncEngine, connectionId: string, sim: Pax8Simulator, companyId: string) {
  for (const product of sim.world.products.list()) {
    if (product.requiresCommitment) continue;
    for (const billingTerm of ['Monthly', 'Annual', 'One-Time']) {
      const provisioningDetails = product.vendorName === 'Microsoft' ? [{ key: 'msCustExists', values: ['No, the customer does not have a Microsoft account'] }, { key: 'msDomain', values: ['acmewrites'] }] : [{ key: 'userEmailAddress', values: ['admin@example.com'] }];
      const line = { productId: product.id, quantity: 1, billingTerm, provisioningDetails };
      if ((await engine.previewWrite({ connectionId, change: { kind: 'order.create', companyId, lineItems: [line] } })).allowed) return line;
    }
  }
  throw new Error('no product of the world takes a plain order');
}

/** Drops a test's schema on the Postgres server (the PGlite ones go with their directory). */
export async function dropServerSchema(config: { url?: string; schema: string } | undefined): Promise<void> {
  if (!config?.url) return;
  const client = new pg.Client({ connectionString: config.url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${config.schema.replace(/"/g, '""')}" CASCADE`);
  } finally {
    await client.end();
  }
}
