import type { CompanyRef, MappingPair } from '@pax8-sync/matcher';
import { normalizeCompanyName } from '@pax8-sync/matcher';
import stringSimilarity from 'string-similarity';
import { maxWeightAssignment, WEIGHT_SCALE } from '../src/max-weight-assignment';

/** One scored pair of the all-pairs reference. */
export interface ReferencePair {
  readonly pax8Id: string;
  readonly psaId: string;
  readonly score: number;
}

/** What scoring every pair with string-similarity gives. */
export interface ReferenceResult {
  /** Every pair at or above the threshold (confirmed companies and rejected pairs taken out), by (pax8Id, psaId). */
  readonly candidates: ReferencePair[];
  /** The assignment step applied to the all-pairs candidates, sorted like quickMatch's suggestions. */
  readonly assignment: ReferencePair[];
  /** The highest total integer weight any one-to-one choice of candidates reaches (exhaustive DP). */
  readonly bestTotalWeight: number | undefined;
}

const byId = (a: CompanyRef, b: CompanyRef) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The brute-force reference: `compareTwoStrings` on the normalised names of every pair (a pair with an empty
 * normalised name is never a candidate), then the same
 * maximum-weight assignment step, plus an exhaustive optimum (when the PSA side is small enough).
 */
export function allPairsReference(
  pax8Companies: readonly CompanyRef[],
  psaCompanies: readonly CompanyRef[],
  options: { threshold?: number; confirmed?: readonly MappingPair[]; rejected?: readonly MappingPair[] } = {},
): ReferenceResult {
  const threshold = options.threshold ?? 0.4;
  const confirmedPax8 = new Set((options.confirmed ?? []).map((pair) => pair.pax8Id));
  const confirmedPsa = new Set((options.confirmed ?? []).map((pair) => pair.psaId));
  const rejected = new Set((options.rejected ?? []).map((pair) => `${pair.pax8Id}\u0000${pair.psaId}`));
  const left = pax8Companies.filter((company) => !confirmedPax8.has(company.id)).sort(byId);
  const right = psaCompanies.filter((company) => !confirmedPsa.has(company.id)).sort(byId);
  const leftNames = left.map((company) => normalizeCompanyName(company.name));
  const rightNames = right.map((company) => normalizeCompanyName(company.name));

  const candidates: ReferencePair[] = [];
  const rows: { j: number; score: number }[][] = left.map(() => []);
  left.forEach((pax8, i) => {
    right.forEach((psa, j) => {
      const score = stringSimilarity.compareTwoStrings(leftNames[i]!, rightNames[j]!);
      const named = leftNames[i] !== '' && rightNames[j] !== '';
      if (named && score >= threshold && !rejected.has(`${pax8.id}\u0000${psa.id}`)) {
        candidates.push({ pax8Id: pax8.id, psaId: psa.id, score });
        rows[i]!.push({ j, score });
      }
    });
  });

  const rowStart = new Int32Array(left.length + 1);
  rows.forEach((row, i) => {
    rowStart[i + 1] = rowStart[i]! + row.length;
  });
  const cols = Int32Array.from(rows.flat(), (edge) => edge.j);
  const weights = Float64Array.from(rows.flat(), (edge) => Math.round(edge.score * WEIGHT_SCALE));
  const chosen = maxWeightAssignment(left.length, right.length, rowStart, cols, weights);
  const assignment: ReferencePair[] = [];
  chosen.forEach((j, i) => {
    if (j < 0) return;
    const edge = rows[i]!.find((candidate) => candidate.j === j)!;
    assignment.push({ pax8Id: left[i]!.id, psaId: right[j]!.id, score: edge.score });
  });
  assignment.sort(
    (a, b) => b.score - a.score || (a.pax8Id < b.pax8Id ? -1 : a.pax8Id > b.pax8Id ? 1 : 0) || (a.psaId < b.psaId ? -1 : 1),
  );
  return { candidates, assignment, bestTotalWeight: right.length <= 12 ? exhaustiveBest(rows, right.length) : undefined };
}

/** The maximum total integer weight of a one-to-one choice, by DP over the set of used PSA companies. */
function exhaustiveBest(rows: readonly { j: number; score: number }[][], columns: number): number {
  let best = new Float64Array(1 << columns).fill(Number.NEGATIVE_INFINITY);
  best[0] = 0;
  for (const row of rows) {
    const next = best.slice();
    for (let mask = 0; mask < best.length; mask++) {
      const base = best[mask]!;
      if (base === Number.NEGATIVE_INFINITY) continue;
      for (const { j, score } of row) {
        if (mask & (1 << j)) continue;
        const to = mask | (1 << j);
        const value = base + Math.round(score * WEIGHT_SCALE);
        if (value > next[to]!) next[to] = value;
      }
    }
    best = next;
  }
  return Math.max(...best);
}
