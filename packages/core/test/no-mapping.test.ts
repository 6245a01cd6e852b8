import { dueSyncs, latestRuns } from '@pax8-sync/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness, mapFirstCompanies, ran } from './support/harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe('syncSubscriptions before any company is mapped', () => {
  it('says so plainly ("map at least one company first"), runs nothing, and the first mappings make subscriptions due at once', async () => {
    h = await createHarness();
    const connection = await h.connect();
    ran(await h.engine.syncCompanies({ connectionId: connection.id }));
    const requests = h.sim.requests.length;

    const skipped = await h.engine.syncSubscriptions({ connectionId: connection.id });
    expect(skipped).toEqual({
      outcome: 'skipped',
      connectionId: connection.id,
      entity: 'subscriptions',
      reason: 'no-mapped-companies',
      message: expect.stringMatching(/No company is mapped yet.*map at least one company first/),
    });
    expect(h.sim.requests.length).toBe(requests);
    expect(await h.storage.runs.list(connection.id, { entity: 'subscriptions' })).toEqual([]);
    expect(await h.storage.locks.get(connection.id, 'sync:subscriptions')).toBeUndefined();
    expect(await h.engine.syncSubscriptions({ connectionId: connection.id, dryRun: true })).toMatchObject({ outcome: 'skipped' });

    // A scheduler an hour later still sees subscriptions due; once the first mapping is confirmed ("Save All"), the sync runs at once.
    h.clock.advance(60_000);
    expect(dueSyncs(connection, await latestRuns(h.storage, connection.id), h.clock.now())).toContainEqual({ entity: 'subscriptions', reason: 'never-synced' });
    const mapped = await mapFirstCompanies(h, connection.id, 2);
    expect(dueSyncs(connection, await latestRuns(h.storage, connection.id), h.clock.now())).toContainEqual({ entity: 'subscriptions', reason: 'never-synced' });
    const synced = ran(await h.engine.syncSubscriptions({ connectionId: connection.id }));
    expect(synced.outcome).toBe('succeeded');
    expect(synced.counts.created).toBe(h.sim.world.subscriptions.list({ filter: (s) => mapped.includes(s.companyId) }).length);
    expect(dueSyncs(connection, await latestRuns(h.storage, connection.id), h.clock.now()).map((d) => d.entity)).toEqual(['products']);
  });
});
