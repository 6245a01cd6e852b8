import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runStorageConformance } from '@pax8-sync/testing/conformance';
import { dropStorage, freshStorage, rowsOfConnection, testDatabases } from './support/databases';

for (const db of testDatabases()) {
  describe(`on ${db.name}`, () => {
    beforeAll(() => db.open());
    afterAll(() => db.close());

    runStorageConformance({
      test: { describe, it, expect, beforeEach, afterEach },
      name: `pax8-sync storage conformance (v1) on ${db.name}`,
      createStorage: () => freshStorage(db),
      disposeStorage: (storage) => dropStorage(db, storage),
      raw: { rowsOfConnection: (storage, connectionId) => rowsOfConnection(db, storage.schema, connectionId) },
      capabilities: { concurrentTransactions: db.name === 'pg', durable: true },
    });
  });
}
