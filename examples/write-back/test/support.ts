import { randomBytes } from 'node:crypto';
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
