import { randomBytes } from 'node:crypto';
import { createAesGcmCodec, createSyncEngine } from '@pax8-sync/core';
import { createMemoryStorage } from '@pax8-sync/storage-memory';

const storage = createMemoryStorage();
const engine = createSyncEngine({ storage, codec: createAesGcmCodec({ key: randomBytes(32) }) });
console.log(storage.specificationVersion, storage.capabilities); // 'v1' { concurrentTransactions: false, durable: false, renewInTransaction: true, delegatedAuthorization: true, writeBack: true, webhooks: true, billing: true, pageMarks: true }
console.log(storage.rawRows('any-connection-id')); // [] — raw rows as stored, for tests
void engine;
