import { pax8SubscriptionSchema, pax8CompanySchema } from '@pax8-sync/client';
import { describe, expect, it } from 'vitest';
import { createPax8Fixtures, pax8Fixtures } from '../src/index';
import { createSpecValidator } from './support/openapi';

describe('pax8Fixtures', () => {
  const spec = createSpecValidator('partner-endpoints.json', '/v1');

  it('builds records shaped as Pax8 sends them, with overrides applied', () => {
    const subscription = pax8Fixtures.subscription({ status: 'Trial', quantity: 3 });
    expect(subscription).toMatchObject({ status: 'Trial', quantity: 3 });
    expect(spec.validate('GET /v1/subscriptions/{subscriptionId}', 200, subscription)).toEqual([]);
    expect(spec.validate('GET /v1/companies/{companyId}', 200, pax8Fixtures.company())).toEqual([]);
    expect(spec.validate('GET /v1/products/{productId}', 200, pax8Fixtures.product())).toEqual([]);
    expect(spec.validate('GET /v1/orders/{orderId}', 200, pax8Fixtures.order())).toEqual([]);
    expect(spec.validate('GET /v1/invoices/{invoiceId}', 200, pax8Fixtures.invoice())).toEqual([]);
    expect(spec.validate('GET /v1/companies/{companyId}/contacts/{contactId}', 200, pax8Fixtures.contact())).toEqual([]);
    expect(pax8SubscriptionSchema.safeParse(subscription).success).toBe(true);
    expect(pax8CompanySchema.safeParse(pax8Fixtures.company({ status: 'Inactive' })).success).toBe(true);
  });

  it('is deterministic per seed and gives each call a new id', () => {
    const a = createPax8Fixtures(3);
    const b = createPax8Fixtures(3);
    expect([a.subscription(), a.subscription()]).toEqual([b.subscription(), b.subscription()]);
    const c = createPax8Fixtures(3);
    expect(c.subscription().id).not.toBe(c.subscription().id);
    expect(c.company().id).not.toBe(c.company().id);
  });

  it('does not keep a reference to the overrides', () => {
    const address = { city: 'Denver', country: 'US' };
    const company = pax8Fixtures.company({ address });
    address.city = 'Boulder';
    expect(company.address.city).toBe('Denver');
  });
});
