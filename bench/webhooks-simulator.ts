/**
 * One simulated Pax8 partner account in its own process, for bench/webhooks.ts. Every API answer
 * comes after `latencyMs` (the token endpoint answers at once); webhook deliveries go out after
 * `deliveryDelayMs` (ms or [min, max], seeded; a `duplicateRate` share sent twice) to the URL the bench registers, or not at all when
 * `deliveries` is false. Config in PAX8_BENCH_SIMULATOR (JSON); prints one JSON line
 * `{ url, clientId, clientSecret, companyIds }`; SIGTERM stops it.
 *
 * Control channel (IPC, `process.send`), one reply per message, same `seq`:
 * - `{ seq, op: 'change', subscriptionId, quantity }` → `{ seq, at }`: the quantity is set in the
 *   world at `at` (epoch ms, `Date.now()`; the bench process shares the clock) and a delivery queued;
 * - `{ seq, op: 'counters' }` → `{ seq, requests, tokens, deliveries: { success, failed, duplicate } }`
 *   since the last reset (requests exclude the token endpoint, counted in `tokens`);
 * - `{ seq, op: 'reset' }` → `{ seq }`: clears the request counters and forgets past deliveries;
 * - `{ seq, op: 'settled' }` → `{ seq }` once every change since the reset had its first delivery
 *   attempt (bounded: 60 s) and none is in flight;
 * - `{ seq, op: 'subscriptions' }` → `{ seq, subscriptions: [{ id, companyId, quantity }] }` (Active ones).
 */
import { createPax8Simulator, type Pax8Latency } from '@pax8-sync/testing';

interface Config {
  seed: number;
  companies: number;
  products: number;
  subscriptions: number;
  latencyMs: number;
  deliveries: boolean;
  deliveryDelayMs: Pax8Latency;
  duplicateRate: number;
}

type Message = { seq: number; op: 'change'; subscriptionId: string; quantity: number } | { seq: number; op: 'counters' | 'reset' | 'settled' | 'subscriptions' };

const config = JSON.parse(process.env.PAX8_BENCH_SIMULATOR ?? '{}') as Config;
const sim = createPax8Simulator({
  seed: config.seed,
  companies: config.companies,
  products: config.products,
  subscriptions: config.subscriptions,
  webhooks: 0,
  requestLogLimit: 1,
  webhookDelivery: { enabled: config.deliveries, delayMs: config.deliveryDelayMs, rates: { duplicate: config.duplicateRate } },
  ...(config.latencyMs > 0 ? { faults: { rates: { delay: 1 }, delayMs: config.latencyMs } } : {}),
});
const url = await sim.listen();
// Deliveries before a reset are forgotten by index, so the counters cover one measured phase.
let deliveriesFrom = 0;
let changes = 0;

/** Waits for the first attempt of every change since the reset (the simulator's `settled` only covers attempts in flight, not those still delayed). */
async function settled(): Promise<void> {
  const until = Date.now() + 60_000;
  const attempted = () => sim.webhooks.deliveries.slice(deliveriesFrom).filter((d) => d.attempt === 1 && !d.duplicate).length;
  while (attempted() < changes && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
  await sim.webhooks.settled();
}

function counters() {
  const c = sim.counters;
  const tokens = Object.entries(c.byRoute)
    .filter(([route]) => route.includes('token'))
    .reduce((n, [, count]) => n + count, 0);
  const recent = sim.webhooks.deliveries.slice(deliveriesFrom);
  return {
    requests: c.requests - tokens,
    tokens,
    deliveries: {
      success: recent.filter((d) => d.outcome === 'SUCCESS' && !d.duplicate).length,
      failed: recent.filter((d) => d.outcome === 'FAILED').length,
      duplicate: recent.filter((d) => d.duplicate).length,
    },
  };
}

async function answer(message: Message): Promise<Record<string, unknown>> {
  switch (message.op) {
    case 'change':
      sim.world.subscriptions.update(message.subscriptionId, { quantity: message.quantity });
      changes += 1;
      return { at: Date.now() };
    case 'counters':
      return counters();
    case 'reset':
      sim.resetLog();
      deliveriesFrom = sim.webhooks.deliveries.length;
      changes = 0;
      return {};
    case 'settled':
      await settled();
      return {};
    case 'subscriptions':
      return {
        subscriptions: sim.world.subscriptions
          .list()
          .filter((s) => s.status === 'Active')
          .map((s) => ({ id: s.id, companyId: s.companyId, quantity: s.quantity })),
      };
  }
}

process.on('message', async (message: Message) => {
  try {
    process.send?.({ seq: message.seq, ...(await answer(message)) });
  } catch (error) {
    process.send?.({ seq: message.seq, error: error instanceof Error ? error.message : String(error) });
  }
});
process.stdout.write(`${JSON.stringify({ url, ...sim.credentials, companyIds: sim.world.companies.ids() })}\n`);
process.once('SIGTERM', () => {
  void sim.close().then(() => process.exit(0));
});
