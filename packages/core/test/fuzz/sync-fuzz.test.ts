import { createMemoryStorage } from '@pax8-sync/storage-memory';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeClock } from '../support/harness';
import { applyChange, connectWorld, createFuzzWorld, LEASE_MS, stateOf } from './fuzz-world';
import { checkSync, rowCounts } from './invariants';
import { type Scenario, scenario } from './scenario';

/**
 * The sync under random Pax8 drift, faults and crashes, over HTTP against the simulator. CI runs a
 * fixed number of seeded cases; `pnpm fuzz` runs many more (PAX8_SYNC_FUZZ_RUNS) and prints the seed
 * of a failure, which PAX8_SYNC_FUZZ_SEED (with PAX8_SYNC_FUZZ_PATH) replays.
 */
const runs = Number(process.env.PAX8_SYNC_FUZZ_RUNS ?? 20);
// CI replays the same cases every time; `pnpm fuzz` explores (a new seed each run, printed on failure).
const seed = process.env.PAX8_SYNC_FUZZ_SEED !== undefined ? Number(process.env.PAX8_SYNC_FUZZ_SEED) : process.env.PAX8_SYNC_FUZZ_EXPLORE ? undefined : 20_260_601;
const path = process.env.PAX8_SYNC_FUZZ_PATH;
const hugeStringLength = Number(process.env.PAX8_SYNC_FUZZ_HUGE ?? 100_000);

async function runScenario(s: Scenario): Promise<void> {
  const world = await createFuzzWorld(s, hugeStringLength);
  const { sim, storage, clock, connectionId, mapped } = world;
  try {
    for (const [n, step] of s.steps.entries()) {
      for (const change of step.changes) applyChange(sim, change);
      const rates = step.drift;
      sim.drift.set({ seed: step.driftSeed, unicode: step.unicode, hugeStringLength, routes: { 'GET /v1/companies': rates, 'GET /v1/subscriptions': rates } });
      sim.faults.set({ seed: step.driftSeed, rates: step.faults });
      const before = await rowCounts(storage, connectionId);
      sim.resetLog();
      const results = await world.sync(step.crashAfter);
      // Each check looks at the drift of its own sync: companies first, then subscriptions.
      await checkSync('companies', `step ${n} companies`, results.companies, sim, storage, connectionId, mapped, before);
      await checkSync('subscriptions', `step ${n} subscriptions`, results.subscriptions, sim, storage, connectionId, mapped, before);
      // A crashed worker leaves its lease behind: the next one waits it out.
      clock.advance(LEASE_MS + 1);
    }

    // The drift stops. A run that resumes a pull begun under drift finishes that pull first; the first
    // pull wholly after the drift must end in the state a clean run from scratch reaches. The steps may
    // have removed most of the world, which the breaker would rightly hold: it is not what is checked here.
    sim.drift.clear();
    sim.faults.clear();
    let last = await world.sync(null, 1);
    const resumed = (r: object) => 'resumedFromRunId' in r && r.resumedFromRunId !== null;
    if (resumed(last.companies) || resumed(last.subscriptions)) last = await world.sync(null, 1);
    expect(last.companies.outcome, JSON.stringify(last.companies)).toBe('succeeded');
    expect(['succeeded', 'skipped'], JSON.stringify(last.subscriptions)).toContain(last.subscriptions.outcome);
    const fresh = createMemoryStorage();
    const clean = await connectWorld(sim, fresh, fakeClock(), s, 'fresh');
    const reference = await clean.sync(null);
    expect(reference.companies.outcome).toBe('succeeded');
    const got = await stateOf(storage, connectionId);
    const want = await stateOf(fresh, clean.connectionId);
    expect(got).toEqual(want);
  } finally {
    await world.close();
  }
}

describe('fuzz: the sync under random drift, faults and crashes', () => {
  it(`${runs} seeded cases: never throws, never removes what Pax8 lists, loses nothing valid, quarantines what storage cannot hold, converges once the drift stops`, async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        await runScenario(s);
      }),
      {
        numRuns: runs,
        ...(seed === undefined ? {} : { seed }),
        ...(path === undefined ? {} : { path }),
        endOnFailure: true,
        reporter: (details) => {
          if (details.failed) {
            throw new Error(
              `${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}\n${fc.defaultReportMessage(details)}\nReplay: PAX8_SYNC_FUZZ_SEED=${details.seed} PAX8_SYNC_FUZZ_PATH=${details.counterexamplePath ?? ''} pnpm fuzz`,
            );
          }
        },
      },
    );
  }, Math.max(600_000, runs * 5_000));
});
