import { Pax8SyncReauthorizationRequiredError, Pax8SyncSandboxWriteError } from '@pax8-sync/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createDelegatedHarness, type DelegatedHarness } from '../support/delegated';
import { acceptedLine, activeCompany, asker, createWriteHarness, newCompany, plainSubscription, quantity, type WriteHarness } from './support';

let h: WriteHarness | undefined;
let d: DelegatedHarness | undefined;
afterEach(async () => {
  await h?.close();
  await d?.close();
  h = undefined;
  d = undefined;
});

describe('a Sandbox connection', () => {
  it('refuses every write but an order at once with the typed error: nothing stored, nothing sent to Pax8', async () => {
    h = await createWriteHarness({}, {}, 'Sandbox');
    const s = plainSubscription(h);
    const changes = [quantity(s.id, s.quantity + 1), { kind: 'subscription.cancel' as const, subscriptionId: s.id }, newCompany('psa-1', 'Sandbox Co')];
    for (const change of changes) {
      const refused = await h.engine.requestWrite({ connectionId: h.connectionId, change, ...asker }).catch((e: unknown) => e);
      expect(refused, change.kind).toBeInstanceOf(Pax8SyncSandboxWriteError);
      expect(refused).toMatchObject({ code: 'sandbox-write-refused', isRetryable: false });
    }
    expect(await h.engine.listWrites({ connectionId: h.connectionId })).toEqual([]);
    expect(h.sim.requests).toEqual([]);
    expect((await h.engine.getConnection(h.connectionId)).companyDefaults).toEqual({ selfServiceAllowed: false, billOnBehalfOfEnabled: false, orderApprovalRequired: false });
    const preview = await h.engine.previewWrite({ connectionId: h.connectionId, change: quantity(s.id, s.quantity + 1) });
    expect(preview.blockers[0]?.code).toBe('sandbox');
    expect(h.writes()).toEqual([]);
  });

  it('sends an order only with isMock=true: applied as a validation, no order made in Pax8', async () => {
    h = await createWriteHarness({}, {}, 'Sandbox');
    await h.engine.setWritePolicy(h.connectionId, { approval: { every: false } });
    const company = activeCompany(h);
    const line = await acceptedLine(h, company.id);
    const orders = h.sim.world.orders.list().length;
    const intent = await h.engine.requestWrite({ connectionId: h.connectionId, change: { kind: 'order.create', companyId: company.id, lineItems: [line] }, ...asker });
    expect((await h.engine.sendDueWrites({ connectionId: h.connectionId })).counts).toEqual({ applied: 1 });
    expect((await h.engine.getWrite(h.connectionId, intent.id)).outcome).toMatchObject({ mock: true, reason: expect.stringContaining('isMock=true') });
    const posts = h.sim.requests.filter((r) => r.method !== 'GET' && !r.url.endsWith('/token'));
    expect(posts.length).toBeGreaterThan(0);
    expect(posts.every((r) => r.method === 'POST' && new URL(r.url).pathname === '/v1/orders' && new URL(r.url).search === '?isMock=true')).toBe(true);
    expect(h.sim.world.orders.list()).toHaveLength(orders);
  });
});

describe('a delegated (authorization-code) connection', () => {
  it('writes back through its own partner tokens, and fails fast with the typed error once it must reconnect', async () => {
    d = await createDelegatedHarness();
    const connection = await d.createDelegated();
    await d.engine.completeAuthorization(await d.consent(connection.id, 'acme-msp', 'approve'));
    await d.engine.setWritePolicy(connection.id, { approval: { every: false } });
    const world = d.sim.account('acme-msp').world;
    const s = world.subscriptions.list().find((x) => x.status === 'Active' && !x.parentSubscriptionId && (!x.startDate || Date.parse(x.startDate) <= d!.clock.now()))!;
    const intent = await d.engine.requestWrite({ connectionId: connection.id, change: quantity(s.id, s.quantity + 1), requestedBy: 'jane', reason: 'new hire' });
    expect((await d.engine.sendDueWrites({ connectionId: connection.id })).counts).toEqual({ applied: 1 });
    expect(world.subscriptions.get(s.id)?.quantity).toBe(s.quantity + 1);
    const put = d.sim.requests.find((r) => r.method === 'PUT');
    expect(put?.account).toBe(d.sim.account('acme-msp').id);
    expect(d.traffic.grants).toContain('authorization_code');
    expect((await d.engine.getWrite(connection.id, intent.id)).state).toBe('applied');

    // Consent revoked and the refresh refused: the grant is marked, and write-back fails fast.
    await d.storage.authorizations.putGrant({ ...(await d.storage.authorizations.getGrant(connection.id))!, status: 'reauthorization-required', reason: 'consent revoked', sealedTokens: null, version: (await d.storage.authorizations.getGrant(connection.id))!.version + 1 }, (await d.storage.authorizations.getGrant(connection.id))!.version);
    const next = await d.engine.requestWrite({ connectionId: connection.id, change: quantity(s.id, s.quantity + 2), requestedBy: 'jane', reason: 'another' });
    const before = d.sim.requests.length;
    await expect(d.engine.sendDueWrites({ connectionId: connection.id })).rejects.toBeInstanceOf(Pax8SyncReauthorizationRequiredError);
    expect(d.sim.requests.length).toBe(before);
    expect((await d.engine.getWrite(connection.id, next.id)).state).toBe('approved');

    // No code, token or secret in the outbox, the feed, the logs or the results.
    const dump = JSON.stringify([d.storage.rawRows(connection.id).filter((r) => r.table === 'outbox' || r.table === 'changes'), d.log.lines, await d.engine.listWrites({ connectionId: connection.id })]);
    expect(d.traffic.secrets.size).toBeGreaterThan(0);
    for (const secret of d.traffic.secrets) if (secret.length >= 8) expect(dump.includes(secret)).toBe(false);
    expect(dump.includes(d.sim.oauth.applications[0]?.clientSecret ?? 'no-secret-configured')).toBe(false);
  });
});
