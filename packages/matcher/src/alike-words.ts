import { TRUNCATIONS_OF, wordsAlike } from './words-alike';

/** @internal For each word id, the ids of the words alike to it (itself included), ascending: `ids[start[w]..start[w+1])`. */
export interface AlikeWords {
  readonly start: Int32Array;
  readonly ids: Int32Array;
}

/**
 * @internal The {@link wordsAlike} relation over a vocabulary, without comparing every pair of words: slips
 * share a one-deletion key (the word itself, or the word with one letter removed), truncations are ranges
 * of the sorted words, contractions share their first and last letters, `-y` / `-ies` plurals share a stem, and
 * a word expanded from a truncation meets the range of words that truncation begins. Each candidate is checked with
 * `wordsAlike` itself, so the relation is exactly that function's.
 */
export function findAlikeWords(words: readonly string[]): AlikeWords {
  const related: number[][] = words.map((_, id) => [id]);
  const relate = (a: number, b: number) => {
    if (a === b || !wordsAlike(words[a]!, words[b]!)) return;
    related[a]!.push(b);
    related[b]!.push(a);
  };

  const byDeletion = new Map<string, number[]>();
  words.forEach((word, id) => {
    if (word.length < 4) return;
    const keys = new Set([word]);
    for (let k = 0; k < word.length; k++) keys.add(word.slice(0, k) + word.slice(k + 1));
    for (const key of keys) {
      const bucket = byDeletion.get(key);
      if (bucket) bucket.push(id);
      else byDeletion.set(key, [id]);
    }
  });
  const seen = new Set<number>();
  const pairKey = (a: number, b: number) => (a < b ? a * words.length + b : b * words.length + a);
  const relateOnce = (a: number, b: number) => {
    const key = pairKey(a, b);
    if (seen.has(key)) return;
    seen.add(key);
    relate(a, b);
  };
  for (const bucket of byDeletion.values()) {
    for (let x = 0; x < bucket.length; x++) for (let y = x + 1; y < bucket.length; y++) relateOnce(bucket[x]!, bucket[y]!);
  }

  const sorted = words.map((_, id) => id).sort((a, b) => (words[a]! < words[b]! ? -1 : words[a]! > words[b]! ? 1 : 0));
  sorted.forEach((id, position) => {
    const word = words[id]!;
    if (word.length < 3) return;
    for (let next = position + 1; next < sorted.length && words[sorted[next]!]!.startsWith(word); next++) {
      relateOnce(id, sorted[next]!);
    }
  });

  relateMorphology(words, sorted, relateOnce);

  const byEnds = new Map<string, number[]>();
  words.forEach((word, id) => {
    const key = `${word[0]}${word[word.length - 1]}`;
    const bucket = byEnds.get(key);
    if (bucket) bucket.push(id);
    else byEnds.set(key, [id]);
  });
  for (const bucket of byEnds.values()) {
    for (const a of bucket) {
      const length = words[a]!.length;
      if (length < 2 || length > 5) continue;
      for (const b of bucket) if (words[b]!.length > length) relateOnce(a, b);
    }
  }

  const start = new Int32Array(words.length + 1);
  related.forEach((list, id) => {
    start[id + 1] = start[id]! + list.length;
  });
  const ids = new Int32Array(start[words.length]!);
  related.forEach((list, id) => {
    ids.set(Int32Array.from(list).sort(), start[id]!);
  });
  return { start, ids };
}

/** Candidates of the plural (`-y` / `-ies`) and expanded-truncation (`technology` ← `tech`) rules of `wordsAlike`. */
function relateMorphology(words: readonly string[], sorted: readonly number[], relate: (a: number, b: number) => void): void {
  const byStem = new Map<string, number[]>();
  words.forEach((word, id) => {
    const stem = word.endsWith('ies') ? word.slice(0, -3) : word.endsWith('y') ? word.slice(0, -1) : undefined;
    if (stem === undefined || stem.length < 3) return;
    const bucket = byStem.get(stem);
    if (bucket) bucket.push(id);
    else byStem.set(stem, [id]);
  });
  for (const bucket of byStem.values()) {
    for (let x = 0; x < bucket.length; x++) for (let y = x + 1; y < bucket.length; y++) relate(bucket[x]!, bucket[y]!);
  }
  words.forEach((word, id) => {
    for (const truncation of TRUNCATIONS_OF.get(word) ?? []) {
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (words[sorted[mid]!]! < truncation) lo = mid + 1;
        else hi = mid;
      }
      for (let k = lo; k < sorted.length && words[sorted[k]!]!.startsWith(truncation); k++) relate(id, sorted[k]!);
    }
  });
}

/** @internal Whether word ids `a` and `b` are alike (binary search in `a`'s list). */
export function idsAlike(alike: AlikeWords, a: number, b: number): boolean {
  if (a === b) return true;
  let lo = alike.start[a]!;
  let hi = alike.start[a + 1]!;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const value = alike.ids[mid]!;
    if (value === b) return true;
    if (value < b) lo = mid + 1;
    else hi = mid;
  }
  return false;
}
