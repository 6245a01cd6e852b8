import { randomBytes } from 'node:crypto';
import { type ConnectionSettings, createAesGcmCodec, createSyncEngine, Pax8SyncConfigError } from '@pax8-sync/core';
import { createMemoryStorage } from '@pax8-sync/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCredentials } from '../src/demo/demo-pax8';
import { connectLabels } from '../src/views/connect-view';
import { type ConsoleUnderTest, poll, startConsoleUnderTest, tabTo, unlabelledControls, unreachableByTab, waitForSync } from './support/console-fixture';

const valid: ConnectionSettings = { name: 'Contoso', environment: 'Production', baseUrl: 'https://api.pax8.com', clientId: 'id', clientSecret: 'secret', country: 'US', currency: 'USD' };

/** What the SDK itself says about one bad field (its `Pax8SyncConfigError` message without the field prefix). */
async function sdkMessage(change: Partial<ConnectionSettings>): Promise<{ field: string; message: string }> {
  const engine = createSyncEngine({ storage: createMemoryStorage(), codec: createAesGcmCodec({ key: randomBytes(32) }) });
  const error = await engine.createConnection({ ...valid, ...change }).catch((e: unknown) => e);
  if (!(error instanceof Pax8SyncConfigError)) throw new Error('expected a Pax8SyncConfigError');
  return { field: error.field, message: error.message.slice(error.field.length + 2) };
}

describe('the forms: bad input beside each field, the Sandbox rule, labels and the keyboard', () => {
  let t: ConsoleUnderTest;
  beforeAll(async () => {
    t = await startConsoleUnderTest();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('every field error is shown beside its field, in the words of the SDK, and nothing is saved', async () => {
    const { page } = t;
    await t.open('/connect');
    await page.getByLabel('Endpoint').fill('not a url');
    await page.getByLabel('Country').fill('USA');
    await page.getByLabel('Currency').fill('dollars');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.locator('#error-summary').waitFor();

    const expected = {
      name: await sdkMessage({ name: '' }),
      baseUrl: await sdkMessage({ baseUrl: 'not a url' }),
      clientId: await sdkMessage({ clientId: '' }),
      clientSecret: await sdkMessage({ clientSecret: '' }),
      country: await sdkMessage({ country: 'USA' }),
      currency: await sdkMessage({ currency: 'dollars' }),
    };
    for (const [name, { field, message }] of Object.entries(expected)) {
      expect(field).toBe(`settings.${name}`);
      const input = page.locator(`#${name}`);
      // Beside its field: the error is the element right after the input, and the input points to it.
      expect(await input.evaluate((el) => el.nextElementSibling?.getAttribute('data-field-error'))).toBe(name);
      expect(await page.locator(`#${name}-error`).textContent()).toBe(`${connectLabels[name as keyof typeof connectLabels]} ${message}`);
      expect(await input.getAttribute('aria-invalid')).toBe('true');
      expect((await input.getAttribute('aria-describedby'))?.split(' ')).toContain(`${name}-error`);
    }
    expect(await page.locator('.field-error').count()).toBe(6);
    expect(await page.locator('#error-summary h2').textContent()).toBe('Nothing was saved: 6 fields need fixing');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
    expect(await page.getByLabel('Country').inputValue()).toBe('USA');
    expect(await t.app.storage.connections.list()).toEqual([]);
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await unreachableByTab(page)).toEqual([]);
    await t.screenshot('connect-errors');
  });

  it('an environment that is neither Production nor Sandbox is named by the SDK beside the Environment field', async () => {
    const { page } = t;
    await t.open('/connect?fill=simulator');
    await page.getByLabel('Connection name').fill('Tampered');
    await page.getByLabel('Country').fill('US');
    await page.getByLabel('Currency').fill('USD');
    // A tampered form (devtools): the browser posts a value the select never offered.
    await page.locator('#environment').evaluate((el) => {
      const select = el as HTMLSelectElement;
      select.add(new Option('Staging', 'Staging', true, true));
    });
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.locator('#environment-error').waitFor();
    expect(await page.locator('#environment-error').textContent()).toBe(`Environment ${(await sdkMessage({ environment: 'Staging' as 'Sandbox' })).message}`);
    expect(await page.locator('.field-error').count()).toBe(1);
    expect(await t.app.storage.connections.list()).toEqual([]);
  });

  it('Sandbox turns the three company defaults off in the browser, and the server stores them off even when a tampered form sends them', async () => {
    const { page } = t;
    await t.open('/connect?fill=simulator');
    const boxes = ['Self-service allowed', 'Bill on behalf of', 'Order approval required'].map((label) => page.getByLabel(label));
    for (const box of boxes) await box.check();
    await page.getByLabel('Environment').selectOption('Sandbox');
    for (const box of boxes) {
      expect(await box.isDisabled()).toBe(true);
      expect(await box.isChecked()).toBe(false);
    }
    await page.getByLabel('Environment').selectOption('Production');
    expect(await boxes[0]!.isDisabled()).toBe(false);
    await page.getByLabel('Environment').selectOption('Sandbox');

    // The tampered form: the boxes enabled and ticked again by hand, then posted.
    await page.locator('fieldset.defaults input').evaluateAll((els) => {
      for (const el of els as HTMLInputElement[]) {
        el.disabled = false;
        el.checked = true;
      }
    });
    await page.getByLabel('Connection name').fill('Sandbox console');
    await page.getByLabel('Country').fill('GB');
    await page.getByLabel('Currency').fill('GBP');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.waitForURL(/\/map\?/);
    const [stored] = await t.app.storage.connections.list();
    expect(stored).toMatchObject({ name: 'Sandbox console', environment: 'Sandbox', country: 'GB', currency: 'GBP' });
    expect(stored!.companyDefaults).toEqual({ selfServiceAllowed: false, billOnBehalfOfEnabled: false, orderApprovalRequired: false });
    await t.open('/connect');
    for (const box of boxes) expect(await box.isDisabled()).toBe(true);
  });

  it('editing a stored connection with bad input changes nothing of it; blank credentials keep the stored ones', async () => {
    const { page } = t;
    const [before] = await t.app.storage.connections.list();
    await t.open('/connect');
    expect(await page.getByLabel('Connection name').inputValue()).toBe('Sandbox console');
    expect(await page.getByLabel('Client secret').inputValue()).toBe('');
    await page.getByLabel('Connection name').fill('');
    await page.getByLabel('Currency').fill('EURO');
    await page.getByRole('button', { name: 'Verify Connectivity' }).click();
    await page.locator('#error-summary').waitFor();
    expect(await page.locator('#name-error').textContent()).toBe(`Connection name ${(await sdkMessage({ name: '' })).message}`);
    expect(await page.locator('#currency-error').textContent()).toBe(`Currency ${(await sdkMessage({ currency: 'EURO' })).message}`);
    expect(await page.locator('.field-error').count()).toBe(2);
    expect(await t.app.storage.connections.list()).toEqual([before]);

    await page.getByLabel('Connection name').fill('Sandbox console, renamed');
    await page.getByLabel('Currency').fill('EUR');
    await page.getByRole('button', { name: 'Verify Connectivity' }).click();
    await poll(() => page.locator('#verify-result').textContent()).toMatch(/^Connected/);
    expect(await t.app.storage.connections.list()).toEqual([before]);
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.waitForURL(/\/map\?/);
    const [after] = await t.app.storage.connections.list();
    expect(after).toMatchObject({ id: before!.id, name: 'Sandbox console, renamed', currency: 'EUR', sealedCredentials: before!.sealedCredentials });
  });

  it('Verify Connectivity checks a wrong secret typed over a working connection without storing it: the plain reason, the old sealed secret kept, and a sync still works', async () => {
    const { page } = t;
    const [before] = await t.app.storage.connections.list();
    const token = await t.app.storage.tokens.get(before!.id);
    await t.open('/connect');
    await page.getByLabel('Client secret').fill('wrong-secret-4711');
    await page.getByRole('button', { name: 'Verify Connectivity' }).click();
    await poll(() => page.locator('#verify-result').textContent()).toMatch(/^Not connected: bad credentials: Pax8 refused the client id\/secret \(\w+\)\.$/);
    expect(await page.locator('.notice').textContent()).toBe('Pax8 did not accept these settings. Nothing was saved: the stored connection is unchanged.');
    expect(await page.content()).not.toContain('wrong-secret-4711');
    expect(await t.app.storage.connections.list()).toEqual([before]);
    expect(await t.app.storage.tokens.get(before!.id)).toEqual(token);

    // Save refuses it too: new credentials are stored only once Pax8 accepts them.
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await poll(() => page.locator('.notice').textContent()).toBe('Not saved: Pax8 did not accept these settings, so the stored connection is unchanged.');
    expect(await page.locator('#verify-result').textContent()).toMatch(/^Not connected: bad credentials/);
    expect(await page.getByLabel('Client secret').inputValue()).toBe('');
    expect(await page.locator('#clientSecret-hint').textContent()).toBe('Type the secret again to save it: it is never sent back to the browser, so this field is blank.');
    expect(await page.content()).not.toContain('wrong-secret-4711');
    expect(await t.app.storage.connections.list()).toEqual([before]);

    // The connection still works: a sync started from Manage succeeds with the stored secret.
    await t.open('/manage');
    await page.getByRole('button', { name: 'Sync Companies' }).click();
    await page.waitForURL(/notice=sync-started/);
    expect(await waitForSync(page, 'companies')).toMatch(/^Companies succeeded: /);

    // An unreachable endpoint is named; blank credentials verify the stored ones.
    await t.open('/connect');
    await page.getByLabel('Endpoint').fill('http://127.0.0.1:9');
    await page.getByRole('button', { name: 'Verify Connectivity' }).click();
    await poll(() => page.locator('#verify-result').textContent()).toBe('Not connected: unreachable: could not connect to http://127.0.0.1:9.');
    await page.getByLabel('Endpoint').fill(t.app.pax8Url);
    await page.getByRole('button', { name: 'Verify Connectivity' }).click();
    await poll(() => page.locator('#verify-result').textContent()).toMatch(/^Connected/);
    expect(await t.app.storage.connections.list()).toEqual([before]);
  });

  it('without JavaScript, the server never sends a typed secret back, and Verify Connectivity stores nothing', async () => {
    const [before] = await t.app.storage.connections.list();
    const form = { name: 'Sandbox console, renamed', environment: 'Sandbox', baseUrl: t.app.pax8Url, clientId: '', clientSecret: 'wrong-secret-4711', country: 'GB', currency: 'EUR', action: 'verify' };
    const response = await fetch(`${t.app.url}/connect`, { method: 'POST', headers: { origin: t.app.url }, body: new URLSearchParams(form) });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('Not connected: bad credentials');
    expect(page).not.toContain('wrong-secret-4711');
    expect(await t.app.storage.connections.list()).toEqual([before]);
  });

  it('a form posted from another site is refused (CSRF), and the connection stays as it was', async () => {
    const before = await t.app.storage.connections.list();
    const response = await fetch(`${t.app.url}/connect`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' }, body: 'name=x&environment=Production' });
    expect(response.status).toBe(403);
    expect(await t.app.storage.connections.list()).toEqual(before);
  });

  it('keyboard alone: Connect (every field typed after Tab, a checkbox with Space, Enter to go on); every control of every screen is labelled and reached by Tab', async () => {
    const { page } = t;
    const [old] = await t.app.storage.connections.list();
    await t.app.storage.purgeConnection(old!.id);
    await t.open('/connect');
    expect(await unreachableByTab(page)).toEqual([]);
    await t.open('/connect');
    const type = async (label: string, text: string) => {
      await tabTo(page, page.getByLabel(label, { exact: true }));
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(text);
    };
    await type('Connection name', 'Keyboard MSP');
    await type('Endpoint', t.app.pax8Url);
    await type('Client ID', demoCredentials.clientId);
    await type('Client secret', demoCredentials.clientSecret);
    await type('Country', 'US');
    await type('Currency', 'USD');
    await tabTo(page, page.getByLabel('Order approval required'));
    await page.keyboard.press('Space');
    await tabTo(page, page.getByRole('button', { name: 'Save and continue' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/map\?/);
    const [connection] = await t.app.storage.connections.list();
    expect(connection).toMatchObject({ name: 'Keyboard MSP', environment: 'Production', companyDefaults: { selfServiceAllowed: false, billOnBehalfOfEnabled: false, orderApprovalRequired: true } });
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await unreachableByTab(page)).toEqual([]);
  });

  it('keyboard alone: Map (a company by hand through the searchable picker, Save All, Next) and Complete', async () => {
    const { page } = t;
    const [connection] = await t.app.storage.connections.list();
    // Map one company by hand: Tab to the row's "Map by hand", Enter opens the picker with its search field focused,
    // type, Tab past Search to the first match, Enter.
    await t.open('/map');
    const row = page.locator('tr[data-state="unmapped"]').first();
    const pax8CompanyId = (await row.getAttribute('data-pax8-company-id'))!;
    await tabTo(page, row.getByRole('link', { name: /^Map by hand/ }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/pick=/);
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe('psa-query');
    expect(await unlabelledControls(page)).toEqual([]);
    await page.keyboard.type('tailspin');
    await poll(() => page.locator('#psa-results').getByRole('button').allTextContents()).toEqual([expect.stringMatching(/Tailspin/)]);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Search');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLButtonElement | null)?.value)).toBe('psa-1037');
    await page.keyboard.press('Enter');
    await poll(() => page.locator(`tr[id="row-${pax8CompanyId}"]`).getAttribute('data-state')).toBe('mapped');
    expect(await t.app.storage.mappings.get(connection!.id, pax8CompanyId)).toMatchObject({ state: 'confirmed', source: 'manual', psaCompanyId: 'psa-1037' });

    await tabTo(page, page.getByRole('button', { name: /^Save All/ }));
    await page.keyboard.press('Enter');
    await poll(() => page.locator('.notice').textContent()).toMatch(/^Saved All: \d+ suggestions confirmed\.$/);
    await tabTo(page, page.getByRole('button', { name: 'Next: start syncing' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/complete$/);
    expect(await waitForSync(page, 'subscriptions')).toMatch(/^Subscriptions succeeded: /);
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await unreachableByTab(page)).toEqual([]);
  });

  it('keyboard alone: Manage (Sync now) and Remove Integration', async () => {
    const { page } = t;
    const [connection] = await t.app.storage.connections.list();
    await t.open('/complete');

    await tabTo(page, page.getByRole('link', { name: 'Go to Manage' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/manage$/);
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await unreachableByTab(page)).toEqual([]);
    await tabTo(page, page.getByRole('button', { name: 'Sync Products' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/notice=sync-started/);
    expect(await waitForSync(page, 'products')).toMatch(/^Products succeeded: \d+ new/);
    expect((await t.app.storage.runs.list(connection!.id, { entity: 'products' }))[0]?.outcome).toBe('succeeded');

    await tabTo(page, page.getByRole('link', { name: 'Remove Integration…' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/manage\/remove$/);
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await unreachableByTab(page)).toEqual([]);
    await tabTo(page, page.getByRole('button', { name: 'Remove Integration' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/connect\?notice=removed/);
    expect(await t.app.storage.connections.list()).toEqual([]);
  });
});
