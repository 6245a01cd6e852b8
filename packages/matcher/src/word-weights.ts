/**
 * @internal The words of both company lists: an id per distinct word and each word's weight, its inverse
 * document frequency over the two lists: `ln(1 + N / df)`, where `N` is the number of named companies on
 * both sides and `df` the number of them whose normalised name has the word. A word most names share
 * ("dental", "holdings" in a list of dental practices and holding companies) weighs little; a word one or two
 * names have ("contoso") weighs much.
 */
export interface Vocabulary {
  /** Id of each distinct word. */
  readonly ids: ReadonlyMap<string, number>;
  /** The word of each id. */
  readonly words: readonly string[];
  /** The weight of each id. */
  readonly weights: Float64Array;
  /** What each id costs when it has no counterpart: its weight, or 0 for a connecting word (`and`, `of`, …). */
  readonly penalties: Float64Array;
  /** `N`: how many companies (both sides) have a non-empty normalised name. */
  readonly nameCount: number;
}

/** @internal Builds the vocabulary of the given normalised names (every company of both sides). */
export function buildVocabulary(normalizedNames: readonly string[]): Vocabulary {
  const ids = new Map<string, number>();
  const words: string[] = [];
  const documentFrequency: number[] = [];
  const lastSeen: number[] = [];
  let nameCount = 0;
  normalizedNames.forEach((name, index) => {
    if (name === '') return;
    nameCount++;
    for (const word of name.split(' ')) {
      let id = ids.get(word);
      if (id === undefined) {
        id = words.length;
        ids.set(word, id);
        words.push(word);
        documentFrequency.push(0);
        lastSeen.push(-1);
      }
      if (lastSeen[id] !== index) {
        lastSeen[id] = index;
        documentFrequency[id]!++;
      }
    }
  });
  const weights = Float64Array.from(documentFrequency, (df) => wordWeight(nameCount, df));
  const penalties = Float64Array.from(words, (word, id) => wordPenalty(word, weights[id]!));
  return { ids, words, weights, penalties, nameCount };
}

/** @internal `ln(1 + N / df)`; a word no name of the lists has counts as if one had it. */
export function wordWeight(nameCount: number, documentFrequency: number): number {
  return Math.log1p(Math.max(nameCount, 1) / Math.max(documentFrequency, 1));
}

/**
 * @internal Connecting words: they tell no company from another, so one without a counterpart costs nothing
 * (`City of Brookfield` / `Brookfield City`); one with a counterpart still counts as matched.
 */
export const CONNECTING_WORDS: ReadonlySet<string> = new Set([
  'and', 'of', 'the', 'at', 'for', 'in', 'on', 'by', 'de', 'du', 'des', 'la', 'le', 'et', 'und', 'y', 'e', 'en', 'og', 'och', 'a',
]);

/** @internal What a word without a counterpart costs: its weight, or 0 for a connecting word. */
export function wordPenalty(word: string, weight: number): number {
  return CONNECTING_WORDS.has(word) ? 0 : weight;
}
