import { bigramAt, diceFromCounts } from './dice';
import { PairBuffer } from './pair-buffer';

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

// Relative slack for the length bound: it may only keep too many postings, never drop a qualifying
// pair; the exact score decides afterwards.
const SLACK = 1e-9;

/** A string's distinct bigrams (as dense ids) and how often each occurs. */
interface Profile {
  readonly ids: Int32Array;
  readonly counts: Int32Array;
}

/**
 * @internal Finds every (left, right) pair of whitespace-free strings whose Dice coefficient (exactly as
 * `compareTwoStrings` computes it) is at least `threshold` (> 0), without scoring every pair.
 *
 * An inverted index maps each bigram to the right strings holding it (with multiplicity), sorted by
 * bigram count. For each left string, walking the lists of its bigrams accumulates the exact multiset
 * intersection with every right string sharing a bigram — the only strings that can score above 0, apart
 * from equal one-code-unit strings (no bigrams, scored 1), which a lookup joins; empty strings pair with nothing. A pair with `n`
 * and `m` bigrams can reach `t` only if `n·t/(2−t) ≤ m ≤ n·(2−t)/t`, so each list is walked only over that
 * range. The score is then computed with the library's own formula. `skip(left, right)` drops a pair.
 */
export function findCandidatePairs(
  left: readonly string[],
  right: readonly string[],
  threshold: number,
  skip: (left: number, right: number) => boolean,
): CandidatePairs {
  const dictionary = new Map<number, number>();
  const rightProfiles = right.map((text) => profile(text, dictionary, true));
  const leftProfiles = left.map((text) => profile(text, dictionary, false));
  const bigramCount = dictionary.size;

  // Posting lists (flat, one range per bigram), each sorted by the right string's bigram count, then index.
  const postStart = new Int32Array(bigramCount + 1);
  for (const { ids } of rightProfiles) for (const id of ids) postStart[id + 1]!++;
  for (let g = 0; g < bigramCount; g++) postStart[g + 1]! += postStart[g]!;
  const total = postStart[bigramCount]!;
  const fill = postStart.slice(0, bigramCount);
  const byLength = right.map((_, j) => j).sort((a, b) => right[a]!.length - right[b]!.length || a - b);
  const postRight = new Int32Array(total);
  const postCount = new Int32Array(total);
  const postSize = new Int32Array(total);
  const shortRight = new Map<string, number[]>();
  for (const j of byLength) {
    const text = right[j]!;
    if (text.length < 2) {
      const list = shortRight.get(text);
      if (list) list.push(j);
      else shortRight.set(text, [j]);
      continue;
    }
    const { ids, counts } = rightProfiles[j]!;
    for (let k = 0; k < ids.length; k++) {
      const at = fill[ids[k]!]!++;
      postRight[at] = j;
      postCount[at] = counts[k]!;
      postSize[at] = text.length - 1;
    }
  }

  const out = new PairBuffer();
  const overlap = new Int32Array(right.length);
  const touched = new Int32Array(right.length);
  const kept = new Int32Array(right.length);
  const rightLength = Int32Array.from(right, (text) => text.length);
  const lowFactor = threshold / (2 - threshold);
  const highFactor = (2 - threshold) / threshold;

  for (let i = 0; i < left.length; i++) {
    const text = left[i]!;
    if (text.length < 2) {
      // An empty name (nothing left after normalisation) is never a candidate, even against another empty one.
      if (text.length === 0) continue;
      for (const j of shortRight.get(text) ?? []) {
        if (!skip(i, j)) {
          out.push(i, j, 1);
        }
      }
      continue;
    }
    const size = text.length - 1;
    const minSize = Math.ceil(size * lowFactor * (1 - SLACK));
    const maxSize = Math.floor(size * highFactor * (1 + SLACK));
    const { ids, counts } = leftProfiles[i]!;
    let touchedCount = 0;
    for (let k = 0; k < ids.length; k++) {
      const g = ids[k]!;
      const end = upperBound(postSize, postStart[g]!, postStart[g + 1]!, maxSize);
      const from = lowerBound(postSize, postStart[g]!, end, minSize);
      touchedCount = accumulate(postRight, postCount, from, end, counts[k]!, overlap, touched, touchedCount);
    }
    let keptCount = 0;
    for (let t = 0; t < touchedCount; t++) {
      const j = touched[t]!;
      // Same expression as diceFromCounts, inlined: this runs for every pair sharing a bigram.
      if ((2.0 * overlap[j]!) / (text.length + rightLength[j]! - 2) >= threshold) kept[keptCount++] = j;
    }
    const keptSorted = kept.subarray(0, keptCount).sort();
    for (const j of keptSorted) {
      if (skip(i, j)) continue;
      out.push(i, j, diceFromCounts(overlap[j]!, text.length, right[j]!.length));
    }
    for (let t = 0; t < touchedCount; t++) overlap[touched[t]!] = 0;
  }
  return out.finish();
}

/** Adds one posting range to the overlaps; returns the new number of touched right strings. */
function accumulate(
  postRight: Int32Array,
  postCount: Int32Array,
  from: number,
  end: number,
  count: number,
  overlap: Int32Array,
  touched: Int32Array,
  touchedCount: number,
): number {
  let n = touchedCount;
  if (count === 1) {
    for (let q = from; q < end; q++) {
      const j = postRight[q]!;
      if (overlap[j] === 0) touched[n++] = j;
      overlap[j]!++;
    }
  } else {
    for (let q = from; q < end; q++) {
      const j = postRight[q]!;
      if (overlap[j] === 0) touched[n++] = j;
      overlap[j]! += Math.min(postCount[q]!, count);
    }
  }
  return n;
}

function profile(text: string, dictionary: Map<number, number>, extend: boolean): Profile {
  const counts = new Map<number, number>();
  for (let i = 0; i < text.length - 1; i++) {
    let id = dictionary.get(bigramAt(text, i));
    if (id === undefined) {
      // A left-only bigram has no postings: it can add nothing to any overlap.
      if (!extend) continue;
      id = dictionary.size;
      dictionary.set(bigramAt(text, i), id);
    }
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return { ids: Int32Array.from(counts.keys()), counts: Int32Array.from(counts.values()) };
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

function upperBound(values: Int32Array, start: number, end: number, target: number): number {
  let lo = start;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! <= target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
