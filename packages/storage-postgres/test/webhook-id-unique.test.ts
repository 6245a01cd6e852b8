import type { PostgresStorage } from '@pax8-sync/storage-postgres';
import type { StoredWebhook } from '@pax8-sync/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropStorage, freshStorage, testDatabases } from './support/databases';

const hook = (connectionId: string, webhookId: string, version = 1): StoredWebhook => ({
  connectionId,
  webhookId,
  accountId: null,
  url: `https://psa.example.com/hooks/${connectionId}`,
  topics: ['SUBSCRIPTION'],
  secrets: [],
  createdAt: 1,
  updatedAt: version,
  version,
});

for (const db of testDatabases()) {
  describe(`a Pax8 webhook id belongs to one connection (${db.name})`, () => {
    let storage: PostgresStorage;
    beforeAll(async () => {
      await db.open();
      storage = await freshStorage(db);
    });
    afterAll(async () => {
      await dropStorage(db, storage);
      await db.close();
    });

    it('a second connection claiming a stored webhook id is refused with a typed error, and nothing changes', async () => {
      expect(await storage.webhooks.put(hook('conn-a', 'wh-1'), null)).toBe(true);
      expect(await storage.webhooks.put(hook('conn-b', 'wh-2'), null)).toBe(true);
      await expect(storage.webhooks.put(hook('conn-c', 'wh-1'), null)).rejects.toMatchObject({ code: 'webhook-id-taken', message: expect.stringContaining('"wh-1"') });
      await expect(storage.webhooks.put(hook('conn-b', 'wh-1', 2), 1)).rejects.toMatchObject({ code: 'webhook-id-taken' });
      expect((await storage.webhooks.list()).map((h) => [h.connectionId, h.webhookId, h.version])).toEqual([['conn-a', 'wh-1', 1], ['conn-b', 'wh-2', 1]]);
      expect(await storage.webhooks.findByWebhookId('wh-1')).toEqual(hook('conn-a', 'wh-1'));
    });
  });
}
