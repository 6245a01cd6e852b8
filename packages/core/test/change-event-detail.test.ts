import type { ChangeEvent } from '@pax8-sync/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness, mapFirstCompanies, ran } from './support/harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe('created and removed subscription events carry what billing needs', () => {
  it('detail is { companyId, status, mappedState, quantity }: the new values on created, the last known ones on removed', async () => {
    h = await createHarness();
    const { id } = await h.connect();
    ran(await h.engine.syncCompanies({ connectionId: id }));
    const [companyId] = await mapFirstCompanies(h, id, 1);
    const product = h.sim.world.products.list()[0]!;
    ran(await h.engine.syncSubscriptions({ connectionId: id }));

    const cursor = (await h.engine.listChanges(id, { limit: 10_000 })).nextCursor;
    const added = h.sim.world.subscriptions.add({ companyId: companyId!, productId: product.id, quantity: 7, status: 'Active' });
    ran(await h.engine.syncSubscriptions({ connectionId: id }));
    const [stored] = await h.storage.subscriptions.getMany(id, [added.id]);
    const created = (await h.engine.listChanges(id, { after: cursor, limit: 10_000 })).events.filter((e: ChangeEvent) => e.entityId === added.id);
    expect(created.map((e) => e.kind)).toEqual(['created']);
    expect(created[0]!.detail).toEqual({ companyId, status: 'Active', mappedState: stored!.mappedState, quantity: 7 });
    expect(stored!.mappedState).toBe('active');

    // Change it in Pax8 and sync (so the last known values differ from the first ones), then remove it.
    h.sim.world.subscriptions.update(added.id, { quantity: 9, status: 'Cancelled' });
    ran(await h.engine.syncSubscriptions({ connectionId: id }));
    const [lastKnown] = await h.storage.subscriptions.getMany(id, [added.id]);
    const beforeRemoval = (await h.engine.listChanges(id, { limit: 10_000 })).nextCursor;
    h.sim.world.subscriptions.remove(added.id);
    ran(await h.engine.syncSubscriptions({ connectionId: id }));
    const removed = (await h.engine.listChanges(id, { after: beforeRemoval, limit: 10_000 })).events.filter((e) => e.entityId === added.id);
    expect(removed.map((e) => e.kind)).toEqual(['removed']);
    expect(removed[0]!.detail).toEqual({ companyId, status: 'Cancelled', mappedState: lastKnown!.mappedState, quantity: 9 });
    expect(lastKnown!.mappedState).toBe('inactive');
  });

  it('companies and products keep an empty detail on created', async () => {
    h = await createHarness();
    const { id } = await h.connect();
    ran(await h.engine.syncCompanies({ connectionId: id }));
    ran(await h.engine.syncProducts({ connectionId: id }));
    const events = (await h.engine.listChanges(id, { limit: 10_000 })).events;
    expect(events.length).toBe(h.sim.world.companies.size + h.sim.world.products.size);
    for (const event of events) expect(event.detail).toEqual({});
  });
});
