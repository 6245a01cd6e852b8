import { createSyncEngine, createWebhookSyncScheduler, type WebhookSyncOutcome } from '@pax8-sync/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createHookHarness, type HookHarness } from './support';

let h: HookHarness;
afterEach(async () => h?.close());

describe('createWebhookSyncScheduler', () => {
  it('runs a target on its own once the debounce passes (no flush needed)', async () => {
    h = await createHookHarness();
    let done: (o: WebhookSyncOutcome) => void = () => undefined;
    const outcome = new Promise<WebhookSyncOutcome>((resolve) => {
      done = resolve;
    });
    const scheduler = createWebhookSyncScheduler({ ...h.options, debounceMs: 0, onSynced: (o) => done(o) });
    scheduler.schedule(h.connectionId, { kind: 'products' });
    expect(await outcome).toMatchObject({ target: { kind: 'products' }, deliveries: 1, outcome: 'succeeded' });
    expect((await h.storage.products.list(h.connectionId)).items.length).toBeGreaterThan(0);
    scheduler.close();
  });

  it('a delivery that comes while its target runs makes it run once more after (the change may be newer than the read)', async () => {
    h = await createHookHarness();
    await createSyncEngine(h.options).syncCompanies({ connectionId: h.connectionId });
    const outcomes: WebhookSyncOutcome[] = [];
    const scheduler = createWebhookSyncScheduler({ ...h.options, debounceMs: 3_600_000, onSynced: (o) => void outcomes.push(o) });
    scheduler.schedule(h.connectionId, { kind: 'companies' });
    scheduler.schedule(h.connectionId, { kind: 'companies' });
    const flushing = scheduler.flush();
    scheduler.schedule(h.connectionId, { kind: 'companies' });
    await flushing;
    expect(outcomes.map((o) => [o.target.kind, o.deliveries, o.outcome])).toEqual([
      ['companies', 2, 'succeeded'],
      ['companies', 1, 'succeeded'],
    ]);
    scheduler.close();
  });

  it('a failing target is reported, logged without secrets, and does not stop the others', async () => {
    h = await createHookHarness();
    const outcomes: WebhookSyncOutcome[] = [];
    const scheduler = createWebhookSyncScheduler({ ...h.options, debounceMs: 3_600_000, onSynced: (o) => void outcomes.push(o) });
    scheduler.schedule('no-such-connection', { kind: 'companies' });
    scheduler.schedule(h.connectionId, { kind: 'products' });
    await scheduler.flush();
    expect(outcomes.map((o) => [o.connectionId, o.outcome])).toEqual([
      ['no-such-connection', 'failed'],
      [h.connectionId, 'succeeded'],
    ]);
    expect(JSON.stringify(h.log.lines)).not.toContain(h.sim.credentials.clientSecret);
    scheduler.close();
  });

  it('waits for a running subscriptions sync (its lock) instead of interleaving with it, then runs', async () => {
    h = await createHookHarness();
    const outcomes: WebhookSyncOutcome[] = [];
    const scheduler = createWebhookSyncScheduler({ ...h.options, debounceMs: 3_600_000, onSynced: (o) => void outcomes.push(o) });
    const lease = await h.storage.locks.acquire({ connectionId: h.connectionId, name: 'sync:subscriptions', holder: 'full-sync', ttlMs: 60_000, now: h.clock.now() });
    expect(lease).not.toBeNull();
    scheduler.schedule(h.connectionId, { kind: 'company-subscriptions', companyId: 'c-1' });
    await scheduler.flush();
    expect(outcomes.map((o) => o.outcome)).toEqual(['deferred']);
    await h.storage.locks.release({ connectionId: h.connectionId, name: 'sync:subscriptions', token: lease!.token });
    await scheduler.flush();
    expect(outcomes.map((o) => [o.outcome, o.deliveries])).toEqual([
      ['deferred', 1],
      ['succeeded', 1],
    ]);
    expect(await h.storage.locks.get(h.connectionId, 'sync:subscriptions')).toBeFalsy();
    scheduler.close();
  });
});
