import { readFileSync } from 'node:fs';
import { describe } from 'vitest';

// #region readme-example
import { createPax8Client, type Pax8Client } from '@pax8-sync/client';
import { createPax8Simulator } from '@pax8-sync/testing';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect, it } from 'vitest';

// Your integration code: the billing lines of one customer, from its Active Pax8 subscriptions.
async function billingLines(client: Pax8Client, companyId: string): Promise<Map<string, number>> {
  const lines = new Map<string, number>();
  for await (const subscription of client.subscriptions.iterate({ companyId })) {
    if (subscription.status === 'Active') lines.set(subscription.id, subscription.quantity ?? 0);
  }
  return lines;
}

// 1. Through msw: the client keeps its default https://api.pax8.com; msw answers from the simulator.
const sim = createPax8Simulator({ seed: 42, companies: 10, subscriptions: 300 });
const server = setupServer(...sim.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterAll(() => server.close());

it('follows quantity changes and cancellations between syncs', async () => {
  const client = createPax8Client({ ...sim.credentials });
  const companyId = sim.world.companies.ids()[0]!;
  const before = await billingLines(client, companyId);
  const [grown, cancelled] = [...before.keys()];

  // What happens at Pax8 between two syncs, scripted:
  sim.world.subscriptions.update(grown!, { quantity: 99 });
  sim.world.subscriptions.update(cancelled!, { status: 'Cancelled' });
  const added = sim.world.subscriptions.add({ companyId, quantity: 4 });

  const after = await billingLines(client, companyId);
  expect(after.get(grown!)).toBe(99);
  expect(after.has(cancelled!)).toBe(false);
  expect(after.get(added.id)).toBe(4);
});

// 2. Over real HTTP on 127.0.0.1, with Pax8's bad days injected.
it('survives rate limiting and server errors', async () => {
  const pax8 = createPax8Simulator({ seed: 42, companies: 10, subscriptions: 300 });
  const baseUrl = await pax8.listen(); // http://127.0.0.1:<port>
  const client = createPax8Client({ ...pax8.credentials, baseUrl, retry: { minDelayMs: 1, maxDelayMs: 5 } });
  pax8.faults.inject({ kind: 'rateLimit', route: 'GET /v1/subscriptions', times: 2 });
  pax8.faults.inject({ kind: 'serverError', route: 'GET /v1/subscriptions' });

  const lines = await billingLines(client, pax8.world.companies.ids()[0]!);

  expect(lines.size).toBeGreaterThan(0);
  const statuses = pax8.requests.filter((r) => r.route === 'GET /v1/subscriptions').map((r) => r.status);
  expect(statuses.slice(0, 2)).toEqual([429, 429]);
  expect(statuses.at(-1)).toBe(200);
  expect(pax8.counters.faults).toEqual({ rateLimit: 2, serverError: 1 });
  await pax8.close();
});
// #endregion readme-example

describe('README', () => {
  it('shows exactly the example this file runs', () => {
    const self = readFileSync(new URL(import.meta.url), 'utf8');
    const example = self.slice(self.indexOf('// #region readme-example\n') + 26, self.indexOf('// #endregion readme-example')).trim();
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(example.length).toBeGreaterThan(500);
    expect(readme).toContain(example);
  });

  it('is a complete file: every vitest function it calls is imported in it (no globals needed)', () => {
    const self = readFileSync(new URL(import.meta.url), 'utf8');
    const example = self.slice(self.indexOf('// #region readme-example\n'), self.indexOf('// #endregion readme-example'));
    const imported = /import \{([^}]*)\} from 'vitest';/.exec(example)?.[1]?.split(',').map((name) => name.trim()) ?? [];
    const used = ['describe', 'it', 'test', 'expect', 'beforeAll', 'afterAll', 'beforeEach', 'afterEach', 'vi'].filter((name) => new RegExp(`(^|[^.\\w])${name}[(.]`, 'm').test(example));
    expect(used.length).toBeGreaterThan(2);
    expect(used.filter((name) => !imported.includes(name))).toEqual([]);
  });
});
