import { runRow } from './fixtures';
import type { SuiteContext } from './suite-context';

/** Runs: start, checkpoint with seen ids, finish, history. */
export function runsSuite({ it, describe, check, storage }: SuiteContext): void {
  describe('runs', () => {
    it('start then get; a second start with the same id rejects', async () => {
      const s = storage();
      await s.runs.start(runRow('conn-a', 'run-1'));
      check.equal(await s.runs.get('run-1'), runRow('conn-a', 'run-1'), 'get returns the run');
      await check.rejects(s.runs.start(runRow('conn-a', 'run-1')), 'duplicate run id rejects');
      check.equal(await s.runs.get('run-missing'), undefined, 'unknown run is undefined');
    });

    it('checkpoint sets checkpoint and counts and accumulates the pull seen set; unknown run rejects', async () => {
      const s = storage();
      await s.runs.start(runRow('conn-a', 'run-1'));
      const counts = { created: 2, updated: 0, unchanged: 1, removed: 0, quarantined: 1 };
      await s.runs.checkpoint({ runId: 'run-1', checkpoint: { page: 1, totalPages: 3 }, counts, seenIds: ['s-1', 's-2'] });
      await s.runs.checkpoint({ runId: 'run-1', checkpoint: { page: 2, totalPages: 3 }, counts, seenIds: ['s-2', 's-3'] });
      const run = await s.runs.get('run-1');
      check.equal(run?.checkpoint, { page: 2, totalPages: 3 }, 'last checkpoint kept');
      check.equal(run?.counts, counts, 'counts');
      check.equal((await s.runs.listSeen('conn-a', 'run-1')).sort(), ['s-1', 's-2', 's-3'], 'seen ids, each once');
      await s.runs.start(runRow('conn-a', 'run-2', { pullId: 'run-1', resumedFromRunId: 'run-1' }));
      await s.runs.checkpoint({ runId: 'run-2', checkpoint: { page: 3 }, counts, seenIds: ['s-4'] });
      check.equal((await s.runs.listSeen('conn-a', 'run-1')).sort(), ['s-1', 's-2', 's-3', 's-4'], 'a resumed run adds to the same pull');
      await s.runs.clearSeen('conn-a', 'run-1');
      check.equal(await s.runs.listSeen('conn-a', 'run-1'), [], 'cleared');
      await check.rejects(s.runs.checkpoint({ runId: 'run-nope', checkpoint: {}, counts, seenIds: [] }), 'checkpoint of an unknown run rejects');
    });

    it('finish sets the outcome and keeps the checkpoint; list is newest first, filterable, limited', async () => {
      const s = storage();
      await s.runs.start(runRow('conn-a', 'run-1', { startedAt: 100, entity: 'companies' }));
      await s.runs.start(runRow('conn-a', 'run-2', { startedAt: 200 }));
      await s.runs.start(runRow('conn-a', 'run-3', { startedAt: 200 }));
      await s.runs.start(runRow('conn-b', 'run-4', { startedAt: 300 }));
      const counts = { created: 1, updated: 2, unchanged: 3, removed: 4, quarantined: 5 };
      await s.runs.checkpoint({ runId: 'run-2', checkpoint: { page: 7 }, counts, seenIds: [] });
      await s.runs.finish({ runId: 'run-2', outcome: 'failed', finishedAt: 250, counts, error: 'page 8 failed', flags: ['x'] });
      const run = await s.runs.get('run-2');
      check.equal(
        run && { outcome: run.outcome, finishedAt: run.finishedAt, counts: run.counts, error: run.error, flags: run.flags, checkpoint: run.checkpoint },
        { outcome: 'failed', finishedAt: 250, counts, error: 'page 8 failed', flags: ['x'], checkpoint: { page: 7 } },
        'finished',
      );
      check.equal((await s.runs.list('conn-a')).map((r) => r.id), ['run-3', 'run-2', 'run-1'], 'newest first, ties by insertion');
      check.equal((await s.runs.list('conn-a', { entity: 'subscriptions', limit: 1 })).map((r) => r.id), ['run-3'], 'entity filter and limit');
      await check.rejects(s.runs.finish({ runId: 'run-nope', outcome: 'succeeded', finishedAt: 1, counts, error: null, flags: [] }), 'finish of an unknown run rejects');
    });
  });
}
