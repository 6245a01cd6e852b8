import { randomBytes } from 'node:crypto';
import { createAesGcmCodec, createSyncEngine } from '@pax8-sync/core';
import { createPax8Simulator } from '@pax8-sync/testing';
import initSqlJs from 'sql.js';
import { afterEach, expect, it } from 'vitest';
import { createSqliteStorage, sqlJsDriver } from '../src/index';

const SQL = await initSqlJs();
const sim = createPax8Simulator({ seed: 11, companies: 8, subscriptions: 80 });
afterEach(() => sim.close());

it('the engine syncs companies and the subscriptions of mapped companies into SQLite, and feeds the changes', async () => {
  const db = new SQL.Database();
  const storage = createSqliteStorage({ driver: sqlJsDriver(db) });
  const engine = createSyncEngine({ storage, codec: createAesGcmCodec({ key: randomBytes(32) }) });
  const connection = await engine.createConnection({ name: 'Pax8', environment: 'Sandbox', baseUrl: await sim.listen(), ...sim.credentials, country: 'US', currency: 'USD' });

  await engine.syncCompanies({ connectionId: connection.id });
  const companies = sim.world.companies.list().slice(0, 3);
  await engine.suggestMappings({ connectionId: connection.id, psaCompanies: companies.map((c, i) => ({ id: `psa-${i}`, name: c.name })), threshold: 0.99 });
  await engine.confirmMappings({ connectionId: connection.id });
  const result = await engine.syncSubscriptions({ connectionId: connection.id });
  expect(result.outcome).toBe('succeeded');

  const expected = sim.world.subscriptions.list({ filter: (s) => companies.some((c) => c.id === s.companyId) }).map((s) => s.id).sort();
  expect(await storage.subscriptions.listActiveIds(connection.id)).toEqual(expected);
  // Read back with plain SQL: the rows are really in SQLite, with their PSA state as a column.
  const [counted] = db.exec('SELECT count(*), count(DISTINCT mapped_state) > 0 FROM subscriptions');
  expect(counted?.values[0]).toEqual([expected.length, 1]);

  const first = sim.world.subscriptions.get(expected[0] as string);
  sim.world.subscriptions.update(expected[0] as string, { quantity: (first?.quantity ?? 0) + 2 });
  const { nextCursor } = await engine.listChanges(connection.id, { limit: 1000 });
  await engine.syncSubscriptions({ connectionId: connection.id });
  const changes = await engine.listChanges(connection.id, { after: nextCursor });
  expect(changes.events.map((e) => `${e.kind}:${e.entityId}`)).toEqual([`updated:${expected[0]}`, `quantity_changed:${expected[0]}`]);
  db.close();
});
