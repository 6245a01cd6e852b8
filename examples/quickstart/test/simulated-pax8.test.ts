import { describe, expect, it } from 'vitest';
import { startSimulatedPax8 } from '../src/simulated-pax8';

describe('the quickstart\'s simulated Pax8', () => {
  it('replays the same world for a run whatever the day: run 4 holds run 3\'s records unchanged, plus run 4\'s changes', async () => {
    const third = await startSimulatedPax8(3);
    const fourth = await startSimulatedPax8(4);
    try {
      const later = new Map(fourth.sim.world.subscriptions.list().map((s) => [s.id, s]));
      const touchedInRun4 = new Set(fourth.sim.world.subscriptions.list({ filter: (s) => s.updatedDate?.startsWith('2026-06-05') === true }).map((s) => s.id));
      const changed = third.sim.world.subscriptions
        .list()
        .filter((s) => !touchedInRun4.has(s.id) && later.has(s.id) && JSON.stringify(later.get(s.id)) !== JSON.stringify(s))
        .map((s) => s.id);
      expect(changed).toEqual([]);
      // Subscriptions added by the runs' scripts are among them, with the same commitment every time.
      expect(third.sim.world.subscriptions.list().length).toBeGreaterThan(0);
    } finally {
      await third.sim.close();
      await fourth.sim.close();
    }
  });
});
