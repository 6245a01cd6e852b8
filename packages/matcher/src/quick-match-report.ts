import type { Side } from './quick-match-side';
import type { CompanyRef, UnmatchedCompany } from './quick-match-types';

/** @internal The best-scoring neighbour of each node and its score. */
export interface Best {
  readonly index: Int32Array;
  readonly score: Float64Array;
}

/** @internal Best-scoring neighbour of each node (ties: the lower index), or -1. */
export function bestCandidates(count: number, from: Int32Array, to: Int32Array, scores: Float64Array): Best {
  const best = new Int32Array(count).fill(-1);
  const bestScore = new Float64Array(count);
  for (let e = 0; e < from.length; e++) {
    const a = from[e]!;
    const b = to[e]!;
    const s = scores[e]!;
    if (best[a] === -1 || s > bestScore[a]! || (s === bestScore[a] && b < best[a]!)) {
      best[a] = b;
      bestScore[a] = s;
    }
  }
  return { index: best, score: bestScore };
}

/** @internal The unmatched companies of one side, in input order, with the reason. */
export function unmatched(
  side: Side,
  isUnmatched: (index: number) => boolean,
  best: Best,
  others: readonly CompanyRef[],
): UnmatchedCompany[] {
  const result: { at: number; company: UnmatchedCompany }[] = [];
  side.companies.forEach((company, index) => {
    if (!isUnmatched(index)) return;
    const b = best.index[index]!;
    const normalized = side.normalized[index]!;
    const entry: UnmatchedCompany =
      b === -1
        ? { id: company.id, name: company.name, normalized, reason: 'no-candidate' }
        : {
            id: company.id,
            name: company.name,
            normalized,
            reason: 'outmatched',
            bestCandidate: { id: others[b]!.id, score: best.score[index]! },
          };
    result.push({ at: side.inputIndex[index]!, company: entry });
  });
  return result.sort((a, b) => a.at - b.at).map((item) => item.company);
}

/** @internal How many connected components the candidate pairs form. */
export function countComponents(leftCount: number, rightCount: number, from: Int32Array, to: Int32Array): number {
  const parent = new Int32Array(leftCount + rightCount);
  for (let k = 0; k < parent.length; k++) parent[k] = k;
  const find = (x: number): number => {
    let root = x;
    while (parent[root] !== root) root = parent[root]!;
    while (parent[x] !== root) {
      const next = parent[x]!;
      parent[x] = root;
      x = next;
    }
    return root;
  };
  let components = 0;
  const touched = new Uint8Array(parent.length);
  for (let e = 0; e < from.length; e++) {
    const a = find(from[e]!);
    const b = find(leftCount + to[e]!);
    touched[from[e]!] = 1;
    touched[leftCount + to[e]!] = 1;
    if (a !== b) parent[a] = b;
  }
  for (let k = 0; k < parent.length; k++) if (touched[k] && find(k) === k) components++;
  return components;
}
