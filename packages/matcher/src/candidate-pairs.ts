import { bigramAt, diceFromCounts } from './dice';

/** @internal Every pair scoring at least the threshold, as parallel arrays sorted by (left, right). */
export interface CandidatePairs {
  /** Left (Pax8) index of each pair. */
  readonly left: Int32Array;
  /** Right (PSA) index of each pair. */
  readonly right: Int32Array;
  /** Exact Dice score of each pair. */
  readonly score: Float64Array;
  /** Number of pairs. */
  readonly length: number;
}

// Conservative slack for the length bound: it may only keep too many pairs, never drop one;
// the exact score decides afterwards.
const BOUND_SLACK = 1e-9;

interface BigramProfile {
  readonly bigrams: Float64Array;
  readonly counts: Int32Array;
}

function profile(text: string): BigramProfile {
  const counts = new Map<number, number>();
  for (let i = 0; i < text.length - 1; i++) {
    const bigram = bigramAt(text, i);
    counts.set(bigram, (counts.get(bigram) ?? 0) + 1);
  }
  const bigrams = new Float64Array(counts.size);
  const values = new Int32Array(counts.size);
  let k = 0;
  for (const [bigram, count] of counts) {
    bigrams[k] = bigram;
    values[k] = count;
    k++;
  }
  return { bigrams, counts: values };
}

/**
 * @internal Finds every (left, right) pair of whitespace-free strings whose Dice coefficient is at
 * least `threshold` (> 0), exactly as scoring all pairs would: an inverted index over the right side's
 * bigrams yields every pair sharing a bigram (the only pairs that can score above 0 unless equal), a
 * length bound skips postings that cannot reach the threshold, and equal short strings (< 2 code units,
 * which have no bigrams) are joined by a lookup. `skip(left, right)` drops a pair (rejected mappings).
 */
export function findCandidatePairs(
  left: readonly string[],
  right: readonly string[],
  threshold: number,
  skip: (left: number, right: number) => boolean,
): CandidatePairs {
  const shortRight = new Map<string, number[]>();
  const postingsByBigram = new Map<number, number[]>();
  for (let j = 0; j < right.length; j++) {
    const text = right[j]!;
    if (text.length < 2) {
      const list = shortRight.get(text);
      if (list) list.push(j);
      else shortRight.set(text, [j]);
      continue;
    }
    const { bigrams, counts } = profile(text);
    for (let k = 0; k < bigrams.length; k++) {
      const bigram = bigrams[k]!;
      let list = postingsByBigram.get(bigram);
      if (!list) {
        list = [];
        postingsByBigram.set(bigram, list);
      }
      list.push(j, counts[k]!);
    }
  }

  // Flatten each posting list, sorted by the right string's bigram count, so the length bound is a range.
  const postingIndex = new Map<number, number>();
  let total = 0;
  for (const list of postingsByBigram.values()) total += list.length / 2;
  const postStart: number[] = [];
  const postRight = new Int32Array(total);
  const postCount = new Int32Array(total);
  const postSize = new Int32Array(total);
  let offset = 0;
  for (const [bigram, list] of postingsByBigram) {
    postingIndex.set(bigram, postStart.length);
    postStart.push(offset);
    const order: number[] = [];
    for (let k = 0; k < list.length; k += 2) order.push(k);
    order.sort((a, b) => right[list[a]!]!.length - right[list[b]!]!.length || list[a]! - list[b]!);
    for (const k of order) {
      const j = list[k]!;
      postRight[offset] = j;
      postCount[offset] = list[k + 1]!;
      postSize[offset] = right[j]!.length - 1;
      offset++;
    }
  }
  postStart.push(offset);

  const outLeft: number[] = [];
  const outRight: number[] = [];
  const outScore: number[] = [];
  const accumulated = new Int32Array(right.length);
  const touched: number[] = [];
  const lowFactor = threshold / (2 - threshold);
  const highFactor = (2 - threshold) / threshold;

  for (let i = 0; i < left.length; i++) {
    const text = left[i]!;
    if (text.length < 2) {
      for (const j of shortRight.get(text) ?? []) {
        if (!skip(i, j)) {
          outLeft.push(i);
          outRight.push(j);
          outScore.push(1);
        }
      }
      continue;
    }
    const size = text.length - 1;
    const minSize = Math.ceil(size * lowFactor * (1 - BOUND_SLACK));
    const maxSize = Math.floor(size * highFactor * (1 + BOUND_SLACK));
    const { bigrams, counts } = profile(text);
    for (let k = 0; k < bigrams.length; k++) {
      const p = postingIndex.get(bigrams[k]!);
      if (p === undefined) continue;
      const end = postStart[p + 1]!;
      const count = counts[k]!;
      for (let q = lowerBound(postSize, postStart[p]!, end, minSize); q < end; q++) {
        if (postSize[q]! > maxSize) break;
        const j = postRight[q]!;
        if (accumulated[j] === 0) touched.push(j);
        accumulated[j] = accumulated[j]! + Math.min(count, postCount[q]!);
      }
    }
    touched.sort((a, b) => a - b);
    for (const j of touched) {
      const score = diceFromCounts(accumulated[j]!, text.length, right[j]!.length);
      accumulated[j] = 0;
      if (score >= threshold && !skip(i, j)) {
        outLeft.push(i);
        outRight.push(j);
        outScore.push(score);
      }
    }
    touched.length = 0;
  }
  return {
    left: Int32Array.from(outLeft),
    right: Int32Array.from(outRight),
    score: Float64Array.from(outScore),
    length: outLeft.length,
  };
}

function lowerBound(values: Int32Array, start: number, end: number, target: number): number {
  let lo = start;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
