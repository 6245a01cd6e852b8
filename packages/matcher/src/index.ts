/**
 * @pax8-sync/matcher — company-name normalisation, similarity and Quick Match (one-to-one, strongest pair
 * first mapping suggestions between Pax8 and PSA companies).
 * @packageDocumentation
 */

export { companySimilarity } from './company-similarity';
export { DEFAULT_MATCH_THRESHOLD } from './constants';
export { LEGAL_SUFFIXES } from './legal-suffixes';
export { type MatchScore, type MatchScorer, createMatchScorer } from './match-scorer';
export { MatcherInputError } from './matcher-input-error';
export { companyNameVariants, normalizeCompanyName } from './normalize-company-name';
export { quickMatch } from './quick-match';
export type {
  CompanyRef,
  MappingPair,
  MatchSuggestion,
  QuickMatchOptions,
  QuickMatchResult,
  QuickMatchStats,
  UnmatchedCompany,
} from './quick-match-types';
export { WORD_ABBREVIATIONS } from './word-abbreviations';
export { wordsAlike } from './words-alike';
