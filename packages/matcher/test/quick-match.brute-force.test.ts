import { type CompanyRef, quickMatch } from '@pax8-sync/matcher';
import stringSimilarity from 'string-similarity';
import { describe, expect, it } from 'vitest';
import { pick, seededRandom, shuffled } from './seeded-random';

// An oracle that shares nothing with the package's assignment code (or its normaliser's use in the
// reference): every one-to-one choice of candidate pairs is enumerated, and the best total is taken.
// Names are already lower-case words that normalisation leaves alone, so the scores are plain
// compareTwoStrings. The words collide on purpose (equal names, equal scores) so ties are frequent.
const WORDS = ['acme', 'acne', 'ace', 'abc', 'abd', 'ab', 'ba', 'acme dental', 'dental', 'dent', 'x'];

interface Instance {
  readonly pax8: CompanyRef[];
  readonly psa: CompanyRef[];
  readonly threshold: number;
}

function instance(random: () => number): Instance {
  const side = (prefix: string) =>
    Array.from({ length: 1 + Math.floor(random() * 6) }, (_, k) => ({ id: `${prefix}${k}`, name: pick(random, WORDS) }));
  return { pax8: side('p'), psa: side('c'), threshold: pick(random, [0.2, 0.3, 0.4, 0.5]) };
}

/** Every one-to-one assignment (row → column or -1) using only pairs at or above the threshold. */
function allAssignments({ pax8, psa, threshold }: Instance): { scores: number[][]; assignments: number[][] } {
  const scores = pax8.map((a) => psa.map((b) => stringSimilarity.compareTwoStrings(a.name, b.name)));
  const assignments: number[][] = [];
  const walk = (i: number, used: Set<number>, current: number[]) => {
    if (i === pax8.length) {
      assignments.push([...current]);
      return;
    }
    walk(i + 1, used, [...current, -1]);
    for (let j = 0; j < psa.length; j++) {
      if (used.has(j) || scores[i]![j]! < threshold) continue;
      walk(i + 1, new Set([...used, j]), [...current, j]);
    }
  };
  walk(0, new Set(), []);
  return { scores, assignments };
}

const byId = <T extends { id: string }>(list: readonly T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));

const total = (scores: number[][], assignment: readonly number[]) =>
  assignment.reduce((sum, j, i) => sum + (j < 0 ? 0 : scores[i]![j]!), 0);

describe('quickMatch against brute-force enumeration of every one-to-one assignment', () => {
  it('400 seeded instances: the total is the maximum; the result is the same for every input order', () => {
    const random = seededRandom(41);
    let tied = 0;
    for (let run = 0; run < 400; run++) {
      const problem = instance(random);
      const { scores, assignments } = allAssignments(problem);
      const best = Math.max(...assignments.map((a) => total(scores, a)));
      const optimal = assignments.filter((a) => Math.abs(total(scores, a) - best) < 1e-9);
      if (optimal.length > 1) tied++;

      const result = quickMatch(problem.pax8, problem.psa, { threshold: problem.threshold });
      const chosen = problem.pax8.map((company) => {
        const suggestion = result.suggestions.find((s) => s.pax8Id === company.id);
        return suggestion ? problem.psa.findIndex((c) => c.id === suggestion.psaId) : -1;
      });
      const context = JSON.stringify({ run, problem, chosen, best });
      // Maximal total confidence (to float precision), and the assignment is one of the enumerated ones.
      expect(Math.abs(total(scores, chosen) - best), context).toBeLessThan(1e-9);
      expect(optimal.map((a) => a.join()), context).toContain(chosen.join());
      for (const s of result.suggestions) {
        expect(s.score, context).toBe(scores[Number(s.pax8Id.slice(1))]![Number(s.psaId.slice(1))]);
      }

      // The tie-break depends on ids and names only: five shuffles of both sides give the same result.
      for (let k = 0; k < 5; k++) {
        const again = quickMatch(shuffled(random, problem.pax8), shuffled(random, problem.psa), {
          threshold: problem.threshold,
        });
        expect(again.suggestions, context).toEqual(result.suggestions);
        // Unmatched companies are listed in input order; as sets (with reason and best candidate) they agree.
        expect(byId(again.unmatchedPax8), context).toEqual(byId(result.unmatchedPax8));
        expect(byId(again.unmatchedPsa), context).toEqual(byId(result.unmatchedPsa));
      }
    }
    // The instances must really be full of ties, or the tie-break is not being exercised.
    expect(tied).toBeGreaterThan(100);
  });
});
