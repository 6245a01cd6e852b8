import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runStorageConformance } from '@pax8-sync/testing/conformance';
import { createMemoryStorage } from '@pax8-sync/storage-memory';

runStorageConformance({
  test: { describe, it, expect, beforeEach, afterEach },
  createStorage: () => createMemoryStorage(),
  raw: { rowsOfConnection: (storage, connectionId) => storage.rawRows(connectionId) },
  capabilities: { concurrentTransactions: false, durable: false, renewInTransaction: true, delegatedAuthorization: true, writeBack: true, webhooks: true, billing: true, pageMarks: true },
});
