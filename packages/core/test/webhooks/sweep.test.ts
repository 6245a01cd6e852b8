import { createSyncEngine, createWebhookReceiver, createWebhookSyncScheduler, ensureWebhook, sweepWebhookDeliveries, type WebhookSyncScheduler } from '@pax8-sync/core';
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

describe('sweepWebhookDeliveries', () => {
  it('schedules what failed deliveries named (read from the logs), not what was delivered; the row gets synced', async () => {
    h = await createHookHarness();
    const engine = createSyncEngine(h.options);
    await mapAllAndSync(h, engine);
    const received: string[] = [];
    scheduler = createWebhookSyncScheduler({ ...h.options, debounceMs: 3_600_000 });
    server = await serve(createWebhookReceiver({ storage: h.storage, codec: h.options.codec, clock: h.clock, onDelivery: (d) => void received.push(String(d.payloadData.id)) }));
    await ensureWebhook({ ...h.options, connectionId: h.connectionId, url: server.url, topics: ['SUBSCRIPTION'], errorThreshold: 0 });
    const subs = h.sim.world.subscriptions.list().filter((s) => s.status === 'Active');
    const lost = subs[0]!;
    const delivered = subs.find((s) => s.companyId !== lost.companyId)!;
    h.sim.webhooks.inject({ kind: 'fail' });
    h.sim.world.subscriptions.update(lost.id, { quantity: lost.quantity + 3 });
    h.sim.world.subscriptions.update(delivered.id, { quantity: delivered.quantity + 1 });
    await h.sim.webhooks.settled();
    expect(h.sim.webhooks.deliveries.map((d) => [d.recordId, d.outcome])).toEqual([
      [lost.id, 'FAILED'],
      [delivered.id, 'SUCCESS'],
    ]);
    expect(received).toEqual([delivered.id]);

    const result = await sweepWebhookDeliveries({ ...h.options, connectionId: h.connectionId, scheduler });
    expect(result).toMatchObject({ failedLogs: 1, targets: [{ kind: 'company-subscriptions', companyId: lost.companyId }] });
    expect(h.sim.requests.some((r) => r.url.includes('/logs') && r.url.includes('status=FAILED'))).toBe(true);
    await scheduler.flush();
    expect((await h.storage.subscriptions.getMany(h.connectionId, [lost.id]))[0]).toMatchObject({ quantity: lost.quantity + 3 });
    expect((await h.storage.webhooks.get(h.connectionId))!.meta).toMatchObject({ sweptAt: h.clock.now() });
  });

  it('without a webhook: a typed not-found error', async () => {
    h = await createHookHarness();
    await expect(sweepWebhookDeliveries({ ...h.options, connectionId: h.connectionId })).rejects.toMatchObject({ code: 'not-found' });
  });
});
