import { findCandidatePairs } from './candidate-pairs';
import { stripWhitespace } from './dice';
import { maxWeightAssignment, WEIGHT_SCALE } from './max-weight-assignment';
import { bestCandidates, countComponents, unmatched } from './quick-match-report';
import { compareIds, prepareSide } from './quick-match-side';
import type { CompanyRef, MatchSuggestion, QuickMatchOptions, QuickMatchResult } from './quick-match-types';
import { validateCompanies, validateOptions } from './validate-quick-match-input';

/**
 * Quick Match: suggests one-to-one mappings between Pax8 companies and PSA companies by name.
 *
 * Every pair whose {@link companySimilarity} reaches `options.threshold` (default 0.4) is a candidate;
 * the suggestions are the assignment with the highest total score (not a first-come greedy pass), each
 * PSA company and each Pax8 company used at most once. The result is exactly what scoring every pair
 * would give, found through a bigram index, so 10,000 × 10,000 companies take seconds. Ties are broken
 * deterministically, by id order, independent of input order. Companies in `options.confirmed` are left
 * alone; pairs in `options.rejected` are never suggested. A name that normalises to nothing (`''`, `'()'`) has no candidates. Each suggestion is `'pending'` until a person confirms it.
 * @throws {@link MatcherInputError} naming the bad field (duplicate ids, a missing name, a threshold outside (0, 1]).
 * @example
 * const { suggestions } = quickMatch(
 *   [{ id: 'p1', name: 'Acme, Inc.' }],
 *   [{ id: '42', name: 'ACME LLC' }, { id: '43', name: 'Apex Dental' }],
 * );
 * // [{ pax8Id: 'p1', psaId: '42', score: 1, pax8Normalized: 'acme', psaNormalized: 'acme', status: 'pending', … }]
 */
export function quickMatch(
  pax8Companies: readonly CompanyRef[],
  psaCompanies: readonly CompanyRef[],
  options: QuickMatchOptions = {},
): QuickMatchResult {
  const threshold = validateOptions(options);
  validateCompanies(pax8Companies, 'pax8Companies');
  validateCompanies(psaCompanies, 'psaCompanies');

  const confirmedPax8 = new Set<string>();
  const confirmedPsa = new Set<string>();
  for (const pair of options.confirmed ?? []) {
    confirmedPax8.add(pair.pax8Id);
    confirmedPsa.add(pair.psaId);
  }
  const left = prepareSide(pax8Companies, confirmedPax8);
  const right = prepareSide(psaCompanies, confirmedPsa);

  const rejected = new Set<number>();
  if (options.rejected && options.rejected.length > 0) {
    const leftIndex = new Map(left.companies.map((company, index) => [company.id, index]));
    const rightIndex = new Map(right.companies.map((company, index) => [company.id, index]));
    for (const pair of options.rejected) {
      const i = leftIndex.get(pair.pax8Id);
      const j = rightIndex.get(pair.psaId);
      if (i !== undefined && j !== undefined) rejected.add(i * right.companies.length + j);
    }
  }
  let rejectedSkipped = 0;
  const pairs = findCandidatePairs(
    left.normalized.map(stripWhitespace),
    right.normalized.map(stripWhitespace),
    threshold,
    rejected.size === 0
      ? () => false
      : (i, j) => {
          const skip = rejected.has(i * right.companies.length + j);
          if (skip) rejectedSkipped++;
          return skip;
        },
  );

  const rowStart = new Int32Array(left.companies.length + 1);
  for (let e = 0; e < pairs.length; e++) rowStart[pairs.left[e]! + 1]!++;
  for (let i = 0; i < left.companies.length; i++) rowStart[i + 1]! += rowStart[i]!;
  const weights = pairs.score.map((score) => Math.round(score * WEIGHT_SCALE));
  const assignment = maxWeightAssignment(left.companies.length, right.companies.length, rowStart, pairs.right, weights);

  const suggestions: MatchSuggestion[] = [];
  const rightTaken = new Uint8Array(right.companies.length);
  for (let i = 0; i < assignment.length; i++) {
    const j = assignment[i]!;
    if (j < 0) continue;
    rightTaken[j] = 1;
    const score = scoreOf(pairs.right, pairs.score, rowStart, i, j);
    const pax8 = left.companies[i]!;
    const psa = right.companies[j]!;
    suggestions.push({
      pax8Id: pax8.id,
      psaId: psa.id,
      score,
      pax8Name: pax8.name,
      psaName: psa.name,
      pax8Normalized: left.normalized[i]!,
      psaNormalized: right.normalized[j]!,
      status: 'pending',
    });
  }
  suggestions.sort((a, b) => b.score - a.score || compareIds(a.pax8Id, b.pax8Id) || compareIds(a.psaId, b.psaId));

  const bestLeft = bestCandidates(left.companies.length, pairs.left, pairs.right, pairs.score);
  const bestRight = bestCandidates(right.companies.length, pairs.right, pairs.left, pairs.score);
  return {
    suggestions,
    unmatchedPax8: unmatched(left, (i) => assignment[i]! < 0, bestLeft, right.companies),
    unmatchedPsa: unmatched(right, (j) => rightTaken[j] === 0, bestRight, left.companies),
    threshold,
    stats: {
      candidatePairs: pairs.length,
      components: countComponents(left.companies.length, right.companies.length, pairs.left, pairs.right),
      confirmedSkipped:
        pax8Companies.length - left.companies.length + (psaCompanies.length - right.companies.length),
      rejectedSkipped,
    },
  };
}

function scoreOf(cols: Int32Array, scores: Float64Array, rowStart: Int32Array, i: number, j: number): number {
  for (let e = rowStart[i]!; e < rowStart[i + 1]!; e++) if (cols[e] === j) return scores[e]!;
  throw new Error(`internal: no candidate pair (${i}, ${j})`);
}
