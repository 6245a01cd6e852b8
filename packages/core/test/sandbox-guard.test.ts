import { Pax8SyncError, readOnlyFetch } from '@pax8-sync/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe('the Sandbox guard (readOnlyFetch)', () => {
  it('lets reads, the token request and validation-only orders (?isMock=true) through and refuses every other write, typed', async () => {
    h = await createHarness();
    const guarded = readOnlyFetch(fetch, `${h.baseUrl}/v1/token`);
    const order = JSON.stringify({ companyId: h.sim.world.companies.list()[0]!.id, lineItems: [] });
    const mock = await guarded(`${h.baseUrl}/v1/orders?isMock=true`, { method: 'POST', body: order, headers: { 'content-type': 'application/json' } });
    expect(mock.status).toBeGreaterThanOrEqual(200);
    expect(h.sim.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`POST ${h.baseUrl}/v1/orders?isMock=true`]);

    const refusals = [
      [`${h.baseUrl}/v1/orders`, 'POST'],
      [`${h.baseUrl}/v1/orders?isMock=false`, 'POST'],
      [`${h.baseUrl}/v1/orders?isMock=true&isMock=false`, 'POST'],
      [`${h.baseUrl}/v1/companies?isMock=true`, 'POST'],
      [`${h.baseUrl}/v1/subscriptions/x?isMock=true`, 'PUT'],
      [`${h.baseUrl}/v1/subscriptions/x`, 'DELETE'],
    ] as const;
    for (const [url, method] of refusals) {
      const refused = await guarded(url, { method, body: method === 'DELETE' ? undefined : order }).catch((e: unknown) => e);
      expect(Pax8SyncError.isInstance(refused) && refused.code, `${method} ${url}`).toBe('sandbox-write-refused');
    }
    expect(h.sim.requests.length).toBe(1);
  });
});
