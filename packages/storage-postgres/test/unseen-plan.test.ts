import type { PostgresStorage } from '@pax8-sync/storage-postgres';
import type { RunCounts, SubscriptionRecord } from '@pax8-sync/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemRow } from './support/billing-rows';
import { dropStorage, freshStorage, type TestDatabase, testDatabases } from './support/databases';
import { type LoggedStatement, planOf, recording } from './support/recording';

// The removal pass counts and lists a pull's unseen rows. On tables never analyzed (a new customer's
// first sync; any server with autovacuum off) an anti join against the seen ids was planned as a
// nested loop: quadratic, 23 s at 20k rows. The statements must plan as a set operation whatever the
// statistics say. This reads the plans (EXPLAIN), it does not time anything.
const ROWS = 3_000;
const SEEN = 2_400;

const subscription = (id: string): SubscriptionRecord => ({
  connectionId: 'conn-plan',
  id,
  hash: `h-${id}`,
  data: { id, quantity: 1 },
  createdRunId: 'run-0',
  updatedRunId: 'run-0',
  createdAt: 1,
  updatedAt: 1,
  removedAt: null,
  companyId: `co-${id.slice(-1)}`,
  productId: 'p-1',
  status: 'Active',
  mappedState: 'active',
  quantity: 1,
});

const zero: RunCounts = { created: 0, updated: 0, unchanged: 0, removed: 0, quarantined: 0 };

/** Runs `pullId` of `connectionId` that saw `seen`, in pages of 600. */
async function seenBy(storage: PostgresStorage, connectionId: string, pullId: string, seen: readonly string[]): Promise<void> {
  const runId = `run-${pullId}`;
  await storage.runs.start({ id: runId, connectionId, entity: 'subscriptions', pullId, resumedFromRunId: null, startedAt: 1, finishedAt: null, outcome: 'running', checkpoint: null, counts: zero, error: null, flags: [] });
  for (let page = 0; page * 600 < seen.length; page += 1) {
    await storage.runs.checkpoint({ runId, checkpoint: { page }, counts: zero, seenIds: seen.slice(page * 600, (page + 1) * 600), page });
  }
}

/** The plan of each logged statement that reads the seen set: a set operation, never a nested-loop anti join. */
async function expectSetOperations(db: TestDatabase, log: readonly LoggedStatement[]): Promise<void> {
  const statements = log.filter((s) => s.text.includes('run_pages'));
  expect(statements).toHaveLength(3);
  for (const s of statements) {
    const plan = await planOf(db, s);
    expect(plan, plan).not.toMatch(/Nested Loop Anti|Join Filter/);
    expect(plan, plan).toMatch(/SetOp/);
  }
}

for (const db of testDatabases()) {
  describe(`unseen rows plan as a set difference on unanalyzed tables (${db.name})`, () => {
    const log: LoggedStatement[] = [];
    let storage: PostgresStorage;
    beforeAll(async () => {
      await db.open();
      storage = await freshStorage(db, { client: recording(db, log) });
    });
    afterAll(async () => {
      await dropStorage(db, storage);
      await db.close();
    });

    it('count({ notSeenBy }) and listUnseen: right answers, and no nested-loop anti join in their plans', async () => {
      const ids = Array.from({ length: ROWS }, (_, i) => `sub-${String(i).padStart(5, '0')}`);
      await storage.subscriptions.upsertMany(ids.map(subscription));
      await seenBy(storage, 'conn-plan', 'pull-plan', ids.slice(0, SEEN));
      log.length = 0;

      expect(await storage.subscriptions.count('conn-plan', { notSeenBy: 'pull-plan' })).toBe(ROWS - SEEN);
      const page = await storage.subscriptions.listUnseen('conn-plan', 'pull-plan', { limit: 100 });
      expect(page.items.map((r) => r.id)).toEqual(ids.slice(SEEN, SEEN + 100));
      expect((await storage.subscriptions.listUnseen('conn-plan', 'pull-plan', { after: page.nextCursor ?? undefined, limit: 1000 })).items.map((r) => r.id)).toEqual(ids.slice(SEEN + 100));

      await expectSetOperations(db, log);
    });

    it('the same for a billing table with a scope filter (the removal pass of one draft month)', async () => {
      // Two of three items are the November draft's; the pull of that draft saw the first 1,600 of them.
      const items = Array.from({ length: ROWS }, (_, i) => itemRow('conn-plan-b', `item-${String(i).padStart(5, '0')}`, `co-${i % 7}`, '2026-11', i % 3 === 0 ? 'inv-1' : null));
      await storage.billing.invoiceItems.upsertMany(items);
      const draft = items.filter((r) => r.scope === 'draft:2026-11').map((r) => r.id);
      await seenBy(storage, 'conn-plan-b', 'pull-draft', draft.slice(0, 1_600));
      log.length = 0;

      const scopes = ['draft:2026-11'];
      expect(await storage.billing.invoiceItems.count('conn-plan-b', { notSeenBy: 'pull-draft', scopes })).toBe(draft.length - 1_600);
      const page = await storage.billing.invoiceItems.listUnseen('conn-plan-b', 'pull-draft', { scopes, limit: 100 });
      expect(page.items.map((r) => r.id)).toEqual(draft.slice(1_600, 1_700));
      const rest = await storage.billing.invoiceItems.listUnseen('conn-plan-b', 'pull-draft', { scopes, after: page.nextCursor ?? undefined, limit: 1000 });
      expect(rest.items.map((r) => r.id)).toEqual(draft.slice(1_700));
      await expectSetOperations(db, log);
    });
  });
}
