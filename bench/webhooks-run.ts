/**
 * One run of bench/webhooks.ts: a fresh simulator child and memory storage, one connection with
 * every company mapped and its subscriptions synced, then the same scripted quantity changes in
 * Pax8, synced either by webhooks (receiver in a Node http server here, the scheduler) or by a
 * periodic `syncSubscriptions` every `periodMs`. Latency of a change = the time storage is first
 * seen holding it (checked after each sync finishes, on both paths alike) minus the time it was
 * made in the simulator.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { createAesGcmCodec, createSyncEngine, createWebhookReceiver, createWebhookSyncScheduler, ensureWebhook, type SyncEngineOptions, toNodeRequestListener } from '@pax8-sync/core';
import { createMemoryStorage } from '@pax8-sync/storage-memory';
import type { Pax8Latency } from '@pax8-sync/testing';
import { type SimulatedSubscription, type SimulatorCounters, startSimulatorChild } from './webhooks-child';

/** Settings shared by every run. */
export interface RunSettings {
  seed: number;
  world: { companies: number; products: number; subscriptions: number };
  latencyMs: number;
  deliveryDelayMs: Pax8Latency;
  duplicateRate: number;
  debounceMs: number;
  periodMs: number;
  /** Length of the phase in which changes are made. */
  durationMs: number;
  /** Changes spread over random companies. */
  spread: number;
  /** Bursts on one company each, and changes per burst (made 50 ms apart). */
  bursts: number;
  burstSize: number;
}

/** One scripted change: `offsetMs` after the start, set this subscription's quantity. */
export interface ScriptedChange {
  offsetMs: number;
  subscriptionId: string;
  quantity: number;
}

/** What a run measured. */
export interface RunResult {
  path: 'webhook' | 'periodic';
  latencies: number[];
  /** Changes never seen in storage before the drain limit. */
  unsynced: number;
  counters: SimulatorCounters;
  /** Targeted syncs (webhook) or full syncs (periodic) run while measuring. */
  syncs: number;
  changes: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A seeded generator (mulberry32), so both paths get the same script. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Spread changes at random times and companies, plus bursts of changes on one company; sorted by time; quantities only grow per subscription. */
export function scriptChanges(settings: RunSettings, subscriptions: readonly SimulatedSubscription[]): ScriptedChange[] {
  const next = random(settings.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const companies = [...new Set(subscriptions.map((s) => s.companyId))];
  const slots: { offsetMs: number; subscriptionId: string }[] = [];
  for (let i = 0; i < settings.spread; i++) slots.push({ offsetMs: Math.floor(next() * settings.durationMs), subscriptionId: pick(subscriptions).id });
  for (let b = 0; b < settings.bursts; b++) {
    const company = pick(companies);
    const own = subscriptions.filter((s) => s.companyId === company);
    const start = Math.floor(next() * (settings.durationMs - settings.burstSize * 50));
    for (let i = 0; i < settings.burstSize; i++) slots.push({ offsetMs: start + i * 50, subscriptionId: pick(own).id });
  }
  slots.sort((a, b) => a.offsetMs - b.offsetMs);
  const quantity = new Map(subscriptions.map((s) => [s.id, s.quantity]));
  return slots.map((slot) => {
    const q = (quantity.get(slot.subscriptionId) ?? 1) + 1;
    quantity.set(slot.subscriptionId, q);
    return { ...slot, quantity: q };
  });
}

/** Changes made and not yet seen in storage; `check()` reads storage and records the latency of those now held. */
function tracker(options: SyncEngineOptions, connectionId: string) {
  const pending = new Map<number, { subscriptionId: string; quantity: number; at: number }>();
  const latencies: number[] = [];
  let chain = Promise.resolve();
  const checkNow = async () => {
    if (pending.size === 0) return;
    const seenAt = Date.now();
    const ids = [...new Set([...pending.values()].map((p) => p.subscriptionId))];
    const rows = new Map((await options.storage.subscriptions.getMany(connectionId, ids)).map((r) => [r.id, r.quantity]));
    for (const [key, p] of pending) {
      if ((rows.get(p.subscriptionId) ?? 0) >= p.quantity && seenAt >= p.at) {
        latencies.push(seenAt - p.at);
        pending.delete(key);
      }
    }
  };
  return {
    pending,
    latencies,
    add: (key: number, change: { subscriptionId: string; quantity: number; at: number }) => void pending.set(key, change),
    check: (): Promise<void> => {
      chain = chain.then(checkNow);
      return chain;
    },
  };
}

async function prepare(settings: RunSettings, deliveries: boolean) {
  const sim = await startSimulatorChild({ seed: settings.seed, ...settings.world, latencyMs: settings.latencyMs, deliveries, deliveryDelayMs: settings.deliveryDelayMs, duplicateRate: settings.duplicateRate });
  const storage = createMemoryStorage();
  const options: SyncEngineOptions = { storage, codec: createAesGcmCodec({ key: randomBytes(32) }) };
  const engine = createSyncEngine(options);
  const { id } = await engine.createConnection({ name: 'Bench Pax8', environment: 'Production', baseUrl: sim.url, clientId: sim.clientId, clientSecret: sim.clientSecret, country: 'US', currency: 'USD' });
  await engine.syncCompanies({ connectionId: id });
  await storage.mappings.upsertMany(sim.companyIds.map((c) => ({ connectionId: id, pax8CompanyId: c, psaCompanyId: `psa-${c}`, state: 'confirmed', score: null, source: 'manual', updatedAt: 0 })));
  const first = await engine.syncSubscriptions({ connectionId: id });
  if (first.outcome !== 'succeeded') throw new Error(`the first subscription sync failed: ${JSON.stringify(first)}`);
  return { sim, storage, options, engine, connectionId: id, script: scriptChanges(settings, await sim.subscriptions()) };
}

/** Makes the scripted changes at their times, then waits (up to `drainMs`) for storage to hold them all. */
async function drive(sim: Awaited<ReturnType<typeof prepare>>['sim'], script: readonly ScriptedChange[], track: ReturnType<typeof tracker>, drainMs: number) {
  const start = Date.now();
  for (const [i, change] of script.entries()) {
    await sleep(start + change.offsetMs - Date.now());
    const at = await sim.change(change.subscriptionId, change.quantity);
    track.add(i, { ...change, at });
  }
  const until = Date.now() + drainMs;
  while (track.pending.size > 0 && Date.now() < until) await sleep(50);
}

/** A webhook run: the receiver in a plain Node http server, the scheduler, `ensureWebhook`; no periodic sync. */
export async function webhookRun(settings: RunSettings): Promise<RunResult> {
  const { sim, options, connectionId, script } = await prepare(settings, true);
  const track = tracker(options, connectionId);
  let syncs = 0;
  const scheduler = createWebhookSyncScheduler({ ...options, debounceMs: settings.debounceMs, onSynced: () => {
      syncs++;
      void track.check();
    },
  });
  const server = createServer(toNodeRequestListener(createWebhookReceiver({ storage: options.storage, codec: options.codec, onDelivery: scheduler.onDelivery })));
  try {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await ensureWebhook({ ...options, connectionId, url: `http://127.0.0.1:${port}/hooks/pax8`, topics: ['SUBSCRIPTION'] });
    await sim.reset();
    syncs = 0;
    await drive(sim, script, track, 30_000);
    // Deliveries still on their way cost syncs too: count them (the receiver takes them, then the scheduler runs them).
    await sim.settled();
    await scheduler.flush();
    return { path: 'webhook', latencies: track.latencies, unsynced: track.pending.size, counters: await sim.counters(), syncs, changes: script.length };
  } finally {
    scheduler.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await sim.stop();
  }
}

/** A periodic run: deliveries off, `syncSubscriptions` at every `periodMs` slot (at once after a sync that overran its slot). */
export async function periodicRun(settings: RunSettings): Promise<RunResult> {
  const { sim, options, engine, connectionId, script } = await prepare(settings, false);
  const track = tracker(options, connectionId);
  let syncs = 0;
  let stopped = false;
  try {
    await sim.reset();
    const start = Date.now();
    const loop = (async () => {
      for (let slot = 1; !stopped; slot++) {
        await sleep(start + slot * settings.periodMs - Date.now());
        if (stopped) break;
        const result = await engine.syncSubscriptions({ connectionId });
        if (result.outcome !== 'succeeded') throw new Error(`a periodic subscription sync failed: ${JSON.stringify(result)}`);
        syncs++;
        await track.check();
      }
    })();
    await drive(sim, script, track, settings.periodMs * 3);
    stopped = true;
    await loop;
    return { path: 'periodic', latencies: track.latencies, unsynced: track.pending.size, counters: await sim.counters(), syncs, changes: script.length };
  } finally {
    stopped = true;
    await sim.stop();
  }
}
