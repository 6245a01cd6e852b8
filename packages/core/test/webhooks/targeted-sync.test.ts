import { createSyncEngine, createWebhookReceiver, createWebhookSyncScheduler, ensureWebhook, type WebhookSyncOutcome, type WebhookSyncScheduler } from '@pax8-sync/core';
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

/** Synced companies and subscriptions, every company mapped, a receiver server with a scheduler that only runs on flush. */
async function setup() {
  h = await createHookHarness();
  const engine = createSyncEngine(h.options);
  await mapAllAndSync(h, engine);
  const synced: WebhookSyncOutcome[] = [];
  scheduler = createWebhookSyncScheduler({ ...h.options, debounceMs: 3_600_000, onSynced: (o) => void synced.push(o) });
  server = await serve(createWebhookReceiver({ storage: h.storage, codec: h.options.codec, clock: h.clock, onDelivery: scheduler.onDelivery }));
  await ensureWebhook({ ...h.options, connectionId: h.connectionId, url: server.url, topics: ['SUBSCRIPTION', 'COMPANY'] });
  const hook = h.hooks()[0]!;
  return { synced, hook, scheduler, url: server.url };
}

const mark = () => h.sim.requests.length;
const readsSince = (from: number) => h.sim.requests.slice(from).filter((r) => r.method === 'GET' && !r.url.endsWith('/token')).map((r) => new URL(r.url).pathname + new URL(r.url).search);

describe('targeted, coalesced sync from webhooks', () => {
  it('end to end over HTTP: a change in Pax8, its delivery to the receiver server, the synced row updated', async () => {
    const s = await setup();
    const before = h.sim.world.subscriptions.list().find((x) => x.status === 'Active')!;
    h.sim.world.subscriptions.update(before.id, { quantity: before.quantity + 5 });
    await h.sim.webhooks.settled();
    expect(h.sim.webhooks.deliveries.map((d) => [d.topic, d.outcome, d.httpStatusCode])).toEqual([['SUBSCRIPTION', 'SUCCESS', 202]]);
    const from = mark();
    await s.scheduler.flush();
    const [row] = await h.storage.subscriptions.getMany(h.connectionId, [before.id]);
    expect(row).toMatchObject({ id: before.id, quantity: before.quantity + 5 });
    expect(s.synced).toEqual([expect.objectContaining({ connectionId: h.connectionId, target: { kind: 'company-subscriptions', companyId: before.companyId }, deliveries: 1, outcome: 'succeeded' })]);
    expect(readsSince(from)).toEqual([expect.stringContaining(`companyId=${before.companyId}`)]);
    const feed = (await h.storage.changes.list(h.connectionId, { after: null, limit: 10_000 })).events;
    expect(feed.filter((e) => e.runId.startsWith('webhook:') && e.entityId === before.id).map((e) => e.kind)).toContain('quantity_changed');
  });

  it('100 deliveries about one company give one sync of that company', async () => {
    const s = await setup();
    const company = h.sim.world.subscriptions.list()[0]!.companyId;
    const ids = h.sim.world.subscriptions.list().filter((x) => x.companyId === company).map((x) => x.id);
    for (let i = 0; i < 100; i++) {
      h.clock.advance(1000);
      h.sim.webhooks.emit({ topic: 'SUBSCRIPTION', id: ids[i % ids.length]! });
    }
    await h.sim.webhooks.settled();
    expect(h.sim.webhooks.deliveries.filter((d) => d.httpStatusCode === 202)).toHaveLength(100);
    const from = mark();
    await s.scheduler.flush();
    expect(s.synced).toEqual([expect.objectContaining({ target: { kind: 'company-subscriptions', companyId: company }, deliveries: 100, outcome: 'succeeded' })]);
    expect(readsSince(from)).toHaveLength(1);
  });

  it('the payload is only a hint: a well-formed delivery that lies costs one API read and changes nothing stored', async () => {
    const s = await setup();
    const sub = h.sim.world.subscriptions.list()[0]!;
    const [stored] = await h.storage.subscriptions.getMany(h.connectionId, [sub.id]);
    const feedBefore = (await h.storage.changes.list(h.connectionId, { after: null, limit: 10_000 })).events.length;
    const lie = { accountId: s.hook.accountId, webhookId: s.hook.id, sentAt: new Date(h.clock.now()).toISOString(), webhookTopic: { topic: 'SUBSCRIPTION' }, payloadData: { action: 'UPDATED', id: sub.id, companyId: sub.companyId, quantity: 999_999, status: 'Cancelled' } };
    const response = await fetch(s.url, { method: 'POST', headers: { authorization: s.hook.authorization as string, 'content-type': 'application/json' }, body: JSON.stringify(lie) });
    expect(response.status).toBe(202);
    const from = mark();
    await s.scheduler.flush();
    expect(readsSince(from)).toHaveLength(1);
    const [after] = await h.storage.subscriptions.getMany(h.connectionId, [sub.id]);
    expect(after).toEqual(stored);
    expect((await h.storage.changes.list(h.connectionId, { after: null, limit: 10_000 })).events).toHaveLength(feedBefore);
    expect(s.synced[0]).toMatchObject({ outcome: 'succeeded', counts: { written: 0 } });
  });

  it('a company delivery syncs the company list; a delivery for an unmapped company reads nothing', async () => {
    const s = await setup();
    const company = h.sim.world.companies.list()[0]!;
    h.sim.world.companies.update(company.id, { name: `${company.name} Renamed` });
    await h.sim.webhooks.settled();
    await s.scheduler.flush();
    expect((await h.storage.companies.getMany(h.connectionId, [company.id]))[0]).toMatchObject({ name: `${company.name} Renamed` });
    expect(s.synced).toEqual([expect.objectContaining({ target: { kind: 'companies' }, outcome: 'succeeded' })]);
    const from = mark();
    s.scheduler.schedule(h.connectionId, { kind: 'company-subscriptions', companyId: 'not-mapped' });
    await s.scheduler.flush();
    expect(readsSince(from)).toEqual([]);
  });
});
