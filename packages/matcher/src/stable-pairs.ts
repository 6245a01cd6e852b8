import type { ScoredPairs } from './scored-pairs';

/**
 * @internal The stable one-to-one choice among scored pairs: pairs are taken strongest first, each while both
 * its companies are still free. So every suggested pair is each company's best remaining candidate, and a
 * stronger pair is never given up for a larger sum of weaker ones. Order among equal scores: a pair of
 * identical normalised names first (`identical(pair)`), then the lower left index, then the lower right index (indices are in
 * id order, so ties do not depend on input order). Returns, for each left index, its right index or -1.
 */
export function stablePairs(
  pairs: ScoredPairs,
  leftCount: number,
  rightCount: number,
  identical: (pair: number) => boolean,
): Int32Array {
  const order = rankOrder(pairs, identical);
  const leftMatch = new Int32Array(leftCount).fill(-1);
  const rightTaken = new Uint8Array(rightCount);
  for (const e of order) {
    const i = pairs.left[e]!;
    const j = pairs.right[e]!;
    if (leftMatch[i] !== -1 || rightTaken[j] === 1) continue;
    leftMatch[i] = j;
    rightTaken[j] = 1;
  }
  return leftMatch;
}

/**
 * Pair indices strongest first. The pairs come sorted by (left, right), so a stable counting sort on the rank
 * of each pair's key keeps that order among equal keys, without a comparison sort of millions of pairs.
 */
function rankOrder(pairs: ScoredPairs, identical: (pair: number) => boolean): Int32Array {
  const key = new Float64Array(pairs.length);
  for (let e = 0; e < pairs.length; e++) {
    // Identical names score exactly 1; -2 puts them before any other pair scoring 1.
    key[e] = identical(e) ? -2 : -pairs.score[e]!;
  }
  const distinct = key.slice().sort();
  let unique = 0;
  for (let k = 0; k < distinct.length; k++) if (k === 0 || distinct[k] !== distinct[k - 1]) distinct[unique++] = distinct[k]!;
  const values = distinct.subarray(0, unique);
  const rank = new Int32Array(pairs.length);
  const bucketStart = new Int32Array(unique + 1);
  for (let e = 0; e < pairs.length; e++) {
    const r = lowerBound(values, key[e]!);
    rank[e] = r;
    bucketStart[r + 1]!++;
  }
  for (let r = 0; r < unique; r++) bucketStart[r + 1]! += bucketStart[r]!;
  const order = new Int32Array(pairs.length);
  for (let e = 0; e < pairs.length; e++) order[bucketStart[rank[e]!]!++] = e;
  return order;
}

function lowerBound(values: Float64Array, target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
