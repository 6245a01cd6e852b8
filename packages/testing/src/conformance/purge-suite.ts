import type { Pax8SyncStorage } from '@pax8-sync/core';
import { changeEvent, companyRow, connectionRow, mappingRow, productRow, quarantineRow, runRow, subscriptionRow } from './fixtures';
import type { SuiteContext } from './suite-context';

async function fill(s: Pax8SyncStorage, conn: string): Promise<void> {
  await s.connections.put(connectionRow(conn));
  await s.tokens.set(conn, { sealedAccessToken: `sealed-token-${conn}`, expiresAt: 1 });
  await s.companies.upsertMany([companyRow(conn, 'co-1')]);
  await s.products.upsertMany([productRow(conn, 'p-1')]);
  await s.subscriptions.upsertMany([subscriptionRow(conn, 's-1', 'co-1')]);
  await s.mappings.upsertMany([mappingRow(conn, 'co-1', 'confirmed')]);
  await s.runs.start(runRow(conn, `run-${conn}`));
  await s.runs.checkpoint({ runId: `run-${conn}`, checkpoint: { page: 1 }, counts: { created: 1, updated: 0, unchanged: 0, removed: 0, quarantined: 0 }, seenIds: ['s-1'], page: 0 });
  await s.changes.append([changeEvent(conn, 's-1')]);
  await s.quarantine.putMany([quarantineRow(conn, 'subscriptions', 'bad')]);
  await s.locks.acquire({ connectionId: conn, name: 'sync:subscriptions', holder: 'h', ttlMs: 1_000, now: 0 });
}

async function contents(s: Pax8SyncStorage, conn: string) {
  return {
    connection: await s.connections.get(conn),
    token: await s.tokens.get(conn),
    companies: await s.companies.count(conn, { includeRemoved: true }),
    products: await s.products.count(conn, { includeRemoved: true }),
    subscriptions: await s.subscriptions.count(conn, { includeRemoved: true }),
    mappings: (await s.mappings.list(conn)).length,
    runs: (await s.runs.list(conn)).length,
    seen: (await s.runs.listSeen(conn, `run-${conn}`)).length,
    changes: (await s.changes.list(conn)).events.length,
    quarantine: (await s.quarantine.list(conn)).length,
    lock: await s.locks.get(conn, 'sync:subscriptions'),
    run: await s.runs.get(`run-${conn}`),
  };
}

/** purgeConnection: everything of one connection goes, nothing of others. */
export function purgeSuite({ it, check, storage, options }: SuiteContext): void {
  it('purgeConnection removes every row of the connection and leaves others intact', async () => {
    const s = storage();
    await fill(s, 'conn-a');
    await fill(s, 'conn-b');
    const b = await contents(s, 'conn-b');
    await s.purgeConnection('conn-a');
    await s.purgeConnection('conn-unknown');
    check.equal(
      await contents(s, 'conn-a'),
      { connection: undefined, token: undefined, companies: 0, products: 0, subscriptions: 0, mappings: 0, runs: 0, seen: 0, changes: 0, quarantine: 0, lock: undefined, run: undefined },
      'nothing of the purged connection is left',
    );
    check.equal(await contents(s, 'conn-b'), b, 'the other connection is untouched');
    check.equal((await s.connections.list()).map((c) => c.id), ['conn-b'], 'connection list');
    if (options.raw) {
      check.equal(await options.raw.rowsOfConnection(s, 'conn-a'), [], 'raw read-back: no stored row of the purged connection');
      check.ok((await options.raw.rowsOfConnection(s, 'conn-b')).length > 0, 'raw read-back: the other connection still has rows');
    }
  });
}
