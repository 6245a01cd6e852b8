import type { StoredWebhook } from '@pax8-sync/core';
import initSqlJs from 'sql.js';
import { expect, it } from 'vitest';
import { createSqliteStorage, sqlJsDriver } from '../src/index';

const SQL = await initSqlJs();
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

it('a second connection claiming a stored Pax8 webhook id is refused with a typed error, and nothing changes', async () => {
  const webhooks = createSqliteStorage({ driver: sqlJsDriver(new SQL.Database()) }).webhooks!;
  expect(await webhooks.put(hook('conn-a', 'wh-1'), null)).toBe(true);
  expect(await webhooks.put(hook('conn-b', 'wh-2'), null)).toBe(true);
  await expect(webhooks.put(hook('conn-c', 'wh-1'), null)).rejects.toMatchObject({ code: 'webhook-id-taken', message: expect.stringContaining('"wh-1"') });
  await expect(webhooks.put(hook('conn-b', 'wh-1', 2), 1)).rejects.toMatchObject({ code: 'webhook-id-taken' });
  expect((await webhooks.list()).map((h) => [h.connectionId, h.webhookId, h.version])).toEqual([['conn-a', 'wh-1', 1], ['conn-b', 'wh-2', 1]]);
});
