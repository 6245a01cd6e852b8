import { type CompanyRef, createMatchScorer, type MappingPair } from '@pax8-sync/matcher';

/** One scored pair of the all-pairs reference. */
export interface ReferencePair {
  readonly pax8Id: string;
  readonly psaId: string;
  readonly score: number;
}

/** What scoring every pair gives. */
export interface ReferenceResult {
  /** Every pair at or above the threshold (confirmed companies and rejected pairs taken out), by (pax8Id, psaId). */
  readonly candidates: ReferencePair[];
  /** The greedy strongest-first choice among the candidates, sorted like quickMatch's suggestions. */
  readonly suggestions: ReferencePair[];
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The brute-force reference: `createMatchScorer` (the pairwise definition of the score, over every name given)
 * on every pair, then a plain greedy pass written here: strongest first; among equal scores identical
 * normalised names first, then the lower Pax8 id, then the lower PSA id.
 */
export function allPairsReference(
  pax8Companies: readonly CompanyRef[],
  psaCompanies: readonly CompanyRef[],
  options: { threshold?: number; confirmed?: readonly MappingPair[]; rejected?: readonly MappingPair[] } = {},
): ReferenceResult {
  const threshold = options.threshold ?? 0.4;
  const scorer = createMatchScorer(
    pax8Companies.map((c) => c.name),
    psaCompanies.map((c) => c.name),
  );
  const confirmedPax8 = new Set((options.confirmed ?? []).map((pair) => pair.pax8Id));
  const confirmedPsa = new Set((options.confirmed ?? []).map((pair) => pair.psaId));
  const rejected = new Set((options.rejected ?? []).map((pair) => `${pair.pax8Id}\u0000${pair.psaId}`));
  const candidates: (ReferencePair & { identical: boolean })[] = [];
  for (const pax8 of pax8Companies) {
    if (confirmedPax8.has(pax8.id)) continue;
    for (const psa of psaCompanies) {
      if (confirmedPsa.has(psa.id) || rejected.has(`${pax8.id}\u0000${psa.id}`)) continue;
      const { score, pax8Normalized, psaNormalized } = scorer.score(pax8.name, psa.name);
      const identical = pax8Normalized === psaNormalized;
      if (score >= threshold) candidates.push({ pax8Id: pax8.id, psaId: psa.id, score, identical });
    }
  }
  const ranked = [...candidates].sort(
    (a, b) => b.score - a.score || Number(b.identical) - Number(a.identical) || compare(a.pax8Id, b.pax8Id) || compare(a.psaId, b.psaId),
  );
  const usedPax8 = new Set<string>();
  const usedPsa = new Set<string>();
  const suggestions: ReferencePair[] = [];
  for (const { pax8Id, psaId, score } of ranked) {
    if (usedPax8.has(pax8Id) || usedPsa.has(psaId)) continue;
    usedPax8.add(pax8Id);
    usedPsa.add(psaId);
    suggestions.push({ pax8Id, psaId, score });
  }
  suggestions.sort((a, b) => b.score - a.score || compare(a.pax8Id, b.pax8Id) || compare(a.psaId, b.psaId));
  return {
    candidates: candidates
      .map(({ pax8Id, psaId, score }) => ({ pax8Id, psaId, score }))
      .sort((a, b) => compare(a.pax8Id, b.pax8Id) || compare(a.psaId, b.psaId)),
    suggestions,
  };
}
