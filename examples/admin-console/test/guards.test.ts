import { samplePsaCompanies } from '@pax8-sync/example-quickstart/src/psa-companies';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCredentials } from '../src/demo/demo-pax8';
import { removalRefusedText } from '../src/views/words';
import { type ConsoleUnderTest, createGate, poll, startConsoleUnderTest, unlabelledControls } from './support/console-fixture';

const psaName = (id: string) => samplePsaCompanies.find((c) => c.id === id)?.name ?? id;

// What the console refuses, in a browser: a second Pax8 company on a PSA company (one-to-one), and
// Remove Integration while a sync of the connection runs, here or in another process.
describe('the guards: one-to-one mappings, the manual mapping error beside its picker, Remove refused while a sync runs', () => {
  const gate = createGate();
  let t: ConsoleUnderTest;
  let connectionId: string;

  beforeAll(async () => {
    t = await startConsoleUnderTest({ simulator: { wait: gate.wait, faults: { routes: { 'GET /v1/subscriptions': { delay: 1 } } } } });
    const connection = await t.app.engine.createConnection({ name: 'Guards', environment: 'Production', baseUrl: t.app.pax8Url, ...demoCredentials, country: 'US', currency: 'USD' });
    connectionId = connection.id;
    await t.app.engine.syncCompanies({ connectionId });
    await t.app.engine.suggestMappings({ connectionId, psaCompanies: samplePsaCompanies });
  });
  afterAll(async () => {
    gate.open();
    await t?.close();
  });

  const rowOf = (pax8CompanyId: string) => t.page.locator(`tr[id="row-${pax8CompanyId}"]`);
  const unmappedIds = async () => (await t.app.engine.listMappings({ connectionId })).filter((item) => item.state === 'unmapped').map((item) => item.pax8CompanyId);
  const openPicker = async (pax8CompanyId: string, query: string) => {
    await t.open('/map');
    await rowOf(pax8CompanyId).getByRole('link', { name: /^Map by hand/ }).click();
    await t.page.waitForURL(/pick=/);
    await t.page.getByRole('searchbox', { name: /^Search your PSA companies for / }).fill(query);
    await poll(() => t.page.locator('#psa-results').getAttribute('data-query')).toBe(query);
  };

  it('a PSA company mapped by hand is marked taken: its pending suggestion says so beside its row, cannot be accepted, and Save All leaves it pending', async () => {
    const { page } = t;
    const [suggestion] = await t.app.storage.mappings.list(connectionId, { state: 'pending' });
    const psa = suggestion!.psaCompanyId;
    const [byHand] = await unmappedIds();

    // Map another company by hand to the PSA company Quick Match suggested for `suggestion`.
    await openPicker(byHand!, psaName(psa));
    await page.locator('#psa-results').getByRole('button', { name: new RegExp(`${psaName(psa)}$`) }).click();
    await poll(() => rowOf(byHand!).getAttribute('data-state')).toBe('mapped');

    const row = rowOf(suggestion!.pax8CompanyId);
    expect(await row.getAttribute('data-state')).toBe('pending');
    const holder = (await t.app.storage.companies.getMany(connectionId, [byHand!]))[0]!.name;
    expect(await row.locator('.conflict').textContent()).toBe(`${psaName(psa)} is already mapped to the Pax8 company ${holder}, so Save All skips this suggestion: reject it, or map this company by hand.`);
    expect(await row.getByRole('button', { name: /^Accept/ }).count()).toBe(0);
    expect(await row.getByRole('button', { name: /^Reject/ }).getAttribute('aria-describedby')).toBe(`taken-${suggestion!.pax8CompanyId}`);
    const pending = (await t.app.storage.mappings.list(connectionId, { state: 'pending' })).length;
    expect(await page.getByRole('button', { name: /^Save All/ }).textContent()).toBe(`Save All (${pending - 1} pending)`);
    expect(await unlabelledControls(page)).toEqual([]);
    await t.screenshot('map-taken', { fullPage: false });

    // The picker shows the PSA company as taken, with no button to choose it.
    const [other] = (await unmappedIds()).filter((id) => id !== byHand);
    await openPicker(other!, psaName(psa));
    const taken = page.locator(`#psa-results li.taken[data-psa-company-id="${psa}"]`);
    expect(await taken.textContent()).toBe(`${psaName(psa)} (taken: mapped to the Pax8 company ${holder})`);
    expect(await taken.getByRole('button').count()).toBe(0);

    // Accept posted anyway (an old page) is refused; Save All confirms the rest and leaves it pending.
    const accept = await fetch(`${t.app.url}/map/accept?filter=all&page=1`, { method: 'POST', headers: { origin: t.app.url }, body: new URLSearchParams({ pax8CompanyId: suggestion!.pax8CompanyId }), redirect: 'manual' });
    expect(accept.headers.get('location')).toContain('notice=taken');
    await t.open('/map');
    await page.getByRole('button', { name: /^Save All/ }).click();
    await poll(() => page.locator('.notice').textContent()).toBe(
      `Saved All: ${pending - 1} suggestions confirmed; 1 left pending, because their PSA company is already mapped to another Pax8 company (see the rows marked).`,
    );
    expect((await t.app.storage.mappings.get(connectionId, suggestion!.pax8CompanyId))?.state).toBe('pending');
    const confirmed = await t.app.storage.mappings.list(connectionId, { state: 'confirmed' });
    expect(confirmed.filter((m) => m.psaCompanyId === psa).map((m) => m.pax8CompanyId)).toEqual([byHand]);
    expect(new Set(confirmed.map((m) => m.psaCompanyId)).size).toBe(confirmed.length);

    // Unmapping the company frees the PSA company: the suggestion can be accepted again.
    await rowOf(byHand!).getByRole('button', { name: /^Unmap/ }).click();
    await poll(() => page.locator('.notice').textContent()).toBe('Mapping removed: the company is unmapped, and Quick Match will not suggest that pair again.');
    expect((await t.app.storage.mappings.get(connectionId, byHand!))?.state).toBe('rejected');
    await row.getByRole('button', { name: /^Accept/ }).click();
    await poll(() => rowOf(suggestion!.pax8CompanyId).getAttribute('data-state')).toBe('mapped');
  });

  it('a manual mapping refused by the server is shown beside the picker’s search field, and nothing is stored', async () => {
    const { page } = t;
    const used = new Set((await t.app.storage.mappings.list(connectionId)).map((m) => m.psaCompanyId));
    const free = samplePsaCompanies.find((c) => !used.has(c.id))!;
    const [target, elsewhere] = await unmappedIds();
    await openPicker(target!, free.name);
    const choose = page.locator('#psa-results').getByRole('button', { name: new RegExp(`${free.name}$`) });
    expect(await choose.count()).toBe(1);
    // Meanwhile another admin maps another company to it.
    await t.app.engine.setMapping({ connectionId, pax8CompanyId: elsewhere!, psaCompanyId: free.id });
    const holder = (await t.app.storage.companies.getMany(connectionId, [elsewhere!]))[0]!.name;
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().includes('/map/manual')), choose.click()]);
    expect(response.status()).toBe(422);

    const error = page.locator('#psa-query-error');
    expect(await error.textContent()).toBe(`PSA company is already mapped to the Pax8 company "${holder}": choose another one, or map "${holder}" to another company first.`);
    const search = page.getByRole('searchbox', { name: /^Search your PSA companies for / });
    expect(await search.getAttribute('aria-invalid')).toBe('true');
    expect((await search.getAttribute('aria-describedby'))?.split(' ')).toContain('psa-query-error');
    // Beside it: in the picker, under the row it was opened for, right after the search's hint.
    expect(await page.locator(`tr[id="row-${target}"] + tr.picker-row #picker #psa-query-hint + #psa-query-error`).count()).toBe(1);
    expect(await page.locator(`#psa-results li.taken[data-psa-company-id="${free.id}"]`).count()).toBe(1);
    expect(await t.app.storage.mappings.get(connectionId, target!)).toBeUndefined();

    // A PSA id the directory does not have (a tampered form) is named the same way.
    await page.locator('#psa-results').evaluate((el, id) => {
      el.innerHTML = `<button type="submit" name="psaCompanyId" value="${id}">Forged</button>`;
    }, 'psa-does-not-exist');
    await page.getByRole('button', { name: 'Forged' }).click();
    await poll(() => error.textContent()).toBe('PSA company is not one of your PSA companies: choose one from the list.');
    expect(await t.app.storage.mappings.get(connectionId, target!)).toBeUndefined();
  });

  it('Remove Integration is refused (409) while a sync of this console runs, with the reason beside the button, and nothing is deleted', async () => {
    const { page } = t;
    await t.open('/manage');
    await page.getByRole('button', { name: 'Sync Subscriptions' }).click();
    await page.waitForURL(/notice=sync-started/);
    // The gate holds the sync after its first page.
    await poll(async () => (await t.app.storage.locks.get(connectionId, 'sync:subscriptions'))?.expiresAt ?? 0).toBeGreaterThan(Date.now());
    expect(t.app.jobs.latest(connectionId, 'subscriptions')?.running).toBe(true);
    const mappings = await t.app.storage.mappings.list(connectionId);

    await t.open('/manage/remove');
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/manage/remove') && r.request().method() === 'POST'), page.getByRole('button', { name: 'Remove Integration' }).click()]);
    expect(response.status()).toBe(409);
    expect(await page.locator('#remove-error').textContent()).toBe(removalRefusedText(['subscriptions']));
    expect(await page.getByRole('button', { name: 'Remove Integration' }).getAttribute('aria-describedby')).toBe('remove-error');
    expect((await t.app.storage.connections.list()).map((c) => c.id)).toEqual([connectionId]);
    expect(await t.app.storage.mappings.list(connectionId)).toEqual(mappings);
    await t.screenshot('remove-refused', { fullPage: false });

    gate.open();
    await t.app.jobs.idle();
    expect(t.app.jobs.latest(connectionId, 'subscriptions')?.result?.outcome).toBe('succeeded');
  });

  it('Remove Integration is refused while another process holds a sync lease, and goes ahead once that lease has expired', async () => {
    const { page } = t;
    const other = await t.app.storage.locks.acquire({ connectionId, name: 'sync:companies', holder: 'worker-on-another-machine', ttlMs: 600_000, now: Date.now() });
    expect(other).not.toBeNull();
    expect(t.app.jobs.busy(connectionId)).toBe(false);
    await t.open('/manage/remove');
    const [refused] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/manage/remove') && r.request().method() === 'POST'), page.getByRole('button', { name: 'Remove Integration' }).click()]);
    expect(refused.status()).toBe(409);
    expect(await page.locator('#remove-error').textContent()).toBe(removalRefusedText(['companies']));
    expect((await t.app.storage.connections.list()).map((c) => c.id)).toEqual([connectionId]);

    // That worker crashed: its lease ran out without being released (taken again, by the book, with an old clock).
    await t.app.storage.locks.release({ connectionId, name: 'sync:companies', token: other!.token });
    const stale = await t.app.storage.locks.acquire({ connectionId, name: 'sync:companies', holder: 'worker-that-crashed', ttlMs: 60_000, now: Date.now() - 120_000 });
    expect(stale!.expiresAt).toBeLessThan(Date.now());
    await t.open('/manage/remove');
    await page.getByRole('button', { name: 'Remove Integration' }).click();
    await page.waitForURL(/\/connect\?notice=removed/);
    expect(await t.app.storage.connections.list()).toEqual([]);
    expect(await t.app.storage.mappings.list(connectionId)).toEqual([]);
  });
});
