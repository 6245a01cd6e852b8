import { DEFAULT_MATCH_THRESHOLD, quickMatch } from '@pax8-sync/matcher';
import { describe, expect, it } from 'vitest';

const pairsOf = (result: ReturnType<typeof quickMatch>) => result.suggestions.map((s) => [s.pax8Id, s.psaId]);

describe('quickMatch', () => {
  it('suggests pairs at or above 0.4 by default, each pending, with both normalised names and the score', () => {
    expect(DEFAULT_MATCH_THRESHOLD).toBe(0.4);
    const result = quickMatch(
      [
        { id: 'p1', name: 'Acme, Inc.' },
        { id: 'p2', name: 'Zebra Dental' },
      ],
      [
        { id: 'c1', name: 'ACME LLC' },
        { id: 'c2', name: 'Quantum Physics Lab' },
      ],
    );
    expect(result.suggestions).toEqual([
      {
        pax8Id: 'p1',
        psaId: 'c1',
        score: 1,
        spelling: 1,
        wordAgreement: 1,
        pax8Name: 'Acme, Inc.',
        psaName: 'ACME LLC',
        pax8Normalized: 'acme',
        psaNormalized: 'acme',
        status: 'pending',
      },
    ]);
    expect(result.threshold).toBe(0.4);
    expect(result.unmatchedPax8).toEqual([
      { id: 'p2', name: 'Zebra Dental', normalized: 'zebra dental', reason: 'no-candidate' },
    ]);
    expect(result.unmatchedPsa).toEqual([
      { id: 'c2', name: 'Quantum Physics Lab', normalized: 'quantum physics laboratory', reason: 'no-candidate' },
    ]);
  });

  it('the threshold is inclusive and configurable', () => {
    // "abcd" vs "abce": bigrams ab,bc,cd vs ab,bc,ce → 2*2/6 = 0.666…
    const pax8 = [{ id: 'p', name: 'abcd' }];
    const psa = [{ id: 'c', name: 'abce' }];
    expect(pairsOf(quickMatch(pax8, psa, { threshold: 2 / 3 }))).toEqual([['p', 'c']]);
    expect(pairsOf(quickMatch(pax8, psa, { threshold: 0.67 }))).toEqual([]);
  });

  it('is one-to-one: a PSA company is never suggested twice', () => {
    const result = quickMatch(
      [
        { id: 'p1', name: 'Acme Inc' },
        { id: 'p2', name: 'Acme LLC' },
      ],
      [{ id: 'c1', name: 'Acme' }],
    );
    expect(pairsOf(result)).toEqual([['p1', 'c1']]);
    expect(result.unmatchedPax8).toEqual([
      { id: 'p2', name: 'Acme LLC', normalized: 'acme', reason: 'outmatched', bestCandidate: { id: 'c1', score: 1 } },
    ]);
  });

  it('takes the strongest pair first: a strong pair is never given up for two weaker ones', () => {
    // A maximum-total assignment would pair p1–c2 and p2–c1 (0.857 + 0.857 > 1.0): it gives up the identical pair.
    const pax8 = [
      { id: 'p1', name: 'abcdefgh' },
      { id: 'p2', name: 'zbcdefgh' },
    ];
    const psa = [
      { id: 'c1', name: 'abcdefgh' },
      { id: 'c2', name: 'abcdefgx' },
    ];
    const result = quickMatch(pax8, psa, { threshold: 0.75 });
    expect(pairsOf(result)).toEqual([['p1', 'c1']]);
    expect(result.suggestions[0]!.score).toBe(1);
    expect(result.unmatchedPax8).toEqual([
      { id: 'p2', name: 'zbcdefgh', normalized: 'zbcdefgh', reason: 'outmatched', bestCandidate: { id: 'c1', score: 12 / 14 } },
    ]);
  });

  it('two companies that are each other\'s best remaining candidate are paired, round after round', () => {
    const result = quickMatch(
      [
        { id: 'p1', name: 'Contoso Dental' },
        { id: 'p2', name: 'Contoso Dental Group' },
      ],
      [
        { id: 'c1', name: 'Contoso Dental Group LLC' },
        { id: 'c2', name: 'Contoso Dental Care' },
      ],
    );
    // p2–c1 are identical and go first; then p1–c2 is the best left for both.
    expect(pairsOf(result)).toEqual([
      ['p2', 'c1'],
      ['p1', 'c2'],
    ]);
  });

  it('among pairs scoring 1, identical normalised names go first (a name equal only without spaces waits)', () => {
    // 'xy xy' / 'xyxy': equal without spaces (spelling 1) and 'xy' is a contraction of 'xyxy' (words agree): 1.
    const result = quickMatch([{ id: 'p1', name: 'xyxy' }], [
      { id: 'c1', name: 'xy xy' },
      { id: 'c2', name: 'XYXY Inc' },
    ]);
    expect(result.stats.candidatePairs).toBe(2);
    expect(result.unmatchedPsa.map((c) => [c.id, c.reason, c.bestCandidate?.score])).toEqual([['c1', 'outmatched', 1]]);
    expect(pairsOf(result)).toEqual([['p1', 'c2']]);
  });
});
