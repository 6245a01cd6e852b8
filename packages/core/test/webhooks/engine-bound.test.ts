import { createSyncEngine } from '@pax8-sync/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createHookHarness, type HookHarness, serve } from './support';

let h: HookHarness;
let server: Awaited<ReturnType<typeof serve>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  await h?.close();
});

describe('webhooks through createSyncEngine', () => {
  it('the bound functions register, receive, schedule, sync and sweep with the engine dependencies', async () => {
    h = await createHookHarness();
    const engine = createSyncEngine(h.options);
    await engine.syncCompanies({ connectionId: h.connectionId });
    const scheduler = engine.createWebhookSyncScheduler({ debounceMs: 3_600_000 });
    server = await serve(engine.createWebhookReceiver({ onDelivery: scheduler.onDelivery }));
    const { webhook, created } = await engine.ensureWebhook({ connectionId: h.connectionId, url: server.url, topics: ['COMPANY'] });
    expect([created, webhook.topics, webhook.acceptedSecrets]).toEqual([true, ['COMPANY'], 1]);
    const company = h.sim.world.companies.list()[0]!;
    h.sim.world.companies.update(company.id, { name: 'Bound Co' });
    await h.sim.webhooks.settled();
    await scheduler.flush();
    expect((await h.storage.companies.getMany(h.connectionId, [company.id]))[0]).toMatchObject({ name: 'Bound Co' });
    expect((await engine.rotateWebhookSecret({ connectionId: h.connectionId })).acceptedSecrets).toBe(2);
    expect(await engine.sweepWebhookDeliveries({ connectionId: h.connectionId, scheduler })).toMatchObject({ failedLogs: 0, targets: [] });
    scheduler.close();
  });
});
