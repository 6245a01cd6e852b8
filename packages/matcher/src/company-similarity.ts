import stringSimilarity from 'string-similarity';
import { companyNameVariants } from './normalize-company-name';

/**
 * How alike two company names are, from 0 to 1: the Dice coefficient over character bigrams
 * (`string-similarity`'s `compareTwoStrings`) of the two {@link normalizeCompanyName | normalised} names.
 * A name with no letters or digits (`''`, `'()'`, `'---'`) normalises to `''` and scores 0 against
 * everything, itself included: it carries no evidence (the library would score two empty strings 1). A name
 * `Legal dba Trade` is compared as each of its {@link companyNameVariants}, and the best similarity is returned.
 * @throws {@link MatcherInputError} when either name is not a string.
 * @example
 * companySimilarity('Acme, Inc.', 'ACME LLC'); // 1
 * companySimilarity('Acme Dental', 'Acme Plumbing'); // 0.3
 */
export function companySimilarity(a: string, b: string): number {
  let best = 0;
  for (const left of companyNameVariants(a)) {
    for (const right of companyNameVariants(b)) {
      if (left !== '' && right !== '') best = Math.max(best, stringSimilarity.compareTwoStrings(left, right));
    }
  }
  return best;
}
