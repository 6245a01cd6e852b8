import { companySimilarity, normalizeCompanyName, quickMatch } from '@pax8-sync/matcher';
import { describe, expect, it } from 'vitest';
import { LEGAL_SUFFIXES } from '../src/legal-suffixes';
import { pick, seededRandom } from './seeded-random';

// A name with no letters or digits normalises to ''. string-similarity scores two empty strings 1, so
// without a rule two blank or punctuation-only names ('', '()', '!!!', '---') would be "perfect" matches.
const NAMELESS = ['', '   ', '()', '!!!', '---', '- -', '(  )'];

describe('a name that normalises to nothing matches nothing', () => {
  it('normalises to the empty string', () => {
    for (const name of NAMELESS) expect(normalizeCompanyName(name), JSON.stringify(name)).toBe('');
  });

  it('companySimilarity is 0 when either normalised name is empty', () => {
    for (const a of NAMELESS) {
      for (const b of NAMELESS) expect(companySimilarity(a, b), `${JSON.stringify(a)} / ${JSON.stringify(b)}`).toBe(0);
      expect(companySimilarity(a, 'Acme')).toBe(0);
      expect(companySimilarity('Acme', a)).toBe(0);
    }
    // One-letter names still match themselves: they carry a letter.
    expect(companySimilarity('A', 'A Inc.')).toBe(1);
  });

  it('quickMatch never suggests a pair of nameless companies, at any threshold, and reports them unmatched', () => {
    const pax8 = NAMELESS.map((name, k) => ({ id: `p${k}`, name }));
    const psa = [...NAMELESS.map((name, k) => ({ id: `c${k}`, name })), { id: 'cA', name: 'A' }];
    for (const threshold of [0.01, 0.4, 1]) {
      const result = quickMatch([...pax8, { id: 'pA', name: 'A' }], psa, { threshold });
      expect(result.suggestions.map((s) => [s.pax8Id, s.psaId])).toEqual([['pA', 'cA']]);
      expect(result.stats.candidatePairs).toBe(1);
      expect(result.unmatchedPax8.map((c) => [c.id, c.reason])).toEqual(pax8.map((c) => [c.id, 'no-candidate']));
      expect(result.unmatchedPsa).toHaveLength(NAMELESS.length);
    }
  });

  it('a name with any letter or digit never normalises to nothing, however many suffixes, "The"s and tails it has', () => {
    const random = seededRandom(5);
    const parts = [...LEGAL_SUFFIXES, 'The', 'the', '&', 'and', 'L.L.C.', 'P.C.', '(Old)', '- Denver', '| Austin', '[x]', ',', '.', '-', '(', ')'];
    for (let run = 0; run < 2000; run++) {
      const name = Array.from({ length: 1 + Math.floor(random() * 5) }, () => pick(random, parts)).join(pick(random, [' ', ', ']));
      if (!/[\p{L}\p{N}]/u.test(name)) continue;
      expect(normalizeCompanyName(name), JSON.stringify(name)).not.toBe('');
    }
  });
});
