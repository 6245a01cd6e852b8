import type { ScoredPairs } from './scored-pairs';

/** @internal The names of one side's companies, one entry per variant, each company's entries together and in order. */
export interface Entries {
  /** The normalised name of each entry. */
  readonly names: string[];
  /** The company (side index) of each entry. */
  readonly owner: Int32Array;
}

/** @internal One entry per name variant of each company (`variants[k]` is company `k`'s list). */
export function entriesOf(variants: readonly (readonly string[])[]): Entries {
  const names: string[] = [];
  const owner: number[] = [];
  variants.forEach((list, company) => {
    for (const name of list) {
      names.push(name);
      owner.push(company);
    }
  });
  return { names, owner: Int32Array.from(owner) };
}

/** @internal Company pairs, each with the entries (name variants) that gave its score. */
export interface VariantPairs extends ScoredPairs {
  /** The left entry of each pair. */
  readonly leftEntry: Int32Array;
  /** The right entry of each pair. */
  readonly rightEntry: Int32Array;
}

/**
 * @internal Turns entry pairs (sorted by left entry, then right entry) into company pairs sorted by (left, right),
 * keeping for each company pair its best-scoring entry pair; among equal scores the first in (left entry, right
 * entry) order, as scoring the variants in order and keeping a strictly better one does.
 */
export function companyPairs(pairs: ScoredPairs, left: Entries, right: Entries): VariantPairs {
  const oneEach = (entries: Entries) => entries.owner.every((company, entry) => company === entry);
  if (oneEach(left) && oneEach(right)) return { ...pairs, leftEntry: pairs.left, rightEntry: pairs.right };
  const out = { left: [] as number[], right: [] as number[], score: [] as number[], leftEntry: [] as number[], rightEntry: [] as number[] };
  for (let start = 0; start < pairs.length; ) {
    const company = left.owner[pairs.left[start]!]!;
    let end = start;
    const best = new Map<number, number>();
    for (; end < pairs.length && left.owner[pairs.left[end]!] === company; end++) {
      const other = right.owner[pairs.right[end]!]!;
      const kept = best.get(other);
      if (kept === undefined || pairs.score[end]! > pairs.score[kept]!) best.set(other, end);
    }
    for (const [other, e] of [...best].sort((a, b) => a[0] - b[0])) {
      out.left.push(company);
      out.right.push(other);
      out.score.push(pairs.score[e]!);
      out.leftEntry.push(pairs.left[e]!);
      out.rightEntry.push(pairs.right[e]!);
    }
    start = end;
  }
  return {
    left: Int32Array.from(out.left),
    right: Int32Array.from(out.right),
    score: Float64Array.from(out.score),
    leftEntry: Int32Array.from(out.leftEntry),
    rightEntry: Int32Array.from(out.rightEntry),
    length: out.left.length,
  };
}
