import type { PostgresStorage } from '@pax8-sync/storage-postgres';
import { createPax8Simulator, type Pax8Simulator } from '@pax8-sync/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropStorage, freshStorage, tablesOf, testDatabases } from './support/databases';
import { engineOn, fakeClock, ran } from './support/engine-harness';

// 2,000 subscriptions in pages of 100: 20 pages.
const sync = { pageSize: 100, prefetch: 2, perCompanyMaxCompanies: 0 };
const PAGES = 20;

for (const db of testDatabases()) {
  describe(`what a re-sync with nothing changed writes (${db.name})`, () => {
    let sim: Pax8Simulator;
    let storage: PostgresStorage;

    beforeAll(async () => {
      await db.open();
      sim = createPax8Simulator({ seed: 13, companies: 40, products: 8, subscriptions: 2_000, wait: async () => undefined });
      await sim.listen();
      storage = await freshStorage(db);
    });
    afterAll(async () => {
      await sim.close();
      await dropStorage(db, storage);
      await db.close();
    });

    /**
     * A row trigger on every table of the schema counts each row inserted, updated or deleted, in the
     * database itself, so nothing the adapter does escapes it.
     */
    async function countWrites(): Promise<() => Promise<Record<string, number>>> {
      const s = `"${storage.schema}"`;
      await db.script(`
        CREATE TABLE ${s}.written (tbl text NOT NULL, op text NOT NULL, n bigint NOT NULL DEFAULT 0, PRIMARY KEY (tbl, op));
        CREATE FUNCTION ${s}.count_write() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO ${s}.written (tbl, op, n) VALUES (TG_TABLE_NAME, TG_OP, 1) ON CONFLICT (tbl, op) DO UPDATE SET n = ${s}.written.n + 1;
          RETURN NULL;
        END $$;`);
      for (const { table } of await tablesOf(db, storage.schema)) {
        if (table === 'written' || table === 'schema_migrations') continue;
        await db.script(`CREATE TRIGGER count_write AFTER INSERT OR UPDATE OR DELETE ON ${s}."${table}" FOR EACH ROW EXECUTE FUNCTION ${s}.count_write()`);
      }
      return async () => {
        const rows = await db.query<{ tbl: string; op: string; n: string | number }>(`SELECT tbl, op, n FROM ${s}.written ORDER BY tbl, op`);
        return Object.fromEntries(rows.map((r) => [`${r.tbl} ${r.op}`, Number(r.n)]));
      };
    }

    it('writes at most one row a page (the page slot in run_pages), plus the run (start, finish) and its lease (take, release)', async () => {
      const engine = engineOn(storage, fakeClock(), 'w');
      const connection = await engine.createConnection({ name: 'pax8', environment: 'Production', baseUrl: await sim.listen(), ...sim.credentials, country: 'US', currency: 'USD' });
      ran(await engine.syncCompanies({ connectionId: connection.id }));
      for (const company of (await storage.companies.list(connection.id)).items) await engine.setMapping({ connectionId: connection.id, pax8CompanyId: company.id, psaCompanyId: `psa-${company.id}` });
      const first = ran(await engine.syncSubscriptions({ connectionId: connection.id, ...sync }));
      expect(first).toMatchObject({ outcome: 'succeeded', pages: PAGES, counts: { created: 2_000 } });

      const written = await countWrites();
      const again = ran(await engine.syncSubscriptions({ connectionId: connection.id, ...sync }));
      expect(again).toMatchObject({ outcome: 'succeeded', pages: PAGES, counts: { created: 0, updated: 0, unchanged: 2_000, removed: 0 } });
      const counts = await written();
      // Nothing about the records themselves, and no per-record bookkeeping.
      for (const table of ['subscriptions', 'changes', 'change_heads', 'run_seen', 'quarantine']) {
        expect(Object.keys(counts).filter((k) => k.startsWith(`${table} `))).toEqual([]);
      }
      // One slot a page, overwritten in place: the first sync's slots are reused, so nothing is inserted or deleted.
      expect(counts).toMatchObject({ 'run_pages UPDATE': PAGES });
      expect(counts['run_pages INSERT'] ?? 0).toBe(0);
      expect(counts['run_pages DELETE'] ?? 0).toBe(0);
      // The run (start, finish) and its lease (take, release): a constant per run, not per page or record.
      const perRun = Object.entries(counts).filter(([k]) => !k.startsWith('run_pages ')).reduce((sum, [, n]) => sum + n, 0);
      expect(perRun).toBeLessThanOrEqual(6);
      const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
      expect(total).toBeLessThanOrEqual(PAGES + 6);
    });

    it('commits a page where nothing changed without waiting for the disk, and every page with a change durably', async () => {
      const engine = engineOn(storage, fakeClock(), 'w2');
      const connection = await engine.createConnection({ name: 'pax8 2', environment: 'Production', baseUrl: await sim.listen(), ...sim.credentials, country: 'US', currency: 'USD' });
      ran(await engine.syncCompanies({ connectionId: connection.id }));
      for (const company of (await storage.companies.list(connection.id)).items) await engine.setMapping({ connectionId: connection.id, pax8CompanyId: company.id, psaCompanyId: `psa-${company.id}` });
      // Each page slot written records the synchronous_commit its transaction commits with, seen from the database.
      const s = `"${storage.schema}"`;
      await db.script(`
        CREATE TABLE ${s}.commit_modes (slot integer NOT NULL, mode text NOT NULL);
        CREATE FUNCTION ${s}.log_commit_mode() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO ${s}.commit_modes (slot, mode) VALUES (NEW.slot, current_setting('synchronous_commit'));
          RETURN NULL;
        END $$;
        CREATE TRIGGER log_commit_mode AFTER INSERT OR UPDATE ON ${s}.run_pages FOR EACH ROW WHEN (NEW.connection_id = '${connection.id}') EXECUTE FUNCTION ${s}.log_commit_mode();`);
      const modes = async () => {
        const rows = await db.query<{ slot: number; mode: string }>(`DELETE FROM ${s}.commit_modes RETURNING slot, mode`);
        return rows.map((r) => r.mode);
      };
      ran(await engine.syncSubscriptions({ connectionId: connection.id, ...sync }));
      expect(await modes()).toEqual(Array(PAGES).fill('on'));

      // One subscription changes in Pax8: its page commits durably, the other pages do not wait.
      const changed = sim.world.subscriptions.list()[0]!;
      sim.world.subscriptions.update(changed.id, { quantity: changed.quantity + 1 });
      const again = ran(await engine.syncSubscriptions({ connectionId: connection.id, ...sync }));
      expect(again.counts).toMatchObject({ updated: 1, unchanged: 2_000 - 1 });
      const resynced = await modes();
      expect(resynced).toHaveLength(PAGES);
      expect(resynced.filter((m) => m === 'on')).toHaveLength(1);
      expect(resynced.filter((m) => m === 'off')).toHaveLength(PAGES - 1);
      // SET LOCAL ends with its transaction: the pooled connections are back to durable commits.
      expect((await db.query<{ mode: string }>(`SELECT current_setting('synchronous_commit') AS mode`))[0]?.mode).toBe('on');
      expect((await storage.subscriptions.getMany(connection.id, [changed.id]))[0]?.quantity).toBe(changed.quantity + 1);
    });
  });
}
