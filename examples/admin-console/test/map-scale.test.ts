import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PsaCompany } from '../src/console-deps';
import { demoCredentials } from '../src/demo/demo-pax8';
import { type ConsoleUnderTest, poll, startConsoleUnderTest, unlabelledControls, unreachableByTab } from './support/console-fixture';

const words = ['Alder', 'Birch', 'Cobalt', 'Delta', 'Ember', 'Fjord', 'Garnet', 'Harbor', 'Indigo', 'Juniper', 'Kestrel', 'Lumen', 'Meadow', 'Nimbus', 'Onyx', 'Prairie', 'Quartz', 'Raven', 'Sequoia', 'Tundra'];
const trades = ['Plumbing', 'Logistics', 'Dental', 'Legal', 'Bakery', 'Robotics', 'Farms', 'Studios', 'Freight', 'Clinics'];

/** 5,000 PSA companies: a near-miss spelling of each Pax8 company (Quick Match pairs them), then generated customers, one of them easy to search for. */
function bigPsaList(pax8Names: readonly string[]): PsaCompany[] {
  const list: PsaCompany[] = pax8Names.map((name, i) => ({ id: `psa-${String(i).padStart(5, '0')}`, name: `${name.replace(/,? (Inc\.?|LLC|Ltd|Corp\.?)$/i, '')} Group` }));
  for (let i = list.length; i < 5_000; i += 1) {
    const name = `${words[i % words.length]} ${words[Math.floor(i / words.length) % words.length]} ${trades[i % trades.length]} ${i}`;
    list.push({ id: `psa-${String(i).padStart(5, '0')}`, name });
  }
  list[4_711] = { id: 'psa-04711', name: 'Zephyr Quarry Outfitters' };
  return list;
}

const pageSize = (t: ConsoleUnderTest) => t.page.locator('tbody tr[data-state]').count();
const elementCount = (t: ConsoleUnderTest) => t.page.evaluate(() => document.getElementsByTagName('*').length);

// The Map page with 5,000 PSA companies: one page of rows, one picker, and a search on the server.
describe('the Map page at scale: 5,000 PSA companies, 120 Pax8 companies in pages of 50', () => {
  let t: ConsoleUnderTest;
  let connectionId: string;
  let psa: PsaCompany[] = [];

  beforeAll(async () => {
    t = await startConsoleUnderTest({ simulator: { companies: 120, products: 5, subscriptions: 0 }, psaDirectory: { listCompanies: async () => psa } });
    psa = bigPsaList(t.app.sim.world.companies.list({ limit: 1_000 }).map((c) => c.name));
    const connection = await t.app.engine.createConnection({ name: 'Scale', environment: 'Production', baseUrl: t.app.pax8Url, ...demoCredentials, country: 'US', currency: 'USD' });
    connectionId = connection.id;
    await t.app.engine.syncCompanies({ connectionId });
    await t.app.engine.suggestMappings({ connectionId, psaCompanies: psa });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows 50 rows a page, no PSA list in the page, and the lowest scores first across the pages', async () => {
    const { page } = t;
    expect(psa).toHaveLength(5_000);
    const pending = await t.app.storage.mappings.list(connectionId, { state: 'pending' });
    expect(pending.length).toBeGreaterThan(50);
    await t.open('/map');
    expect(await pageSize(t)).toBe(50);
    expect(await page.locator('nav.pager .where').textContent()).toBe('Rows 1–50 of 120, page 1 of 3');
    // Small whatever the PSA's size: no dropdown, no PSA company but the rows' own.
    expect(await page.locator('select, option').count()).toBe(0);
    expect(await elementCount(t)).toBeLessThan(1_500);
    expect((await page.content()).length).toBeLessThan(120_000);
    expect(await page.content()).not.toContain('Zephyr');
    expect(await unlabelledControls(page)).toEqual([]);

    const scores: number[] = [];
    for (let n = 1; n <= 3; n += 1) {
      if (n > 1) {
        await page.getByRole('link', { name: 'Next page' }).click();
        await page.waitForURL(new RegExp(`filter=all&page=${n}$`));
      }
      scores.push(...(await page.locator('tr[data-state="pending"] .badge.pending').evaluateAll((els) => els.map((el) => Number((el as HTMLElement).dataset.score)))));
    }
    expect(await pageSize(t)).toBe(20);
    expect(await page.getByRole('link', { name: 'Next page' }).count()).toBe(0);
    expect(scores).toEqual(pending.map((m) => Number(m.score!.toFixed(2))).sort((a, b) => a - b));
  });

  it('keeps the filter across pages, and an action on page 2 comes back to page 2 of that filter', async () => {
    const { page } = t;
    await t.open('/map?filter=all&page=2');
    await page.getByRole('link', { name: /^Unmapped Only/ }).click();
    await page.waitForURL(/filter=unmapped&page=1$/);
    await page.getByRole('link', { name: 'Next page' }).click();
    await page.waitForURL(/filter=unmapped&page=2$/);
    expect(await page.locator('tbody tr[data-state="mapped"]').count()).toBe(0);
    const row = page.locator('tr[data-state="pending"]').first();
    const id = (await row.getAttribute('data-pax8-company-id'))!;
    await row.getByRole('button', { name: /^Accept/ }).click();
    await page.waitForURL(/filter=unmapped&page=2&notice=accepted/);
    expect((await t.app.storage.mappings.get(connectionId, id))?.state).toBe('confirmed');
  });

  it('the picker finds one PSA company among 5,000 on the server, lists at most ten, and maps it', async () => {
    const { page } = t;
    await t.open('/map?filter=unmapped&page=1');
    const row = page.locator('tr[data-state="pending"]').first();
    const id = (await row.getAttribute('data-pax8-company-id'))!;
    await row.getByRole('link', { name: /^Map by hand/ }).click();
    await page.waitForURL(/pick=/);
    const search = page.getByRole('searchbox', { name: /^Search your PSA companies for / });
    await search.fill('birch');
    await poll(() => page.locator('#psa-results').getAttribute('data-query')).toBe('birch');
    expect(await page.locator('#psa-results li').count()).toBe(10);
    expect(await page.locator('#psa-results .result-count').textContent()).toBe('The first 10 PSA companies match "birch": type more to narrow.');
    await search.fill('zephyr qua');
    await poll(() => page.locator('#psa-results').getByRole('button').allTextContents()).toEqual([expect.stringMatching(/Zephyr Quarry Outfitters$/)]);
    expect(await elementCount(t)).toBeLessThan(1_500);
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await unreachableByTab(page)).toEqual([]);
    await t.screenshot('map-picker', { fullPage: false });
    await page.locator('#psa-results').getByRole('button', { name: /Zephyr Quarry Outfitters$/ }).click();
    await poll(async () => (await t.app.storage.mappings.get(connectionId, id))?.psaCompanyId).toBe('psa-04711');
    expect(await t.app.storage.mappings.get(connectionId, id)).toMatchObject({ state: 'confirmed', source: 'manual' });
    expect(new URL(page.url()).searchParams.get('filter')).toBe('unmapped');
  });

  it('without JavaScript, the picker is a search form: the same results come back in the page', async () => {
    const row = await t.app.engine.listMappings({ connectionId, filter: 'unmapped' });
    const response = await fetch(`${t.app.url}/map?filter=unmapped&page=1&pick=${row[0]!.pax8CompanyId}&q=zephyr`);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('Zephyr Quarry Outfitters');
    expect(html).toContain('taken: mapped to the Pax8 company');
    expect(html.match(/name="psaCompanyId"/g) ?? []).toHaveLength(0);
  });
});
