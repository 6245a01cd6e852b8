import { describe } from 'vitest';
import { readme, region } from './support/readme-region';

// #region readme-writes
import { createPax8Client, Pax8NetworkError } from '@pax8-sync/client';
import { createPax8Simulator } from '@pax8-sync/testing';
import { expect, it } from 'vitest';

it('refuses a decrease inside a commitment, and can lose the answer of a write it applied', async () => {
  const now = Date.parse('2026-06-01T00:00:00Z'); // the simulator's reference date: generated commitments run past it
  const sim = createPax8Simulator({ seed: 12, companies: 8, subscriptions: 400, now: () => now });
  const client = createPax8Client({ ...sim.credentials, baseUrl: await sim.listen(), retry: { retries: 0 } });
  const committed = sim.world.subscriptions.list({ filter: (s) => s.status === 'Active' && s.commitment?.term === 'Annual' && s.quantity > 1 })[0]!;

  const refused = await client.subscriptions.update(committed.id, { quantity: 1 }).catch((error: unknown) => error);
  expect(refused).toMatchObject({ status: 422 }); // "quantity cannot decrease during the Annual commitment (ends ...)"

  // "Applied, then the answer lost": Pax8 changed the seats, the client only saw the connection drop.
  sim.faults.inject({ kind: 'resetAfterApply', route: 'PUT /v1/subscriptions/{subscriptionId}' });
  await expect(client.subscriptions.update(committed.id, { quantity: committed.quantity + 2 })).rejects.toBeInstanceOf(Pax8NetworkError);
  expect(sim.world.subscriptions.get(committed.id)?.quantity).toBe(committed.quantity + 2);
  expect(sim.requests.at(-1)).toMatchObject({ method: 'PUT', status: 0, fault: 'resetAfterApply', body: { quantity: committed.quantity + 2 } });
  await sim.close();
});
// #endregion readme-writes

describe('README', () => {
  it('shows the writes example this file runs, word for word', () => {
    expect(readme()).toContain(region(import.meta.url, 'readme-writes'));
  });
});
