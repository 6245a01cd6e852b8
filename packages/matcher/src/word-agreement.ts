import { type AlikeWords, idsAlike } from './alike-words';
import { agreementFromSums } from './combine-scores';

/**
 * @internal Word agreement of two names given as word ids (`a[aStart..aEnd)`, `b[bStart..bEnd)`), 0 to 1:
 * `M / (M + Ua + Ub + 2 · min(Ua, Ub))` (see `agreementFromSums`), where `M` is the weight of the words (on both sides)
 * that have an alike word on the other side, and `Ua`, `Ub` the weight of each side's words that have none
 * (connecting words such as `and`, `of` cost nothing there).
 * 1 when every word has a counterpart; 0 when none has.
 */
export function wordAgreement(
  a: Int32Array,
  aStart: number,
  aEnd: number,
  b: Int32Array,
  bStart: number,
  bEnd: number,
  weights: Float64Array,
  penalties: Float64Array,
  alike: AlikeWords,
): number {
  let matched = 0;
  let unmatchedA = 0;
  let unmatchedB = 0;
  for (let x = aStart; x < aEnd; x++) {
    const word = a[x]!;
    if (hasAlike(word, b, bStart, bEnd, alike)) matched += weights[word]!;
    else unmatchedA += penalties[word]!;
  }
  for (let y = bStart; y < bEnd; y++) {
    const word = b[y]!;
    if (hasAlike(word, a, aStart, aEnd, alike)) matched += weights[word]!;
    else unmatchedB += penalties[word]!;
  }
  return agreementFromSums(matched, unmatchedA, unmatchedB);
}

function hasAlike(word: number, other: Int32Array, from: number, to: number, alike: AlikeWords): boolean {
  const single = alike.start[word + 1]! - alike.start[word]! === 1;
  for (let k = from; k < to; k++) {
    const candidate = other[k]!;
    if (candidate === word || (!single && idsAlike(alike, word, candidate))) return true;
  }
  return false;
}
