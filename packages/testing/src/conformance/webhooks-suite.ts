import { randomBytes } from 'node:crypto';
import { createAesGcmCodec, type StoredWebhook } from '@pax8-sync/core';
import { connectionRow } from './fixtures';
import { webhookRow, webhooksOf } from './outbox-fixtures';
import type { SuiteContext } from './suite-context';

const connectionsOf = (hooks: readonly StoredWebhook[]) => hooks.map((h) => h.connectionId);

/** A registration with three secrets (current first, then two in their grace period) and meta. */
const rotated = (connectionId: string, version: number): StoredWebhook =>
  webhookRow(connectionId, version, {
    topics: ['SUBSCRIPTION', 'ORDER', 'COMPANY'],
    secrets: [
      { sealedSecret: `sealed-new-${version}`, createdAt: 9_000, retiresAt: null },
      { sealedSecret: 'sealed-older', createdAt: 5_000, retiresAt: 99_000 },
      { sealedSecret: 'sealed-oldest', createdAt: 7_000, retiresAt: 50_000 },
    ],
    meta: { lastRotation: 9_000, notes: ['café ✓', { nested: [1, 2.5] }], empty: null },
  });

/** Webhooks (`capabilities.webhooks`): registrations by compare-and-swap, look-ups, and delivery de-duplication. */
export function webhooksSuite(ctx: SuiteContext): void {
  ctx.describe('webhooks (capability webhooks)', () => {
    registrationTests(ctx);
    lookupTests(ctx);
    deliveryTests(ctx);
    transactionAndPurgeTests(ctx);
  });
}

function registrationTests({ it, check, storage }: SuiteContext): void {
  it('put is a compare-and-swap on version: null for the first write, then expected + 1', async () => {
    const w = webhooksOf(storage());
    check.equal(await w.get('conn-a'), undefined, 'none at first');
    check.equal(await w.put(webhookRow('conn-a', 2), null), false, 'first write must carry version 1');
    check.equal(await w.put(webhookRow('conn-a', 1), 0), false, 'expected 0 is not "none stored"');
    check.equal(await w.get('conn-a'), undefined, 'refused writes store nothing');
    check.equal(await w.put(webhookRow('conn-a', 1), null), true, 'first write with null');
    check.equal(await w.put(webhookRow('conn-a', 1, { url: 'https://evil.example' }), null), false, 'null again: one is stored');
    check.equal(await w.put(webhookRow('conn-a', 3), 1), false, 'version must be expected + 1');
    check.equal(await w.put(webhookRow('conn-a', 3), 2), false, 'stale expected version');
    check.equal(await w.get('conn-a'), webhookRow('conn-a', 1), 'the first write is stored');
    check.equal(await w.put(rotated('conn-a', 2), 1), true, 'matching version writes');
    check.equal(await w.get('conn-a'), rotated('conn-a', 2), 'replaced whole: topics, secrets in order, meta');
    const unknownAccount = webhookRow('conn-a', 3, { accountId: null });
    check.equal(await w.put(unknownAccount, 2), true, 'accountId back to null');
    check.equal(await w.get('conn-a'), unknownAccount, 'null accountId and no meta round trip');
    check.equal(await w.get('conn-b'), undefined, 'per connection');
  });

  it('secrets keep their order and fields exactly, whatever their times', async () => {
    const w = webhooksOf(storage());
    const hook = rotated('conn-a', 1);
    await w.put(hook, null);
    check.equal((await w.get('conn-a'))?.secrets, hook.secrets, 'get');
    check.equal((await w.findByWebhookId(hook.webhookId))?.secrets, hook.secrets, 'findByWebhookId');
    check.equal((await w.list())[0]?.secrets, hook.secrets, 'list');
    const none = webhookRow('conn-a', 2, { secrets: [] });
    check.equal(await w.put(none, 1), true, 'an empty secrets list is a value too');
    check.equal((await w.get('conn-a'))?.secrets, [], 'and reads back empty');
  });

  it('20 concurrent puts with one expected version: exactly one writes; likewise 20 first writes', async () => {
    const w = webhooksOf(storage());
    const firsts = Array.from({ length: 20 }, (_, i) => webhookRow('conn-a', 1, { url: `https://psa.example.com/first/${i}` }));
    const wroteFirst = await Promise.all(firsts.map((h) => w.put(h, null)));
    check.equal(wroteFirst.filter(Boolean).length, 1, 'one first write wins');
    check.equal(await w.get('conn-a'), firsts[wroteFirst.indexOf(true)], 'the winner is stored');
    const nexts = Array.from({ length: 20 }, (_, i) => webhookRow('conn-a', 2, { url: `https://psa.example.com/next/${i}` }));
    const wrote = await Promise.all(nexts.map((h) => w.put(h, 1)));
    check.equal(wrote.filter(Boolean).length, 1, 'one update wins');
    check.equal(await w.get('conn-a'), nexts[wrote.indexOf(true)], 'the winner is stored');
  });

  it('delete removes the connection\'s webhook; a no-op when there is none; a first write may follow', async () => {
    const w = webhooksOf(storage());
    await w.put(webhookRow('conn-a', 1), null);
    await w.put(webhookRow('conn-b', 1), null);
    await w.delete('conn-a');
    await w.delete('conn-a');
    await w.delete('conn-missing');
    check.equal(await w.get('conn-a'), undefined, 'deleted');
    check.equal(await w.findByWebhookId('wh-conn-a'), undefined, 'not found by webhook id either');
    check.equal(await w.get('conn-b'), webhookRow('conn-b', 1), 'the other is untouched');
    check.equal(await w.put(webhookRow('conn-a', 1), null), true, 'first write again after delete');
  });
}

function lookupTests({ it, check, storage }: SuiteContext): void {
  it('findByWebhookId finds across connections; findByAccountId and list order by connection id', async () => {
    const w = webhooksOf(storage());
    const conns = ['conn-c', 'conn-a', 'conn-B', 'conn-b', 'conn-é'];
    for (const conn of conns) await w.put(webhookRow(conn, 1, { accountId: conn === 'conn-b' ? 'acct-other' : 'acct-shared' }), null);
    await w.put(webhookRow('conn-null', 1, { accountId: null }), null);
    check.equal(await w.findByWebhookId('wh-conn-c'), webhookRow('conn-c', 1, { accountId: 'acct-shared' }), 'by webhook id');
    check.equal(await w.findByWebhookId('wh-missing'), undefined, 'unknown webhook id');
    check.equal(connectionsOf(await w.findByAccountId('acct-shared')), ['conn-B', 'conn-a', 'conn-c', 'conn-é'], 'by account, code-point order of connection id');
    check.equal(connectionsOf(await w.findByAccountId('acct-other')), ['conn-b'], 'another account');
    check.equal(await w.findByAccountId('acct-missing'), [], 'unknown account');
    check.equal(connectionsOf(await w.list()), ['conn-B', 'conn-a', 'conn-b', 'conn-c', 'conn-null', 'conn-é'], 'list: every webhook by connection id');
    check.equal((await w.list()).find((h) => h.connectionId === 'conn-null'), webhookRow('conn-null', 1, { accountId: null }), 'whole rows in list');
  });

  it('look-ups follow a changed webhook id and account id', async () => {
    const w = webhooksOf(storage());
    await w.put(webhookRow('conn-a', 1), null);
    const moved = webhookRow('conn-a', 2, { webhookId: 'wh-new', accountId: 'acct-new' });
    check.equal(await w.put(moved, 1), true, 're-registered');
    check.equal(await w.findByWebhookId('wh-conn-a'), undefined, 'old webhook id gone');
    check.equal(await w.findByWebhookId('wh-new'), moved, 'new webhook id found');
    check.equal(await w.findByAccountId('acct-conn-a'), [], 'old account gone');
    check.equal(await w.findByAccountId('acct-new'), [moved], 'new account found');
  });
}

function deliveryTests({ it, check, storage }: SuiteContext): void {
  it('markDelivery: new the first time, a replay inside the window, new again once expired; keys are per connection', async () => {
    const w = webhooksOf(storage());
    const mark = (connectionId: string, key: string, now: number, expiresAt = now + 1_000) => w.markDelivery({ connectionId, key, now, expiresAt });
    check.equal(await mark('conn-a', 'k-1', 100, 1_100), true, 'first delivery');
    check.equal(await mark('conn-a', 'k-1', 200, 1_200), false, 'replay');
    check.equal(await mark('conn-a', 'k-1', 1_099, 2_099), false, 'replay just before expiry');
    check.equal(await mark('conn-a', 'k-2', 200), true, 'another key');
    check.equal(await mark('conn-b', 'k-1', 200), true, 'the same key of another connection');
    check.equal(await mark('conn-a', 'k-1', 1_100, 2_100), true, 'expiresAt = now counts as absent: new again');
    check.equal(await mark('conn-a', 'k-1', 1_500, 2_500), false, 'and the new window holds');
    check.equal(await mark('conn-a', 'k-1', 2_100, 3_100), true, 'new once that window expired too');
    const odd = 'sha256:ÿ€😀 "key" \\ \u200f';
    check.equal(await mark('conn-a', odd, 10), true, 'odd text in a key');
    check.equal(await mark('conn-a', odd, 11), false, 'is the same key');
  });

  it('markDelivery is atomic: of 20 concurrent marks of one key exactly one is new; an expired key is reclaimed by exactly one too', async () => {
    const w = webhooksOf(storage());
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => w.markDelivery({ connectionId: 'conn-a', key: 'k-race', now: 100 + i, expiresAt: 5_000 })));
    check.equal(results.filter(Boolean).length, 1, 'one new');
    const again = await Promise.all(Array.from({ length: 20 }, (_, i) => w.markDelivery({ connectionId: 'conn-a', key: 'k-race', now: 6_000 + i, expiresAt: 9_000 })));
    check.equal(again.filter(Boolean).length, 1, 'after expiry, one new again');
  });
}

function transactionAndPurgeTests({ it, check, storage, options }: SuiteContext): void {
  it('inside a transaction: put, delete and markDelivery roll back together', async () => {
    const s = storage();
    await webhooksOf(s).put(webhookRow('conn-b', 1), null);
    const failure = new Error('rollback');
    const error = await check.rejects(
      s.transaction(async (tx) => {
        check.equal(await webhooksOf(tx).put(webhookRow('conn-a', 1), null), true, 'put inside');
        check.equal((await webhooksOf(tx).get('conn-a'))?.version, 1, 'seen inside');
        await webhooksOf(tx).delete('conn-b');
        check.equal(await webhooksOf(tx).markDelivery({ connectionId: 'conn-a', key: 'k-tx', now: 1, expiresAt: 1_000 }), true, 'mark inside');
        throw failure;
      }),
      'the transaction rejects',
    );
    check.ok(error === failure, 'with its own error');
    check.equal(await webhooksOf(s).get('conn-a'), undefined, 'put rolled back');
    check.equal(await webhooksOf(s).get('conn-b'), webhookRow('conn-b', 1), 'delete rolled back');
    check.equal(await webhooksOf(s).markDelivery({ connectionId: 'conn-a', key: 'k-tx', now: 2, expiresAt: 1_000 }), true, 'mark rolled back');
    await s.transaction(async (tx) => {
      await webhooksOf(tx).put(webhookRow('conn-a', 1), null);
    });
    check.equal(await webhooksOf(s).get('conn-a'), webhookRow('conn-a', 1), 'a committed put is there');
  });

  it('purgeConnection removes the connection\'s webhook and delivery keys only', async () => {
    const s = storage();
    for (const conn of ['conn-a', 'conn-b']) {
      await s.connections.put(connectionRow(conn));
      await webhooksOf(s).put(rotated(conn, 1), null);
      await webhooksOf(s).markDelivery({ connectionId: conn, key: 'k-1', now: 1, expiresAt: 1_000 });
    }
    await s.purgeConnection('conn-a');
    check.equal(await webhooksOf(s).get('conn-a'), undefined, 'webhook purged');
    check.equal(connectionsOf(await webhooksOf(s).list()), ['conn-b'], 'only the other is listed');
    check.equal(await webhooksOf(s).get('conn-b'), rotated('conn-b', 1), 'the other webhook is untouched');
    check.equal(await webhooksOf(s).markDelivery({ connectionId: 'conn-b', key: 'k-1', now: 2, expiresAt: 1_000 }), false, 'the other connection\'s key is kept');
    if (options.raw) check.equal(await options.raw.rowsOfConnection(s, 'conn-a'), [], 'no raw row left (webhook and delivery keys)');
    check.equal(await webhooksOf(s).markDelivery({ connectionId: 'conn-a', key: 'k-1', now: 2, expiresAt: 1_000 }), true, 'the purged key is new again');
  });

  const raw = options.raw;
  if (raw) {
    it('raw read-back: webhook secrets are stored as given (sealed), never in clear; delivery keys are the connection\'s rows', async () => {
      const s = storage();
      const codec = createAesGcmCodec({ key: randomBytes(32) });
      const secret = `conformance-webhook-secret-${randomBytes(8).toString('hex')}`;
      const sealed = await codec.seal(secret, 'pax8-sync:webhook-secret:conn-raw');
      await webhooksOf(s).put(webhookRow('conn-raw', 1, { secrets: [{ sealedSecret: sealed, createdAt: 1, retiresAt: null }] }), null);
      const before = (await raw.rowsOfConnection(s, 'conn-raw')).length;
      await webhooksOf(s).markDelivery({ connectionId: 'conn-raw', key: 'delivery-key-5e1d', now: 1, expiresAt: 1_000 });
      const rows = await raw.rowsOfConnection(s, 'conn-raw');
      const dump = JSON.stringify(rows);
      check.ok(dump.includes(sealed) && dump.includes('wh-conn-raw'), 'the webhook row is the connection\'s, its secret sealed');
      check.ok(rows.length > before, 'the delivery key is a stored row of the connection');
      check.ok(!dump.includes(secret), 'no secret in clear');
    });
  }
}
