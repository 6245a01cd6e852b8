import { afterEach, describe, expect, it } from 'vitest';
import { acceptedLine, activeCompany, asker, createWriteHarness, newCompany, type WriteHarness } from './support';

let h: WriteHarness;
afterEach(async () => {
  await h?.close();
});

describe('create company', () => {
  it('creates it active with the connection\'s defaults and contacts, maps it to the PSA company that asked, and a re-sync finds it mapped', async () => {
    h = await createWriteHarness();
    await h.engine.updateConnection(h.connectionId, { companyDefaults: { selfServiceAllowed: true, billOnBehalfOfEnabled: false, orderApprovalRequired: true } });
    await h.engine.setWritePolicy(h.connectionId, { approval: { every: false } });
    await h.engine.syncCompanies({ connectionId: h.connectionId });
    const intent = await h.engine.requestWrite({ connectionId: h.connectionId, change: newCompany('psa-77', 'Brand New Dental'), ...asker });
    expect(intent).toMatchObject({ state: 'approved', target: { entity: 'companies', id: 'psa-77' }, basedOn: null });
    expect((await h.engine.sendDueWrites({ connectionId: h.connectionId })).counts).toEqual({ applied: 1 });
    const applied = await h.engine.getWrite(h.connectionId, intent.id);
    const pax8Id = String(applied.outcome?.pax8Id);
    const created = h.sim.world.companies.get(pax8Id);
    expect(created).toMatchObject({ name: 'Brand New Dental', status: 'Active', selfServiceAllowed: true, billOnBehalfOfEnabled: false, orderApprovalRequired: true });
    expect(h.sim.world.contacts(pax8Id)[0]?.types).toEqual([{ type: 'Admin', primary: true }, { type: 'Billing', primary: true }, { type: 'Technical', primary: true }]);
    expect(await h.storage.mappings.get(h.connectionId, pax8Id)).toMatchObject({ psaCompanyId: 'psa-77', state: 'confirmed' });
    // The confirmation stored the company, with its `created` event in the feed.
    expect((await h.feed()).some((e) => e.kind === 'created' && e.entityId === pax8Id && e.runId === `write:${intent.id}`)).toBe(true);

    await h.engine.syncCompanies({ connectionId: h.connectionId });
    const mapped = await h.engine.listMappings({ connectionId: h.connectionId, filter: 'mapped' });
    expect(mapped.filter((m) => m.pax8CompanyId === pax8Id).map((m) => [m.state, m.mapping?.psaCompanyId])).toEqual([['mapped', 'psa-77']]);
    expect(h.writes()).toEqual(['POST /v1/companies']);
  });

  it('an inactive company of the same name ("already exists") is shown by the preview and stops the intent as a conflict', async () => {
    h = await createWriteHarness();
    await h.engine.setWritePolicy(h.connectionId, { approval: { every: false } });
    const inactive = h.sim.world.companies.add({ name: 'Ghost Corp', status: 'Inactive' });
    const preview = await h.engine.previewWrite({ connectionId: h.connectionId, change: newCompany('psa-9', 'ghost corp') });
    expect(preview.blockers).toEqual([{ code: 'company-exists', message: expect.stringContaining('already exists') }]);
    const intent = await h.engine.requestWrite({ connectionId: h.connectionId, change: newCompany('psa-9', 'ghost corp'), ...asker });
    expect((await h.engine.sendDueWrites({ connectionId: h.connectionId })).counts).toEqual({ conflict: 1 });
    expect((await h.engine.getWrite(h.connectionId, intent.id)).outcome?.actual).toEqual({ companies: [{ id: inactive.id, name: 'Ghost Corp', status: 'Inactive' }] });
    expect(h.writes()).toEqual([]);
  });
});

describe('orders', () => {
  it('places an order once; its new subscription is stored for a mapped company', async () => {
    h = await createWriteHarness();
    await h.engine.setWritePolicy(h.connectionId, { approval: { every: false, orders: true } });
    const company = activeCompany(h);
    await h.engine.syncCompanies({ connectionId: h.connectionId });
    await h.engine.setMapping({ connectionId: h.connectionId, pax8CompanyId: company.id, psaCompanyId: 'psa-1' });
    const line = await acceptedLine(h, company.id, 4);
    const orders = h.sim.world.orders.list().length;
    const intent = await h.engine.requestWrite({ connectionId: h.connectionId, change: { kind: 'order.create', companyId: company.id, lineItems: [line] }, ...asker });
    expect(intent.state).toBe('pending-approval');
    await h.engine.approveWrite({ connectionId: h.connectionId, intentId: intent.id, by: 'boss@psa', reason: 'ok' });
    expect((await h.engine.sendDueWrites({ connectionId: h.connectionId })).counts).toEqual({ applied: 1 });
    expect(h.sim.world.orders.list()).toHaveLength(orders + 1);
    const applied = await h.engine.getWrite(h.connectionId, intent.id);
    const [subscriptionId] = (applied.outcome?.subscriptionIds ?? []) as string[];
    const [stored] = await h.storage.subscriptions.getMany(h.connectionId, [subscriptionId!]);
    expect(stored).toMatchObject({ companyId: company.id, quantity: 4 });
    const body = h.sim.requests.find((r) => r.method === 'POST' && r.url.endsWith('/v1/orders'))?.body as { lineItems: { lineItemNumber: number }[] };
    expect(body.lineItems.map((l) => l.lineItemNumber)).toEqual([1]);
  });
});
