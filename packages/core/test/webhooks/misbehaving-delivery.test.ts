import { createSyncEngine, createWebhookReceiver, createWebhookSyncScheduler, ensureWebhook, type WebhookSyncOutcome, type WebhookSyncScheduler } from '@pax8-sync/core';
import { createPax8ManualTimers } from '@pax8-sync/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createHookHarness, type HookHarness, mapAllAndSync, serve } from './support';

let h: HookHarness;
let server: Awaited<ReturnType<typeof serve>> | undefined;
let scheduler: WebhookSyncScheduler | undefined;
afterEach(async () => {
  scheduler?.close();
  await server?.close();
  server = undefined;
  await h?.close();
});

describe('deliveries that fail, repeat, come late and out of order', () => {
  it('still end with the row as Pax8 has it, from one coalesced read', async () => {
    const timers = createPax8ManualTimers();
    h = await createHookHarness({ webhookDelivery: { timers, retryDelayMs: 30_000, lateMs: 120_000, holdMs: 5_000 } });
    const engine = createSyncEngine(h.options);
    await mapAllAndSync(h, engine);
    const outcomes: WebhookSyncOutcome[] = [];
    scheduler = createWebhookSyncScheduler({ ...h.options, debounceMs: 3_600_000, onSynced: (o) => void outcomes.push(o) });
    server = await serve(createWebhookReceiver({ storage: h.storage, codec: h.options.codec, clock: h.clock, onDelivery: scheduler.onDelivery }));
    await ensureWebhook({ ...h.options, connectionId: h.connectionId, url: server.url, topics: ['SUBSCRIPTION'] });
    const sub = h.sim.world.subscriptions.list().find((x) => x.status === 'Active')!;
    for (const kind of ['fail', 'duplicate', 'outOfOrder', 'late'] as const) h.sim.webhooks.inject({ kind });
    for (let i = 1; i <= 4; i++) {
      h.clock.advance(1000);
      h.sim.world.subscriptions.update(sub.id, { quantity: sub.quantity + i });
      await h.sim.webhooks.settled();
    }
    // In steps shorter than the 10 s delivery timeout, letting each attempt be answered before time moves on.
    for (let round = 0; round < 80; round++) {
      await h.sim.webhooks.settled();
      timers.advance(5_000);
    }
    await h.sim.webhooks.settled();
    const attempts = h.sim.webhooks.deliveries;
    expect(attempts.some((a) => a.outcome === 'FAILED')).toBe(true);
    expect(attempts.some((a) => a.duplicate && a.httpStatusCode === 200)).toBe(true);
    // Every change got through in the end (the failed one on its retry).
    expect(new Set(attempts.filter((a) => a.httpStatusCode === 202).map((a) => a.logId)).size).toBe(4);
    const from = h.sim.requests.length;
    await scheduler.flush();
    expect(outcomes).toEqual([expect.objectContaining({ target: { kind: 'company-subscriptions', companyId: sub.companyId }, deliveries: 4, outcome: 'succeeded' })]);
    expect(h.sim.requests.slice(from).filter((r) => r.method === 'GET')).toHaveLength(1);
    expect((await h.storage.subscriptions.getMany(h.connectionId, [sub.id]))[0]).toMatchObject({ quantity: sub.quantity + 4 });
  });
});
