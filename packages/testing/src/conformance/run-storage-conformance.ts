import type { Pax8SyncStorage } from '@pax8-sync/core';
import { authorizationsSuite } from './authorizations-suite';
import { billingSuite } from './billing-suite';
import { changesSuite } from './changes-suite';
import { connectionsSuite } from './connections-suite';
import { locksSuite } from './locks-suite';
import { mappingsSuite } from './mappings-suite';
import { outboxSuite } from './outbox-suite';
import { pageMarksSuite } from './page-marks-suite';
import type { StorageConformanceOptions } from './options';
import { purgeSuite } from './purge-suite';
import { recordsSuite } from './records-suite';
import { runsSuite } from './runs-suite';
import { stringsSuite } from './strings-suite';
import type { SuiteContext } from './suite-context';
import { createCheck } from './test-api';
import { transactionsSuite } from './transactions-suite';
import { webhooksSuite } from './webhooks-suite';

/**
 * Registers the storage conformance suite (contract v1) with your test runner. Each test gets a
 * fresh storage from `createStorage`. Times are passed explicitly, so lock expiry needs no sleeps.
 * Optional capabilities are checked when `capabilities` names them (`delegatedAuthorization: true`
 * registers the authorizations suite, `writeBack: true` the outbox suite, `webhooks: true` the webhooks suite, `billing: true` the billing suite, `pageMarks: true` the page marks suite; an adapter declaring it without asking fails).
 * @example
 * import { describe, it, expect, beforeEach, afterEach } from 'vitest';
 * import { runStorageConformance } from '@pax8-sync/testing/conformance';
 * runStorageConformance({ test: { describe, it, expect, beforeEach, afterEach }, createStorage: () => createMemoryStorage() });
 */
export function runStorageConformance<S extends Pax8SyncStorage>(options: StorageConformanceOptions<S>): void {
  const { test } = options;
  const check = createCheck(test);
  let current: S | undefined;
  const storage = (): S => {
    if (!current) throw new Error('No storage: createStorage() did not run (is beforeEach wired to your runner?).');
    return current;
  };
  const ctx: SuiteContext<S> = { it: test.it, describe: test.describe, check, storage, options };

  test.describe(options.name ?? 'pax8-sync storage conformance (v1)', () => {
    test.beforeEach(async () => {
      current = await options.createStorage();
    });
    test.afterEach(async () => {
      const s = current;
      current = undefined;
      if (s && options.disposeStorage) await options.disposeStorage(s);
    });

    test.it('declares specificationVersion v1 and its capabilities', () => {
      const s = storage();
      check.equal(s.specificationVersion, 'v1', 'specificationVersion');
      check.equal(typeof s.capabilities.concurrentTransactions, 'boolean', 'capabilities.concurrentTransactions is declared');
      check.equal(typeof s.capabilities.durable, 'boolean', 'capabilities.durable is declared');
      for (const [flag, expected] of Object.entries(options.capabilities ?? {})) {
        check.equal(s.capabilities[flag as keyof typeof s.capabilities], expected, `capability ${flag}`);
      }
      // A declared capability is proven, not taken on trust: its tests run only when the options ask for them.
      if (s.capabilities.delegatedAuthorization === true) {
        check.equal(options.capabilities?.delegatedAuthorization, true, 'the adapter declares delegatedAuthorization: pass capabilities: { delegatedAuthorization: true } so its tests run');
        check.ok(typeof s.authorizations === 'object' && s.authorizations !== null, 'storage.authorizations is there');
      }
      if (s.capabilities.writeBack === true) {
        check.equal(options.capabilities?.writeBack, true, 'the adapter declares writeBack: pass capabilities: { writeBack: true } so its tests run');
        check.ok(typeof s.outbox === 'object' && s.outbox !== null, 'storage.outbox is there');
      }
      if (s.capabilities.webhooks === true) {
        check.equal(options.capabilities?.webhooks, true, 'the adapter declares webhooks: pass capabilities: { webhooks: true } so its tests run');
        check.ok(typeof s.webhooks === 'object' && s.webhooks !== null, 'storage.webhooks is there');
      }
      if (s.capabilities.billing === true) {
        check.equal(options.capabilities?.billing, true, 'the adapter declares billing: pass capabilities: { billing: true } so its tests run');
        check.ok(typeof s.billing === 'object' && s.billing !== null, 'storage.billing is there');
      }
      if (s.capabilities.pageMarks === true) {
        check.equal(options.capabilities?.pageMarks, true, 'the adapter declares pageMarks: pass capabilities: { pageMarks: true } so its tests run');
        check.ok(typeof s.runs.pageMarks === 'function', 'storage.runs.pageMarks is there');
        for (const entity of ['companies', 'products', 'subscriptions'] as const) check.ok(typeof s[entity].getHashes === 'function', `storage.${entity}.getHashes is there`);
      }
    });

    const generic = ctx as unknown as SuiteContext;
    connectionsSuite(generic);
    recordsSuite(generic);
    mappingsSuite(generic);
    runsSuite(generic);
    changesSuite(generic);
    locksSuite(generic);
    transactionsSuite(generic);
    purgeSuite(generic);
    stringsSuite(generic);
    if (options.capabilities?.delegatedAuthorization === true) authorizationsSuite(generic);
    if (options.capabilities?.writeBack === true) outboxSuite(generic);
    if (options.capabilities?.webhooks === true) webhooksSuite(generic);
    if (options.capabilities?.billing === true) billingSuite(generic);
    if (options.capabilities?.pageMarks === true) pageMarksSuite(generic);
  });
}
