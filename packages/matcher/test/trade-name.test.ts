import { companyNameVariants, companySimilarity, createMatchScorer, normalizeCompanyName, quickMatch } from '@pax8-sync/matcher';
import { describe, expect, it } from 'vitest';

// A company registered as "Legal Name dba Trade Name" is one company known by two names: the other system may
// hold either. Quick Match scores both and keeps the better.
describe('Legal Name dba Trade Name matches a record holding either name', () => {
  it('companyNameVariants: the trade name first, then the legal name; one name when there is no marker', () => {
    expect(companyNameVariants('Kaur Holdings LLC dba Grastam Realty')).toEqual(['grastam realty', 'kaur holdings']);
    expect(companyNameVariants('Acme Inc. d/b/a Widget World')).toEqual(['widget world', 'acme']);
    expect(companyNameVariants('Acme Holdings doing business as The Acme Shop, LLC')).toEqual(['acme shop', 'acme holdings']);
    expect(companyNameVariants('Acme LLC trading as Acme Inc')).toEqual(['acme']);
    expect(companyNameVariants('Acme, Inc.')).toEqual(['acme']);
    expect(companyNameVariants('DBA Design')).toEqual(['dba design']);
    expect(normalizeCompanyName('Kaur Holdings LLC dba Grastam Realty')).toBe('grastam realty');
  });

  it('a Pax8 "X Holdings LLC dba Y" pairs with PSA "X Holdings LLC", and with PSA "Y"', () => {
    const pax8 = [{ id: 'p1', name: 'Kaur Holdings LLC dba Grastam Realty' }];
    const legal = quickMatch(pax8, [{ id: 'c1', name: 'Kaur Holdings LLC' }, { id: 'c2', name: 'Woodgrove Bakery' }]);
    expect(legal.suggestions).toEqual([
      expect.objectContaining({ pax8Id: 'p1', psaId: 'c1', score: 1, pax8Normalized: 'kaur holdings', psaNormalized: 'kaur holdings' }),
    ]);
    const trade = quickMatch(pax8, [{ id: 'c3', name: 'Grastam Realty Inc' }, { id: 'c2', name: 'Woodgrove Bakery' }]);
    expect(trade.suggestions).toEqual([
      expect.objectContaining({ pax8Id: 'p1', psaId: 'c3', score: 1, pax8Normalized: 'grastam realty', psaNormalized: 'grastam realty' }),
    ]);
  });

  it('works from the PSA side too, and with two dba names on both sides', () => {
    const fromPsa = quickMatch([{ id: 'p1', name: 'Kaur Holdings' }], [{ id: 'c1', name: 'Kaur Holdings LLC d/b/a Grastam Realty' }]);
    expect(fromPsa.suggestions.map((s) => [s.psaId, s.score, s.psaNormalized])).toEqual([['c1', 1, 'kaur holdings']]);
    const both = quickMatch(
      [{ id: 'p1', name: 'Kaur Holdings LLC dba Grastam Realty' }],
      [{ id: 'c1', name: 'Kaur Holdings, LLC DBA Grastam Realty & Homes' }],
    );
    expect(both.suggestions.map((s) => [s.psaId, s.score, s.pax8Normalized])).toEqual([['c1', 1, 'kaur holdings']]);
  });

  it('one-to-one still: with both names on the PSA side, the better-scoring one is suggested and the other left', () => {
    const result = quickMatch(
      [{ id: 'p1', name: 'Kaur Holdings LLC dba Grastam Realty' }],
      [{ id: 'c1', name: 'Kaur Holding' }, { id: 'c2', name: 'Grastam Realty' }],
    );
    expect(result.suggestions.map((s) => s.psaId)).toEqual(['c2']);
    expect(result.unmatchedPsa).toEqual([
      expect.objectContaining({ id: 'c1', reason: 'outmatched', bestCandidate: { id: 'p1', score: expect.any(Number) } }),
    ]);
  });

  it('createMatchScorer and companySimilarity score the better name, and say which', () => {
    const names = ['Kaur Holdings LLC dba Grastam Realty', 'Woodgrove Bakery'];
    const scorer = createMatchScorer(names, ['Kaur Holdings LLC', 'Fourth Coffee']);
    const why = scorer.score('Kaur Holdings LLC dba Grastam Realty', 'Kaur Holdings LLC');
    expect(why).toMatchObject({ score: 1, pax8Normalized: 'kaur holdings', psaNormalized: 'kaur holdings' });
    expect(companySimilarity('Kaur Holdings LLC dba Grastam Realty', 'Kaur Holdings LLC')).toBe(1);
    expect(companySimilarity('Kaur Holdings LLC dba Grastam Realty', 'Grastam Realty')).toBe(1);
  });
});

describe('the word index with two-name companies finds what scoring every pair finds', () => {
  it('200 × 200 synthetic companies, a fifth of them "Legal dba Trade" on each side, at 0.4', async () => {
    const { companyLists } = await import('../../../bench/matcher-speed-names');
    const { allPairsReference } = await import('./all-pairs-reference');
    const { pax8, psa } = companyLists(200, 5);
    const withTrade = <T extends { name: string }>(list: T[], other: T[]) =>
      list.map((company, k) => (k % 5 === 2 ? { ...company, name: `${company.name} dba ${other[(k * 7) % other.length]!.name}` } : company));
    const left = withTrade(pax8, psa);
    const right = withTrade(psa, pax8);
    const result = quickMatch(left, right, { threshold: 0.4 });
    const reference = allPairsReference(left, right, { threshold: 0.4 });
    expect(left.filter((c) => companyNameVariants(c.name).length === 2).length).toBeGreaterThan(30);
    expect(result.stats.candidatePairs).toBe(reference.candidates.length);
    expect(result.suggestions.map(({ pax8Id, psaId, score }) => ({ pax8Id, psaId, score }))).toEqual(reference.suggestions);
  });
});
