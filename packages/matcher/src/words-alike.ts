import { WORD_ABBREVIATIONS } from './word-abbreviations';

/**
 * Whether two words of normalised names count as the same word for Quick Match's word agreement:
 * - equal;
 * - a slip: both at least 4 characters and one letter apart (a letter wrong, missing, extra, or two
 *   neighbours swapped: `cnosulting` / `consulting`, `danc` / `dance`);
 * - a truncation: the shorter (3 or more characters) begins the longer (`constr` / `construction`,
 *   `sol` / `solutions`);
 * - a contraction: the shorter (2 to 5 characters) has the longer's first and last letters and its other
 *   letters in order (`agcy` / `agency`, `bldrs` / `builders`, `st` / `street`);
 * - a plural in `-ies` (`technology` / `technologies`, `company` / `companies`);
 * - a word the normaliser expanded from a truncation ({@link WORD_ABBREVIATIONS}: `tech` → `technology`) and a
 *   word that truncation also begins, since the expansion picked one of the words it could stand for
 *   (`technology` / `technical`, `associates` / `associados`).
 * @example
 * wordsAlike('hosp', 'hospital'); // true
 * wordsAlike('farms', 'consulting'); // false
 */
export function wordsAlike(a: string, b: string): boolean {
  if (a === b) return true;
  return spelledAlike(a, b) || pluralAlike(a, b) || expandedAlike(a, b) || expandedAlike(b, a);
}

/**
 * @internal The truncations (4 or more letters) {@link WORD_ABBREVIATIONS} expands, by the word they expand to:
 * `technology` → `['tech']`.
 */
export const TRUNCATIONS_OF: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const [abbreviation, word] of Object.entries(WORD_ABBREVIATIONS)) {
    if (abbreviation.length >= 4 && word.startsWith(abbreviation)) map.set(word, [...(map.get(word) ?? []), abbreviation]);
  }
  return map;
})();

function spelledAlike(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 4 && long.length - short.length <= 1 && oneEditApart(short, long)) return true;
  if (short.length === long.length) return false;
  if (short.length >= 3 && long.startsWith(short)) return true;
  return (
    short.length >= 2 &&
    short.length <= 5 &&
    short[0] === long[0] &&
    short[short.length - 1] === long[long.length - 1] &&
    isSubsequence(short, long)
  );
}

/** `-y` and `-ies` of one stem of 3 or more letters. */
function pluralAlike(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 4 && long.length === short.length + 2 && short.endsWith('y') && long === `${short.slice(0, -1)}ies`;
}

/** `expanded` came from a truncation that also begins `other`. */
function expandedAlike(expanded: string, other: string): boolean {
  return TRUNCATIONS_OF.get(expanded)?.some((truncation) => other.length > truncation.length && other.startsWith(truncation)) ?? false;
}

/** @internal Whether two words are one slip apart (see {@link wordsAlike}), both of 4 or more letters. */
export function oneSlipApart(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return a !== b && short.length >= 4 && long.length - short.length <= 1 && oneEditApart(short, long);
}

/** Whether `short` (not longer than `long`, different from it) is one substitution, insertion or adjacent swap away. */
function oneEditApart(short: string, long: string): boolean {
  let start = 0;
  while (start < short.length && short[start] === long[start]) start++;
  let endShort = short.length - 1;
  let endLong = long.length - 1;
  while (endShort >= start && short[endShort] === long[endLong]) {
    endShort--;
    endLong--;
  }
  const differingShort = endShort - start + 1;
  const differingLong = endLong - start + 1;
  if (short.length !== long.length) return differingShort <= 0 && differingLong === 1;
  if (differingShort <= 1) return true;
  return differingShort === 2 && short[start] === long[start + 1] && short[start + 1] === long[start];
}

function isSubsequence(short: string, long: string): boolean {
  let k = 0;
  for (let i = 0; i < long.length && k < short.length; i++) if (long[i] === short[k]) k++;
  return k === short.length;
}
