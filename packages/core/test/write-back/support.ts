import { randomBytes } from 'node:crypto';
import { type ChangeEvent, createAesGcmCodec, createSyncEngine, type SyncEngine, type SyncEngineOptions, type WriteChange } from '@pax8-sync/core';
import { createMemoryStorage, type MemoryStorage } from '@pax8-sync/storage-memory';
import { createPax8Simulator, type Pax8Simulator, type Pax8SimulatorOptions } from '@pax8-sync/testing';
import { captureLogger, fakeClock, sequentialIds, testClientOptions } from '../support/harness';

/** A simulator on the engine's fake clock (so commitment rules agree), an engine on memory storage, one Production connection. */
export interface WriteHarness {
  sim: Pax8Simulator;
  baseUrl: string;
  storage: MemoryStorage;
  engine: SyncEngine;
  clock: ReturnType<typeof fakeClock>;
  log: ReturnType<typeof captureLogger>;
  connectionId: string;
  /** Writes the simulator received (method and path), oldest first. */
  writes(): string[];
  /** Every `write_transition` event of an intent, as `from→to`. */
  transitions(intentId: string): Promise<string[]>;
  /** Every event of the connection's feed. */
  feed(): Promise<ChangeEvent[]>;
  close(): Promise<void>;
}

export async function createWriteHarness(simOptions: Pax8SimulatorOptions = {}, engine: Partial<SyncEngineOptions> = {}, environment: 'Production' | 'Sandbox' = 'Production'): Promise<WriteHarness> {
  const clock = fakeClock(Date.UTC(2026, 5, 1, 12));
  const sim = createPax8Simulator({ seed: 15, companies: 6, products: 8, subscriptions: 40, wait: async () => undefined, now: clock.now, ...simOptions });
  const baseUrl = await sim.listen();
  const storage = createMemoryStorage();
  const log = captureLogger();
  const options: SyncEngineOptions = { storage, codec: createAesGcmCodec({ key: randomBytes(32) }), clock, ids: sequentialIds(), logger: log.logger, clientOptions: testClientOptions, ...engine };
  const e = createSyncEngine(options);
  const connection = await e.createConnection({ name: 'Simulated Pax8', environment, baseUrl, clientId: sim.credentials.clientId, clientSecret: sim.credentials.clientSecret, country: 'US', currency: 'USD' });
  const feed = async () => {
    const all: ChangeEvent[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await e.listChanges(connection.id, { after, limit: 1000 });
      all.push(...page.events);
      if (page.events.length === 0) return all;
      after = page.nextCursor;
    }
  };
  return {
    sim,
    baseUrl,
    storage,
    engine: e,
    clock,
    log,
    connectionId: connection.id,
    writes: () => sim.requests.filter((r) => r.method !== 'GET' && !r.url.endsWith('/token')).map((r) => `${r.method} ${new URL(r.url).pathname}`),
    transitions: async (intentId) =>
      (await feed()).filter((ev) => ev.kind === 'write_transition' && ev.detail.intentId === intentId).map((ev) => `${String(ev.detail.from)}→${String(ev.detail.to)}`),
    feed,
    close: () => sim.close(),
  };
}

/** An active subscription of an active company without a running commitment, not future-dated. */
export function plainSubscription(h: WriteHarness, skip = 0) {
  const now = h.clock.now();
  const list = h.sim.world.subscriptions
    .list()
    .filter((s) => s.status === 'Active' && !s.parentSubscriptionId && (!s.commitment || Date.parse(s.commitment.endDate.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) < now) && (!s.startDate || Date.parse(s.startDate) <= now));
  const s = list[skip];
  if (!s) throw new Error(`the world has only ${list.length} plain subscriptions`);
  return s;
}

/** A quantity change. */
export const quantity = (subscriptionId: string, q: number): WriteChange => ({ kind: 'subscription.quantity', subscriptionId, quantity: q });

/** The intent to send as jane. */
export const asker = { requestedBy: 'jane@psa', reason: 'customer asked' };
