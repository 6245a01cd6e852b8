/**
 * Checks the output of the timed quickMatch call of bench/matcher-speed.ts against brute force, on a seeded
 * random sample of Pax8 rows: each sampled company is scored by createMatchScorer (the pairwise definition of the
 * score) against EVERY PSA company, and its line of the output must be what the strongest-first rule chooses
 * from that full candidate set:
 * - a suggested pair is a candidate, with the bit-identical score;
 * - no candidate pair of the row ranks above what both its companies got (a stronger pair is never left for a
 *   weaker one: the partner of the PSA company, rescored by brute force, ranks higher);
 * - an unmatched row says `no-candidate` exactly when it has no candidate, else names its best candidate and score.
 * Rank: score, then identical normalised names, then the lower Pax8 id, then the lower PSA id (the package's tie
 * rule). Plus whole-output checks: every Pax8 company is suggested or reported unmatched, once, and no PSA company
 * is suggested twice.
 */
import { type CompanyRef, createMatchScorer } from '@pax8-sync/matcher';
import type { QuickOutput } from './matcher-speed-child';
import { seededRandom } from './matcher-speed-names';

/** What the check found. */
export interface CheckReport {
  readonly rows: number;
  readonly suggestionsChecked: number;
  readonly unmatchedChecked: number;
  /** Candidate pairs (score ≥ threshold) of the sampled rows, found by brute force. */
  readonly candidatePairs: number;
  /** Pairs scored by brute force. */
  readonly scored: number;
  readonly problems: string[];
}

interface Ranked {
  readonly score: number;
  readonly identical: boolean;
  readonly pax8Id: string;
  readonly psaId: string;
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Whether `x` ranks above `y`. */
function above(x: Ranked, y: Ranked): boolean {
  if (x.score !== y.score) return x.score > y.score;
  if (x.identical !== y.identical) return x.identical;
  return (compareIds(x.pax8Id, y.pax8Id) || compareIds(x.psaId, y.psaId)) < 0;
}

function wholeOutput(pax8: readonly CompanyRef[], output: QuickOutput, problems: string[]): void {
  const seen = new Map<string, number>();
  for (const [id] of [...output.suggestions, ...output.unmatchedPax8]) seen.set(id, (seen.get(id) ?? 0) + 1);
  const wrong = pax8.filter((company) => seen.get(company.id) !== 1);
  if (wrong.length > 0 || seen.size !== pax8.length) problems.push(`${wrong.length} Pax8 companies not reported exactly once`);
  const psaIds = output.suggestions.map(([, psaId]) => psaId);
  if (new Set(psaIds).size !== psaIds.length) problems.push('a PSA company is suggested twice');
}

/** Checks `output` (quickMatch of `pax8` × `psa` at `threshold`) on `sampleSize` Pax8 rows drawn with `seed`. */
export function checkAgainstBruteForce(
  pax8: readonly CompanyRef[],
  psa: readonly CompanyRef[],
  output: QuickOutput,
  threshold: number,
  sampleSize: number,
  seed: number,
): CheckReport {
  const problems: string[] = [];
  wholeOutput(pax8, output, problems);
  const scorer = createMatchScorer(pax8.map((c) => c.name), psa.map((c) => c.name));
  const nameOf = new Map([...pax8, ...psa].map((company) => [company.id, company.name]));
  const suggested = new Map(output.suggestions.map(([pax8Id, psaId, score]) => [pax8Id, { psaId, score }]));
  const partnerOf = new Map(output.suggestions.map(([pax8Id, psaId]) => [psaId, pax8Id]));
  const unmatchedOf = new Map(output.unmatchedPax8.map(([id, reason, bestId, bestScore]) => [id, { reason, bestId, bestScore }]));
  const rank = (pax8Id: string, psaId: string): Ranked => {
    const s = scorer.score(nameOf.get(pax8Id)!, nameOf.get(psaId)!);
    return { score: s.score, identical: s.pax8Normalized === s.psaNormalized, pax8Id, psaId };
  };

  const random = seededRandom(seed);
  const order = pax8.map((_, k) => k);
  for (let k = order.length - 1; k > 0; k--) {
    const r = Math.floor(random() * (k + 1));
    [order[k], order[r]] = [order[r]!, order[k]!];
  }
  const sample = order.slice(0, Math.min(sampleSize, pax8.length)).map((k) => pax8[k]!);
  let suggestionsChecked = 0;
  let unmatchedChecked = 0;
  let candidatePairs = 0;
  for (const company of sample) {
    const candidates = psa.map((other) => rank(company.id, other.id)).filter((pair) => pair.score >= threshold);
    candidatePairs += candidates.length;
    const mine = suggested.get(company.id);
    const chosen = mine && candidates.find((pair) => pair.psaId === mine.psaId);
    if (mine) {
      suggestionsChecked++;
      if (!chosen) problems.push(`${company.id} → ${mine.psaId} is no candidate by brute force`);
      else if (!Object.is(chosen.score, mine.score)) problems.push(`${company.id} → ${mine.psaId}: score ${mine.score}, brute force ${chosen.score}`);
    } else {
      unmatchedChecked++;
      checkUnmatched(company.id, candidates, unmatchedOf.get(company.id), problems);
    }
    for (const pair of candidates) {
      if (pair === chosen || (chosen && !above(pair, chosen))) continue;
      const partner = partnerOf.get(pair.psaId);
      if (partner === undefined || !above(rank(partner, pair.psaId), pair)) {
        problems.push(`${pair.pax8Id} / ${pair.psaId} (${pair.score}) ranks above what both got`);
      }
    }
  }
  return { rows: sample.length, suggestionsChecked, unmatchedChecked, candidatePairs, scored: sample.length * psa.length, problems };
}

function checkUnmatched(
  id: string,
  candidates: readonly Ranked[],
  reported: { reason: string; bestId: string | null; bestScore: number | null } | undefined,
  problems: string[],
): void {
  if (reported === undefined) return void problems.push(`${id} is neither suggested nor unmatched`);
  if (candidates.length === 0) {
    if (reported.reason !== 'no-candidate') problems.push(`${id}: reason ${reported.reason}, brute force finds no candidate`);
    return;
  }
  // The best candidate: highest score, then the lower PSA id.
  const best = candidates.reduce((b, pair) => (pair.score > b.score || (pair.score === b.score && pair.psaId < b.psaId) ? pair : b));
  if (reported.reason !== 'outmatched' || reported.bestId !== best.psaId || !Object.is(reported.bestScore, best.score)) {
    problems.push(`${id}: reported ${JSON.stringify(reported)}, brute force best ${best.psaId} ${best.score}`);
  }
}
