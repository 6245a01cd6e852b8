import type { ChangeEvent } from '@pax8-sync/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness, mapFirstCompanies, ran } from './support/harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const summary = (events: ChangeEvent[]) => events.map((e) => `${e.entity}:${e.kind}:${e.entityId}`).sort();

/** Sets `h` up with companies synced, the first six mapped and their subscriptions synced; `mine` are those subscriptions in the simulator. */
async function syncSixMappedCompanies() {
  h = await createHarness();
  const { id } = await h.connect();
  await h.engine.syncCompanies({ connectionId: id });
  const mapped = await mapFirstCompanies(h, id, 6);
  await h.engine.syncSubscriptions({ connectionId: id });
  const mine = h.sim.world.subscriptions.list({ filter: (s) => mapped.includes(s.companyId) });
  return { id, mapped, mine };
}

describe('end to end against the simulator over HTTP', () => {
  it('connects, syncs companies, maps, syncs subscriptions, then emits exactly the scripted changes', async () => {
    h = await createHarness();
    const connection = await h.connect();
    expect(h.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const verified = await h.engine.verifyConnection(connection.id);
    expect(verified.ok).toBe(true);

    const companies = ran(await h.engine.syncCompanies({ connectionId: connection.id }));
    expect(companies.outcome).toBe('succeeded');
    expect(companies.counts.created).toBe(h.sim.world.companies.size);
    expect((await h.engine.listMappings({ connectionId: connection.id, filter: 'unmapped' })).length).toBe(h.sim.world.companies.size);

    const mapped = await mapFirstCompanies(h, connection.id, 4);
    expect((await h.engine.listMappings({ connectionId: connection.id, filter: 'mapped' })).map((m) => m.pax8CompanyId)).toEqual(mapped);

    const first = ran(await h.engine.syncSubscriptions({ connectionId: connection.id }));
    const expectedIds = h.sim.world.subscriptions.list({ filter: (s) => mapped.includes(s.companyId) }).map((s) => s.id).sort();
    expect(first.outcome).toBe('succeeded');
    expect(first.counts.created).toBe(expectedIds.length);
    expect(await h.storage.subscriptions.listActiveIds(connection.id)).toEqual(expectedIds);
    expect(h.sim.requests.some((r) => r.url.startsWith(`${h.baseUrl}/v1/subscriptions?`) && r.url.includes('companyId='))).toBe(true);

    const cursor = (await h.engine.listChanges(connection.id, { limit: 10_000 })).nextCursor;
    const storedRow = async (subId: string) => (await h.storage.subscriptions.getMany(connection.id, [subId]))[0]!;

    // Script the changes in Pax8.
    const mine = h.sim.world.subscriptions.list({ filter: (s) => mapped.includes(s.companyId) });
    const [statusSub, quantitySub, removedSub] = [mine[0]!, mine[1]!, mine[2]!];
    const newSub = h.sim.world.subscriptions.add({ companyId: mapped[0]!, productId: statusSub.productId, quantity: 3, status: 'Active' });
    h.sim.world.subscriptions.update(statusSub.id, { status: statusSub.status === 'Cancelled' ? 'Active' : 'Cancelled' });
    h.sim.world.subscriptions.update(quantitySub.id, { quantity: quantitySub.quantity + 5 });
    h.sim.world.subscriptions.remove(removedSub.id);
    const stranger = h.sim.world.companies.add({ name: 'Brand New Unmapped Ltd' });
    const strangerSub = h.sim.world.subscriptions.add({ companyId: stranger.id, productId: statusSub.productId, quantity: 1, status: 'Active' });

    const companies2 = ran(await h.engine.syncCompanies({ connectionId: connection.id }));
    expect(companies2.counts).toMatchObject({ created: 1, removed: 0 });
    const subs2 = ran(await h.engine.syncSubscriptions({ connectionId: connection.id }));
    expect(subs2.counts).toMatchObject({ created: 1, updated: 2, removed: 1, quarantined: 0 });

    const changes = (await h.engine.listChanges(connection.id, { after: cursor, limit: 10_000 })).events;
    expect(summary(changes)).toEqual(
      [
        `companies:created:${stranger.id}`,
        `subscriptions:created:${newSub.id}`,
        `subscriptions:updated:${statusSub.id}`,
        `subscriptions:status_changed:${statusSub.id}`,
        `subscriptions:updated:${quantitySub.id}`,
        `subscriptions:quantity_changed:${quantitySub.id}`,
        `subscriptions:removed:${removedSub.id}`,
      ].sort(),
    );
    const statusEvent = changes.find((e) => e.kind === 'status_changed')!;
    const newStatus = statusSub.status === 'Cancelled' ? 'Active' : 'Cancelled';
    const [fromState, toState] = newStatus === 'Cancelled' ? ['active', 'inactive'] : ['inactive', 'active'];
    expect(statusEvent.detail).toEqual({ companyId: statusSub.companyId, from: { status: statusSub.status, mappedState: fromState }, to: { status: newStatus, mappedState: toState } });
    expect(await storedRow(statusSub.id)).toMatchObject({ status: newStatus, mappedState: toState });
    expect(changes.find((e) => e.kind === 'updated' && e.entityId === statusSub.id)!.fields).toContainEqual({ field: 'status', before: statusSub.status, after: newStatus });
    expect(changes.find((e) => e.kind === 'removed')).toMatchObject({ entityId: removedSub.id, after: null, before: { id: removedSub.id, quantity: removedSub.quantity } });
    expect(changes.find((e) => e.kind === 'created' && e.entity === 'subscriptions')).toMatchObject({ entityId: newSub.id, before: null, after: { id: newSub.id, quantity: 3 } });
    expect(changes.find((e) => e.kind === 'quantity_changed')!.detail).toMatchObject({ from: quantitySub.quantity, to: quantitySub.quantity + 5 });
    const updated = changes.find((e) => e.kind === 'updated' && e.entityId === quantitySub.id)!;
    expect(updated.fields).toContainEqual({ field: 'quantity', before: quantitySub.quantity, after: quantitySub.quantity + 5 });

    // Nothing of the unmapped company's subscriptions is stored; the company shows up unmapped.
    expect(await h.storage.subscriptions.getMany(connection.id, [strangerSub.id])).toEqual([]);
    expect(JSON.stringify(h.storage.rawRows(connection.id))).not.toContain(strangerSub.id);
    const unmapped = await h.engine.listMappings({ connectionId: connection.id, filter: 'unmapped' });
    expect(unmapped.map((m) => m.pax8CompanyId)).toContain(stranger.id);
    const [removedRow] = await h.storage.subscriptions.getMany(connection.id, [removedSub.id]);
    expect(removedRow?.removedAt).toBe(h.clock.now());
  });

  it('only confirmed mappings count (pending and rejected do not); a company unmapped later keeps its stored subscriptions frozen', async () => {
    h = await createHarness();
    const { id } = await h.connect();
    await h.engine.syncCompanies({ connectionId: id });
    const [confirmed, pending, rejected] = (await h.storage.companies.list(id)).items.slice(0, 3);
    await h.engine.suggestMappings({ connectionId: id, psaCompanies: [confirmed!, pending!, rejected!].map((c, i) => ({ id: `psa-${i}`, name: c.name })), threshold: 0.99 });
    await h.engine.confirmMappings({ connectionId: id, pax8CompanyIds: [confirmed!.id] });
    await h.engine.rejectMapping({ connectionId: id, pax8CompanyId: rejected!.id });
    expect((await h.storage.mappings.list(id)).map((m) => m.state).sort()).toEqual(['confirmed', 'pending', 'rejected']);

    ran(await h.engine.syncSubscriptions({ connectionId: id }));
    const ofCompany = (companyId: string) => h.sim.world.subscriptions.list({ filter: (s) => s.companyId === companyId });
    expect(ofCompany(pending!.id).length + ofCompany(rejected!.id).length).toBeGreaterThan(0);
    const stored = (await h.storage.subscriptions.list(id, { includeRemoved: true, limit: 10_000 })).items;
    expect(stored.map((r) => r.id).sort()).toEqual(ofCompany(confirmed!.id).map((s) => s.id).sort());

    // Unmapped later: its rows are neither updated nor removed (no events) until it is mapped again.
    await h.engine.rejectMapping({ connectionId: id, pax8CompanyId: confirmed!.id });
    const [changed, dropped] = ofCompany(confirmed!.id);
    h.sim.world.subscriptions.update(changed!.id, { quantity: changed!.quantity + 7 });
    h.sim.world.subscriptions.remove(dropped!.id);
    const cursor = (await h.engine.listChanges(id, { limit: 10_000 })).nextCursor;
    // No confirmed mapping is left: the sync says so and runs nothing.
    const frozen = await h.engine.syncSubscriptions({ connectionId: id });
    expect(frozen).toMatchObject({ outcome: 'skipped', reason: 'no-mapped-companies', message: expect.stringMatching(/map at least one company first/) });
    expect((await h.engine.listChanges(id, { after: cursor })).events).toEqual([]);
    expect((await h.storage.subscriptions.list(id, { includeRemoved: true, limit: 10_000 })).items).toEqual(stored);

    await h.engine.setMapping({ connectionId: id, pax8CompanyId: confirmed!.id, psaCompanyId: 'psa-again' });
    const again = ran(await h.engine.syncSubscriptions({ connectionId: id }));
    expect(again.counts).toMatchObject({ updated: 1, removed: 1 });
  });

  it('a re-sync with nothing changed writes no row and no event; progress reports every page', async () => {
    h = await createHarness({ subscriptions: 120 });
    const { id } = await h.connect();
    await h.engine.syncCompanies({ connectionId: id });
    await mapFirstCompanies(h, id, 6);
    await h.engine.syncSubscriptions({ connectionId: id, pageSize: 25, perCompanyMaxCompanies: 0 });
    const data = () => JSON.stringify(h.storage.rawRows(id).filter((r) => !['runs', 'locks', 'seen'].includes(r.table)));
    const before = data();
    h.clock.advance(60_000);
    const progress: { pagesDone: number; pagesTotal: number }[] = [];
    const again = ran(await h.engine.syncSubscriptions({ connectionId: id, pageSize: 25, perCompanyMaxCompanies: 0, onProgress: (p) => progress.push({ pagesDone: p.pagesDone, pagesTotal: p.pagesTotal }) }));
    expect(again.counts).toEqual({ created: 0, updated: 0, unchanged: 120, removed: 0, quarantined: 0 });
    expect(data()).toBe(before);
    expect(progress).toEqual([1, 2, 3, 4, 5].map((n) => ({ pagesDone: n, pagesTotal: 5 })));
  });

  it('dry run returns the plan and writes nothing at all', async () => {
    const { id, mapped, mine } = await syncSixMappedCompanies();
    const [a, b] = mine;
    h.sim.world.subscriptions.update(a!.id, { quantity: a!.quantity + 1 });
    h.sim.world.subscriptions.remove(b!.id);
    const added = h.sim.world.subscriptions.add({ companyId: mapped[1]!, productId: a!.productId, quantity: 2, status: 'Active' });
    const before = JSON.stringify(h.storage.rawRows(id));
    const plan = await h.engine.syncSubscriptions({ connectionId: id, dryRun: true });
    expect(plan.outcome).toBe('dry-run');
    if (plan.outcome !== 'dry-run') return;
    expect(plan.plan).toEqual({ create: [added.id], update: [a!.id], remove: [b!.id], quarantine: [] });
    expect(JSON.stringify(h.storage.rawRows(id))).toBe(before);
  });

  it('a dry run stores nothing, not even a freshly fetched token, a lock or a run', async () => {
    h = await createHarness();
    const { id } = await h.connect();
    const before = JSON.stringify(h.storage.rawRows(id));
    const plan = await h.engine.syncCompanies({ connectionId: id, dryRun: true });
    expect(plan).toMatchObject({ outcome: 'dry-run', counts: { created: h.sim.world.companies.size } });
    expect(h.sim.counters.tokensIssued).toBe(1);
    expect(JSON.stringify(h.storage.rawRows(id))).toBe(before);
    expect(await h.storage.tokens.get(id)).toBeUndefined();
  });

  it('an invalid record goes to quarantine with its reason, the rest goes on, and it is neither removed nor kept in quarantine once fixed', async () => {
    const { id, mine } = await syncSixMappedCompanies();
    const victim = mine[0]!;
    h.sim.world.subscriptions.update(victim.id, { quantity: 'lots' as unknown as number });
    const result = ran(await h.engine.syncSubscriptions({ connectionId: id }));
    expect(result.outcome).toBe('succeeded');
    expect(result.counts).toMatchObject({ quarantined: 1, removed: 0 });
    const [q] = await h.storage.quarantine.list(id);
    expect(q).toMatchObject({ entity: 'subscriptions', key: victim.id, runId: result.runId });
    expect(q?.reason).toMatch(/quantity/);
    expect((await h.storage.subscriptions.getMany(id, [victim.id]))[0]?.removedAt).toBeNull();

    h.sim.world.subscriptions.update(victim.id, { quantity: 9 });
    const fixed = ran(await h.engine.syncSubscriptions({ connectionId: id }));
    expect(fixed.counts).toMatchObject({ updated: 1, quarantined: 0 });
    expect(await h.storage.quarantine.list(id)).toEqual([]);
  });

  it('the mass-deletion breaker refuses to remove more than the threshold and flags the run', async () => {
    const { id, mine } = await syncSixMappedCompanies();
    for (const s of mine.slice(0, Math.ceil(mine.length * 0.6))) h.sim.world.subscriptions.remove(s.id);
    const result = ran(await h.engine.syncSubscriptions({ connectionId: id }));
    expect(result.outcome).toBe('flagged');
    expect(result.flags).toEqual(['mass-deletion-breaker']);
    expect(result.counts.removed).toBe(0);
    expect(await h.storage.subscriptions.count(id)).toBe(mine.length);
    expect((await h.storage.runs.get(result.runId))?.outcome).toBe('flagged');
    const allowed = ran(await h.engine.syncSubscriptions({ connectionId: id, massDeletionThreshold: 1 }));
    expect(allowed.counts.removed).toBe(Math.ceil(mine.length * 0.6));
  });

  it('the breaker counts the share of previously active rows: rows created in the same run do not dilute it, and the dry run agrees', async () => {
    const { id, mine } = await syncSixMappedCompanies();
    const gone = mine.slice(0, Math.ceil(mine.length * 0.6));
    for (const s of gone) h.sim.world.subscriptions.remove(s.id);
    for (const s of mine) h.sim.world.subscriptions.add({ companyId: s.companyId, productId: s.productId, quantity: 1, status: 'Active' });
    const dry = await h.engine.syncSubscriptions({ connectionId: id, dryRun: true });
    expect(dry).toMatchObject({ outcome: 'dry-run', flags: ['mass-deletion-breaker'], plan: { remove: [] } });
    const result = ran(await h.engine.syncSubscriptions({ connectionId: id }));
    expect(result).toMatchObject({ outcome: 'flagged', flags: ['mass-deletion-breaker'], counts: { created: mine.length, removed: 0 } });
    expect(result.error).toContain(`${gone.length} of ${mine.length} rows`);
    expect((await h.storage.subscriptions.getMany(id, gone.map((s) => s.id))).every((r) => r.removedAt === null)).toBe(true);
    const allowed = ran(await h.engine.syncSubscriptions({ connectionId: id, massDeletionThreshold: 0.6 }));
    expect(allowed.counts.removed).toBe(gone.length);
  });

  it('the breaker stays quiet on an empty first run and an empty re-run, and trips when Pax8 suddenly lists nothing', async () => {
    h = await createHarness({ products: 0, subscriptions: 0 });
    const { id } = await h.connect();
    for (let run = 0; run < 2; run += 1) {
      const empty = ran(await h.engine.syncProducts({ connectionId: id }));
      expect(empty).toMatchObject({ outcome: 'succeeded', flags: [], counts: { created: 0, removed: 0 } });
    }
    const first = ran(await h.engine.syncCompanies({ connectionId: id }));
    expect(first).toMatchObject({ outcome: 'succeeded', flags: [], counts: { created: h.sim.world.companies.size, removed: 0 } });
    for (const c of h.sim.world.companies.list()) h.sim.world.companies.remove(c.id);
    const gone = ran(await h.engine.syncCompanies({ connectionId: id }));
    expect(gone).toMatchObject({ outcome: 'flagged', flags: ['mass-deletion-breaker'], counts: { removed: 0 } });
    expect(h.sim.world.companies.size).toBe(0);
    expect(await h.storage.companies.listActiveIds(id)).toHaveLength(first.counts.created);
  });

  it('syncs products, with change events for a changed and a removed product', async () => {
    h = await createHarness();
    const { id } = await h.connect();
    const first = ran(await h.engine.syncProducts({ connectionId: id }));
    expect(first.counts.created).toBe(h.sim.world.products.size);
    const [p1, p2] = h.sim.world.products.list();
    h.sim.world.products.update(p1!.id, { name: `${p1!.name} (renamed)` });
    h.sim.world.products.remove(p2!.id);
    const cursor = (await h.engine.listChanges(id, { limit: 1000 })).nextCursor;
    const second = ran(await h.engine.syncProducts({ connectionId: id }));
    expect(second.counts).toMatchObject({ updated: 1, removed: 1, created: 0 });
    const events = (await h.engine.listChanges(id, { after: cursor })).events;
    expect(summary(events)).toEqual([`products:removed:${p2!.id}`, `products:updated:${p1!.id}`]);
    expect(events.find((e) => e.kind === 'updated')?.fields).toContainEqual({ field: 'name', before: p1!.name, after: `${p1!.name} (renamed)` });
    expect((await h.storage.products.getMany(id, [p1!.id]))[0]?.name).toBe(`${p1!.name} (renamed)`);
  });

  it('maps Pax8 statuses to the PSA state with the connection\'s status settings', async () => {
    h = await createHarness();
    const { id } = await h.connect();
    await h.engine.syncCompanies({ connectionId: id });
    const mapped = await mapFirstCompanies(h, id, 6);
    const sub = h.sim.world.subscriptions.list({ filter: (s) => mapped.includes(s.companyId) })[0]!;
    h.sim.world.subscriptions.update(sub.id, { status: 'PendingManual' });
    await h.engine.syncSubscriptions({ connectionId: id, statusMapping: { subscriptionOverrides: { PendingManual: 'active' } } });
    expect((await h.storage.subscriptions.getMany(id, [sub.id]))[0]).toMatchObject({ status: 'PendingManual', mappedState: 'active' });
    const cursor = (await h.engine.listChanges(id, { limit: 1000 })).nextCursor;
    await h.engine.syncSubscriptions({ connectionId: id, statusMapping: { subscriptionOverrides: { PendingManual: 'inactive' } } });
    const events = (await h.engine.listChanges(id, { after: cursor })).events.filter((e) => e.entityId === sub.id);
    expect(events.map((e) => e.kind)).toEqual(['updated', 'status_changed']);
    expect(events[0]?.fields).toEqual([]);
    expect(events[1]?.detail).toMatchObject({ from: { status: 'PendingManual', mappedState: 'active' }, to: { status: 'PendingManual', mappedState: 'inactive' } });
  });
});
