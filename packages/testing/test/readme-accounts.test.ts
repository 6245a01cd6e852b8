import { describe } from 'vitest';
import { readme, region } from './support/readme-region';

// #region readme-accounts
import { createPax8Client, Pax8RateLimitError } from '@pax8-sync/client';
import { createPax8Simulator } from '@pax8-sync/testing';
import { expect, it } from 'vitest';

it('keeps each partner account to its own data and its own rate limit', async () => {
  const sim = createPax8Simulator({
    seed: 5,
    companies: 4,
    accounts: [{ name: 'acme-msp' }, { name: 'beta-msp', companies: 2, rateLimit: { requestsPerMinute: 2 }, latencyMs: [1, 5] }],
  });
  const baseUrl = await sim.listen();
  const acme = createPax8Client({ ...sim.account('acme-msp').credentials, baseUrl });
  const beta = createPax8Client({ ...sim.account('beta-msp').credentials, baseUrl, retry: { retries: 0 } });

  expect((await acme.companies.list()).page.totalElements).toBe(4);
  expect((await beta.companies.list()).page.totalElements).toBe(2);
  await beta.companies.list();
  await expect(beta.companies.list()).rejects.toBeInstanceOf(Pax8RateLimitError); // beta's 3rd call this minute
  expect((await acme.companies.list()).content).toHaveLength(4); // acme is not held back

  const betaCompany = sim.account('beta-msp').world.companies.ids()[0]!;
  await expect(acme.companies.get(betaCompany)).rejects.toMatchObject({ status: 404 }); // a token reads its own account only
  expect(sim.account('beta-msp').requests.map((r) => r.status)).toEqual([200, 200, 200, 429]);
  await sim.close();
});
// #endregion readme-accounts

describe('README', () => {
  it('shows the accounts example this file runs, word for word', () => {
    expect(readme()).toContain(region(import.meta.url, 'readme-accounts'));
  });
});
