import type { Pax8SyncStorage, SyncRunResult } from '@pax8-sync/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness, mapFirstCompanies, ran } from './support/harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const activeIds = async (storage: Pax8SyncStorage, connectionId: string, entity: 'companies' | 'products' | 'subscriptions') => storage[entity].listActiveIds(connectionId);

/** Every page of `route` holds 20 % fewer records than its totalElements says (the case of issue #11). */
function shortPages(route: string) {
  h.sim.drift.set({ routes: { [route]: { shortPage: 1 } }, hiddenShare: 0.2 });
}

function expectFlaggedIncomplete(result: SyncRunResult, listing: RegExp) {
  expect(result.outcome).toBe('flagged');
  expect(result.flags).toEqual(['incomplete-listing']);
  expect(result.counts.removed).toBe(0);
  expect(result.error).toMatch(/^Incomplete listing: /);
  expect(result.error).toMatch(listing);
  expect(result.error).toMatch(/Nothing was removed this run \(\d+ rows? would have been\); the next run checks again\.$/);
}

describe('a pull is complete only when it received every record the listing says it holds', () => {
  it('subscriptions, global paging: pages 20 % short of totalElements (under the breaker threshold) remove nothing and flag the run', async () => {
    h = await createHarness({ subscriptions: 200 });
    const { id } = await h.connect();
    await h.engine.syncCompanies({ connectionId: id });
    await mapFirstCompanies(h, id, h.sim.world.companies.size);
    const sync = { connectionId: id, pageSize: 20, prefetch: 2, perCompanyMaxCompanies: 0 };
    ran(await h.engine.syncSubscriptions(sync));
    const before = await activeIds(h.storage, id, 'subscriptions');
    expect(before).toHaveLength(200);

    shortPages('GET /v1/subscriptions');
    const short = ran(await h.engine.syncSubscriptions(sync));
    const hidden = h.sim.drift.summary().hidden;
    expect(hidden.length).toBe(40);
    // 40 of 200 (20 %) would be removed: under the 50 % breaker, so only the completeness check holds them.
    expectFlaggedIncomplete(short, /the subscriptions listing: totalElements says 200 but its pages held 160; page 0 held 16 of 20 records/);
    expect(short.error).toMatch(/\(40 rows would have been\)/);
    expect(await activeIds(h.storage, id, 'subscriptions')).toEqual(before);
    const events = (await h.engine.listChanges(id, { limit: 10_000 })).events;
    expect(events.filter((e) => e.kind === 'removed')).toEqual([]);

    // Once the listing is whole again, one run is complete and removes only what is really gone.
    h.sim.drift.clear();
    const gone = h.sim.world.subscriptions.ids()[7]!;
    h.sim.world.subscriptions.remove(gone);
    const whole = ran(await h.engine.syncSubscriptions(sync));
    expect(whole).toMatchObject({ outcome: 'succeeded', flags: [], counts: { removed: 1 } });
    expect(await activeIds(h.storage, id, 'subscriptions')).toEqual(before.filter((s) => s !== gone));
  });

  it('per-company scopes: one company listing short of its total holds removal for the whole pull', async () => {
    h = await createHarness({ subscriptions: 120 });
    const { id } = await h.connect();
    await h.engine.syncCompanies({ connectionId: id });
    const mapped = await mapFirstCompanies(h, id, 3);
    const sync = { connectionId: id, pageSize: 200, prefetch: 1, perCompanyMaxCompanies: 10 };
    ran(await h.engine.syncSubscriptions(sync));
    const before = await activeIds(h.storage, id, 'subscriptions');
    // Companies are listed in id order, one listing (of one page here) each: the second one comes back short.
    const second = [...mapped].sort()[1]!;
    const served = h.sim.world.subscriptions.list({ filter: (s) => s.companyId === second }).length;
    expect(served).toBeGreaterThan(4);
    h.sim.drift.set({ hiddenShare: 0.2 });
    const short = ran(
      await h.engine.syncSubscriptions({
        ...sync,
        onProgress: (p) => {
          if (p.pagesDone === 1) h.sim.drift.inject({ kind: 'shortPage', route: 'GET /v1/subscriptions', page: 0, times: 1 });
        },
      }),
    );
    const [report] = h.sim.drift.reports;
    expect(report?.url).toContain(`companyId=${second}`);
    expectFlaggedIncomplete(short, new RegExp(`the subscriptions listing of company ${second}: totalElements says ${served} but its pages held ${served - report!.hidden.length}`));
    expect(await activeIds(h.storage, id, 'subscriptions')).toEqual(before);
  });

  it.each(['companies', 'products'] as const)('%s: short pages remove nothing and flag the run', async (entity) => {
    h = await createHarness({ companies: 40, products: 40, subscriptions: 0 });
    const { id } = await h.connect();
    const sync = entity === 'companies' ? (o: object) => h.engine.syncCompanies({ connectionId: id, pageSize: 10, ...o }) : (o: object) => h.engine.syncProducts({ connectionId: id, pageSize: 10, ...o });
    ran(await sync({}));
    const before = await activeIds(h.storage, id, entity);
    expect(before).toHaveLength(40);
    shortPages(`GET /v1/${entity}`);
    const short = ran(await sync({}));
    expectFlaggedIncomplete(short, new RegExp(`the ${entity} listing: totalElements says 40 but its pages held 32`));
    expect(await activeIds(h.storage, id, entity)).toEqual(before);
  });

  it.each([
    ['duplicate ids across pages', { duplicateAcrossPages: 1 }, /the listings said they hold 99 records but their pages held 98 distinct ids \(duplicates across pages, or records left out\)/],
    ['a wrong totalElements', { wrongTotalElements: 1 }, /the companies listing: totalElements says \d+ but its pages held 99\./],
    ['a wrong totalPages', { wrongTotalPages: 1 }, /the companies listing: .*(totalPages says \d+ but \d+ pages came|page \d held \d+ of 20 records)/],
    ['empty pages', { emptyPage: 0.5 }, /the companies listing: totalElements says 99 but its pages held \d+; page \d held 0 of 20 records/],
    ['a last page that claims more', { lastPageClaimsMore: 1 }, /the companies listing: totalElements says 119 but its pages held 99; page 4 held 19 of 20 records/],
  ] as const)('%s: nothing removed, the run flagged', async (_name, rates, reason) => {
    h = await createHarness({ subscriptions: 0, companies: 100 });
    const { id } = await h.connect();
    ran(await h.engine.syncCompanies({ connectionId: id, pageSize: 20 }));
    const before = await activeIds(h.storage, id, 'companies');
    h.sim.world.companies.remove(before[3]!);
    h.sim.drift.set({ routes: { 'GET /v1/companies': rates } });
    const result = ran(await h.engine.syncCompanies({ connectionId: id, pageSize: 20 }));
    expectFlaggedIncomplete(result, reason);
    expect(await activeIds(h.storage, id, 'companies')).toEqual(before);
    h.sim.drift.clear();
    expect(ran(await h.engine.syncCompanies({ connectionId: id, pageSize: 20 }))).toMatchObject({ outcome: 'succeeded', counts: { removed: 1 } });
  });
});

describe('a record is marked removed only once Pax8 says it is gone', () => {
  it('a deletion and an addition that keep the totals hide a record from offset paging: it is looked up, found and kept (removal deferred)', async () => {
    h = await createHarness({ subscriptions: 60 });
    const { id } = await h.connect();
    await h.engine.syncCompanies({ connectionId: id });
    const mapped = await mapFirstCompanies(h, id, h.sim.world.companies.size);
    const sync = { connectionId: id, pageSize: 10, prefetch: 1, perCompanyMaxCompanies: 0 };
    ran(await h.engine.syncSubscriptions(sync));
    const before = await activeIds(h.storage, id, 'subscriptions');
    const [first] = h.sim.world.subscriptions.ids();
    const productId = h.sim.world.products.ids()[0]!;
    const result = ran(
      await h.engine.syncSubscriptions({
        ...sync,
        onProgress: (p) => {
          if (p.pagesDone !== 2) return;
          // Page 0 and 1 are read: one of their records goes and one is added at the end. The totals stay 60,
          // so the record that shifts from page 2 onto page 1 is never served in this pull.
          h.sim.world.subscriptions.remove(first!);
          h.sim.world.subscriptions.add({ companyId: mapped[0]!, productId, quantity: 1, status: 'Active' });
        },
      }),
    );
    const hidden = h.sim.world.subscriptions.ids()[19]!;
    expect(result).toMatchObject({ outcome: 'succeeded', flags: ['removal-deferred'], counts: { removed: 0, created: 1 } });
    expect(h.sim.requests.some((r) => r.url === `${h.baseUrl}/v1/subscriptions/${hidden}` && r.status === 200)).toBe(true);
    expect(await activeIds(h.storage, id, 'subscriptions')).toEqual(expect.arrayContaining(before.filter((s) => s !== first)));
    expect((await h.storage.subscriptions.getMany(id, [hidden]))[0]?.removedAt).toBeNull();
    // The next pull sees the listing as it is: the deleted one goes (Pax8 answers 404 for it), nothing else.
    const next = ran(await h.engine.syncSubscriptions(sync));
    expect(next).toMatchObject({ outcome: 'succeeded', flags: [], counts: { removed: 1 } });
    expect(h.sim.requests.filter((r) => r.route === 'GET /v1/subscriptions/{subscriptionId}').map((r) => `${r.status} ${r.url}`).at(-1)).toBe(`404 ${h.baseUrl}/v1/subscriptions/${first}`);
  });
});
