import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PostgresStorage } from '@pax8-sync/storage-postgres';
import { runStorageConformance } from '@pax8-sync/testing/conformance';
import { dropStorage, emptyStorage, freshStorage, rowsOfConnection, testDatabases } from './support/databases';

for (const db of testDatabases()) {
  describe(`on ${db.name}`, () => {
    // One migrated schema per run of this file (unique name, dropped after); emptied before each test.
    let storage: PostgresStorage;
    beforeAll(async () => {
      await db.open();
      storage = await freshStorage(db);
    });
    afterAll(async () => {
      await dropStorage(db, storage);
      await db.close();
    });

    runStorageConformance({
      test: { describe, it, expect, beforeEach, afterEach },
      name: `pax8-sync storage conformance (v1) on ${db.name}`,
      createStorage: async () => {
        await emptyStorage(db, storage);
        return storage;
      },
      raw: { rowsOfConnection: (s, connectionId) => rowsOfConnection(db, s.schema, connectionId) },
      capabilities: { concurrentTransactions: db.name === 'pg', durable: true, renewInTransaction: true, delegatedAuthorization: true, writeBack: true, webhooks: true, billing: true, pageMarks: true },
    });
  });
}
