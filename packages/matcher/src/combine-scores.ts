/**
 * @internal Word agreement from its three sums (see `wordAgreement`): `M / (M + Ua + Ub + CONFLICT_FACTOR · min(Ua, Ub))`,
 * 0 when nothing is matched. Every path that scores a pair ends here, so the scores are bit-identical.
 */
export function agreementFromSums(matched: number, unmatchedA: number, unmatchedB: number): number {
  if (matched === 0) return 0;
  return matched / (matched + unmatchedA + unmatchedB + CONFLICT_FACTOR * Math.min(unmatchedA, unmatchedB));
}

/**
 * @internal How much more the words count that each name has without anything alike on the other side, when
 * BOTH names have such words (a conflict, `X Y Consulting` / `X Y Farms`), than when only one has them (an
 * extra word, `Dawson Plumbing` / `Dawson Plumbing & Heating`).
 */
export const CONFLICT_FACTOR = 2;

/** @internal The Quick Match score of a pair: its spelling similarity times its word agreement. */
export function combineScores(spelling: number, wordAgreement: number): number {
  return spelling * wordAgreement;
}
