import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoCredentials } from '../src/demo/demo-pax8';
import { runDueSyncs } from '../src/demo/run-due-syncs';
import { type RunningConsole, startConsole } from '../src/demo/start-console';

// The demo's scheduler pass, driven with an explicit "now" (no timer, no waiting on the clock).
let app: RunningConsole;
beforeAll(async () => {
  app = await startConsole();
});
afterAll(async () => {
  await app?.close();
});

it('starts what dueSyncs says is due, for connections with a mapped company only, and nothing twice', async () => {
  const { engine, storage, jobs } = app;
  const connection = await engine.createConnection({ name: 'Scheduled', environment: 'Sandbox', baseUrl: app.pax8Url, ...demoCredentials, country: 'US', currency: 'USD' });
  const now = Date.now();
  expect(await runDueSyncs(app, now)).toEqual([]);
  expect(await storage.runs.list(connection.id)).toEqual([]);

  await engine.syncCompanies({ connectionId: connection.id });
  const { items: [company] } = await storage.companies.list(connection.id, { limit: 1 });
  await engine.setMapping({ connectionId: connection.id, pax8CompanyId: company!.id, psaCompanyId: 'psa-1001' });
  const [companiesRun] = await storage.runs.list(connection.id, { entity: 'companies' });

  expect(await runDueSyncs(app, now)).toEqual([{ connectionId: connection.id, entities: ['products', 'subscriptions'] }]);
  await jobs.idle();
  expect(jobs.latest(connection.id, 'products')?.result?.outcome).toBe('succeeded');
  expect(jobs.latest(connection.id, 'subscriptions')?.result?.outcome).toBe('succeeded');
  expect(await runDueSyncs(app, now)).toEqual([]);

  // An hour after the subscription run started, only subscriptions are due; four hours after the company run, companies too.
  const [subscriptionsRun] = await storage.runs.list(connection.id, { entity: 'subscriptions' });
  expect(await runDueSyncs(app, subscriptionsRun!.startedAt + 3_600_000)).toEqual([{ connectionId: connection.id, entities: ['subscriptions'] }]);
  await jobs.idle();
  expect(await runDueSyncs(app, companiesRun!.startedAt + 4 * 3_600_000)).toEqual([{ connectionId: connection.id, entities: ['companies', 'subscriptions'] }]);
  await jobs.idle();
  expect((await storage.runs.list(connection.id)).map((r) => r.entity).sort()).toEqual(['companies', 'companies', 'products', 'subscriptions', 'subscriptions', 'subscriptions']);
});
