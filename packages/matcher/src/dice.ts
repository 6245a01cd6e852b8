/**
 * @internal The exact Dice coefficient of `string-similarity`'s `compareTwoStrings`, on strings already
 * stripped of whitespace (`/\s+/g`): 1 for equal strings (including two empty ones), 0 when either is shorter
 * than 2 UTF-16 code units, else `2 * |common bigrams| / (bigrams(a) + bigrams(b))`, counting multiplicities.
 * The final division is written exactly as the library writes it, so results are bit-identical.
 */
export function diceFromCounts(intersection: number, lengthA: number, lengthB: number): number {
  return (2.0 * intersection) / (lengthA + lengthB - 2);
}

/** @internal Removes whitespace exactly as `compareTwoStrings` does before comparing. */
export function stripWhitespace(text: string): string {
  return text.replace(/\s+/g, '');
}

/** @internal The bigram of `text` at code-unit `index`, as one number (two UTF-16 code units). */
export function bigramAt(text: string, index: number): number {
  return text.charCodeAt(index) * 65536 + text.charCodeAt(index + 1);
}
