import { companySimilarity, MatcherInputError, quickMatch } from '@pax8-sync/matcher';
import { describe, expect, it } from 'vitest';

const pairsOf = (result: ReturnType<typeof quickMatch>) => result.suggestions.map((s) => [s.pax8Id, s.psaId]);

describe('quickMatch — ties are deterministic', () => {
  it('equal candidates go by id order: the lowest Pax8 id gets the lowest PSA id', () => {
    const result = quickMatch(
      [
        { id: 'p2', name: 'Acme LLC' },
        { id: 'p1', name: 'Acme Inc' },
      ],
      [
        { id: 'c9', name: 'ACME' },
        { id: 'c3', name: 'Acme Corp' },
      ],
    );
    expect(pairsOf(result)).toEqual([
      ['p1', 'c3'],
      ['p2', 'c9'],
    ]);
  });

  it('with one PSA company and two equal Pax8 companies, the lower Pax8 id keeps it', () => {
    for (const order of [
      ['p1', 'p2'],
      ['p2', 'p1'],
    ]) {
      const result = quickMatch(
        order.map((id) => ({ id, name: 'Acme' })),
        [{ id: 'c1', name: 'Acme Inc' }],
      );
      expect(pairsOf(result)).toEqual([['p1', 'c1']]);
      expect(result.unmatchedPax8.map((c) => [c.id, c.reason])).toEqual([['p2', 'outmatched']]);
    }
  });

  it('a dense block of identical names pairs lowest id with lowest id', () => {
    const ids = Array.from({ length: 300 }, (_, k) => String(k).padStart(3, '0'));
    const pax8 = [...ids].reverse().map((id) => ({ id: `p${id}`, name: 'Acme Inc' }));
    const psa = ids.slice(0, 250).map((id) => ({ id: `c${id}`, name: 'ACME, LLC' }));
    const result = quickMatch(pax8, psa);
    expect(result.stats.candidatePairs).toBe(300 * 250);
    expect(result.suggestions).toHaveLength(250);
    expect(result.suggestions.every((s) => s.pax8Id.slice(1) === s.psaId.slice(1))).toBe(true);
    expect(result.unmatchedPax8.map((c) => c.id)).toEqual(ids.slice(250).reverse().map((id) => `p${id}`));
  });

  it('the same input always gives the same output', () => {
    const pax8 = ['Acme', 'Acme Inc', 'Acme Dental', 'Acme Dentist', 'Apex'].map((name, k) => ({ id: `p${k}`, name }));
    const psa = ['ACME', 'Acme Ltd', 'Acme Dental Care', 'Apex Inc', 'Apex Dental'].map((name, k) => ({ id: `c${k}`, name }));
    const first = quickMatch(pax8, psa);
    for (let k = 0; k < 5; k++) expect(quickMatch(pax8, psa)).toEqual(first);
    expect(first.suggestions.map((s) => s.score)).toEqual([...first.suggestions.map((s) => s.score)].sort((a, b) => b - a));
  });
});

describe('quickMatch — confirmed and rejected mappings', () => {
  const pax8 = [
    { id: 'p1', name: 'Acme Inc' },
    { id: 'p2', name: 'Apex Dental' },
  ];
  const psa = [
    { id: 'c1', name: 'Acme LLC' },
    { id: 'c2', name: 'Apex Dental Group' },
    { id: 'c3', name: 'Acme' },
  ];

  it('confirmed mappings are left alone: neither company is suggested or reported unmatched', () => {
    const result = quickMatch(pax8, psa, { confirmed: [{ pax8Id: 'p1', psaId: 'c1' }] });
    expect(pairsOf(result)).toEqual([['p2', 'c2']]);
    expect(result.unmatchedPax8).toEqual([]);
    expect(result.unmatchedPsa.map((c) => c.id)).toEqual(['c3']);
    expect(result.stats.confirmedSkipped).toBe(2);
  });

  it('a confirmed mapping to a company outside the lists still removes the one that is present', () => {
    const result = quickMatch(pax8, psa, { confirmed: [{ pax8Id: 'p1', psaId: 'gone' }] });
    expect(result.suggestions.some((s) => s.pax8Id === 'p1')).toBe(false);
    expect(result.stats.confirmedSkipped).toBe(1);
  });

  it('a rejected pair is never suggested again; each company may still match another', () => {
    const before = quickMatch(pax8, psa);
    expect(pairsOf(before)).toContainEqual(['p1', 'c1']);
    const after = quickMatch(pax8, psa, { rejected: [{ pax8Id: 'p1', psaId: 'c1' }] });
    expect(pairsOf(after)).not.toContainEqual(['p1', 'c1']);
    expect(pairsOf(after)).toContainEqual(['p1', 'c3']);
    expect(after.stats.rejectedSkipped).toBe(1);
    expect(after.unmatchedPsa.map((c) => c.id)).toEqual(['c1']);
  });

  it('rejecting every candidate of a company leaves it unmatched with no candidate', () => {
    const result = quickMatch([{ id: 'p1', name: 'Acme' }], [{ id: 'c1', name: 'Acme Inc' }], {
      rejected: [{ pax8Id: 'p1', psaId: 'c1' }],
    });
    expect(result.suggestions).toEqual([]);
    expect(result.unmatchedPax8).toEqual([{ id: 'p1', name: 'Acme', normalized: 'acme', reason: 'no-candidate' }]);
  });

  it('does not mutate the caller input or options', () => {
    const options = Object.freeze({
      threshold: 0.5,
      confirmed: Object.freeze([Object.freeze({ pax8Id: 'p1', psaId: 'c1' })]),
      rejected: Object.freeze([Object.freeze({ pax8Id: 'p2', psaId: 'c3' })]),
    });
    const frozenPax8 = Object.freeze(pax8.map((c) => Object.freeze({ ...c })));
    const frozenPsa = Object.freeze(psa.map((c) => Object.freeze({ ...c })));
    expect(() => quickMatch(frozenPax8, frozenPsa, options)).not.toThrow();
    expect(frozenPax8.map((c) => c.id)).toEqual(['p1', 'p2']);
  });
});

describe('quickMatch — unmatched companies', () => {
  it('reports both sides in input order, with the reason and the best candidate when outmatched', () => {
    const result = quickMatch(
      [
        { id: 'p3', name: 'Zulu Farms' },
        { id: 'p1', name: 'Acme' },
        { id: 'p2', name: 'Acme Inc' },
      ],
      [
        { id: 'c2', name: 'Nothing Alike' },
        { id: 'c1', name: 'ACME' },
      ],
    );
    expect(result.unmatchedPax8).toEqual([
      { id: 'p3', name: 'Zulu Farms', normalized: 'zulu farms', reason: 'no-candidate' },
      { id: 'p2', name: 'Acme Inc', normalized: 'acme', reason: 'outmatched', bestCandidate: { id: 'c1', score: 1 } },
    ]);
    expect(result.unmatchedPsa).toEqual([
      { id: 'c2', name: 'Nothing Alike', normalized: 'nothing alike', reason: 'no-candidate' },
    ]);
    expect(result.stats).toEqual({ candidatePairs: 2, components: 1, confirmedSkipped: 0, rejectedSkipped: 0 });
  });

  it('handles empty sides', () => {
    expect(quickMatch([], [])).toMatchObject({ suggestions: [], unmatchedPax8: [], unmatchedPsa: [] });
    expect(quickMatch([{ id: 'p', name: 'Acme' }], []).unmatchedPax8).toHaveLength(1);
  });
});

describe('quickMatch — bad input', () => {
  const ok = [{ id: 'a', name: 'Acme' }];
  it.each([
    [() => quickMatch(ok, ok, { threshold: 0 }), 'options.threshold'],
    [() => quickMatch(ok, ok, { threshold: 1.5 }), 'options.threshold'],
    [() => quickMatch(ok, ok, { threshold: Number.NaN }), 'options.threshold'],
    [() => quickMatch('x' as never, ok), 'pax8Companies'],
    [() => quickMatch(ok, [{ id: 'a', name: 'A' }, { id: 'a', name: 'B' }]), 'psaCompanies[1].id'],
    [() => quickMatch([{ id: 7, name: 'A' } as never], ok), 'pax8Companies[0].id'],
    [() => quickMatch([{ id: '', name: 'A' }], ok), 'pax8Companies[0].id'],
    [() => quickMatch(ok, [{ id: 'b', name: null } as never]), 'psaCompanies[0].name'],
    [() => quickMatch(ok, ok, { confirmed: [{ pax8Id: 'a' } as never] }), 'options.confirmed[0].psaId'],
    [() => quickMatch(ok, ok, { rejected: {} as never }), 'options.rejected'],
  ])('%#: throws MatcherInputError naming %s', (act, field) => {
    let caught: unknown;
    try {
      act();
    } catch (error) {
      caught = error;
    }
    expect(MatcherInputError.isInstance(caught)).toBe(true);
    expect((caught as MatcherInputError).field).toBe(field);
    expect((caught as Error).message.startsWith(`${field}: `)).toBe(true);
  });

  it('names the first occurrence of a duplicate id', () => {
    expect(() => quickMatch(ok, [{ id: 'a', name: 'A' }, { id: 'a', name: 'B' }])).toThrow(
      'psaCompanies[1].id: duplicates psaCompanies[0].id ("a"); ids must be unique on each side.',
    );
  });
});

describe('companySimilarity', () => {
  it('is the Dice coefficient of the normalised names, 0 to 1', () => {
    expect(companySimilarity('Acme, Inc.', 'ACME LLC')).toBe(1);
    // "acmedental" vs "acmeplumbing": bigrams ac,cm,me shared → 2·3/(9+11)
    expect(companySimilarity('Acme Dental', 'Acme Plumbing')).toBe(0.3);
    expect(companySimilarity('Acme', 'Zulu')).toBe(0);
    expect(companySimilarity('The Smith & Jones Co.', 'smith and jones')).toBe(1);
  });

  it('is symmetric', () => {
    expect(companySimilarity('Northwind Traders', 'Northwind Trading Co')).toBe(
      companySimilarity('Northwind Trading Co', 'Northwind Traders'),
    );
  });
});
