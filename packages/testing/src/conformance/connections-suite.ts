import { randomBytes } from 'node:crypto';
import { createAesGcmCodec } from '@pax8-sync/core';
import { connectionRow } from './fixtures';
import type { SuiteContext } from './suite-context';

/** Connections and tokens: round trips, listing, and secrets stored only sealed. */
export function connectionsSuite({ it, describe, check, storage, options }: SuiteContext): void {
  describe('connections', () => {
    it('put then get returns an equal connection; put replaces; unknown id is undefined', async () => {
      const s = storage();
      await s.connections.put(connectionRow('conn-a'));
      check.equal(await s.connections.get('conn-a'), connectionRow('conn-a'), 'get returns what put stored');
      const changed = { ...connectionRow('conn-a'), name: 'Renamed', updatedAt: 2_000 };
      await s.connections.put(changed);
      check.equal(await s.connections.get('conn-a'), changed, 'put replaces the connection');
      check.equal(await s.connections.get('conn-missing'), undefined, 'unknown id is undefined');
    });

    it('list returns every connection ordered by id', async () => {
      const s = storage();
      for (const id of ['conn-c', 'conn-a', 'conn-b']) await s.connections.put(connectionRow(id));
      check.equal((await s.connections.list()).map((c) => c.id), ['conn-a', 'conn-b', 'conn-c'], 'ordered by id ascending');
    });

    it('a stored value is a copy: mutating the input or output later changes nothing', async () => {
      const s = storage();
      const input = connectionRow('conn-copy');
      await s.connections.put(input);
      input.name = 'mutated';
      input.companyDefaults.selfServiceAllowed = true;
      const out = await s.connections.get('conn-copy');
      check.equal(out, connectionRow('conn-copy'), 'input mutation did not reach storage');
      if (out) out.name = 'mutated again';
      check.equal(await s.connections.get('conn-copy'), connectionRow('conn-copy'), 'output mutation did not reach storage');
    });
  });

  describe('tokens', () => {
    it('set, get, replace and delete one token per connection', async () => {
      const s = storage();
      check.equal(await s.tokens.get('conn-a'), undefined, 'no token at first');
      await s.tokens.set('conn-a', { sealedAccessToken: 'sealed-1', expiresAt: 10 });
      await s.tokens.set('conn-b', { sealedAccessToken: 'sealed-b', expiresAt: 30 });
      await s.tokens.set('conn-a', { sealedAccessToken: 'sealed-2', expiresAt: 20 });
      check.equal(await s.tokens.get('conn-a'), { sealedAccessToken: 'sealed-2', expiresAt: 20 }, 'set replaces');
      await s.tokens.delete('conn-a');
      await s.tokens.delete('conn-a');
      check.equal(await s.tokens.get('conn-a'), undefined, 'deleted');
      check.equal(await s.tokens.get('conn-b'), { sealedAccessToken: 'sealed-b', expiresAt: 30 }, 'other connection untouched');
    });
  });

  const raw = options.raw;
  if (raw) {
    it('raw read-back: credentials and tokens are stored sealed, never in clear', async () => {
      const s = storage();
      const codec = createAesGcmCodec({ key: randomBytes(32) });
      const secret = `conformance-secret-${randomBytes(8).toString('hex')}`;
      const token = `conformance-token-${randomBytes(8).toString('hex')}`;
      const sealed = await codec.seal(JSON.stringify({ clientId: 'id', clientSecret: secret }), 'conn-raw');
      await s.connections.put(connectionRow('conn-raw', sealed));
      await s.tokens.set('conn-raw', { sealedAccessToken: await codec.seal(token, 'conn-raw'), expiresAt: 99 });
      const dump = JSON.stringify(await raw.rowsOfConnection(s, 'conn-raw'));
      check.ok(dump.includes(sealed), 'the sealed credentials are what was stored');
      check.ok(!dump.includes(secret) && !dump.includes(token), 'no secret in clear in the stored rows');
      const back = await s.connections.get('conn-raw');
      check.equal(JSON.parse(await codec.open(back?.sealedCredentials ?? '', 'conn-raw')).clientSecret, secret, 'sealed value opens again');
    });
  }
}
