/**
 * Sync throughput into the memory adapter: a full sync of 100,000 subscriptions across 5,000
 * companies, then a re-sync with nothing changed, each against the bare download of the same pages
 * (same client, page size and read-ahead). The simulator runs in its own process. Baseline, full
 * sync and re-sync alternate, 3 times (each full sync into a fresh storage), after one untimed
 * warm-up of each; medians and ranges are printed, with the peak RSS of each sync phase.
 *
 * Run: pnpm bench:sync [subscriptions] [companies] [repetitions]
 */
import { randomBytes } from 'node:crypto';
import { createAesGcmCodec, createSyncEngine } from '@pax8-sync/core';
import { createMemoryStorage } from '@pax8-sync/storage-memory';
import { bareClient, bareDownload, benchClientOptions, connectAndMap, machineLine, measure, medianText, startSimulatorProcess, succeeded } from './postgres-harness';

const subscriptions = Number(process.argv[2] ?? 100_000);
const companies = Number(process.argv[3] ?? 5_000);
const repetitions = Number(process.argv[4] ?? 3);
const pageSize = 200;
const prefetch = 4;

/** A fresh memory storage with its connection mapped: the subject of one full sync and one re-sync. */
async function freshEngine(sim: Awaited<ReturnType<typeof startSimulatorProcess>>) {
  const storage = createMemoryStorage();
  const engine = createSyncEngine({ storage, codec: createAesGcmCodec({ key: randomBytes(32) }), clientOptions: benchClientOptions, syncDefaults: { prefetch, pageSize, perCompanyMaxCompanies: 0 } });
  const connectionId = await connectAndMap(engine, storage, sim);
  return { sync: () => engine.syncSubscriptions({ connectionId }) };
}

async function main(): Promise<void> {
  const sim = await startSimulatorProcess({ seed: 2026, companies, products: 300, subscriptions });
  try {
    console.log(`pax8-sync bench:sync — memory adapter; ${subscriptions.toLocaleString('en')} subscriptions, ${companies.toLocaleString('en')} companies, page size ${pageSize}, read-ahead ${prefetch}; ${machineLine()}`);
    const client = bareClient(sim);
    // Warm-up, untimed: the simulator builds its pages, and both paths are compiled, before anything is measured.
    await bareDownload(client, pageSize, prefetch);
    succeeded((await (await freshEngine(sim)).sync()));
    const rows: { bare: number; full: number; resync: number; fullRss: number; resyncRss: number }[] = [];
    for (let rep = 1; rep <= repetitions; rep += 1) {
      const bare = await measure(() => bareDownload(client, pageSize, prefetch));
      const subject = await freshEngine(sim);
      const full = await measure(subject.sync);
      const resync = await measure(subject.sync);
      const f = succeeded(full.value);
      const r = succeeded(resync.value);
      console.log(
        `  run ${rep}: bare ${bare.seconds.toFixed(2)} s (${bare.value} records) | full sync ${full.seconds.toFixed(2)} s (${f.text}, ${f.pages} pages, peak RSS ${full.peakRssMb.toFixed(0)} MB from ${full.startRssMb.toFixed(0)}) | re-sync ${resync.seconds.toFixed(2)} s (${r.text}, peak RSS ${resync.peakRssMb.toFixed(0)} MB)`,
      );
      rows.push({ bare: bare.seconds, full: full.seconds, resync: resync.seconds, fullRss: full.peakRssMb, resyncRss: resync.peakRssMb });
    }
    console.log(`median (range) of ${repetitions}:`);
    console.log(`  bare download            ${medianText(rows.map((r) => r.bare), 2, ' s')}`);
    console.log(`  full sync                ${medianText(rows.map((r) => r.full), 2, ' s')}   ratio to bare ${medianText(rows.map((r) => r.full / r.bare))}   peak RSS ${medianText(rows.map((r) => r.fullRss), 0, ' MB')}`);
    console.log(`  re-sync, no change       ${medianText(rows.map((r) => r.resync), 2, ' s')}   ratio to bare ${medianText(rows.map((r) => r.resync / r.bare))}   peak RSS ${medianText(rows.map((r) => r.resyncRss), 0, ' MB')}`);
    console.log('  (ratios are per run: each sync against the bare download just before it)');
  } finally {
    await sim.close();
  }
}

await main();
