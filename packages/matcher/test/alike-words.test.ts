import { wordsAlike } from '@pax8-sync/matcher';
import { describe, expect, it } from 'vitest';
import { companyLists } from '../../../bench/matcher-speed-names';
import { findAlikeWords, idsAlike } from '../src/alike-words';
import { normalizeCompanyName } from '../src/normalize-company-name';

// The word index relates words without comparing every pair; it must give exactly wordsAlike's relation.
describe('findAlikeWords is exactly wordsAlike over a vocabulary', () => {
  it('on the words of 600 synthetic names and words made for every rule', () => {
    const { pax8, psa } = companyLists(300, 3);
    const made = [
      'technology', 'technologies', 'technical', 'techno', 'tech', 'company', 'companies', 'bakery', 'bakeries',
      'associates', 'associados', 'association', 'assoc', 'university', 'universal', 'agcy', 'agency', 'st', 'street',
      'consulting', 'cnosulting', 'constr', 'construction', 'ies', 'yies', 'abcy', 'abcies', 'dy', 'dies',
    ];
    const words = [...new Set([...pax8, ...psa].flatMap((c) => normalizeCompanyName(c.name).split(' ')).concat(made))];
    const alike = findAlikeWords(words);
    let related = 0;
    for (let a = 0; a < words.length; a++) {
      for (let b = 0; b < words.length; b++) {
        const expected = wordsAlike(words[a]!, words[b]!);
        if (expected && a !== b) related++;
        if (idsAlike(alike, a, b) !== expected) expect([words[a], words[b], idsAlike(alike, a, b)]).toEqual([words[a], words[b], expected]);
      }
    }
    expect(related).toBeGreaterThan(100);
  });
});
