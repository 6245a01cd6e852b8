import { type CompanyRef, createMatchScorer, quickMatch } from '@pax8-sync/matcher';
import { describe, expect, it } from 'vitest';
import { pick, seededRandom, shuffled } from './seeded-random';

// An oracle that shares nothing with the package's choosing code: every one-to-one choice of candidate pairs
// is enumerated, and the stable ones are kept. A choice is stable when no candidate pair outside it ranks
// above what both its companies got (unmatched ranks lowest). Pairs rank by score, then identical normalised
// names, then Pax8 id, then PSA id: a strict order, so exactly one choice is stable. The names collide on
// purpose (equal names, equal scores) so ties are frequent.
const NAMES = ['acme', 'acne', 'Acme Inc', 'ace', 'abc', 'ab ab', 'abab', 'acme dental', 'dental', 'dent', 'x', 'Acme Holdings', 'acme hldgs'];

interface Instance {
  readonly pax8: CompanyRef[];
  readonly psa: CompanyRef[];
  readonly threshold: number;
}

function instance(random: () => number): Instance {
  const side = (prefix: string) =>
    Array.from({ length: 1 + Math.floor(random() * 5) }, (_, k) => ({ id: `${prefix}${k}`, name: pick(random, NAMES) }));
  return { pax8: side('p'), psa: side('c'), threshold: pick(random, [0.2, 0.3, 0.4, 0.5]) };
}

type Rank = (i: number, j: number) => number[];

/** Every one-to-one choice (row → column or -1) of candidate pairs. */
function allChoices(rows: number, columns: number, candidate: (i: number, j: number) => boolean): number[][] {
  const choices: number[][] = [];
  const walk = (i: number, used: Set<number>, current: number[]) => {
    if (i === rows) {
      choices.push([...current]);
      return;
    }
    walk(i + 1, used, [...current, -1]);
    for (let j = 0; j < columns; j++) if (!used.has(j) && candidate(i, j)) walk(i + 1, new Set([...used, j]), [...current, j]);
  };
  walk(0, new Set(), []);
  return choices;
}

/** Whether `a` ranks strictly above `b` (lexicographic on the rank keys). */
function above(a: number[], b: number[] | undefined): boolean {
  if (b === undefined) return true;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k]! > b[k]!;
  return false;
}

function isStable(choice: number[], columns: number, candidate: (i: number, j: number) => boolean, rank: Rank): boolean {
  const rowOf = new Map(choice.flatMap((j, i) => (j < 0 ? [] : [[j, i] as const])));
  for (let i = 0; i < choice.length; i++) {
    for (let j = 0; j < columns; j++) {
      if (!candidate(i, j) || choice[i] === j) continue;
      const mine = choice[i]! < 0 ? undefined : rank(i, choice[i]!);
      const theirs = rowOf.has(j) ? rank(rowOf.get(j)!, j) : undefined;
      if (above(rank(i, j), mine) && above(rank(i, j), theirs)) return false;
    }
  }
  return true;
}

describe('quickMatch against brute-force enumeration of every one-to-one choice', () => {
  it('400 seeded instances: exactly one choice is stable, and it is what quickMatch suggests, whatever the input order', () => {
    const random = seededRandom(41);
    let tied = 0;
    for (let run = 0; run < 400; run++) {
      const problem = instance(random);
      const scorer = createMatchScorer(problem.pax8.map((c) => c.name), problem.psa.map((c) => c.name));
      const scored = problem.pax8.map((a) => problem.psa.map((b) => scorer.score(a.name, b.name)));
      const scores = scored.map((row) => row.map((s) => s.score));
      const candidate = (i: number, j: number) => scores[i]![j]! >= problem.threshold;
      // Identical: the normalised names compared (for `Legal dba Trade`, the variants that gave the score) are equal.
      const identical = (i: number, j: number) => scored[i]![j]!.pax8Normalized === scored[i]![j]!.psaNormalized;
      // Higher is better: score, then identical, then the lower Pax8 index (ids are p0, p1, … in index order), then the lower PSA index.
      const rank: Rank = (i, j) => [scores[i]![j]!, identical(i, j) ? 1 : 0, -i, -j];
      const stable = allChoices(problem.pax8.length, problem.psa.length, candidate).filter((choice) =>
        isStable(choice, problem.psa.length, candidate, rank),
      );
      const context = JSON.stringify({ run, problem, stable });
      expect(stable, context).toHaveLength(1);
      const flat = scores.flat().filter((s) => s >= problem.threshold);
      if (new Set(flat).size < flat.length) tied++;

      for (let k = 0; k < 3; k++) {
        const result = quickMatch(shuffled(random, problem.pax8), shuffled(random, problem.psa), { threshold: problem.threshold });
        const chosen = problem.pax8.map((company) => {
          const suggestion = result.suggestions.find((s) => s.pax8Id === company.id);
          return suggestion ? Number(suggestion.psaId.slice(1)) : -1;
        });
        expect(chosen, context).toEqual(stable[0]);
      }
    }
    // The instances must really be full of ties, or the tie-break is not being exercised.
    expect(tied).toBeGreaterThan(100);
  });
});
