import { describe, expect, it } from 'vitest';
import type { NewChangeEvent, SubscriptionRecord } from '@pax8-sync/core';
import { createMemoryStorage } from '@pax8-sync/storage-memory';

const row = (id: string, quantity: number): SubscriptionRecord => ({
  connectionId: 'conn',
  id,
  hash: `h-${id}-${quantity}`,
  data: { id, quantity, commitment: { term: 'Monthly' }, tags: ['a'] },
  createdRunId: 'run',
  updatedRunId: 'run',
  createdAt: 1,
  updatedAt: 1,
  removedAt: null,
  companyId: 'c-1',
  productId: 'p-1',
  status: 'Active',
  mappedState: 'active',
  quantity,
});

const created = (record: SubscriptionRecord): NewChangeEvent => ({
  connectionId: 'conn',
  runId: 'run',
  entity: 'subscriptions',
  entityId: record.id,
  kind: 'created',
  at: 1,
  fields: [],
  detail: {},
  before: null,
  after: record.data,
});

// A page transaction hands the same `data` object to the row and to its event; the store copies it once.
describe('a row and its event written in one transaction from the same object', () => {
  it('read back equal, and a caller mutating either read-back changes neither the row nor the event', async () => {
    const s = createMemoryStorage();
    const input = row('s-1', 2);
    await s.transaction(async (tx) => {
      await tx.subscriptions.upsertMany([input]);
      await tx.changes.append([created(input)]);
    });
    input.data.quantity = 99;
    const [stored] = await s.subscriptions.getMany('conn', ['s-1']);
    const [event] = (await s.changes.list('conn')).events;
    expect(stored?.data).toEqual(row('s-1', 2).data);
    expect(event?.after).toEqual(row('s-1', 2).data);
    (stored!.data.commitment as { term: string }).term = 'Annual';
    (event!.after!.tags as string[]).push('b');
    expect((await s.subscriptions.getMany('conn', ['s-1']))[0]?.data).toEqual(row('s-1', 2).data);
    expect((await s.changes.list('conn')).events[0]?.after).toEqual(row('s-1', 2).data);
  });

  it('an object changed between the two writes is stored as it was at each write', async () => {
    const s = createMemoryStorage();
    const input = row('s-1', 2);
    await s.transaction(async (tx) => {
      await tx.subscriptions.upsertMany([input]);
      (input.data.commitment as { term: string }).term = 'Annual';
      await tx.changes.append([created(input)]);
    });
    expect((await s.subscriptions.getMany('conn', ['s-1']))[0]?.data).toEqual(row('s-1', 2).data);
    expect((await s.changes.list('conn')).events[0]?.after).toEqual({ ...row('s-1', 2).data, commitment: { term: 'Annual' } });
  });

  const changes: [string, (data: Record<string, unknown>) => void][] = [
    ['a key deleted', (data) => delete data.quantity],
    ['a key added', (data) => (data.extra = null)],
    ['an array item changed', (data) => ((data.tags as string[])[0] = 'z')],
    ['an array grown', (data) => (data.tags as string[]).push('a')],
  ];
  for (const [what, change] of changes) {
    it(`an object with ${what} between the two writes is stored as it was at each write`, async () => {
      const s = createMemoryStorage();
      const input = row('s-1', 2);
      const expected = row('s-1', 2).data;
      change(expected);
      await s.transaction(async (tx) => {
        await tx.subscriptions.upsertMany([input]);
        change(input.data);
        await tx.changes.append([created(input)]);
      });
      expect((await s.subscriptions.getMany('conn', ['s-1']))[0]?.data).toStrictEqual(row('s-1', 2).data);
      expect((await s.changes.list('conn')).events[0]?.after).toStrictEqual(expected);
    });
  }

  it('a rollback after several rows and events of one connection restores the rows before and the feed before', async () => {
    const s = createMemoryStorage();
    await s.subscriptions.upsertMany([row('s-1', 1)]);
    await s.changes.append([created(row('s-1', 1))]);
    const failure = new Error('roll back');
    await expect(
      s.transaction(async (tx) => {
        const rows = [row('s-1', 5), row('s-2', 5), row('s-0', 5)];
        await tx.subscriptions.upsertMany(rows);
        await tx.changes.append(rows.map(created));
        await tx.subscriptions.upsertMany([row('s-2', 6)]);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await s.subscriptions.getMany('conn', ['s-0', 's-1', 's-2'])).toEqual([row('s-1', 1)]);
    expect((await s.subscriptions.list('conn')).items.map((r) => r.id)).toEqual(['s-1']);
    expect((await s.subscriptions.list('conn', { companyIds: ['c-1'] })).items.map((r) => r.id)).toEqual(['s-1']);
    expect((await s.changes.list('conn')).events.map((e) => e.entityId)).toEqual(['s-1']);
  });

  it('a write that throws half-way through its rows or events is taken back with the transaction', async () => {
    const s = createMemoryStorage();
    const broken = <T extends object>(value: T, key: string): T => Object.defineProperty({ ...value }, key, { enumerable: true, get: () => { throw new Error('unreadable'); } });
    await expect(s.transaction((tx) => tx.subscriptions.upsertMany([row('s-1', 1), broken(row('s-2', 1), 'data')]))).rejects.toThrow('unreadable');
    await expect(
      s.transaction(async (tx) => {
        await tx.changes.append([created(row('s-3', 1)), broken(created(row('s-4', 1)), 'detail')]);
      }),
    ).rejects.toThrow('unreadable');
    expect(await s.subscriptions.getMany('conn', ['s-1', 's-2'])).toEqual([]);
    expect((await s.subscriptions.list('conn')).items).toEqual([]);
    expect((await s.changes.list('conn')).events).toEqual([]);
  });
});
