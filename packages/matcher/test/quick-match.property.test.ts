import { type CompanyRef, type MappingPair, normalizeCompanyName, quickMatch } from '@pax8-sync/matcher';
import stringSimilarity from 'string-similarity';
import { describe, expect, it } from 'vitest';
import { findCandidatePairs } from '../src/candidate-pairs';
import { stripWhitespace } from '../src/dice';
import { WEIGHT_SCALE } from '../src/max-weight-assignment';
import { allPairsReference } from './all-pairs-reference';
import { pick, seededRandom, shuffled } from './seeded-random';

// Tokens chosen to collide: shared bigrams, repeated bigrams, 0- and 1-letter names, suffixes and
// "The" that normalise away, diacritics, `&`/and, branch tails, a non-BMP letter (a surrogate pair).
const TOKENS = [
  'acme', 'acne', 'ace', 'a', 'b', 'ab', 'ba', 'abab', 'aaa', 'aa', 'The', 'Inc', 'LLC', 'L.L.C.', '&', 'and', 'Co.',
  'dental', 'dent', 'x', 'xy', 'yx', 'Café', 'cafe', 'ß', 'ss', '(old)', '- Denver', '𠀀', '𠀀𠀀', 'Ltd', 'GmbH', 'bab',
];

const POOL = ['Acme Inc', 'ACME', 'The Acme Co.', 'Acme Dental', 'ab ab', 'Café Dental'];

function randomName(random: () => number): string {
  const style = random();
  if (style > 0.8) return pick(random, POOL);
  if (style < 0.15) {
    const length = Math.floor(random() * 9);
    return Array.from({ length }, () => pick(random, ['a', 'b', 'c', ' ', 'a'])).join('');
  }
  const count = 1 + Math.floor(random() * 4);
  return Array.from({ length: count }, () => pick(random, TOKENS)).join(pick(random, [' ', ' ', '  ', '']));
}

function randomSide(random: () => number, prefix: string, size: number): CompanyRef[] {
  const ids = shuffled(random, Array.from({ length: size }, (_, k) => `${prefix}${k}`));
  return ids.map((id) => ({ id, name: randomName(random) }));
}

function randomPairs(random: () => number, pax8: CompanyRef[], psa: CompanyRef[], max: number): MappingPair[] {
  if (pax8.length === 0 || psa.length === 0) return [];
  const count = Math.floor(random() * (max + 1));
  return Array.from({ length: count }, () => ({ pax8Id: pick(random, pax8).id, psaId: pick(random, psa).id }));
}

const THRESHOLDS = [0.05, 0.3, 0.4, 0.4, 0.5, 2 / 3, 0.75, 0.9, 1];

describe('quickMatch equals the all-pairs string-similarity computation (property, seeded)', () => {
  it('300 random cases: same candidate pairs and scores, same assignment, optimal total, invariants', () => {
    const random = seededRandom(20261122);
    let withTies = 0;
    for (let run = 0; run < 300; run++) {
      const pax8 = randomSide(random, 'p', Math.floor(random() * 10));
      const psa = randomSide(random, 'c', Math.floor(random() * 11));
      const threshold = random() < 0.2 ? 0.01 + random() * 0.99 : pick(random, THRESHOLDS);
      const options = {
        threshold,
        confirmed: random() < 0.3 ? randomPairs(random, pax8, psa, 2) : [],
        rejected: random() < 0.4 ? randomPairs(random, pax8, psa, 4) : [],
      };
      const context = JSON.stringify({ run, pax8, psa, options });
      const result = quickMatch(pax8, psa, options);
      const reference = allPairsReference(pax8, psa, options);

      const got = result.suggestions.map(({ pax8Id, psaId, score }) => ({ pax8Id, psaId, score }));
      expect(got, context).toEqual(reference.assignment);
      expect(result.stats.candidatePairs, context).toBe(reference.candidates.length);
      const total = result.suggestions.reduce((sum, s) => sum + Math.round(s.score * WEIGHT_SCALE), 0);
      expect(total, context).toBe(reference.bestTotalWeight);

      for (const suggestion of result.suggestions) {
        expect(suggestion.score, context).toBe(
          stringSimilarity.compareTwoStrings(suggestion.pax8Normalized, suggestion.psaNormalized),
        );
        expect(suggestion.score, context).toBeGreaterThanOrEqual(threshold);
        expect(options.rejected.some((r) => r.pax8Id === suggestion.pax8Id && r.psaId === suggestion.psaId)).toBe(false);
        expect(options.confirmed.some((c) => c.pax8Id === suggestion.pax8Id || c.psaId === suggestion.psaId)).toBe(false);
      }
      expect(new Set(result.suggestions.map((s) => s.psaId)).size).toBe(result.suggestions.length);
      expect(new Set(result.suggestions.map((s) => s.pax8Id)).size).toBe(result.suggestions.length);

      const confirmedPax8 = new Set(options.confirmed.map((c) => c.pax8Id));
      const suggestedPax8 = new Set(result.suggestions.map((s) => s.pax8Id));
      expect(result.unmatchedPax8.map((c) => c.id), context).toEqual(
        pax8.filter((c) => !confirmedPax8.has(c.id) && !suggestedPax8.has(c.id)).map((c) => c.id),
      );

      // Input order never changes the outcome (ties are broken by id, not by position).
      const again = quickMatch(shuffled(random, pax8), shuffled(random, psa), options);
      expect(again.suggestions, context).toEqual(result.suggestions);

      if (new Set(reference.candidates.map((c) => c.score)).size < reference.candidates.length) withTies++;
    }
    // The generator must really exercise ties, or the tie-breaking is not being tested.
    expect(withTies).toBeGreaterThan(50);
  });

  it('the bigram index finds exactly the pairs (and bit-identical scores) that scoring every pair finds', () => {
    const random = seededRandom(7);
    const syllables = ['an', 'ber', 'co', 'den', 'er', 'ford', 'gar', 'in', 'lan', 'mor', 'on', 'ri', 'son', 'ta', 'ville'];
    const name = () =>
      Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
        Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(random, syllables)).join(''),
      ).join(' ');
    const left = Array.from({ length: 200 }, () => stripWhitespace(normalizeCompanyName(name())));
    const right = Array.from({ length: 200 }, () => stripWhitespace(normalizeCompanyName(name())));
    const all = left.map((a) => right.map((b) => stringSimilarity.compareTwoStrings(a, b)));
    for (const threshold of [0.2, 0.4, 0.6, 0.85]) {
      const expected: [number, number, number][] = [];
      all.forEach((row, i) => {
        row.forEach((score, j) => {
          if (score >= threshold) expected.push([i, j, score]);
        });
      });
      const pairs = findCandidatePairs(left, right, threshold, () => false);
      const got = Array.from(pairs.left, (i, e) => [i, pairs.right[e]!, pairs.score[e]!]);
      expect(got).toEqual(expected);
      expect(expected.length).toBeGreaterThan(0);
    }
  });
});
