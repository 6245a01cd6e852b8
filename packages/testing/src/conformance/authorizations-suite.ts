import { randomBytes } from 'node:crypto';
import {
  type AuthorizationStore,
  createAesGcmCodec,
  grantCodecContext,
  Pax8SyncError,
  type Pax8SyncStorage,
  type StoredAuthorizationGrant,
  type StoredAuthorizationState,
  type StoredConnection,
} from '@pax8-sync/core';
import { connectionRow } from './fixtures';
import type { SuiteContext } from './suite-context';

/** A delegated connection row. */
export function delegatedConnectionRow(id: string): StoredConnection {
  return {
    ...connectionRow(id),
    auth: {
      kind: 'authorization-code',
      authorizationEndpoint: 'https://login.pax8.com/authorize',
      tokenEndpoint: 'https://login.pax8.com/oauth/token',
      audience: 'https://api.pax8.com',
      scopes: ['Manage:Pax8Data'],
      offlineScope: 'offline_access',
      clientAuthentication: 'client_secret_post',
    },
  };
}

const stateRow = (stateHash: string, connectionId: string, expiresAt = 10_000): StoredAuthorizationState => ({
  stateHash,
  connectionId,
  sealedVerifier: `sealed-verifier-${stateHash}`,
  redirectUri: 'https://psa.example.com/pax8/callback',
  createdAt: 1_000,
  expiresAt,
});

const grantRow = (connectionId: string, version: number, patch: Partial<StoredAuthorizationGrant> = {}): StoredAuthorizationGrant => ({
  connectionId,
  status: 'connected',
  sealedTokens: `sealed-tokens-${connectionId}-${version}`,
  accessTokenExpiresAt: 90_000 + version,
  reason: null,
  authorizedAt: 1_000,
  updatedAt: 1_000 + version,
  version,
  ...patch,
});

const store = (s: Pax8SyncStorage): AuthorizationStore => {
  if (!s.authorizations) throw new Error('capabilities.delegatedAuthorization is declared, but storage.authorizations is missing');
  return s.authorizations;
};

/** Delegated authorization (`capabilities.delegatedAuthorization`): connection auth, single-use states, grants by compare-and-swap. */
export function authorizationsSuite({ it, describe, check, storage, options }: SuiteContext): void {
  describe('authorizations (capability delegatedAuthorization)', () => {
    it('a connection keeps its auth settings exactly; one without auth reads back without it', async () => {
      const s = storage();
      await s.connections.put(delegatedConnectionRow('conn-d'));
      await s.connections.put(connectionRow('conn-c'));
      check.equal(await s.connections.get('conn-d'), delegatedConnectionRow('conn-d'), 'auth round trip');
      check.equal((await s.connections.get('conn-c'))?.auth, undefined, 'no auth: client-credentials');
      check.equal((await s.connections.list()).map((c) => c.auth?.kind ?? 'none'), ['none', 'authorization-code'], 'list carries auth');
    });

    it('consumeState: first use returns the state, every later use says already-consumed, unknown says unknown', async () => {
      const a = store(storage());
      await a.saveState(stateRow('hash-1', 'conn-a'));
      await a.saveState(stateRow('hash-old', 'conn-a', 500));
      check.equal(await a.consumeState('hash-1', 2_000), { outcome: 'consumed', state: stateRow('hash-1', 'conn-a') }, 'first use');
      check.equal(await a.consumeState('hash-1', 3_000), { outcome: 'already-consumed', connectionId: 'conn-a', consumedAt: 2_000 }, 'replayed');
      check.equal(await a.consumeState('hash-1', 4_000), { outcome: 'already-consumed', connectionId: 'conn-a', consumedAt: 2_000 }, 'still used');
      check.equal(await a.consumeState('hash-missing', 2_000), { outcome: 'unknown' }, 'unknown');
      check.equal(await a.consumeState('hash-old', 2_000), { outcome: 'consumed', state: stateRow('hash-old', 'conn-a', 500) }, 'an expired state is consumed too (the engine checks expiresAt)');
    });

    it('consumeState is atomic: of 12 concurrent uses of one state exactly one consumes it', async () => {
      const a = store(storage());
      await a.saveState(stateRow('hash-race', 'conn-a'));
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => a.consumeState('hash-race', 2_000 + i)));
      check.equal(results.filter((r) => r.outcome === 'consumed').length, 1, 'one consumer');
      check.equal(results.filter((r) => r.outcome === 'already-consumed').length, 11, 'the others see it used');
    });

    it('deleteStates removes states that expired before the given time, used or not, and counts them', async () => {
      const a = store(storage());
      await a.saveState(stateRow('h-1', 'conn-a', 100));
      await a.saveState(stateRow('h-2', 'conn-b', 200));
      await a.saveState(stateRow('h-3', 'conn-a', 300));
      await a.consumeState('h-1', 50);
      check.equal(await a.deleteStates({ expiredBefore: 300 }), 2, 'two expired before 300');
      check.equal(await a.consumeState('h-1', 400), { outcome: 'unknown' }, 'deleted');
      check.equal((await a.consumeState('h-3', 400)).outcome, 'consumed', 'expiresAt = expiredBefore is kept');
    });

    it('putGrant is a compare-and-swap on version', async () => {
      const a = store(storage());
      check.equal(await a.getGrant('conn-a'), undefined, 'no grant at first');
      check.equal(await a.putGrant(grantRow('conn-a', 1), null), true, 'first grant with expected null');
      check.equal(await a.putGrant(grantRow('conn-a', 1, { sealedTokens: 'other' }), null), false, 'expected null but one exists');
      check.equal(await a.putGrant(grantRow('conn-a', 3), 1), false, 'version must be expected + 1');
      check.equal(await a.putGrant(grantRow('conn-a', 3), 2), false, 'stale expected version');
      check.equal(await a.putGrant(grantRow('conn-a', 2), 1), true, 'expected version matches');
      check.equal(await a.getGrant('conn-a'), grantRow('conn-a', 2), 'the newest grant is stored');
      const marked = grantRow('conn-a', 3, { status: 'reauthorization-required', sealedTokens: null, accessTokenExpiresAt: null, reason: 'Consent revoked' });
      check.equal(await a.putGrant(marked, 2), true, 'status change');
      check.equal(await a.getGrant('conn-a'), marked, 'nulls and reason round trip');
      await a.deleteGrant('conn-a');
      await a.deleteGrant('conn-a');
      check.equal(await a.getGrant('conn-a'), undefined, 'deleted');
      check.equal(await a.putGrant(grantRow('conn-a', 1), null), true, 'a new grant after delete');
    });

    it('concurrent putGrant with the same expected version: exactly one writes, and its grant is the one stored', async () => {
      const a = store(storage());
      await a.putGrant(grantRow('conn-a', 1), null);
      const writers = Array.from({ length: 8 }, (_, i) => grantRow('conn-a', 2, { sealedTokens: `writer-${i}` }));
      const wrote = await Promise.all(writers.map((g) => a.putGrant(g, 1)));
      check.equal(wrote.filter(Boolean).length, 1, 'one writer wins');
      check.equal((await a.getGrant('conn-a'))?.sealedTokens, writers[wrote.indexOf(true)]?.sealedTokens, 'the winner is stored');
    });

    it('inside transactions: a rollback undoes putGrant and consumeState; a stale fence writes nothing', async () => {
      const s = storage();
      await store(s).saveState(stateRow('h-tx', 'conn-a'));
      const failure = new Error('rollback');
      const error = await check.rejects(
        s.transaction(async (tx) => {
          await store(tx as Pax8SyncStorage).putGrant(grantRow('conn-a', 1), null);
          await store(tx as Pax8SyncStorage).consumeState('h-tx', 5);
          throw failure;
        }),
        'the transaction rejects',
      );
      check.ok(error === failure, 'with its own error');
      check.equal(await store(s).getGrant('conn-a'), undefined, 'grant rolled back');
      check.equal((await store(s).consumeState('h-tx', 6)).outcome, 'consumed', 'consumption rolled back');
      const lease = await s.locks.acquire({ connectionId: 'conn-a', name: 'auth:refresh', holder: 'a', ttlMs: 1_000, now: 0 });
      await s.locks.acquire({ connectionId: 'conn-a', name: 'auth:refresh', holder: 'b', ttlMs: 1_000, now: 5_000 });
      const lost = await check.rejects(
        s.transaction(async (tx) => store(tx as Pax8SyncStorage).putGrant(grantRow('conn-a', 1), null), { fence: { connectionId: 'conn-a', name: 'auth:refresh', token: lease?.token ?? -1 } }),
        'stale lease refused',
      );
      check.ok(Pax8SyncError.isInstance(lost) && lost.code === 'lease-lost', 'typed lease-lost error');
      check.equal(await store(s).getGrant('conn-a'), undefined, 'nothing written by the stale holder');
    });

    it('purgeConnection removes the states and grant of that connection only', async () => {
      const s = storage();
      for (const conn of ['conn-a', 'conn-b']) {
        await s.connections.put(delegatedConnectionRow(conn));
        await store(s).saveState(stateRow(`h-${conn}`, conn));
        await store(s).putGrant(grantRow(conn, 1), null);
      }
      await s.purgeConnection('conn-a');
      check.equal(await store(s).getGrant('conn-a'), undefined, 'grant purged');
      check.equal(await store(s).consumeState('h-conn-a', 1), { outcome: 'unknown' }, 'state purged');
      check.equal(await store(s).getGrant('conn-b'), grantRow('conn-b', 1), 'other grant untouched');
      check.equal((await store(s).consumeState('h-conn-b', 1)).outcome, 'consumed', 'other state untouched');
      if (options.raw) check.equal(await options.raw.rowsOfConnection(s, 'conn-a'), [], 'no raw row left');
    });

    const raw = options.raw;
    if (raw) {
      it('raw read-back: grants and states are stored as given (sealed), never with a token in clear', async () => {
        const s = storage();
        const codec = createAesGcmCodec({ key: randomBytes(32) });
        const access = `conformance-access-${randomBytes(8).toString('hex')}`;
        const refresh = `conformance-refresh-${randomBytes(8).toString('hex')}`;
        const sealed = await codec.seal(JSON.stringify({ accessToken: access, refreshToken: refresh }), grantCodecContext('conn-raw'));
        await s.connections.put(delegatedConnectionRow('conn-raw'));
        await store(s).putGrant(grantRow('conn-raw', 1, { sealedTokens: sealed }), null);
        await store(s).saveState(stateRow('h-raw', 'conn-raw'));
        const dump = JSON.stringify(await raw.rowsOfConnection(s, 'conn-raw'));
        check.ok(dump.includes(sealed) && dump.includes('sealed-verifier-h-raw') && dump.includes('h-raw'), 'grant and state rows are the connection\'s rows');
        check.ok(!dump.includes(access) && !dump.includes(refresh), 'no token in clear');
      });
    }
  });
}
