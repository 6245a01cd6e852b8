import { createPax8Simulator, type Pax8Simulator } from '@pax8-sync/testing';

/** The simulated partner account: small, so the quickstart runs in seconds, and the same on every run. */
export const simulatedWorld = { seed: 2026, companies: 40, products: 30, subscriptions: 300 } as const;

const day = 86_400_000;
const reference = Date.parse('2026-06-01T00:00:00Z');

/** A Pax8-style timestamp for the changes of run `run`, so re-applying them later gives the same records. */
function stampOf(run: number): string {
  return new Date(reference + run * day).toISOString().replace('Z', '-0000');
}

/**
 * What happened in Pax8 between run `run - 1` and run `run`: one new company, one new subscription,
 * a quantity change, a status change and a cancellation that Pax8 no longer lists. Every choice is
 * derived from the world and the run number, so the world of run N is always the same.
 */
export function scriptChangesOfRun(sim: Pax8Simulator, run: number): void {
  const { world } = sim;
  const stamp = stampOf(run);
  const customers = world.companies.list({ filter: (c) => c.status === 'Active', limit: 10 }).map((c) => c.id);
  const pool = () => world.subscriptions.list({ filter: (s) => customers.includes(s.companyId) });
  if (customers.length === 0) return;

  world.companies.add({ name: `New Customer ${run} LLC`, updatedDate: stamp });

  const seats = pool();
  const bump = seats[(run * 3) % seats.length];
  if (bump) world.subscriptions.update(bump.id, { quantity: bump.quantity + run, updatedDate: stamp });

  const flip = pool()[(run * 5 + 1) % seats.length];
  if (flip) world.subscriptions.update(flip.id, { status: flip.status === 'Active' ? 'Cancelled' : 'Active', updatedDate: stamp });

  const gone = pool()[(run * 7 + 2) % seats.length];
  if (gone) world.subscriptions.remove(gone.id);

  const template = pool()[0];
  if (template) {
    world.subscriptions.add({
      companyId: customers[run % customers.length] as string,
      productId: template.productId,
      quantity: run + 1,
      status: 'Active',
      startDate: stamp,
      createdDate: stamp.slice(0, 10),
      updatedDate: stamp,
      billingStart: stamp.slice(0, 10),
    });
  }
}

/**
 * Starts the simulator on 127.0.0.1 with the world of run `run`: the seeded world plus the scripted
 * changes of runs 2..run, replayed in order.
 */
export async function startSimulatedPax8(run: number): Promise<{ sim: Pax8Simulator; baseUrl: string }> {
  // The simulator's clock is the day of the run being replayed, not the wall clock: what it derives
  // from "now" (a new subscription's commitment end date) is then the same on every replay, so a
  // later run does not see the records of earlier runs change.
  let now = reference;
  const sim = createPax8Simulator({ ...simulatedWorld, now: () => now });
  for (let r = 2; r <= run; r += 1) {
    now = reference + r * day;
    scriptChangesOfRun(sim, r);
  }
  now = reference + run * day;
  const baseUrl = await sim.listen();
  return { sim, baseUrl };
}
