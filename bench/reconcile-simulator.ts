/**
 * The simulated partner account of bench/reconcile.ts in its own process, with its clock stopped at
 * the bench's "now" (June's invoices out, June the draft month). Config in PAX8_BENCH_SIMULATOR
 * (JSON: seed, companies, products, subscriptions, now); prints one JSON line
 * `{ url, clientId, clientSecret }`; SIGTERM stops it.
 */
import { createPax8Simulator } from '@pax8-sync/testing';

const config = JSON.parse(process.env.PAX8_BENCH_SIMULATOR ?? '{}') as { seed: number; companies: number; products: number; subscriptions: number; now: number };
const sim = createPax8Simulator({
  seed: config.seed,
  companies: config.companies,
  products: config.products,
  subscriptions: config.subscriptions,
  referenceDate: config.now,
  now: () => config.now,
  requestLogLimit: 1,
});
const url = await sim.listen();
process.stdout.write(`${JSON.stringify({ url, ...sim.credentials })}\n`);
process.once('SIGTERM', () => {
  void sim.close().then(() => process.exit(0));
});
