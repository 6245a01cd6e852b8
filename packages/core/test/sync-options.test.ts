import { listChanges, Pax8SyncConfigError } from '@pax8-sync/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe('sync options', () => {
  it('a bad option is a typed error naming the field and the fix, before any lock, run or Pax8 call', async () => {
    h = await createHarness();
    const { id } = await h.connect();
    const before = JSON.stringify(h.storage.rawRows(id));
    const requests = h.sim.counters.requests;
    const cases: [Record<string, unknown>, string][] = [
      [{ massDeletionThreshold: Number.NaN }, 'massDeletionThreshold'],
      [{ massDeletionThreshold: 1.5 }, 'massDeletionThreshold'],
      [{ massDeletionThreshold: -0.1 }, 'massDeletionThreshold'],
      [{ pageSize: 0 }, 'pageSize'],
      [{ pageSize: 201 }, 'pageSize'],
      [{ pageSize: 2.5 }, 'pageSize'],
      [{ prefetch: 0 }, 'prefetch'],
      [{ lockTtlMs: 0 }, 'lockTtlMs'],
      [{ lockTtlMs: Number.POSITIVE_INFINITY }, 'lockTtlMs'],
      [{ perCompanyMaxCompanies: -1 }, 'perCompanyMaxCompanies'],
      [{ connectionId: '' }, 'connectionId'],
    ];
    for (const [patch, field] of cases) {
      const error = await h.engine.syncSubscriptions({ connectionId: id, ...patch }).catch((e: unknown) => e);
      expect(error, field).toBeInstanceOf(Pax8SyncConfigError);
      expect((error as Pax8SyncConfigError).field, field).toBe(field);
      expect((error as Error).message, field).toMatch(new RegExp(`^${field}: .*(pass|omit)`));
    }
    expect(h.sim.counters.requests).toBe(requests);
    expect(JSON.stringify(h.storage.rawRows(id))).toBe(before);
  });
});

describe('listChanges options', () => {
  it('a bad limit or cursor is a typed error naming the field, never a silently wrong page', async () => {
    h = await createHarness();
    const { id } = await h.connect();
    await h.engine.syncCompanies({ connectionId: id });
    const cases: [Record<string, unknown>, string][] = [
      [{ limit: 0 }, 'limit'],
      [{ limit: -1 }, 'limit'],
      [{ limit: 2.5 }, 'limit'],
      [{ limit: Number.NaN }, 'limit'],
      [{ after: 'yesterday' }, 'after'],
      [{ after: 42 }, 'after'],
    ];
    for (const [patch, field] of cases) {
      const error = await h.engine.listChanges(id, patch).catch((e: unknown) => e);
      expect(error, field).toBeInstanceOf(Pax8SyncConfigError);
      expect((error as Pax8SyncConfigError).field, field).toBe(field);
    }
    const all = await h.engine.listChanges(id, { limit: 1_000 });
    expect(all.events.length).toBe(h.sim.world.companies.size);
    const page = await h.engine.listChanges(id, { after: all.events[1]!.cursor, limit: 2 });
    expect(page.events.map((e) => e.cursor)).toEqual(all.events.slice(2, 4).map((e) => e.cursor));
  });

  it('a missing, empty or non-string connectionId is a typed error naming the field (an object there was a silently empty page)', async () => {
    h = await createHarness();
    const { id } = await h.connect();
    await h.engine.syncCompanies({ connectionId: id });
    const bad: unknown[] = [undefined, '', { id }, 42, null, ['x']];
    for (const connectionId of bad) {
      const viaEngine = await h.engine.listChanges(connectionId as string).catch((e: unknown) => e);
      expect(viaEngine, String(connectionId)).toBeInstanceOf(Pax8SyncConfigError);
      expect((viaEngine as Pax8SyncConfigError).field).toBe('connectionId');
      const direct = await listChanges({ storage: h.storage, connectionId: connectionId as string }).catch((e: unknown) => e);
      expect(direct, String(connectionId)).toBeInstanceOf(Pax8SyncConfigError);
      expect((direct as Pax8SyncConfigError).message).toMatch(/^connectionId: /);
    }
    const missing = await listChanges({ storage: h.storage } as unknown as Parameters<typeof listChanges>[0]).catch((e: unknown) => e);
    expect((missing as Pax8SyncConfigError).field).toBe('connectionId');
    expect((await h.engine.listChanges(id)).events.length).toBe(h.sim.world.companies.size);
  });
});
