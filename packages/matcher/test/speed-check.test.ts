import { quickMatch } from '@pax8-sync/matcher';
import { describe, expect, it } from 'vitest';
import { checkAgainstBruteForce } from '../../../bench/matcher-speed-check';
import type { QuickOutput } from '../../../bench/matcher-speed-child';
import { companyLists } from '../../../bench/matcher-speed-names';

// bench:matcher-speed checks its timed call's output with checkAgainstBruteForce: it must pass a right output
// and catch a wrong one.
describe('the speed bench check against brute force', () => {
  const { pax8, psa } = companyLists(300, 42);
  const result = quickMatch(pax8, psa, { threshold: 0.4 });
  const output: QuickOutput = {
    suggestions: result.suggestions.map((s) => [s.pax8Id, s.psaId, s.score]),
    unmatchedPax8: result.unmatchedPax8.map((c) => [c.id, c.reason, c.bestCandidate?.id ?? null, c.bestCandidate?.score ?? null]),
  };
  const check = (changed: QuickOutput) => checkAgainstBruteForce(pax8, psa, changed, 0.4, 300, 7);

  it('passes quickMatch’s own output, every row checked', () => {
    const report = check(output);
    expect(report.problems).toEqual([]);
    expect(report.suggestionsChecked + report.unmatchedChecked).toBe(300);
    expect(report.suggestionsChecked).toBeGreaterThan(150);
  });

  it('catches two suggestions swapped, a score off by 2^-52, a dropped suggestion and a wrong unmatched reason', () => {
    const swapped = output.suggestions.map((s) => [...s] as QuickOutput['suggestions'][number]);
    [swapped[0]![1], swapped[1]![1]] = [swapped[1]![1], swapped[0]![1]];
    expect(check({ ...output, suggestions: swapped }).problems.length).toBeGreaterThan(0);

    const nudged = output.suggestions.map((s, k) => (k === 5 ? ([s[0], s[1], s[2] - Number.EPSILON] as const) : s));
    expect(check({ ...output, suggestions: nudged.map((s) => [...s]) as QuickOutput['suggestions'] }).problems).toHaveLength(1);

    const [dropped, ...rest] = output.suggestions;
    const unmatched: QuickOutput['unmatchedPax8'] = [...output.unmatchedPax8, [dropped![0], 'no-candidate', null, null]];
    expect(check({ suggestions: rest, unmatchedPax8: unmatched }).problems.length).toBeGreaterThan(0);

    const outmatched = output.unmatchedPax8.findIndex(([, reason]) => reason === 'outmatched');
    const relabelled = output.unmatchedPax8.map((u, k) => (k === outmatched ? ([u[0], 'no-candidate', null, null] as typeof u) : u));
    expect(outmatched).toBeGreaterThanOrEqual(0);
    expect(check({ ...output, unmatchedPax8: relabelled }).problems).toHaveLength(1);
  });
});
