import { type ConnectionSettings, Pax8SyncConfigError } from '@pax8-sync/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const settings = (patch: Partial<ConnectionSettings> = {}): ConnectionSettings => ({
  name: 'MSP',
  environment: 'Production',
  clientId: 'client-id',
  clientSecret: 'secret-value-7f3a',
  country: 'US',
  currency: 'USD',
  ...patch,
});

async function refusal(promise: Promise<unknown>): Promise<Pax8SyncConfigError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Pax8SyncConfigError);
  return error as Pax8SyncConfigError;
}

describe('the endpoint (baseUrl)', () => {
  it('as Pax8 documents write it (https://api.pax8.com/v1) is normalised to the origin the client expects', async () => {
    h = await createHarness();
    for (const [given, stored] of [
      ['https://api.pax8.com/v1', 'https://api.pax8.com'],
      ['https://api.pax8.com/v1/', 'https://api.pax8.com'],
      ['https://API.pax8.com//', 'https://api.pax8.com'],
      ['https://api.pax8.com/api/v2', 'https://api.pax8.com'],
      ['https://proxy.example.com/pax8/v1', 'https://proxy.example.com/pax8'],
      [undefined, 'https://api.pax8.com'],
    ] as const) {
      expect((await h.engine.createConnection(settings({ baseUrl: given }))).baseUrl, String(given)).toBe(stored);
    }
  });

  it('with /v1 works end to end: the token request goes to /v1/token, not /v1/v1/token', async () => {
    h = await createHarness();
    const { id, baseUrl } = await h.connect({ baseUrl: `${h.baseUrl}/v1/` });
    expect(baseUrl).toBe(h.baseUrl);
    expect(await h.engine.verifyConnection(id)).toMatchObject({ ok: true });
    expect(h.sim.requests.map((r) => `${r.method} ${r.url}`)[0]).toBe(`POST ${h.baseUrl}/v1/token`);
    expect(h.sim.requests.every((r) => !r.url.includes('/v1/v1/'))).toBe(true);
  });

  it('http:// to a host that is not loopback is refused for Production at once, naming the field and the fix', async () => {
    h = await createHarness();
    const error = await refusal(h.engine.createConnection(settings({ baseUrl: 'http://api.pax8.com' })));
    expect(error.field).toBe('settings.baseUrl');
    expect(error.message).toMatch(/must use https:\/\/ for a Production connection.*in clear to api\.pax8\.com/);
    for (const local of ['http://127.0.0.1:4010', 'http://localhost:4010/v1', 'http://[::1]:4010']) {
      await expect(h.engine.createConnection(settings({ baseUrl: local }))).resolves.toMatchObject({ environment: 'Production' });
    }
    await expect(h.engine.createConnection(settings({ environment: 'Sandbox', baseUrl: 'http://pax8-sim.internal:4010' }))).resolves.toMatchObject({ baseUrl: 'http://pax8-sim.internal:4010' });
    const { id } = await h.connect();
    const update = await refusal(h.engine.updateConnection(id, { baseUrl: 'http://10.0.0.5' }));
    expect(update.field).toBe('settings.baseUrl');
    expect((await h.engine.getConnection(id)).baseUrl).toBe(h.baseUrl);
  });

  it.each([
    ['ftp://api.pax8.com', /must be an absolute http\(s\) URL/],
    ['api.pax8.com', /must be an absolute http\(s\) URL/],
    ['https://user:pw@api.pax8.com', /must not carry user:password/],
    ['https://api.pax8.com/v1?x=1', /must not carry a query or a fragment/],
    ['', /must be an absolute http\(s\) URL/],
  ])('refuses %j with a typed error naming settings.baseUrl', async (baseUrl, message) => {
    h = await createHarness();
    const error = await refusal(h.engine.createConnection(settings({ baseUrl })));
    expect(error.field).toBe('settings.baseUrl');
    expect(error.message).toMatch(message);
  });
});

describe('settings storage cannot hold (U+0000, lone surrogates)', () => {
  it.each<[keyof ConnectionSettings, string]>([
    ['name', 'Contoso\u0000 MSP'],
    ['name', 'Contoso \ud800 MSP'],
    ['name', 'Contoso \udc00'],
    ['clientId', 'id\u0000'],
    ['clientSecret', 'secret\u0000value'],
    ['clientSecret', 'secret\udbffvalue'],
    ['baseUrl', 'https://api.pax8.com/\u0000'],
  ])('%s with %j: Pax8SyncConfigError naming the field, nothing stored, the value never echoed', async (field, value) => {
    h = await createHarness();
    const error = await refusal(h.engine.createConnection(settings({ [field]: value })));
    expect(error.field).toBe(`settings.${field}`);
    if (field !== 'baseUrl') expect(error.message).toMatch(/must not contain U\+0000 \(NUL\) or a lone surrogate/);
    expect(error.message).not.toContain(value);
    expect(await h.storage.connections.list()).toEqual([]);
    const { id } = await h.connect();
    const update = await refusal(h.engine.updateConnection(id, { [field]: value }));
    expect(update.field).toBe(`settings.${field}`);
  });

  it('odd but valid Unicode is kept verbatim', async () => {
    h = await createHarness();
    const name = 'Zürich 東京 🚀 \u200f مرحبا e\u0301';
    expect((await h.engine.createConnection(settings({ name }))).name).toBe(name);
  });
});
