import { createWebhookReceiver, Pax8SyncReauthorizationRequiredError, createWebhookSyncScheduler, ensureWebhook, type WebhookDelivery, type WebhookSyncScheduler } from '@pax8-sync/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createDelegatedHarness, type DelegatedHarness } from '../support/delegated';
import { serve } from './support';

let d: DelegatedHarness | undefined;
let server: Awaited<ReturnType<typeof serve>> | undefined;
let scheduler: WebhookSyncScheduler | undefined;
afterEach(async () => {
  scheduler?.close();
  await server?.close();
  server = undefined;
  await d?.close();
  d = undefined;
});

describe('webhooks of delegated (authorization-code) connections', () => {
  it('two partners register through their own tokens on one receiver URL; each delivery is routed to its connection and synced', async () => {
    d = await createDelegatedHarness({ webhooks: 0 });
    const h = d;
    const acme = await h.createDelegated('Acme');
    await h.engine.completeAuthorization(await h.consent(acme.id, 'acme-msp', 'approve'));
    const beta = await h.createDelegated('Beta');
    await h.engine.completeAuthorization(await h.consent(beta.id, 'beta-msp', 'approve'));
    await h.engine.syncCompanies({ connectionId: acme.id });
    const companies = (await h.storage.companies.list(acme.id)).items;
    await h.engine.suggestMappings({ connectionId: acme.id, psaCompanies: companies.map((c, i) => ({ id: `psa-${i}`, name: c.name })), threshold: 0.99 });
    await h.engine.confirmMappings({ connectionId: acme.id, pax8CompanyIds: companies.map((c) => c.id) });
    await h.engine.syncSubscriptions({ connectionId: acme.id });

    const routed: WebhookDelivery[] = [];
    scheduler = createWebhookSyncScheduler({ ...h.options, debounceMs: 3_600_000 });
    const s = scheduler;
    server = await serve(createWebhookReceiver({ storage: h.storage, codec: h.options.codec, clock: h.clock, onDelivery: (x) => {
      routed.push(x);
      s.onDelivery(x);
    } }));
    for (const c of [acme, beta]) await ensureWebhook({ ...h.options, connectionId: c.id, url: server.url, topics: ['SUBSCRIPTION'] });
    const acmeWorld = h.sim.account('acme-msp').world;
    const betaWorld = h.sim.account('beta-msp').world;
    expect([acmeWorld.webhooks.list().length, betaWorld.webhooks.list().length]).toEqual([1, 1]);
    const registrations = h.sim.requests.filter((r) => r.method === 'POST' && new URL(r.url).pathname === '/api/v2/webhooks');
    expect(registrations.map((r) => r.account)).toEqual([h.sim.account('acme-msp').id, h.sim.account('beta-msp').id]);

    const sub = acmeWorld.subscriptions.list().find((x) => x.status === 'Active')!;
    acmeWorld.subscriptions.update(sub.id, { quantity: sub.quantity + 2 });
    const other = betaWorld.subscriptions.list()[0]!;
    betaWorld.subscriptions.update(other.id, { quantity: other.quantity + 1 });
    await h.sim.webhooks.settled();
    expect(routed.map((x) => [x.connectionId, x.payloadData.id])).toEqual([
      [acme.id, sub.id],
      [beta.id, other.id],
    ]);
    await s.flush();
    expect((await h.storage.subscriptions.getMany(acme.id, [sub.id]))[0]).toMatchObject({ quantity: sub.quantity + 2 });
    // Beta has no mapped company: its delivery read nothing and stored nothing.
    expect(await h.storage.subscriptions.getMany(beta.id, [other.id])).toEqual([]);

    const secrets = [...acmeWorld.webhooks.list(), ...betaWorld.webhooks.list()].map((w) => w.authorization as string);
    const dump = JSON.stringify([h.log.lines, h.storage.rawRows(acme.id), h.storage.rawRows(beta.id)]);
    for (const secret of [...secrets, ...h.traffic.secrets]) if (secret.length >= 8) expect(dump.includes(secret)).toBe(false);

    // Consent revoked: registration fails fast with the typed error, before any request.
    const grant = (await h.storage.authorizations.getGrant(acme.id))!;
    await h.storage.authorizations.putGrant({ ...grant, status: 'reauthorization-required', reason: 'consent revoked', sealedTokens: null, version: grant.version + 1 }, grant.version);
    const before = h.sim.requests.length;
    await expect(ensureWebhook({ ...h.options, connectionId: acme.id, url: server!.url, topics: ['SUBSCRIPTION'] })).rejects.toBeInstanceOf(Pax8SyncReauthorizationRequiredError);
    expect(h.sim.requests.length).toBe(before);
  });
});
