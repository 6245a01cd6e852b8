import { describe } from 'vitest';
import { readme, region } from './support/readme-region';

// #region readme-drift
import { createPax8Client } from '@pax8-sync/client';
import { createPax8Simulator } from '@pax8-sync/testing';
import { expect, it } from 'vitest';

it('says which records a drifted listing hid or mangled', async () => {
  const sim = createPax8Simulator({
    seed: 11,
    subscriptions: 450,
    drift: { seed: 3, routes: { 'GET /v1/subscriptions': { shortPage: 0.5, mistypedField: 0.3, oddUnicode: 0.3 } } },
  });
  const client = createPax8Client({ ...sim.credentials, baseUrl: await sim.listen() });

  const received = new Set<string>();
  for (let page = 0; page < 3; page++) {
    for (const s of (await client.subscriptions.list({ page, size: 200 })).content) received.add(s.id);
  }

  // Every record the client did not get was hidden by the simulator or mangled past its schema.
  const { hidden, mangledIds } = sim.drift.summary();
  const missing = sim.world.subscriptions.ids().filter((id) => !received.has(id));
  expect(missing.length).toBeGreaterThan(0);
  expect(missing.filter((id) => !hidden.includes(id) && !mangledIds.includes(id))).toEqual([]);
  await sim.close();
});

it('scripts one drifted page and one poisoned record', async () => {
  const sim = createPax8Simulator({ seed: 11, companies: 8 });
  const client = createPax8Client({ ...sim.credentials, baseUrl: await sim.listen() });
  const poisoned = sim.world.companies.ids()[0]!;
  sim.drift.mangle(poisoned, { kind: 'oddUnicode', field: 'name', variant: 'nul' }); // every time it is served
  sim.drift.inject({ kind: 'lastPageClaimsMore', route: 'GET /v1/companies' }); // the next listing page only

  const { content, page } = await client.companies.list({ size: 200 });
  expect(page.totalElements).toBe(8 + 200); // one page more than the 8 companies
  expect(content.find((c) => c.id === poisoned)?.name).toContain('\u0000');
  expect(sim.drift.reports.map((r) => r.kinds)).toEqual([['lastPageClaimsMore', 'oddUnicode']]);
  await sim.close();
});
// #endregion readme-drift

describe('README', () => {
  it('shows the drift example this file runs, word for word', () => {
    expect(readme()).toContain(region(import.meta.url, 'readme-drift'));
  });
});
