import { defaultSyncCadence } from '@pax8-sync/core';
import { samplePsaCompanies } from '@pax8-sync/example-quickstart/src/psa-companies';
import { createMatchScorer } from '@pax8-sync/matcher';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCredentials } from '../src/demo/demo-pax8';
import { formatTime } from '../src/views/words';
import { type ConsoleUnderTest, createGate, poll, startConsoleUnderTest, unlabelledControls, waitForSync } from './support/console-fixture';

// One journey, step by step, as an admin does it: connect, map, complete, then manage. Each step
// checks what the page shows against what storage holds.
describe('the wizard and the manage page, clicked through in Chromium', () => {
  const gate = createGate();
  let t: ConsoleUnderTest;
  let connectionId: string;

  beforeAll(async () => {
    // Every GET /v1/subscriptions is "delayed" through the gate: the first passes, the rest wait for gate.open().
    t = await startConsoleUnderTest({ simulator: { wait: gate.wait, faults: { routes: { 'GET /v1/subscriptions': { delay: 1 } } } } });
  });
  afterAll(async () => {
    gate.open();
    await t?.close();
  });

  it('Connect: fills the provider form and verifies connectivity as typed, storing nothing yet', async () => {
    const { page } = t;
    await t.open('/');
    expect(new URL(page.url()).pathname).toBe('/connect');
    expect(await unlabelledControls(page)).toEqual([]);
    await poll(() => page.getByLabel('Endpoint').inputValue()).toBe('https://api.pax8.com');
    await page.getByLabel('Connection name').fill('Contoso MSP (Pax8)');
    await page.getByLabel('Environment').selectOption('Production');
    await page.getByLabel('Endpoint').fill(t.app.pax8Url);
    await page.getByLabel('Client ID').fill(demoCredentials.clientId);
    await page.getByLabel('Client secret').fill(demoCredentials.clientSecret);
    await page.getByLabel('Country').fill('us');
    await page.getByLabel('Currency').fill('usd');
    await page.getByLabel('Bill on behalf of').check();
    await t.screenshot('connect-filled');
    await page.getByRole('button', { name: 'Verify Connectivity' }).click();
    await poll(() => page.locator('#verify-result').textContent()).toMatch(/^Connected: Pax8 issued a token and answered in \d+ ms\.$/);
    expect(await page.locator('.notice').textContent()).toBe('Pax8 accepts these settings. Nothing is saved yet: press Save to store them.');
    await t.screenshot('connect-verified');
    expect(await t.app.storage.connections.list()).toEqual([]);
    // The form stays as typed: the secret too, though the server never sends it back (no value attribute carries it).
    expect(await page.getByLabel('Client secret').inputValue()).toBe(demoCredentials.clientSecret);
    expect(await page.getByLabel('Client secret').getAttribute('value')).toBe('');
    expect(await page.getByLabel('Country').inputValue()).toBe('us');
  });

  it('Connect → Map: Save and continue stores the connection (secret sealed), syncs the companies and shows Quick Match suggestions as pending badges, lowest score first, with their parts', async () => {
    const { page } = t;
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.waitForURL(/\/map\?/);
    const [stored, ...others] = await t.app.storage.connections.list();
    expect(others).toEqual([]);
    connectionId = stored!.id;
    expect(stored).toMatchObject({ name: 'Contoso MSP (Pax8)', environment: 'Production', baseUrl: t.app.pax8Url, country: 'US', currency: 'USD' });
    expect(stored!.companyDefaults).toEqual({ selfServiceAllowed: false, billOnBehalfOfEnabled: true, orderApprovalRequired: false });
    const raw = JSON.stringify((await t.app.db.query('SELECT * FROM pax8_sync.connections')).rows);
    expect(raw).not.toContain(demoCredentials.clientSecret);
    expect(raw).not.toContain(demoCredentials.clientId);
    expect(await t.app.storage.companies.count(connectionId)).toBe(40);
    const pending = await t.app.storage.mappings.list(connectionId, { state: 'pending' });
    expect(pending.length).toBeGreaterThanOrEqual(30);
    await poll(() => page.locator('.notice').textContent()).toBe(`Companies synced and Quick Match run: ${pending.length} suggestions to review.`);

    const rows = page.locator('tr[data-state="pending"]');
    expect(await rows.count()).toBe(pending.length);
    const shownScores = (await rows.locator('.badge.pending').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.score))).map(Number);
    expect(shownScores).toEqual(pending.map((m) => Number(m.score!.toFixed(2))).sort((a, b) => a - b));
    const first = rows.first();
    const firstId = await first.getAttribute('data-pax8-company-id');
    const firstStored = pending.find((m) => m.pax8CompanyId === firstId)!;
    expect(await first.locator('.badge').textContent()).toBe(`Pending ${firstStored.score!.toFixed(2)}`);
    expect(await page.locator('tr[data-state="unmapped"]').count()).toBe(40 - pending.length);
    // The score's parts beside each badge: the matcher's own, over the lists Quick Match compared, whose product is the stored score.
    const scorer = createMatchScorer((await t.app.engine.listMappings({ connectionId })).map((item) => item.pax8CompanyName), samplePsaCompanies.map((c) => c.name));
    const shown = await rows.evaluateAll((els) =>
      els.map((el) => ({ id: (el as HTMLElement).dataset.pax8CompanyId, pax8: el.querySelector('th')?.textContent ?? '', psa: el.querySelector('td.psa')?.textContent ?? '', parts: { ...(el.querySelector('.parts') as HTMLElement).dataset } })),
    );
    for (const row of shown) {
      const parts = scorer.score(row.pax8, row.psa);
      expect(row.parts).toEqual({ spelling: parts.spelling.toFixed(2), words: parts.wordAgreement.toFixed(2) });
      expect(parts.score).toBeCloseTo(pending.find((m) => m.pax8CompanyId === row.id)!.score!, 12);
    }
    expect(await unlabelledControls(page)).toEqual([]);
    await t.screenshot('map-suggestions', { fullPage: false });
  });

  it('Map: Next is refused while no company is mapped, and nothing starts', async () => {
    const { page } = t;
    await page.getByRole('button', { name: 'Next: start syncing' }).click();
    await poll(() => page.locator('#next-error').textContent()).toMatch(/^Map at least one company first/);
    expect(await page.getByRole('button', { name: 'Next: start syncing' }).getAttribute('aria-describedby')).toBe('next-error');
    expect(await t.app.storage.runs.list(connectionId, { entity: 'subscriptions' })).toEqual([]);
    expect(await t.app.storage.mappings.list(connectionId, { state: 'confirmed' })).toEqual([]);
  });

  it('Map: rejects the lowest suggestion, accepts the next, maps an unmapped company by hand with the searchable picker', async () => {
    const { page } = t;
    await t.open('/map');
    const lowest = page.locator('tr[data-state="pending"]').first();
    const rejectedId = (await lowest.getAttribute('data-pax8-company-id'))!;
    await lowest.getByRole('button', { name: /^Reject/ }).click();
    await poll(() => page.locator(`tr[id="row-${rejectedId}"]`).getAttribute('data-state')).toBe('rejected');
    expect((await t.app.storage.mappings.get(connectionId, rejectedId))?.state).toBe('rejected');

    const next = page.locator('tr[data-state="pending"]').first();
    const acceptedId = (await next.getAttribute('data-pax8-company-id'))!;
    await next.getByRole('button', { name: /^Accept/ }).click();
    await poll(() => page.locator(`tr[id="row-${acceptedId}"]`).getAttribute('data-state')).toBe('mapped');
    expect((await t.app.storage.mappings.get(connectionId, acceptedId))?.state).toBe('confirmed');

    const unmapped = page.locator('tr[data-state="unmapped"]').first();
    const manualId = (await unmapped.getAttribute('data-pax8-company-id'))!;
    await unmapped.getByRole('link', { name: /^Map by hand/ }).click();
    await page.waitForURL(/pick=/);
    // One picker, under its row; the PSA list is searched on the server as you type.
    expect(await page.locator('#picker').count()).toBe(1);
    expect(await page.locator(`tr[id="row-${manualId}"] + tr.picker-row #picker`).count()).toBe(1);
    await page.getByRole('searchbox', { name: /^Search your PSA companies for / }).fill('alpine');
    const results = page.locator('#psa-results');
    await poll(() => results.getByRole('button').allTextContents()).toEqual([expect.stringMatching(/Alpine Ski House$/)]);
    expect(await results.locator('.result-count').textContent()).toBe('1 PSA company matches "alpine".');
    await results.getByRole('button', { name: /Alpine Ski House$/ }).click();
    await poll(() => page.locator(`tr[id="row-${manualId}"]`).getAttribute('data-state')).toBe('mapped');
    expect(await t.app.storage.mappings.get(connectionId, manualId)).toMatchObject({ state: 'confirmed', source: 'manual', psaCompanyId: 'psa-1039', score: null });
    expect(await page.locator(`tr[id="row-${manualId}"] td.psa`).textContent()).toBe('Alpine Ski House');
    expect(await page.locator('#picker').count()).toBe(0);
  });

  it('Map: the filters show what storage holds, and Save All confirms every pending suggestion', async () => {
    const { page } = t;
    await page.getByRole('link', { name: /^Mapped Only/ }).click();
    await page.waitForURL(/filter=mapped/);
    expect(await page.locator('tbody tr[data-state]').count()).toBe(2);
    await page.getByRole('link', { name: /^Unmapped Only/ }).click();
    await page.waitForURL(/filter=unmapped/);
    expect(await page.locator('tbody tr[data-state="mapped"]').count()).toBe(0);
    expect(await page.locator('tbody tr[data-state]').count()).toBe(38);
    await page.getByRole('link', { name: /^All/ }).click();
    await page.waitForURL(/filter=all/);

    const pendingBefore = (await t.app.storage.mappings.list(connectionId, { state: 'pending' })).length;
    await page.getByRole('button', { name: /^Save All/ }).click();
    await poll(() => page.locator('.notice').textContent()).toBe(`Saved All: ${pendingBefore} suggestions confirmed.`);
    const confirmed = await t.app.storage.mappings.list(connectionId, { state: 'confirmed' });
    expect(confirmed).toHaveLength(pendingBefore + 2);
    expect(await t.app.storage.mappings.list(connectionId, { state: 'pending' })).toEqual([]);
    expect(await page.locator('tr[data-state="mapped"]').count()).toBe(confirmed.length);
    expect(await page.locator('.summary').textContent()).toContain(`${confirmed.length} of 40 Pax8 companies mapped; 0 Quick Match suggestions pending.`);
    await t.screenshot('map-saved', { fullPage: false });
  });

  it('Complete: Next starts the subscription sync, whose progress bar follows it page by page (server-sent events)', async () => {
    const { page } = t;
    await page.getByRole('button', { name: 'Next: start syncing' }).click();
    await page.waitForURL(/\/complete$/);
    // The gate holds every page after the first: the bar must show the first page while the sync is still running.
    await poll(() => page.locator('[data-progress-entity="subscriptions"] .progress-text').textContent()).toMatch(/^Subscriptions: page 1 of [2-9]$/);
    expect(await page.locator('#progress-subscriptions').getAttribute('value')).toBe('1');
    expect(t.app.jobs.latest(connectionId, 'subscriptions')?.running).toBe(true);
    await t.screenshot('complete-syncing');
    gate.open();
    const caption = await waitForSync(page, 'subscriptions');

    const [run] = await t.app.storage.runs.list(connectionId, { entity: 'subscriptions' });
    expect(run?.outcome).toBe('succeeded');
    const { created, updated, unchanged, removed, quarantined } = run!.counts;
    expect(caption).toBe(`Subscriptions succeeded: ${created} new, ${updated} changed, ${unchanged} unchanged, ${removed} removed, ${quarantined} quarantined.`);
    expect(created).toBe(await t.app.storage.subscriptions.count(connectionId));
    const pages = t.app.jobs.latest(connectionId, 'subscriptions')!.events.length;
    expect(pages).toBeGreaterThan(1);
    // One event per page plus the final one, all received by the page.
    expect(await page.locator('[data-progress-entity="subscriptions"]').getAttribute('data-events')).toBe(String(pages + 1));
    expect(await page.locator('#progress-subscriptions').getAttribute('value')).toBe(String(pages));
  });

  it('Complete: the schedule table shows every sync with its cadence, last run and next run, as storage has them', async () => {
    const { page } = t;
    await page.reload();
    const row = (entity: string) => page.locator(`table.schedule tr[data-entity="${entity}"] td`);
    expect(await page.locator('table.schedule tbody tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.entity))).toEqual(['companies', 'subscriptions', 'products']);
    for (const entity of ['companies', 'subscriptions'] as const) {
      const [last] = await t.app.storage.runs.list(connectionId, { entity, limit: 1 });
      const cells = await row(entity).allTextContents();
      expect(cells).toEqual([entity === 'companies' ? 'every 4 hours' : 'every hour', `${formatTime(last!.startedAt)} · Succeeded`, formatTime(last!.startedAt + defaultSyncCadence[entity])]);
    }
    expect(await row('products').allTextContents()).toEqual(['every day', 'Never', 'due now (never synced)']);
    expect(await unlabelledControls(page)).toEqual([]);
    await t.screenshot('complete');
  });

  it('Manage: shows the connection, the run history and the change feed as storage has them', async () => {
    const { page } = t;
    await page.getByRole('link', { name: 'Go to Manage' }).click();
    await page.waitForURL(/\/manage$/);
    const facts = await page.locator('dl.facts dd').allTextContents();
    expect(facts).toEqual(['Contoso MSP (Pax8)', 'Production', t.app.pax8Url, 'US, USD', "the partner's own API credentials", 'self-service allowed: No; bill on behalf of: Yes; order approval required: No']);
    const runs = await t.app.storage.runs.list(connectionId, { limit: 20 });
    expect(await page.locator('table.runs tbody tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.runId))).toEqual(runs.map((r) => r.id));
    expect(await page.locator('table.runs tbody tr').first().locator('td').nth(2).textContent()).toBe('Succeeded');

    const feed = await t.app.storage.changes.list(connectionId, { limit: 25 });
    const cursors = () => page.locator('table.changes tbody tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.cursor));
    expect(await cursors()).toEqual(feed.events.map((e) => e.cursor));
    const firstCompany = feed.events[0]!;
    expect(await page.locator('table.changes tbody tr').first().locator('td').nth(2).textContent()).toBe(String(firstCompany.after?.name));
    expect(await page.locator('table.changes tbody tr').first().locator('td').nth(3).textContent()).toBe('Company created');
    expect(await page.getByText('Write-back approvals').count()).toBe(1);
    expect(await page.locator('section[aria-labelledby="approvals-title"] button').count()).toBe(0);
    expect(await unlabelledControls(page)).toEqual([]);
    await t.screenshot('manage');

    await page.getByRole('link', { name: 'Next 25 changes' }).click();
    await page.waitForURL(/after=/);
    const second = await t.app.storage.changes.list(connectionId, { after: feed.nextCursor, limit: 25 });
    expect(await cursors()).toEqual(second.events.map((e) => e.cursor));
  });

  it('Manage: Sync Subscriptions finds a quantity change made in Pax8, shown in the run history and the change feed', async () => {
    const { page } = t;
    await t.open('/manage');
    const [subscription] = (await t.app.storage.subscriptions.list(connectionId, { limit: 1 })).items;
    t.app.sim.world.subscriptions.update(subscription!.id, { quantity: subscription!.quantity + 5 });
    await page.getByRole('button', { name: 'Sync Subscriptions' }).click();
    await page.waitForURL(/notice=sync-started/);
    const caption = await waitForSync(page, 'subscriptions');
    expect(caption).toMatch(/^Subscriptions succeeded: 0 new, 1 changed, \d+ unchanged, 0 removed, 0 quarantined\.$/);

    await page.getByRole('link', { name: 'Refresh the run history' }).click();
    const [newest] = await t.app.storage.runs.list(connectionId, { limit: 1 });
    const top = page.locator('table.runs tbody tr').first();
    expect(await top.getAttribute('data-run-id')).toBe(newest!.id);
    expect(await top.locator('td').nth(3).textContent()).toContain('0 new, 1 changed');

    const all = await t.app.storage.changes.list(connectionId, { limit: 10_000 });
    const change = all.events.find((e) => e.kind === 'quantity_changed' && e.entityId === subscription!.id)!;
    await t.open(`/manage?after=${BigInt(change.cursor) - 1n}`);
    const row = page.locator('table.changes tbody tr').first();
    expect(await row.getAttribute('data-kind')).toBe('quantity_changed');
    expect(await row.locator('td').nth(3).textContent()).toBe('Subscription quantity changed');
    expect(await row.locator('td').nth(4).textContent()).toBe(`${subscription!.quantity} → ${subscription!.quantity + 5} seats`);
  });

  it('Manage: a mass-deletion flag is explained in words, and "run again, allowing the removal" removes what Pax8 no longer lists', async () => {
    const { page } = t;
    await t.open('/manage');
    const active = await t.app.storage.subscriptions.listActiveIds(connectionId);
    const gone = active.slice(0, Math.ceil(active.length * 0.6));
    for (const id of gone) t.app.sim.world.subscriptions.remove(id);
    await page.getByRole('button', { name: 'Sync Subscriptions' }).click();
    await page.waitForURL(/notice=sync-started/);
    expect(await waitForSync(page, 'subscriptions')).toMatch(/^Subscriptions flagged: .* Mass-deletion breaker: Check in Pax8\./);
    const [flagged] = await t.app.storage.runs.list(connectionId, { limit: 1 });
    expect(flagged).toMatchObject({ outcome: 'flagged', flags: ['mass-deletion-breaker'] });
    expect(await t.app.storage.subscriptions.listActiveIds(connectionId)).toEqual(active);

    await page.getByRole('link', { name: 'Refresh the run history' }).click();
    const top = page.locator('table.runs tbody tr').first();
    expect(await top.getAttribute('data-outcome')).toBe('flagged');
    expect(await top.locator('td').nth(2).textContent()).toBe('Flagged: nothing was removed');
    const flag = top.locator('[data-flag="mass-deletion-breaker"]');
    expect(await flag.textContent()).toMatch(/^Mass-deletion breaker\. Pax8 listed far fewer records than are stored: more than half would have been removed, so nothing was removed\..* What to do: Check in Pax8\./);
    await t.screenshot('manage-flagged');

    await flag.getByRole('button', { name: 'Run subscriptions again, allowing the removal' }).click();
    await page.waitForURL(/notice=sync-started/);
    expect(await waitForSync(page, 'subscriptions')).toContain(`${gone.length} removed`);
    const [allowed] = await t.app.storage.runs.list(connectionId, { limit: 1 });
    expect(allowed).toMatchObject({ outcome: 'succeeded', flags: [] });
    expect(allowed!.counts.removed).toBe(gone.length);
    expect(await t.app.storage.subscriptions.listActiveIds(connectionId)).toEqual(active.slice(gone.length));
  });

  it('Manage: Sync Companies and Sync Products run now, and the schedule shows their last runs', async () => {
    const { page } = t;
    for (const [entity, label] of [['companies', 'Companies'], ['products', 'Products']] as const) {
      await t.open('/manage');
      await page.getByRole('button', { name: `Sync ${label}` }).click();
      await page.waitForURL(/notice=sync-started/);
      expect(await waitForSync(page, entity)).toMatch(new RegExp(`^${label} succeeded: `));
    }
    await t.open('/manage');
    const [products] = await t.app.storage.runs.list(connectionId, { entity: 'products', limit: 1 });
    expect(products?.counts.created).toBe(await t.app.storage.products.count(connectionId));
    expect(await page.locator('table.schedule tr[data-entity="products"] td').allTextContents()).toEqual([
      'every day',
      `${formatTime(products!.startedAt)} · Succeeded`,
      formatTime(products!.startedAt + defaultSyncCadence.products),
    ]);
  });

  it('Manage: Remove Integration says what is deleted and that Pax8 is untouched, then deletes every row of the connection', async () => {
    const { page } = t;
    await t.open('/manage');
    await page.getByRole('link', { name: 'Remove Integration…' }).click();
    await page.waitForURL(/\/manage\/remove$/);
    const all = { includeRemoved: true };
    const companies = await t.app.storage.companies.count(connectionId, all);
    const subscriptions = await t.app.storage.subscriptions.count(connectionId, all);
    const mappings = (await t.app.storage.mappings.list(connectionId)).length;
    const runs = (await t.app.storage.runs.list(connectionId, { limit: 1000 })).length;
    expect(await page.locator('[data-count="companies"]').textContent()).toBe(`${companies} Pax8 companies and their ${mappings} mappings to your PSA companies;`);
    expect(await page.locator('[data-count="subscriptions"]').textContent()).toMatch(new RegExp(`^${subscriptions} subscriptions and \\d+ products;$`));
    expect(await page.locator('[data-count="runs"]').textContent()).toMatch(new RegExp(`^${runs} runs of the history`));
    expect(await page.locator('main').textContent()).toContain('Nothing in Pax8 is changed: no company, subscription or order there is touched');
    expect(await unlabelledControls(page)).toEqual([]);
    await t.screenshot('remove-confirm');

    const requestsBefore = t.app.sim.requests.length;
    await page.getByRole('button', { name: 'Remove Integration' }).click();
    await page.waitForURL(/\/connect\?notice=removed/);
    expect(await page.locator('.notice').textContent()).toBe('Integration removed: every synced row of it was deleted from storage. Nothing in Pax8 was changed.');
    expect(await t.app.storage.connections.list()).toEqual([]);
    const tables = (await t.app.db.query<{ table_name: string }>("SELECT table_name FROM information_schema.columns WHERE table_schema = 'pax8_sync' AND column_name = 'connection_id'")).rows.map((r) => r.table_name);
    expect(tables.length).toBeGreaterThanOrEqual(10);
    for (const table of tables) {
      const { rows } = await t.app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pax8_sync."${table}" WHERE connection_id = $1`, [connectionId]);
      expect({ table, rows: rows[0]?.n }).toEqual({ table, rows: 0 });
    }
    // Removing touched nothing in Pax8: no request at all, and the whole journey only read.
    expect(t.app.sim.requests.length).toBe(requestsBefore);
    expect(t.app.sim.requests.filter((r) => r.method !== 'GET' && !(r.method === 'POST' && r.route === 'POST /v1/token'))).toEqual([]);
  });
});
