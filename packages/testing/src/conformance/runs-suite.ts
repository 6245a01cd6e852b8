import { runRow } from './fixtures';
import type { SuiteContext } from './suite-context';

const zero = { created: 0, updated: 0, unchanged: 0, removed: 0, quarantined: 0 };

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
      await s.runs.checkpoint({ runId: 'run-1', checkpoint: { page: 1, totalPages: 3 }, counts: zero, seenIds: ['s-1', 's-2', 's-1'], page: 0 });
      await s.runs.checkpoint({ runId: 'run-1', checkpoint: { page: 2, totalPages: 3 }, counts, seenIds: ['s-2', 's-3'], page: 1 });
      const run = await s.runs.get('run-1');
      check.equal(run?.checkpoint, { page: 2, totalPages: 3 }, 'last checkpoint kept');
      check.equal(run?.counts, counts, 'counts');
      check.equal((await s.runs.list('conn-a'))[0]?.checkpoint, { page: 2, totalPages: 3 }, 'list shows the running run at its last checkpoint too');
      check.equal((await s.runs.listSeen('conn-a', 'run-1')).sort(), ['s-1', 's-2', 's-3'], 'seen ids, each once');
      check.equal(await s.runs.countSeen('conn-a', 'run-1'), 3, 'countSeen counts distinct ids');
      await s.runs.start(runRow('conn-a', 'run-2', { pullId: 'run-1', resumedFromRunId: 'run-1' }));
      await s.runs.checkpoint({ runId: 'run-2', checkpoint: { page: 3 }, counts, seenIds: ['s-4', 's-1'], page: 2 });
      check.equal((await s.runs.listSeen('conn-a', 'run-1')).sort(), ['s-1', 's-2', 's-3', 's-4'], 'a resumed run adds to the same pull');
      check.equal(await s.runs.countSeen('conn-a', 'run-1'), 4, 'countSeen across the resumed runs');
      check.equal(await s.runs.countSeen('conn-b', 'run-1'), 0, 'another connection has no such seen set');
      check.equal(await s.runs.countSeen('conn-a', 'run-unknown'), 0, 'an unknown pull has none');
      await check.rejects(s.runs.checkpoint({ runId: 'run-nope', checkpoint: {}, counts, seenIds: [], page: 0 }), 'checkpoint of an unknown run rejects');
    });

    it('a later pull of the same entity, at the same page positions, has only its own seen ids; the earlier runs keep their last checkpoint', async () => {
      const s = storage();
      await s.runs.start(runRow('conn-a', 'run-1'));
      await s.runs.checkpoint({ runId: 'run-1', checkpoint: { at: 'run-1 page 0' }, counts: zero, seenIds: ['s-1', 's-2'], page: 0 });
      await s.runs.checkpoint({ runId: 'run-1', checkpoint: { at: 'run-1 page 1' }, counts: zero, seenIds: ['s-3'], page: 1 });
      await s.runs.finish({ runId: 'run-1', outcome: 'succeeded', finishedAt: 6_000, counts: { ...zero, created: 3 }, error: null, flags: [] });
      await s.runs.clearSeen('conn-a', 'run-1');
      await s.runs.start(runRow('conn-a', 'run-2', { startedAt: 7_000 }));
      await s.runs.checkpoint({ runId: 'run-2', checkpoint: { at: 'run-2 page 0' }, counts: zero, seenIds: ['s-9'], page: 0 });
      check.equal((await s.runs.listSeen('conn-a', 'run-2')).sort(), ['s-9'], 'the new pull sees only its own ids');
      check.equal(await s.runs.countSeen('conn-a', 'run-2'), 1, 'and counts only them');
      check.equal((await s.runs.get('run-1'))?.checkpoint, { at: 'run-1 page 1' }, 'the finished run keeps its last checkpoint');
      check.equal((await s.runs.get('run-1'))?.counts, { ...zero, created: 3 }, 'and its final counts');
      check.equal((await s.runs.get('run-2'))?.checkpoint, { at: 'run-2 page 0' }, 'the running one has its own');
      await s.runs.start(runRow('conn-a', 'run-3', { entity: 'companies', startedAt: 8_000 }));
      await s.runs.checkpoint({ runId: 'run-3', checkpoint: { at: 'run-3 page 0' }, counts: zero, seenIds: ['co-1'], page: 0 });
      check.equal((await s.runs.listSeen('conn-a', 'run-2')).sort(), ['s-9'], 'a pull of another entity at the same position leaves it alone');
      check.equal((await s.runs.get('run-2'))?.checkpoint, { at: 'run-2 page 0' }, 'also its checkpoint');
    });

    it('finish sets the outcome and keeps the checkpoint; list is newest first, filterable, limited', async () => {
      const s = storage();
      await s.runs.start(runRow('conn-a', 'run-1', { startedAt: 100, entity: 'companies' }));
      await s.runs.start(runRow('conn-a', 'run-2', { startedAt: 200 }));
      await s.runs.start(runRow('conn-a', 'run-3', { startedAt: 200 }));
      await s.runs.start(runRow('conn-b', 'run-4', { startedAt: 300 }));
      const counts = { created: 1, updated: 2, unchanged: 3, removed: 4, quarantined: 5 };
      await s.runs.checkpoint({ runId: 'run-2', checkpoint: { page: 7 }, counts, seenIds: [], page: 0 });
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
