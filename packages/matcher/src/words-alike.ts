/**
 * Whether two words of normalised names count as the same word for Quick Match's word agreement:
 * - equal;
 * - a slip: both at least 4 characters and one letter apart (a letter wrong, missing, extra, or two
 *   neighbours swapped: `cnosulting` / `consulting`, `danc` / `dance`);
 * - a truncation: the shorter (3 or more characters) begins the longer (`constr` / `construction`,
 *   `sol` / `solutions`);
 * - a contraction: the shorter (2 to 5 characters) has the longer's first and last letters and its other
 *   letters in order (`agcy` / `agency`, `bldrs` / `builders`, `st` / `street`).
 * @example
 * wordsAlike('hosp', 'hospital'); // true
 * wordsAlike('farms', 'consulting'); // false
 */
export function wordsAlike(a: string, b: string): boolean {
  if (a === b) return true;
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
