import type { JsonValue } from '@pax8-sync/core';
import { mappingRow, quarantineRow } from './fixtures';
import type { SuiteContext } from './suite-context';

/** Mappings and quarantine. */
export function mappingsSuite({ it, describe, check, storage }: SuiteContext): void {
  describe('mappings', () => {
    it('upsert, get, list by state in pax8CompanyId order, replace, delete', async () => {
      const s = storage();
      await s.mappings.upsertMany([mappingRow('conn-a', 'pc-2'), mappingRow('conn-a', 'pc-1', 'confirmed'), mappingRow('conn-a', 'pc-3', 'rejected')]);
      await s.mappings.upsertMany([mappingRow('conn-b', 'pc-1')]);
      check.equal(await s.mappings.get('conn-a', 'pc-2'), mappingRow('conn-a', 'pc-2'), 'get');
      check.equal((await s.mappings.list('conn-a')).map((m) => m.pax8CompanyId), ['pc-1', 'pc-2', 'pc-3'], 'ordered');
      check.equal((await s.mappings.list('conn-a', { state: 'confirmed' })).map((m) => m.pax8CompanyId), ['pc-1'], 'by state');
      const confirmed = { ...mappingRow('conn-a', 'pc-2', 'confirmed'), psaCompanyId: 'psa-other', updatedAt: 9_500 };
      await s.mappings.upsertMany([confirmed]);
      check.equal(await s.mappings.get('conn-a', 'pc-2'), confirmed, 'one mapping per Pax8 company: replaced');
      await s.mappings.deleteMany('conn-a', ['pc-1', 'pc-unknown']);
      check.equal((await s.mappings.list('conn-a')).map((m) => m.pax8CompanyId), ['pc-2', 'pc-3'], 'deleted');
      check.equal((await s.mappings.list('conn-b')).length, 1, 'other connection untouched');
      check.equal(await s.mappings.get('conn-a', 'pc-1'), undefined, 'deleted mapping is undefined');
    });
  });

  describe('quarantine', () => {
    it('put, list by entity in key order, replace by key, delete', async () => {
      const s = storage();
      await s.quarantine.putMany([
        quarantineRow('conn-a', 'subscriptions', 'sub-2'),
        quarantineRow('conn-a', 'subscriptions', 'sub-1'),
        quarantineRow('conn-a', 'companies', 'page:0:index:3'),
      ]);
      check.equal((await s.quarantine.list('conn-a', { entity: 'subscriptions' })).map((q) => q.key), ['sub-1', 'sub-2'], 'by entity, key order');
      check.equal((await s.quarantine.list('conn-a')).map((q) => `${q.entity}/${q.key}`), ['companies/page:0:index:3', 'subscriptions/sub-1', 'subscriptions/sub-2'], 'entity then key');
      const again = { ...quarantineRow('conn-a', 'subscriptions', 'sub-1'), reason: 'other', runId: 'run-2' };
      await s.quarantine.putMany([again]);
      check.equal((await s.quarantine.list('conn-a', { entity: 'subscriptions' }))[0], again, 'replaced by key');
      await s.quarantine.deleteMany('conn-a', 'subscriptions', ['sub-1', 'nope']);
      check.equal((await s.quarantine.list('conn-a')).length, 2, 'deleted one');
      check.equal(await s.quarantine.list('conn-b'), [], 'per connection');
    });

    it('a record that is not an object (a string, null, an array, a number, a boolean) reads back verbatim', async () => {
      const s = storage();
      const records: JsonValue[] = ['not json: {oops', '', null, [1, 'two', null, { three: 3 }], 0, false, '"quoted"'];
      const rows = records.map((record, i) => ({ ...quarantineRow('conn-a', 'subscriptions', `page:0:index:${i}`), record }));
      await s.quarantine.putMany(rows);
      check.equal(await s.quarantine.list('conn-a'), rows, 'every record as written');
      const inTx = { ...quarantineRow('conn-a', 'companies', 'co-1'), record: 'plain text' };
      await s.transaction(async (tx) => tx.quarantine.putMany([inTx]));
      check.equal(await s.quarantine.list('conn-a', { entity: 'companies' }), [inTx], 'also written inside a transaction');
    });
  });
}
