import type { CompanyRecord, PostgresStorage } from './support/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropStorage, freshStorage, tablesOf, testDatabases } from './support/databases';

/** Values that break string-built SQL, and text that must survive byte for byte. */
const hostile = [
  "Robert'); DROP TABLE companies;--",
  'O\'Brien "Quoted" & Sons; SELECT 1;',
  '$1 $2::text $$ dollar $$ $tag$',
  'back\\slash \\x00 \\n \\\\ end',
  'Zürich Ærø 東京 🚀 مرحبا \u200b',
  '-- comment /* block */ %s %d ? :name',
  "'; DELETE FROM \"pax8_sync\".connections WHERE '1'='1",
];

const company = (id: string, name: string): CompanyRecord => ({
  connectionId: `conn-${name}`,
  id,
  hash: `hash-${name}`,
  data: { id, name, [name]: name, nested: { list: [name, 1, null] } },
  createdRunId: `run-${name}`,
  updatedRunId: `run-${name}`,
  createdAt: 1,
  updatedAt: 2,
  removedAt: null,
  name,
  status: name,
});

for (const db of testDatabases()) {
  describe(`hostile values are stored and read back verbatim (${db.name})`, () => {
    let s: PostgresStorage;
    beforeAll(async () => {
      await db.open();
      s = await freshStorage(db);
    });
    afterAll(async () => {
      await dropStorage(db, s);
      await db.close();
    });

    it.each(hostile.map((name, i) => [i, name] as const))('value %i in every store', async (i, name) => {
      const id = `${name}#${i}`;
      const conn = `conn-${name}`;
      const row = company(id, name);
      await s.companies.upsertMany([row]);
      expect(await s.companies.getMany(conn, [id])).toEqual([row]);
      expect((await s.companies.list(conn)).items.map((r) => r.id)).toEqual([id]);

      await s.connections.put({
        id: conn,
        name,
        environment: 'Production',
        baseUrl: name,
        country: name,
        currency: name,
        companyDefaults: { selfServiceAllowed: true, billOnBehalfOfEnabled: false, orderApprovalRequired: false },
        sealedCredentials: name,
        createdAt: 1,
        updatedAt: 1,
      });
      expect((await s.connections.get(conn))?.name).toBe(name);

      await s.mappings.upsertMany([{ connectionId: conn, pax8CompanyId: id, psaCompanyId: name, state: 'confirmed', score: null, source: 'manual', updatedAt: 1 }]);
      expect((await s.mappings.get(conn, id))?.psaCompanyId).toBe(name);

      await s.quarantine.putMany([{ connectionId: conn, entity: 'companies', key: name, runId: name, reason: name, issues: [{ path: name, message: name }], record: name, at: 1 }]);
      expect(await s.quarantine.list(conn)).toEqual([
        { connectionId: conn, entity: 'companies', key: name, runId: name, reason: name, issues: [{ path: name, message: name }], record: name, at: 1 },
      ]);

      await s.changes.append([{ connectionId: conn, runId: name, entity: 'companies', entityId: id, kind: 'created', at: 1, fields: [{ field: name, before: null, after: name }], detail: { name }, before: null, after: { name } }]);
      const { events } = await s.changes.list(conn);
      expect(events.map(({ cursor: _c, ...e }) => e)).toEqual([
        { connectionId: conn, runId: name, entity: 'companies', entityId: id, kind: 'created', at: 1, fields: [{ field: name, before: null, after: name }], detail: { name }, before: null, after: { name } },
      ]);

      await s.runs.start({ id: `run:${id}`, connectionId: conn, entity: 'companies', pullId: name, resumedFromRunId: null, startedAt: 1, finishedAt: null, outcome: 'running', checkpoint: null, counts: { created: 0, updated: 0, unchanged: 0, removed: 0, quarantined: 0 }, error: null, flags: [] });
      await s.runs.checkpoint({ runId: `run:${id}`, checkpoint: { [name]: name }, counts: { created: 1, updated: 0, unchanged: 0, removed: 0, quarantined: 0 }, seenIds: [id, name], page: 0 });
      await s.runs.finish({ runId: `run:${id}`, outcome: 'failed', finishedAt: 2, counts: { created: 1, updated: 0, unchanged: 0, removed: 0, quarantined: 0 }, error: name, flags: [name] });
      expect(await s.runs.get(`run:${id}`)).toMatchObject({ pullId: name, checkpoint: { [name]: name }, error: name, flags: [name] });
      expect((await s.runs.listSeen(conn, name)).sort()).toEqual([id, name].sort());

      const lease = await s.locks.acquire({ connectionId: conn, name, holder: name, ttlMs: 10, now: 0 });
      expect(await s.locks.get(conn, name)).toEqual(lease);

      // The tables are all still there.
      expect((await tablesOf(db, s.schema)).map((t) => t.table)).toContain('companies');
      await s.purgeConnection(conn);
      expect(await s.companies.count(conn, { includeRemoved: true })).toBe(0);
      expect(await s.connections.get(conn)).toBeUndefined();
    });
  });
}
