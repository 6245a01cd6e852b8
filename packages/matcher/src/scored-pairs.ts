import type { AlikeWords } from './alike-words';
import { combineScores } from './combine-scores';
import { diceFromCounts } from './dice';
import { PairBuffer } from './pair-buffer';
import type { PreparedNames, PreparedSide } from './prepared-names';
import { wordAgreement } from './word-agreement';

/** @internal Every pair scoring at least the threshold, as parallel arrays sorted by (left, right). */
export interface ScoredPairs {
  /** Left (Pax8) index of each pair. */
  readonly left: Int32Array;
  /** Right (PSA) index of each pair. */
  readonly right: Int32Array;
  /** Quick Match score of each pair. */
  readonly score: Float64Array;
  /** Number of pairs. */
  readonly length: number;
}

// Relative slack for the bounds: they may only keep too many pairs, never drop a qualifying one; the exact
// score decides afterwards.
const SLACK = 1e-9;

/**
 * @internal Finds every (left, right) pair whose Quick Match score reaches `threshold` (> 0), exactly the pairs
 * scoring every pair would find, without scoring every pair.
 *
 * The score is at most the word agreement `(Ma + Mb) / (Ma + Mb + Ua + Ub + …)` (matched weight and unmatched
 * cost of each side), which reaches `t` only if one side alone has `Ma / (Ma + Ua) ≥ t`. So each name has a
 * "prefix", its costliest words, such that leaving all of them unmatched fails that one-sided test: a pair
 * can qualify only when a prefix word of one name has an alike word in the other.
 * Prefix words are the rare ones, so their posting lists are short. Candidates are then scored exactly
 * (word agreement first, then the letter-pair Dice, bit-identical to `compareTwoStrings`).
 * `skip(left, right)` drops a pair that would qualify.
 */
export function findScoredPairs(
  names: PreparedNames,
  threshold: number,
  skip: (left: number, right: number) => boolean,
): ScoredPairs {
  const { left, right, alike, vocabulary } = names;
  const weights = vocabulary.weights;
  const wordCount = vocabulary.words.length;
  const leftPrefix = prefixes(left, weights, vocabulary.penalties, threshold);
  const rightPrefix = prefixes(right, weights, vocabulary.penalties, threshold);
  const postings = invert(right.wordStart, right.words, wordCount);
  const prefixPostings = invert(rightPrefix.start, rightPrefix.words, wordCount);

  const rightCount = right.length.length;
  const mark = new Int32Array(rightCount);
  const candidates = new Int32Array(rightCount);
  const kept = new Int32Array(rightCount);
  const keptScore = new Float64Array(rightCount);
  const out = new PairBuffer();

  for (let i = 0; i < left.length.length; i++) {
    const stamp = i + 1;
    let count = collect(leftPrefix.words, leftPrefix.start[i]!, leftPrefix.start[i + 1]!, postings, alike, mark, stamp, candidates, 0);
    count = collect(left.words, left.wordStart[i]!, left.wordStart[i + 1]!, prefixPostings, alike, mark, stamp, candidates, count);

    let keptCount = 0;
    for (let c = 0; c < count; c++) {
      const j = candidates[c]!;
      if (left.normalizedId[i] === right.normalizedId[j]) {
        // Identical names: spelling 1 and every word matched, so exactly 1 (a block of equal names is the worst case).
        kept[keptCount++] = j;
        keptScore[j] = 1;
        continue;
      }
      const words = wordAgreement(
        left.words, left.wordStart[i]!, left.wordStart[i + 1]!,
        right.words, right.wordStart[j]!, right.wordStart[j + 1]!,
        weights, vocabulary.penalties, alike,
      );
      if (words < threshold * (1 - SLACK)) continue;
      const spelling = spellingOf(left, i, right, j, threshold / words);
      if (spelling < 0) continue;
      const score = combineScores(spelling, words);
      if (score < threshold) continue;
      kept[keptCount] = j;
      keptScore[j] = score;
      keptCount++;
    }
    const order = kept.subarray(0, keptCount).sort();
    for (const j of order) if (!skip(i, j)) out.push(i, j, keptScore[j]!);
  }
  return out.finish();
}

/**
 * @internal `compareTwoStrings` of the two whitespace-free names (bit-identical), or -1 when it cannot reach
 * `needed` (a quick length bound, so most hopeless pairs skip the letter-pair count).
 */
export function spellingOf(
  a: PreparedSide,
  i: number,
  b: PreparedSide,
  j: number,
  needed = 0,
): number {
  if (a.strippedId[i] === b.strippedId[j]) return 1;
  const lengthA = a.length[i]!;
  const lengthB = b.length[j]!;
  if (lengthA < 2 || lengthB < 2) return needed > 0 ? -1 : 0;
  const upper = (2 * Math.min(lengthA, lengthB) - 2) / (lengthA + lengthB - 2);
  if (upper < needed * (1 - SLACK)) return -1;
  let x = a.bigramStart[i]!;
  let y = b.bigramStart[j]!;
  const xEnd = a.bigramStart[i + 1]!;
  const yEnd = b.bigramStart[j + 1]!;
  let common = 0;
  while (x < xEnd && y < yEnd) {
    const p = a.bigrams[x]!;
    const q = b.bigrams[y]!;
    if (p === q) {
      common++;
      x++;
      y++;
    } else if (p < q) x++;
    else y++;
  }
  return diceFromCounts(common, lengthA, lengthB);
}

/** Adds the names listed under every word alike to `words[from..to)` to `candidates`, once each; returns the new count. */
function collect(
  words: Int32Array,
  from: number,
  to: number,
  lists: Postings,
  alike: AlikeWords,
  mark: Int32Array,
  stamp: number,
  candidates: Int32Array,
  count: number,
): number {
  let n = count;
  for (let x = from; x < to; x++) {
    const word = words[x]!;
    for (let e = alike.start[word]!; e < alike.start[word + 1]!; e++) {
      const similar = alike.ids[e]!;
      for (let p = lists.start[similar]!; p < lists.start[similar + 1]!; p++) {
        const j = lists.names[p]!;
        if (mark[j] !== stamp) {
          mark[j] = stamp;
          candidates[n++] = j;
        }
      }
    }
  }
  return n;
}

interface Postings {
  readonly start: Int32Array;
  readonly names: Int32Array;
}

/** Word id → the names (ascending, once each) whose list `words[start[n]..start[n+1])` has it. */
function invert(start: Int32Array, words: Int32Array, wordCount: number): Postings {
  const names = start.length - 1;
  const counts = new Int32Array(wordCount + 1);
  const last = new Int32Array(wordCount).fill(-1);
  for (let n = 0; n < names; n++) {
    for (let x = start[n]!; x < start[n + 1]!; x++) {
      const word = words[x]!;
      if (last[word] === n) continue;
      last[word] = n;
      counts[word + 1]!++;
    }
  }
  for (let w = 0; w < wordCount; w++) counts[w + 1]! += counts[w]!;
  const fill = counts.slice(0, wordCount);
  const list = new Int32Array(counts[wordCount]!);
  last.fill(-1);
  for (let n = 0; n < names; n++) {
    for (let x = start[n]!; x < start[n + 1]!; x++) {
      const word = words[x]!;
      if (last[word] === n) continue;
      last[word] = n;
      list[fill[word]!++] = n;
    }
  }
  return { start: counts, names: list };
}

/**
 * Each name's prefix: its costliest words (penalty, then weight) until the words left outside, even all
 * matched, could not outweigh the prefix left unmatched: `(1 − t) · weight(rest) < t · penalty(prefix)`.
 */
function prefixes(
  side: PreparedSide,
  weights: Float64Array,
  penalties: Float64Array,
  threshold: number,
): { start: Int32Array; words: Int32Array } {
  const count = side.wordStart.length - 1;
  const start = new Int32Array(count + 1);
  const words: number[] = [];
  for (let n = 0; n < count; n++) {
    const own = Array.from(side.words.subarray(side.wordStart[n]!, side.wordStart[n + 1]!));
    own.sort((x, y) => penalties[y]! - penalties[x]! || weights[y]! - weights[x]! || x - y);
    let rest = 0;
    for (const word of own) rest += weights[word]!;
    let prefixPenalty = 0;
    for (const word of own) {
      words.push(word);
      rest -= weights[word]!;
      prefixPenalty += penalties[word]!;
      if ((1 - threshold) * rest < threshold * prefixPenalty * (1 - SLACK)) break;
    }
    start[n + 1] = words.length;
  }
  return { start, words: Int32Array.from(words) };
}
