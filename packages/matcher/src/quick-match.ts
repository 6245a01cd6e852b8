import { companyNameVariants } from './normalize-company-name';
import { type PreparedNames, prepareNames } from './prepared-names';
import { bestCandidates, countComponents, unmatched } from './quick-match-report';
import { compareIds, prepareSide } from './quick-match-side';
import type { CompanyRef, MatchSuggestion, QuickMatchOptions, QuickMatchResult } from './quick-match-types';
import { findScoredPairs, spellingOf } from './scored-pairs';
import { stablePairs } from './stable-pairs';
import { validateCompanies, validateOptions } from './validate-quick-match-input';
import { companyPairs, entriesOf, type VariantPairs } from './variant-pairs';
import { wordAgreement } from './word-agreement';

/**
 * Quick Match: suggests one-to-one mappings between Pax8 companies and PSA companies by name.
 *
 * Every pair whose score reaches `options.threshold` (default 0.4) is a candidate. The score is the
 * spelling similarity of the two normalised names ({@link companySimilarity}) times their word agreement:
 * how much of both names' words have a counterpart in the other name, each word weighted by how rare it is
 * in the two lists, words without a counterpart on both sides counting triple (see {@link createMatchScorer}
 * and the README). The suggestions are the stable one-to-one choice: the strongest pair is taken first, then
 * the strongest among the companies still free, and so on, so two companies that are each other's best
 * remaining candidate are paired and a strong pair is never traded for a larger sum of weak ones. The result
 * is exactly what scoring every pair would give, found through a word index, so 10,000 × 10,000 companies take
 * seconds. Ties are broken deterministically, independent of input order: identical normalised names first,
 * then the lower Pax8 id, then the lower PSA id. Companies in `options.confirmed` are left alone; pairs in
 * `options.rejected` are never suggested. A name that normalises to nothing (`''`, `'()'`) has no candidates.
 * A company named `Legal Name dba Trade Name` is matched on both names ({@link companyNameVariants}), the better
 * score counting, so it pairs with a record holding either.
 * Each suggestion is `'pending'` until a person confirms it.
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
  const pax8Variants = pax8Companies.map((company) => companyNameVariants(company.name));
  const psaVariants = psaCompanies.map((company) => companyNameVariants(company.name));
  const left = prepareSide(pax8Companies, confirmedPax8, pax8Variants);
  const right = prepareSide(psaCompanies, confirmedPsa, psaVariants);
  const leftEntries = entriesOf(left.variants);
  const rightEntries = entriesOf(right.variants);
  // Word weights come from every company given, confirmed or not, so confirming one pair changes no other score;
  // a company known by two names (`Legal dba Trade`) counts once for each word of either.
  const everyName = [...pax8Variants, ...psaVariants].map((names) => names.join(' '));
  const names = prepareNames(everyName, leftEntries.names, rightEntries.names);

  const rejected = rejectedKeys(options, left.companies, right.companies);
  const rejectedSkipped = new Set<number>();
  const entryPairs = findScoredPairs(
    names,
    threshold,
    rejected.size === 0
      ? () => false
      : (a, b) => {
          const key = leftEntries.owner[a]! * right.companies.length + rightEntries.owner[b]!;
          const skip = rejected.has(key);
          if (skip) rejectedSkipped.add(key);
          return skip;
        },
  );
  const pairs = companyPairs(entryPairs, leftEntries, rightEntries);
  const identical = (e: number) => names.left.normalizedId[pairs.leftEntry[e]!] === names.right.normalizedId[pairs.rightEntry[e]!];
  const assignment = stablePairs(pairs, left.companies.length, right.companies.length, identical);

  const suggestions: MatchSuggestion[] = [];
  const rightTaken = new Uint8Array(right.companies.length);
  const rowStart = rowStarts(pairs.left, left.companies.length);
  for (let i = 0; i < assignment.length; i++) {
    const j = assignment[i]!;
    if (j < 0) continue;
    rightTaken[j] = 1;
    const e = edgeOf(pairs.right, rowStart, i, j);
    suggestions.push(suggestion(names, pairs, e, [left.companies[i]!, leftEntries.names[pairs.leftEntry[e]!]!], [right.companies[j]!, rightEntries.names[pairs.rightEntry[e]!]!]));
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
      rejectedSkipped: rejectedSkipped.size,
    },
  };
}

/** The suggestion of pair `e` (each company with its name variant that gave the score), with the parts of its score. */
function suggestion(
  names: PreparedNames,
  pairs: VariantPairs,
  e: number,
  [pax8, pax8Normalized]: [CompanyRef, string],
  [psa, psaNormalized]: [CompanyRef, string],
): MatchSuggestion {
  const a = pairs.leftEntry[e]!;
  const b = pairs.rightEntry[e]!;
  const { left, right } = names;
  return {
    pax8Id: pax8.id,
    psaId: psa.id,
    score: pairs.score[e]!,
    spelling: spellingOf(left, a, right, b),
    wordAgreement: wordAgreement(
      left.words, left.wordStart[a]!, left.wordStart[a + 1]!,
      right.words, right.wordStart[b]!, right.wordStart[b + 1]!,
      names.vocabulary.weights, names.vocabulary.penalties, names.alike,
    ),
    pax8Name: pax8.name,
    psaName: psa.name,
    pax8Normalized,
    psaNormalized,
    status: 'pending',
  };
}

function rejectedKeys(options: QuickMatchOptions, left: readonly CompanyRef[], right: readonly CompanyRef[]): Set<number> {
  const keys = new Set<number>();
  if (!options.rejected || options.rejected.length === 0) return keys;
  const leftIndex = new Map(left.map((company, index) => [company.id, index]));
  const rightIndex = new Map(right.map((company, index) => [company.id, index]));
  for (const pair of options.rejected) {
    const i = leftIndex.get(pair.pax8Id);
    const j = rightIndex.get(pair.psaId);
    if (i !== undefined && j !== undefined) keys.add(i * right.length + j);
  }
  return keys;
}

function rowStarts(lefts: Int32Array, count: number): Int32Array {
  const rowStart = new Int32Array(count + 1);
  for (const i of lefts) rowStart[i + 1]!++;
  for (let i = 0; i < count; i++) rowStart[i + 1]! += rowStart[i]!;
  return rowStart;
}

function edgeOf(cols: Int32Array, rowStart: Int32Array, i: number, j: number): number {
  for (let e = rowStart[i]!; e < rowStart[i + 1]!; e++) if (cols[e] === j) return e;
  throw new Error(`internal: no candidate pair (${i}, ${j})`);
}
