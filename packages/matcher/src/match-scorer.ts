import stringSimilarity from 'string-similarity';
import { agreementFromSums, combineScores } from './combine-scores';
import { MatcherInputError } from './matcher-input-error';
import { companyNameVariants } from './normalize-company-name';
import { buildVocabulary, wordPenalty, wordWeight } from './word-weights';
import { wordsAlike } from './words-alike';

/** The Quick Match score of one pair of names, with the two parts it is made of. */
export interface MatchScore {
  /** `spelling × wordAgreement`, 0 to 1: what Quick Match compares with the threshold. */
  readonly score: number;
  /** {@link companySimilarity} of the two names: Dice similarity of their letter pairs, 0 to 1. */
  readonly spelling: number;
  /**
   * How much of the two names' words have a counterpart in the other name, each word weighted by how rare it
   * is in the two lists, 0 to 1 (see the package README, "What a score means").
   */
  readonly wordAgreement: number;
  /** The normalised Pax8 name that was compared (for `Legal dba Trade`, the variant that scored best). */
  readonly pax8Normalized: string;
  /** The normalised PSA name that was compared (for `Legal dba Trade`, the variant that scored best). */
  readonly psaNormalized: string;
  /** Words of the normalised Pax8 name with nothing alike in the PSA name. */
  readonly unmatchedPax8Words: readonly string[];
  /** Words of the normalised PSA name with nothing alike in the Pax8 name. */
  readonly unmatchedPsaWords: readonly string[];
}

/** Scores pairs of names the way {@link quickMatch} does for the lists it was made from. */
export interface MatchScorer {
  /** The score of one pair (any two names; words not in the lists count as if one company had them). */
  score(pax8Name: string, psaName: string): MatchScore;
  /** The weight of a word of a normalised name in these lists (`ln(1 + N / df)`). */
  wordWeight(word: string): number;
}

/**
 * The scoring Quick Match applies to the given lists, pair by pair, with its parts explained: for a review
 * screen ("why was this suggested?") and as the all-pairs reference the fast path is tested against. Word
 * weights come from the two lists, so pass every company name of both sides, as given to `quickMatch`. A name
 * `Legal dba Trade` is scored as each of its {@link companyNameVariants} and the best is kept (the first
 * variant on equal scores), so it matches a record holding either name.
 * @throws {@link MatcherInputError} when a list is not an array of strings.
 * @example
 * const scorer = createMatchScorer(['Contoso Holdings', 'Fabrikam Holdings'], ['Contoso Holdings LLC', 'Northwind Holdings']);
 * scorer.score('Contoso Holdings', 'Contoso Holdings LLC').score; // 1
 * scorer.score('Fabrikam Holdings', 'Northwind Holdings').score; // low: only "holdings" is shared
 */
export function createMatchScorer(pax8Names: readonly string[], psaNames: readonly string[]): MatchScorer {
  checkNames(pax8Names, 'pax8Names');
  checkNames(psaNames, 'psaNames');
  const vocabulary = buildVocabulary([...pax8Names, ...psaNames].map((name) => companyNameVariants(name).join(' ')));
  const weightOf = (word: string) => {
    const id = vocabulary.ids.get(word);
    return id === undefined ? wordWeight(vocabulary.nameCount, 1) : vocabulary.weights[id]!;
  };
  return {
    wordWeight: weightOf,
    score(pax8Name, psaName) {
      let best: MatchScore | undefined;
      for (const left of companyNameVariants(pax8Name)) {
        for (const right of companyNameVariants(psaName)) {
          const scored = scoreNormalized(left, right, weightOf);
          if (best === undefined || scored.score > best.score) best = scored;
        }
      }
      return best!;
    },
  };
}

/** The score of two normalised names, with its parts. */
function scoreNormalized(left: string, right: string, weightOf: (word: string) => number): MatchScore {
  const a = left.split(' ').filter(Boolean);
  const b = right.split(' ').filter(Boolean);
  if (a.length === 0 || b.length === 0) {
    return { score: 0, spelling: 0, wordAgreement: 0, pax8Normalized: left, psaNormalized: right, unmatchedPax8Words: a, unmatchedPsaWords: b };
  }
  let matched = 0;
  let unmatchedA = 0;
  let unmatchedB = 0;
  const unmatchedPax8Words: string[] = [];
  const unmatchedPsaWords: string[] = [];
  for (const word of a) {
    if (b.some((other) => wordsAlike(word, other))) matched += weightOf(word);
    else {
      unmatchedA += wordPenalty(word, weightOf(word));
      unmatchedPax8Words.push(word);
    }
  }
  for (const word of b) {
    if (a.some((other) => wordsAlike(word, other))) matched += weightOf(word);
    else {
      unmatchedB += wordPenalty(word, weightOf(word));
      unmatchedPsaWords.push(word);
    }
  }
  const spelling = stringSimilarity.compareTwoStrings(left, right);
  const wordAgreement = agreementFromSums(matched, unmatchedA, unmatchedB);
  return {
    score: combineScores(spelling, wordAgreement),
    spelling,
    wordAgreement,
    pax8Normalized: left,
    psaNormalized: right,
    unmatchedPax8Words,
    unmatchedPsaWords,
  };
}

function checkNames(names: unknown, field: string): void {
  if (!Array.isArray(names)) throw new MatcherInputError(field, 'must be an array of company names (strings).');
  names.forEach((name: unknown, index) => {
    if (typeof name !== 'string') {
      throw new MatcherInputError(`${field}[${index}]`, `must be a string, got ${name === null ? 'null' : typeof name}.`);
    }
  });
}
