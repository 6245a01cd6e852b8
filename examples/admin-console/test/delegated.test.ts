import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleUnderTest, poll, startConsoleUnderTest, tabTo, unlabelledControls } from './support/console-fixture';

// "Connect to Pax8": the partner consents at the simulator's login page (real HTTP), Pax8 sends the
// browser back to the console's callback, and the console syncs and goes on to Map.
describe('Connect to Pax8 (delegated authorization), clicked through in Chromium', () => {
  let t: ConsoleUnderTest;
  let connectionId: string;
  let usedCallback = '';

  beforeAll(async () => {
    t = await startConsoleUnderTest();
  });
  afterAll(async () => {
    await t?.close();
  });

  const grantOf = (id: string) => t.app.storage.authorizations?.getGrant(id);

  it('Decline at Pax8: the plain reason on the page, the connection not connected and no grant stored', async () => {
    const { page } = t;
    await t.open('/connect');
    expect(await unlabelledControls(page)).toEqual([]);
    await page.getByLabel('Connection name').fill('Fabrikam MSP (Pax8)');
    await page.getByLabel('Endpoint').fill(t.app.pax8Url);
    await page.getByLabel('Country').fill('us');
    await page.getByLabel('Currency').fill('usd');
    // By keyboard, as the other forms: Tab to the button and press Enter.
    const connect = page.getByRole('button', { name: 'Connect to Pax8' });
    await tabTo(page, connect);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Decline' }).click();
    await page.waitForURL(/\/pax8\/callback/);
    expect(await page.locator('#authorization-failure').textContent()).toMatch(/^Pax8 was not connected: .*declined/);
    const [stored, ...others] = await t.app.storage.connections.list();
    expect(others).toEqual([]);
    connectionId = stored!.id;
    expect(stored).toMatchObject({ name: 'Fabrikam MSP (Pax8)', country: 'US', currency: 'USD', auth: { kind: 'authorization-code' } });
    expect(await grantOf(connectionId)).toBeUndefined();
    expect((await t.app.engine.getConnection(connectionId)).auth).toMatchObject({ kind: 'authorization-code', status: 'not-connected' });
    expect(await t.app.storage.companies.list(connectionId).then((p) => p.items)).toEqual([]);
  });

  it('Accept at Pax8: connected (tokens sealed), companies synced, and the Map screen shows them', async () => {
    const { page } = t;
    await t.open('/connect');
    expect(await page.locator('.delegated').textContent()).toContain('Status: not connected: the partner has not consented yet.');
    await page.getByRole('link', { name: 'Connect to Pax8' }).click();
    const callback = page.waitForRequest((request) => request.url().includes('/pax8/callback'));
    await page.getByRole('button', { name: 'Accept' }).click();
    usedCallback = (await callback).url();
    await page.waitForURL(/\/map/);
    const grant = await grantOf(connectionId);
    expect(grant?.status).toBe('connected');
    expect((await t.app.engine.getConnection(connectionId)).auth).toMatchObject({ status: 'connected' });
    // Tokens and the code are never in clear in storage.
    const code = new URL(usedCallback).searchParams.get('code') ?? '';
    expect(code).not.toBe('');
    const raw = JSON.stringify((await t.app.db.query("SELECT * FROM pax8_sync.authorization_grants")).rows);
    expect(raw).not.toContain(code);
    const companies = (await t.app.storage.companies.list(connectionId)).items;
    expect(companies.length).toBe(t.app.sim.world.companies.ids().length);
    for (const company of companies.slice(0, 5)) await poll(() => page.getByText(company.name, { exact: true }).count()).toBeGreaterThan(0);
    await t.open('/manage');
    expect(await page.locator('#auth-status').textContent()).toBe('connected by delegated sign-in');
    expect(await page.getByRole('link', { name: 'Re-authenticate' }).count()).toBe(0);
  });

  it('a replayed callback URL: the plain reason, and the grant stays as it was', async () => {
    const { page } = t;
    const before = await grantOf(connectionId);
    await page.goto(usedCallback);
    expect(await page.locator('#authorization-failure').textContent()).toMatch(/^Pax8 was not connected: .*already used/);
    expect(await grantOf(connectionId)).toEqual(before);
  });

  it('consent revoked at Pax8: Manage shows re-authentication required and a Re-authenticate button that connects again', async () => {
    const { page } = t;
    t.app.sim.oauth.revokeConsent();
    expect((await t.app.engine.verifyConnection(connectionId)).ok).toBe(false);
    await t.open('/manage');
    expect(await page.locator('#auth-status').textContent()).toMatch(/^re-authentication required/);
    await page.getByRole('link', { name: 'Re-authenticate' }).click();
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.waitForURL((url) => url.pathname === '/map' || url.pathname === '/manage');
    expect((await grantOf(connectionId))?.status).toBe('connected');
  });
});
