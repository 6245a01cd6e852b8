import { type CompanyRef, companyNameVariants, createMatchScorer, type MappingPair, normalizeCompanyName, quickMatch } from '@pax8-sync/matcher';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { companyLists } from '../../../bench/matcher-speed-names';
import { allPairsReference } from './all-pairs-reference';
import { seededRandom, shuffled } from './seeded-random';

// Words chosen to collide: slips (acme/acne/amce), truncations and contractions (dent/dental, hldgs/holdings,
// st/street/saint), connecting words, suffixes and "The" that normalise away, repeated letter pairs,
// 0- and 1-letter names, diacritics, `&`, branch tails, a non-BMP letter, joined words (bluewave).
const WORDS = [
  'acme', 'acne', 'amce', 'acm', 'ace', 'a', 'b', 'ab', 'ba', 'abab', 'aaa', 'The', 'Inc', 'LLC', '&', 'and', 'of',
  'dental', 'dent', 'dentl', 'holdings', 'hldgs', 'st', 'street', 'saint', 'blue', 'wave', 'bluewave', 'Café', 'cafe',
  'contoso', 'contosso', 'consulting', 'farms', '(old)', '- Denver', '𠀀𠀀', 'GmbH', 'bab', 'dba', 'x',
];

const nameArbitrary = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('Acme Inc', 'ACME', 'The Acme Co.', 'Acme Dental', 'ab ab', 'Contoso Farms', '') },
  { weight: 5, arbitrary: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }).map((words) => words.join(' ')) },
);

interface Instance {
  readonly pax8: CompanyRef[];
  readonly psa: CompanyRef[];
  readonly threshold: number;
  readonly confirmed: MappingPair[];
  readonly rejected: MappingPair[];
  readonly shuffleSeed: number;
}

const instanceArbitrary: fc.Arbitrary<Instance> = fc
  .record({
    pax8: fc.array(nameArbitrary, { maxLength: 9 }),
    psa: fc.array(nameArbitrary, { maxLength: 10 }),
    threshold: fc.oneof(fc.constantFrom(0.05, 0.3, 0.4, 0.4, 0.5, 2 / 3, 0.9, 1), fc.double({ min: 0.01, max: 1, noNaN: true })),
    confirmed: fc.array(fc.tuple(fc.nat(9), fc.nat(10)), { maxLength: 2 }),
    rejected: fc.array(fc.tuple(fc.nat(9), fc.nat(10)), { maxLength: 5 }),
    shuffleSeed: fc.nat(),
  })
  .map(({ pax8, psa, confirmed, rejected, ...rest }) => {
    const pairs = (list: [number, number][]) => list.map(([i, j]) => ({ pax8Id: `p${i}`, psaId: `c${j}` }));
    return {
      ...rest,
      pax8: pax8.map((name, k) => ({ id: `p${k}`, name })),
      psa: psa.map((name, k) => ({ id: `c${k}`, name })),
      confirmed: pairs(confirmed),
      rejected: pairs(rejected),
    };
  });

const pairsOf = (list: readonly { pax8Id: string; psaId: string; score: number }[]) =>
  list.map(({ pax8Id, psaId, score }) => ({ pax8Id, psaId, score }));

describe('quickMatch against scoring every pair (fast-check, seeded)', () => {
  it('same candidates, same scores, same suggestions as the all-pairs greedy reference, whatever the input order', () => {
    fc.assert(
      fc.property(instanceArbitrary, (instance) => {
        const options = { threshold: instance.threshold, confirmed: instance.confirmed, rejected: instance.rejected };
        const result = quickMatch(instance.pax8, instance.psa, options);
        const reference = allPairsReference(instance.pax8, instance.psa, options);
        expect(pairsOf(result.suggestions)).toEqual(reference.suggestions);
        expect(result.stats.candidatePairs).toBe(reference.candidates.length);

        const random = seededRandom(instance.shuffleSeed);
        const again = quickMatch(shuffled(random, instance.pax8), shuffled(random, instance.psa), options);
        expect(again.suggestions).toEqual(result.suggestions);
      }),
      { seed: 20261201, numRuns: 400 },
    );
  });

  it('each suggestion carries the score, spelling and word agreement the pairwise scorer gives', () => {
    fc.assert(
      fc.property(instanceArbitrary, (instance) => {
        const scorer = createMatchScorer(instance.pax8.map((c) => c.name), instance.psa.map((c) => c.name));
        const byId = new Map([...instance.pax8, ...instance.psa].map((c) => [c.id, c.name]));
        for (const s of quickMatch(instance.pax8, instance.psa, { threshold: instance.threshold }).suggestions) {
          const expected = scorer.score(byId.get(s.pax8Id)!, byId.get(s.psaId)!);
          expect([s.score, s.spelling, s.wordAgreement]).toEqual([expected.score, expected.spelling, expected.wordAgreement]);
          expect(s.score).toBeGreaterThanOrEqual(instance.threshold);
        }
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it('the suggestions are stable: no unsuggested candidate pair scores above what both its companies got', () => {
    fc.assert(
      fc.property(instanceArbitrary, (instance) => {
        const options = { threshold: instance.threshold, confirmed: instance.confirmed, rejected: instance.rejected };
        const { suggestions } = quickMatch(instance.pax8, instance.psa, options);
        const pax8Score = new Map(suggestions.map((s) => [s.pax8Id, s.score]));
        const psaScore = new Map(suggestions.map((s) => [s.psaId, s.score]));
        const suggested = new Set(suggestions.map((s) => `${s.pax8Id} ${s.psaId}`));
        for (const pair of allPairsReference(instance.pax8, instance.psa, options).candidates) {
          if (suggested.has(`${pair.pax8Id} ${pair.psaId}`)) continue;
          const blocked = (pax8Score.get(pair.pax8Id) ?? -1) >= pair.score || (psaScore.get(pair.psaId) ?? -1) >= pair.score;
          expect(blocked, JSON.stringify(pair)).toBe(true);
        }
      }),
      { seed: 11, numRuns: 400 },
    );
  });

  it('an identical normalised name unique on both sides is always suggested', () => {
    fc.assert(
      fc.property(instanceArbitrary, fc.nat(), (instance, at) => {
        const named = instance.pax8.filter((c) => normalizeCompanyName(c.name) !== '');
        fc.pre(named.length > 0);
        const chosen = named[at % named.length]!;
        const psa = [...instance.psa, { id: 'c-twin', name: `${chosen.name} LLC` }];
        // Unique: no other company on either side is known by any of its names (`Legal dba Trade` has two).
        const own = new Set(companyNameVariants(chosen.name));
        const count = (list: readonly CompanyRef[]) => list.filter((c) => companyNameVariants(c.name).some((name) => own.has(name))).length;
        fc.pre(count(instance.pax8) === 1 && count(psa) === 1);
        const { suggestions } = quickMatch(instance.pax8, psa, { threshold: instance.threshold });
        expect(suggestions).toContainEqual(expect.objectContaining({ pax8Id: chosen.id, psaId: 'c-twin', score: 1 }));
      }),
      { seed: 13, numRuns: 400 },
    );
  });

  it('confirmed companies are never suggested nor reported unmatched; rejected pairs are never suggested', () => {
    fc.assert(
      fc.property(instanceArbitrary, (instance) => {
        const result = quickMatch(instance.pax8, instance.psa, instance);
        const confirmedPax8 = new Set(instance.confirmed.map((c) => c.pax8Id));
        const confirmedPsa = new Set(instance.confirmed.map((c) => c.psaId));
        const rejected = new Set(instance.rejected.map((r) => `${r.pax8Id} ${r.psaId}`));
        for (const s of result.suggestions) {
          expect(confirmedPax8.has(s.pax8Id) || confirmedPsa.has(s.psaId)).toBe(false);
          expect(rejected.has(`${s.pax8Id} ${s.psaId}`)).toBe(false);
        }
        expect(result.unmatchedPax8.some((c) => confirmedPax8.has(c.id))).toBe(false);
        expect(result.unmatchedPsa.some((c) => confirmedPsa.has(c.id))).toBe(false);
        const present = instance.pax8.filter((c) => confirmedPax8.has(c.id)).length + instance.psa.filter((c) => confirmedPsa.has(c.id)).length;
        expect(result.stats.confirmedSkipped).toBe(present);
      }),
      { seed: 17, numRuns: 300 },
    );
  });
});

describe('the word index finds exactly the pairs scoring every pair finds, on realistic lists', () => {
  it('200 × 200 synthetic companies (variants, typos, shared industry words) at four thresholds', () => {
    const { pax8, psa } = companyLists(200, 9);
    const scorer = createMatchScorer(pax8.map((c) => c.name), psa.map((c) => c.name));
    const all = pax8.map((a) => psa.map((b) => scorer.score(a.name, b.name).score));
    for (const threshold of [0.2, 0.4, 0.6, 0.85]) {
      const expected = all.flatMap((row, i) => row.flatMap((score, j) => (score >= threshold ? [`${pax8[i]!.id} ${psa[j]!.id} ${score}`] : [])));
      const result = quickMatch(pax8, psa, { threshold });
      expect(result.stats.candidatePairs).toBe(expected.length);
      expect(expected.length).toBeGreaterThan(50);
      if (threshold === 0.4) expect(pairsOf(result.suggestions)).toEqual(allPairsReference(pax8, psa, { threshold }).suggestions);
    }
  });
});
