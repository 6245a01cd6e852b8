import { createMatchScorer } from '@pax8-sync/matcher';

/** The two parts a Quick Match score is made of (`score = spelling × wordAgreement`). */
export interface ScoreParts {
  /** How alike the two normalised names are spelled, 0 to 1. */
  spelling: number;
  /** How much of both names' words (weighted by rarity) have a counterpart in the other name, 0 to 1. */
  wordAgreement: number;
}

/**
 * The parts of the scores of `pairs`, as Quick Match computed them: the core stores only the score,
 * so they are recomputed with the matcher's `createMatchScorer` over the same two lists Quick
 * Match compared (every stored Pax8 company name and every PSA company name). Call it for the rows
 * on screen only. With lists changed since Quick Match ran, the parts are today's.
 */
export function scoreParts(lists: { pax8Names: readonly string[]; psaNames: readonly string[] }, pairs: readonly { pax8Name: string; psaName: string }[]): ScoreParts[] {
  if (pairs.length === 0) return [];
  const scorer = createMatchScorer(lists.pax8Names, lists.psaNames);
  return pairs.map(({ pax8Name, psaName }) => {
    const { spelling, wordAgreement } = scorer.score(pax8Name, psaName);
    return { spelling, wordAgreement };
  });
}
