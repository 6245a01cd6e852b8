/**
 * One simulated Pax8 partner account in its own process, for bench/worker.ts: every API answer
 * comes after `latencyMs` (the token endpoint answers at once). Config in PAX8_BENCH_SIMULATOR
 * (JSON); prints one JSON line `{ url, clientId, clientSecret, companyIds }`; SIGTERM stops it.
 */
import { createPax8Simulator } from '@pax8-sync/testing';

const config = JSON.parse(process.env.PAX8_BENCH_SIMULATOR ?? '{}') as { seed: number; companies: number; products: number; subscriptions: number; latencyMs: number };
const sim = createPax8Simulator({
  seed: config.seed,
  companies: config.companies,
  products: config.products,
  subscriptions: config.subscriptions,
  requestLogLimit: 1,
  ...(config.latencyMs > 0 ? { faults: { rates: { delay: 1 }, delayMs: config.latencyMs } } : {}),
});
const url = await sim.listen();
process.stdout.write(`${JSON.stringify({ url, ...sim.credentials, companyIds: sim.world.companies.ids() })}\n`);
process.once('SIGTERM', () => {
  void sim.close().then(() => process.exit(0));
});
