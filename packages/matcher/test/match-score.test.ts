import { companySimilarity, createMatchScorer, MatcherInputError, wordsAlike } from '@pax8-sync/matcher';
import { describe, expect, it } from 'vitest';

// A small realistic pair of lists: several companies share the descriptors, a few share brands.
const PAX8 = [
  'Contoso Holdings', 'Fabrikam Partners', 'Northwind Traders', 'Tailspin Dental', 'Blue Yonder Consulting',
  'Adventure Works Bakery', 'Litware Insurance', 'Proseware Realty', 'Wingtip Services', 'Alpine Ski House',
  'Margie Travel', 'Lamna Dental', 'Humongous Insurance', 'Trey Research Partners', 'Coho Vineyard Services',
];
const PSA = [
  'Contoso Holdings LLC', 'Woodgrove Holdings', 'Lucerne Partners', 'Northwind Traders Inc', 'Margie Dental',
  'Blue Yonder Farms', 'Fourth Coffee Bakery', 'Litware Insurance Agency', 'Trey Realty', 'Wide World Services',
  'Alpine Ski House', 'Graphic Design Institute', 'Lamna Dental Group', 'Best For You Organics', 'Relecloud Services',
];
const scorer = createMatchScorer(PAX8, PSA);
const score = (a: string, b: string) => scorer.score(a, b);

describe('createMatchScorer: what a Quick Match score means', () => {
  it('identical normalised names score 1: spelling 1, every word matched', () => {
    expect(score('Contoso Holdings', 'Contoso Holdings LLC')).toEqual({
      score: 1, spelling: 1, wordAgreement: 1, pax8Normalized: 'contoso holdings', psaNormalized: 'contoso holdings',
      unmatchedPax8Words: [], unmatchedPsaWords: [],
    });
  });

  it('the score is spelling × word agreement, spelling being companySimilarity', () => {
    const s = score('Litware Insurance', 'Litware Insurance Agency');
    expect(s.spelling).toBe(companySimilarity('Litware Insurance', 'Litware Insurance Agency'));
    expect(s.score).toBe(s.spelling * s.wordAgreement);
  });

  it('sharing only generic words counts for little: well under the 0.4 threshold', () => {
    for (const [a, b] of [
      ['Contoso Holdings', 'Woodgrove Holdings'],
      ['Fabrikam Partners', 'Lucerne Partners'],
      ['Tailspin Dental', 'Margie Dental'],
      ['Adventure Works Bakery', 'Fourth Coffee Bakery'],
      ['Proseware Realty', 'Trey Realty'],
      ['Wingtip Services', 'Wide World Services'],
      ['Humongous Insurance', 'Litware Insurance Agency'],
    ] as const) {
      const s = score(a, b);
      expect(s.score, `${a} / ${b}`).toBeLessThan(0.25);
      expect(companySimilarity(a, b), `${a} / ${b}: spelling alone would pass`).toBeGreaterThanOrEqual(0.3);
    }
  });

  it('a distinctive shared word counts for much, a generic one for little', () => {
    // ln(1 + N / df): N = 30 names; "tailspin" is in 1, "contoso" in 2, "dental" in 4, "services" in 4.
    expect(scorer.wordWeight('tailspin')).toBe(Math.log1p(30));
    expect(scorer.wordWeight('contoso')).toBe(Math.log1p(15));
    expect(scorer.wordWeight('services')).toBe(Math.log1p(7.5));
    expect(scorer.wordWeight('never-seen')).toBe(Math.log1p(30));
  });

  it('same brand, different business: a word on each side with nothing alike on the other lowers the score', () => {
    const s = score('Blue Yonder Consulting', 'Blue Yonder Farms');
    expect(s.spelling).toBeGreaterThan(0.5);
    expect(s.unmatchedPax8Words).toEqual(['consulting']);
    expect(s.unmatchedPsaWords).toEqual(['farms']);
    expect(s.score).toBeLessThan(0.4);
    // An extra word on one side only (no conflict) costs less: the same company with a longer name.
    const extra = score('Lamna Dental', 'Lamna Dental Group');
    expect(extra.score).toBeGreaterThanOrEqual(0.4);
    expect(extra.wordAgreement).toBeGreaterThan(s.wordAgreement);
  });

  it('slips, truncations and contractions count as the same word', () => {
    const typo = score('Northwind Traders', 'Northwnid Traders');
    expect(typo.wordAgreement).toBe(1);
    expect(typo.score).toBe(typo.spelling);
    expect(score('Contoso Holdings', 'Contoso Hldgs').wordAgreement).toBe(1);
    expect(score('Litware Insurance Agency', 'Litware Ins Agcy').wordAgreement).toBe(1);
  });

  it('connecting words without a counterpart cost nothing', () => {
    expect(score('City of Brookfield', 'Brookfield City').wordAgreement).toBe(1);
  });

  it('a name with no letters or digits scores 0 against everything', () => {
    expect(score('()', '()').score).toBe(0);
    expect(score('', 'Contoso').score).toBe(0);
  });

  it('rejects a list that is not an array of strings, naming it', () => {
    expect(() => createMatchScorer('x' as never, [])).toThrow(MatcherInputError);
    expect(() => createMatchScorer([], ['a', 3 as never])).toThrow('psaNames[1]: must be a string, got number.');
  });
});

describe('wordsAlike', () => {
  it.each([
    ['consulting', 'cnosulting', true],
    ['dance', 'danc', true],
    ['title', 'tile', true],
    ['constr', 'construction', true],
    ['sol', 'solutions', true],
    ['agcy', 'agency', true],
    ['bldrs', 'builders', true],
    ['st', 'street', true],
    ['farms', 'consulting', false],
    ['northside', 'southside', false],
    ['bank', 'bakery', false],
    ['law', 'lab', false],
    ['ab', 'ba', false],
  ] as const)('%s / %s → %s', (a, b, alike) => {
    expect(wordsAlike(a, b)).toBe(alike);
    expect(wordsAlike(b, a)).toBe(alike);
  });
});
