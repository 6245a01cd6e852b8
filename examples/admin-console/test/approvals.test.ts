import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleUnderTest, startConsoleUnderTest, unlabelledControls } from './support/console-fixture';

const pax8Time = (date: string): number => Date.parse(date.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));

// Write-back from the PSA: changes wait on the Approvals screen with Pax8's preview, a person decides
// by name, and Send now applies them once in the simulator (over HTTP, stored in PGlite).
describe('Approvals: changes for Pax8, decided and sent in Chromium', () => {
  let t: ConsoleUnderTest;
  let connectionId: string;
  beforeAll(async () => {
    t = await startConsoleUnderTest();
    const { engine, sim, pax8Url } = t.app;
    ({ id: connectionId } = await engine.createConnection({ name: 'Contoso MSP', environment: 'Production', baseUrl: pax8Url, ...sim.credentials, country: 'US', currency: 'USD' }));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists each waiting change with who asked, why and what Pax8 would do; Approve then Send now applies it once', async () => {
    const { engine, sim } = t.app;
    const now = Date.now();
    const s = sim.world.subscriptions.list().find((x) => x.status === 'Active' && !x.parentSubscriptionId && !x.commitment && (!x.startDate || Date.parse(x.startDate) <= now));
    if (!s) throw new Error('no plain subscription in the demo world');
    const intent = await engine.requestWrite({ connectionId, change: { kind: 'subscription.quantity', subscriptionId: s.id, quantity: s.quantity + 3 }, requestedBy: 'tech@contoso', reason: 'three new hires' });

    const { page } = t;
    await t.open('/approvals');
    expect(await unlabelledControls(page)).toEqual([]);
    const row = page.locator(`#intent-${intent.id}`);
    expect(await row.textContent()).toContain(`Seats of subscription ${s.id}: ${s.quantity} → ${s.quantity + 3}`);
    expect(await row.textContent()).toContain('tech@contoso');
    expect(await row.textContent()).toContain('three new hires');
    await row.getByLabel('Your name').fill('Maria (manager)');
    await row.getByLabel('Reason').fill('budget approved');
    await row.getByRole('button', { name: 'Approve', exact: true }).click();
    await page.waitForURL(/notice=write-approved/);
    expect(sim.requests.filter((r) => r.method === 'PUT')).toEqual([]);

    await page.getByRole('button', { name: 'Send approved changes now' }).click();
    await page.waitForURL(/notice=writes-sent/);
    expect(await page.locator('.notice').textContent()).toBe('1 change(s) applied in Pax8.');
    expect(sim.world.subscriptions.get(s.id)?.quantity).toBe(s.quantity + 3);
    expect(sim.requests.filter((r) => r.method === 'PUT').map((r) => new URL(r.url).pathname)).toEqual([`/v1/subscriptions/${s.id}`]);
    expect(await page.locator(`#recent #intent-${intent.id} .state`).textContent()).toBe('Applied in Pax8');
    const approvedBy = (await engine.listChanges(connectionId, { limit: 1000 })).events.find((e) => e.kind === 'write_transition' && e.detail.intentId === intent.id && e.detail.to === 'approved');
    expect(approvedBy?.detail).toMatchObject({ by: 'Maria (manager)', reason: 'budget approved' });
  });

  it('a decrease inside a commitment shows the blocker and is approved for the commitment end: held, not sent', async () => {
    const { engine, sim } = t.app;
    const now = Date.now();
    const c = sim.world.subscriptions.list().find((x) => x.status === 'Active' && !x.parentSubscriptionId && x.quantity > 1 && x.commitment && pax8Time(x.commitment.endDate) > now && (!x.startDate || Date.parse(x.startDate) <= now));
    if (!c?.commitment) throw new Error('no committed subscription in the demo world');
    const intent = await engine.requestWrite({ connectionId, change: { kind: 'subscription.quantity', subscriptionId: c.id, quantity: c.quantity - 1 }, requestedBy: 'tech@contoso', reason: 'one leaver' });
    const puts = sim.requests.filter((r) => r.method === 'PUT').length;

    const { page } = t;
    await t.open('/approvals');
    const row = page.locator(`#intent-${intent.id}`);
    expect(await row.locator('.blockers').textContent()).toMatch(/commitment/i);
    await row.getByLabel('Your name').fill('Maria (manager)');
    await row.getByLabel('Reason').fill('at renewal');
    await row.getByRole('button', { name: /^Approve for / }).click();
    await page.waitForURL(/notice=write-approved/);
    await page.getByRole('button', { name: 'Send approved changes now' }).click();
    await page.waitForURL(/notice=writes-sent/);
    expect(await page.locator(`#recent #intent-${intent.id} .state`).textContent()).toMatch(/^Approved \(held until /);
    expect(await engine.getWrite(connectionId, intent.id)).toMatchObject({ state: 'approved', dueAt: pax8Time(c.commitment.endDate) });
    expect(sim.requests.filter((r) => r.method === 'PUT').length).toBe(puts);
    expect(sim.world.subscriptions.get(c.id)?.quantity).toBe(c.quantity);
  });

  it('Reject ends the change as failed with who and why; a decision without a name or reason is refused and decides nothing', async () => {
    const { engine, sim } = t.app;
    const s = sim.world.subscriptions.list().find((x) => x.status === 'Active');
    if (!s) throw new Error('no active subscription');
    const intent = await engine.requestWrite({ connectionId, change: { kind: 'subscription.cancel', subscriptionId: s.id }, requestedBy: 'tech@contoso', reason: 'customer left' });
    const blank = await fetch(`${t.app.url}/approvals/${intent.id}`, { method: 'POST', headers: { origin: t.app.url, 'content-type': 'application/x-www-form-urlencoded' }, body: 'action=approve&by=&reason=' });
    expect(blank.status).toBe(400);
    expect((await engine.getWrite(connectionId, intent.id)).state).toBe('pending-approval');

    const { page } = t;
    await t.open('/approvals');
    const row = page.locator(`#intent-${intent.id}`);
    await row.getByLabel('Your name').fill('Maria (manager)');
    await row.getByLabel('Reason').fill('contract runs to June');
    await row.getByRole('button', { name: 'Reject' }).click();
    await page.waitForURL(/notice=write-rejected/);
    expect(await page.locator(`#recent #intent-${intent.id} .state`).textContent()).toBe('Failed');
    expect(await engine.getWrite(connectionId, intent.id)).toMatchObject({ state: 'failed', outcome: { rejectedBy: 'Maria (manager)' } });
    expect(sim.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
  });
});
