import stringSimilarity from 'string-similarity';
import { normalizeCompanyName } from './normalize-company-name';

/**
 * How alike two company names are, from 0 to 1: the Dice coefficient over character bigrams
 * (`string-similarity`'s `compareTwoStrings`) of the two {@link normalizeCompanyName | normalised} names.
 * @throws {@link MatcherInputError} when either name is not a string.
 * @example
 * companySimilarity('Acme, Inc.', 'ACME LLC'); // 1
 * companySimilarity('Acme Dental', 'Acme Plumbing'); // 0.3
 */
export function companySimilarity(a: string, b: string): number {
  return stringSimilarity.compareTwoStrings(normalizeCompanyName(a), normalizeCompanyName(b));
}
