import { Pax8SyncConfigError, type WriteChange } from '@pax8-sync/core';
import { afterEach, describe, expect, it } from 'vitest';
import { activeCompany, asker, createWriteHarness, newCompany, type WriteHarness } from './support';

let h: WriteHarness;
afterEach(async () => h?.close());

describe('bad input from a JS caller or a JSON body (B5)', () => {
  it('is a typed error naming the field, never a TypeError, and nothing is stored', async () => {
    h = await createWriteHarness();
    const company = newCompany('psa-1', 'Bad Input Co') as Extract<WriteChange, { kind: 'company.create' }>;
    const contact = company.contacts[0]!;
    const companyId = activeCompany(h).id;
    const line = { productId: h.sim.world.products.list()[0]!.id, quantity: 1, billingTerm: 'Monthly' };
    const cases: [unknown, string][] = [
      [{ ...company, contacts: [{ ...contact, types: 'Admin' }] }, 'change.contacts[0].types'],
      [{ ...company, contacts: [{ ...contact, types: [{ type: 'Boss', primary: true }] }] }, 'change.contacts[0].types[0].type'],
      [{ kind: 'order.create', companyId, lineItems: [{ ...line, provisioningDetails: 'x' }] }, 'change.lineItems[0].provisioningDetails'],
      [{ kind: 'order.create', companyId, lineItems: [{ ...line, provisioningDetails: [{ key: 'k', values: 'v' }] }] }, 'change.lineItems[0].provisioningDetails[0].values'],
      [{ kind: 'order.create', companyId, lineItems: [{ ...line, provisioningDetails: [{ values: ['v'] }] }] }, 'change.lineItems[0].provisioningDetails[0].key'],
      [{ kind: 'order.create', companyId, lineItems: [line], orderedBy: 'Me' }, 'change.orderedBy'],
    ];
    for (const [change, field] of cases) {
      const error = await h.engine.requestWrite({ connectionId: h.connectionId, change: change as WriteChange, ...asker }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Pax8SyncConfigError);
      expect([field, (error as Pax8SyncConfigError).field]).toEqual([field, field]);
    }
    expect(await h.engine.listWrites({ connectionId: h.connectionId })).toEqual([]);
  });
});
