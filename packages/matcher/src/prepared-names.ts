import { type AlikeWords, findAlikeWords } from './alike-words';
import { bigramAt, stripWhitespace } from './dice';
import { buildVocabulary, type Vocabulary } from './word-weights';

/** @internal One side's names as flat typed arrays, for scoring many pairs without allocating. */
export interface PreparedSide {
  /** Word ids of name `i`: `words[wordStart[i]..wordStart[i+1])`, in name order. */
  readonly wordStart: Int32Array;
  readonly words: Int32Array;
  /** Letter-pair ids of the whitespace-free name, sorted, with repeats: `bigrams[bigramStart[i]..bigramStart[i+1])`. */
  readonly bigramStart: Int32Array;
  readonly bigrams: Int32Array;
  /** Length of the whitespace-free name. */
  readonly length: Int32Array;
  /** Id of the whitespace-free name (equal strings, both sides, share an id). */
  readonly strippedId: Int32Array;
  /** Id of the normalised name (equal names, both sides, share an id). */
  readonly normalizedId: Int32Array;
}

/** @internal Both sides prepared against one vocabulary and one alike-word relation. */
export interface PreparedNames {
  readonly vocabulary: Vocabulary;
  readonly alike: AlikeWords;
  readonly left: PreparedSide;
  readonly right: PreparedSide;
}

/**
 * @internal Prepares the normalised names of the two sides to be matched. The vocabulary (word weights) comes
 * from `allNames`, the normalised names of every company given on both sides, matched or not.
 */
export function prepareNames(allNames: readonly string[], left: readonly string[], right: readonly string[]): PreparedNames {
  const vocabulary = buildVocabulary(allNames);
  const alike = findAlikeWords(vocabulary.words);
  const bigramIds = new Map<number, number>();
  const textIds = new Map<string, number>();
  const prepared = (names: readonly string[]) => prepareSide(names, vocabulary, bigramIds, textIds);
  return { vocabulary, alike, left: prepared(left), right: prepared(right) };
}

function prepareSide(
  names: readonly string[],
  vocabulary: Vocabulary,
  bigramIds: Map<number, number>,
  textIds: Map<string, number>,
): PreparedSide {
  const idOf = (text: string) => {
    let id = textIds.get(text);
    if (id === undefined) {
      id = textIds.size;
      textIds.set(text, id);
    }
    return id;
  };
  const wordStart = new Int32Array(names.length + 1);
  const bigramStart = new Int32Array(names.length + 1);
  const words: number[] = [];
  const bigrams: number[] = [];
  const length = new Int32Array(names.length);
  const strippedId = new Int32Array(names.length);
  const normalizedId = new Int32Array(names.length);
  names.forEach((name, i) => {
    if (name !== '') for (const word of name.split(' ')) words.push(vocabulary.ids.get(word)!);
    const text = stripWhitespace(name);
    const own: number[] = [];
    for (let k = 0; k < text.length - 1; k++) {
      const key = bigramAt(text, k);
      let id = bigramIds.get(key);
      if (id === undefined) {
        id = bigramIds.size;
        bigramIds.set(key, id);
      }
      own.push(id);
    }
    own.sort((x, y) => x - y);
    for (const id of own) bigrams.push(id);
    wordStart[i + 1] = words.length;
    bigramStart[i + 1] = bigrams.length;
    length[i] = text.length;
    strippedId[i] = idOf(`\u0000${text}`);
    normalizedId[i] = idOf(name);
  });
  return {
    wordStart,
    words: Int32Array.from(words),
    bigramStart,
    bigrams: Int32Array.from(bigrams),
    length,
    strippedId,
    normalizedId,
  };
}
