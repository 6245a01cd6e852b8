/**
 * Webhooks bench (issue #16 "Measured"): change-to-synced latency p50/p99 of the webhook path
 * against a periodic `syncSubscriptions`, and Pax8 API requests per delivered event. A simulated
 * Pax8 account runs in its own process (bench/webhooks-simulator.ts: `--latency` ms a request,
 * deliveries `--delivery-delay` ms after a change, a `--duplicates` share sent twice); the receiver runs in a plain Node http server
 * in this process with the scheduler (`--debounce`), memory storage, one connection with every
 * company mapped. Each run makes the same scripted quantity changes (`--spread` at random times and
 * companies, `--bursts` × `--burst-size` on one company 50 ms apart) over `--duration` seconds.
 * The periodic sync runs every `--period` seconds: a 60 s cadence scaled down 10×, so its latency
 * scales with it (about period/2 at p50). Webhook and periodic runs alternate (W P P W W P for
 * `--rounds 3`); figures are medians of the runs with [min–max]; the ratio is periodic over
 * webhook, run by run in pairs.
 *
 * Run: pnpm bench:webhooks [--rounds 3] [--duration 30] [--period 6] [--debounce 1000]
 *      [--latency 5] [--delivery-delay 250,2000] [--duplicates 0.1] [--spread 40] [--bursts 2] [--burst-size 10]
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { Pax8Latency } from '@pax8-sync/testing';
import { percentile } from './worker-stats';
import { periodicRun, type RunResult, type RunSettings, webhookRun } from './webhooks-run';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '30' },
    period: { type: 'string', default: '6' },
    debounce: { type: 'string', default: '1000' },
    latency: { type: 'string', default: '5' },
    'delivery-delay': { type: 'string', default: '250,2000' },
    duplicates: { type: 'string', default: '0.1' },
    spread: { type: 'string', default: '40' },
    bursts: { type: 'string', default: '2' },
    'burst-size': { type: 'string', default: '10' },
  },
});
const delay = String(args['delivery-delay']).split(',').map(Number);
const settings: RunSettings = {
  seed: 16,
  world: { companies: 10, products: 20, subscriptions: 200 },
  latencyMs: Number(args.latency),
  deliveryDelayMs: (delay.length === 2 ? [delay[0], delay[1]] : delay[0]) as Pax8Latency,
  duplicateRate: Number(args.duplicates),
  debounceMs: Number(args.debounce),
  periodMs: Number(args.period) * 1000,
  durationMs: Number(args.duration) * 1000,
  spread: Number(args.spread),
  bursts: Number(args.bursts),
  burstSize: Number(args['burst-size']),
};
const rounds = Number(args.rounds);

/** The median (the mean of the middle two of an even count); NaN when empty. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  if (sorted.length === 0) return Number.NaN;
  return Number.isInteger(mid) ? ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2 : (sorted[Math.floor(mid)] as number);
}

/** `median [min–max]` in `digits` decimals (just the value for one run). */
function spreadOf(values: readonly number[], digits: number, scale = 1): string {
  const f = (v: number) => (v / scale).toFixed(digits);
  if (values.length < 2) return f(values[0] ?? Number.NaN);
  return `${f(median(values))} [${f(Math.min(...values))}–${f(Math.max(...values))}]`;
}

/** W P P W W P …: each round flips the order, so neither path always runs first. */
function runOrder(times: number): RunResult['path'][] {
  return Array.from({ length: times }, (_, i) => (i % 2 === 0 ? ['webhook', 'periodic'] : ['periodic', 'webhook']) as RunResult['path'][]).flat();
}

const perEvent = (r: RunResult) => r.counters.requests / Math.max(1, r.path === 'webhook' ? r.counters.deliveries.success : r.changes);
const perChange = (r: RunResult) => r.counters.requests / r.changes;

function describe(r: RunResult): string {
  const d = r.counters.deliveries;
  const base = `  ${r.path.padEnd(8)}: ${r.changes} changes, synced ${r.latencies.length} (unsynced ${r.unsynced}), latency p50 ${(percentile(r.latencies, 50) / 1000).toFixed(2)} s / p99 ${(percentile(r.latencies, 99) / 1000).toFixed(2)} s, ${r.counters.requests} API requests (+${r.counters.tokens} token) in ${r.syncs} syncs`;
  const hooks = r.path === 'webhook' ? `, ${d.success} deliveries answered (${d.failed} failed, ${d.duplicate} duplicates), ${perEvent(r).toFixed(2)} requests/delivered event` : `, ${perChange(r).toFixed(2)} requests/change`;
  return `${base}${hooks}; load ${loadavg()[0]?.toFixed(2)}`;
}

async function main(): Promise<void> {
  const order = runOrder(rounds);
  console.log(
    `pax8-sync webhooks bench: simulator in its own process (${settings.world.companies} companies, ${settings.world.subscriptions} subscriptions, ${settings.latencyMs} ms a request, deliveries ${String(settings.deliveryDelayMs)} ms after a change, ${settings.duplicateRate * 100}% sent twice), ` +
      `receiver in a Node http server here, scheduler debounce ${settings.debounceMs} ms, memory storage, one connection, every company mapped.`,
  );
  console.log(
    `changes a run: ${settings.spread} spread over random companies + ${settings.bursts} bursts of ${settings.burstSize} on one company, over ${settings.durationMs / 1000} s; ` +
      `periodic path: syncSubscriptions every ${settings.periodMs / 1000} s (a 60 s cadence scaled down ${(60_000 / settings.periodMs).toFixed(0)}×; its latency scales with the period).`,
  );
  console.log(`machine: ${cpus().length} cores, shared with other work; order ${order.join(', ')}; load average at start ${loadavg().map((l) => l.toFixed(2)).join(' / ')}`);
  const results: RunResult[] = [];
  for (const path of order) {
    const result = path === 'webhook' ? await webhookRun(settings) : await periodicRun(settings);
    results.push(result);
    console.log(describe(result));
  }
  const of = (path: RunResult['path']) => results.filter((r) => r.path === path);
  const hooks = of('webhook');
  const periodic = of('periodic');
  const p = (q: number) => (r: RunResult) => percentile(r.latencies, q);
  const ratios = (q: number) => hooks.map((h, i) => p(q)(periodic[i] as RunResult) / p(q)(h));
  console.log('');
  console.log('medians [min–max] over the runs of each path');
  console.log('path     | runs | latency p50 s | latency p99 s | API requests per delivered event (webhook) / per change (periodic) | API requests per change | unsynced');
  for (const [name, rows] of [['webhook', hooks], ['periodic', periodic]] as const) {
    console.log(
      [
        name.padEnd(8),
        String(rows.length).padStart(4),
        spreadOf(rows.map(p(50)), 2, 1000),
        spreadOf(rows.map(p(99)), 2, 1000),
        spreadOf(rows.map(perEvent), 2),
        spreadOf(rows.map(perChange), 2),
        String(Math.max(...rows.map((r) => r.unsynced))),
      ].join(' | '),
    );
  }
  console.log(`periodic / webhook latency, run by run in pairs: p50 ${spreadOf(ratios(50), 1)}×, p99 ${spreadOf(ratios(99), 1)}×`);
  const scale = 60_000 / settings.periodMs;
  console.log(
    `extrapolated, not measured: at a real 60 s period the periodic latency grows ${scale.toFixed(0)}× (p50 ≈ ${((median(periodic.map(p(50))) * scale) / 1000).toFixed(0)} s, p99 ≈ ${((median(periodic.map(p(99))) * scale) / 1000).toFixed(0)} s), ` +
      `so about ${(median(ratios(50)) * scale).toFixed(0)}× (p50) and ${(median(ratios(99)) * scale).toFixed(0)}× (p99) the webhook path's; the webhook path does not depend on the period.`,
  );
  console.log(`p99 of ${results[0]?.changes ?? 0} changes is close to the slowest one. load average at the end ${loadavg().map((l) => l.toFixed(2)).join(' / ')}`);
  if (results.some((r) => r.unsynced > 0)) {
    console.log('FAILED: some changes never reached storage');
    process.exitCode = 1;
  }
}

await main();
