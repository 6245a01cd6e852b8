/**
 * Loads a labelled Quick Match set and scores Quick Match on it: precision, recall and F1 of the suggested
 * pairs against the true pairs. Two sets, built by different methods: bench/data/matcher-labelled.tsv (the
 * development set, bench/matcher-quality-build.ts) and bench/data/matcher-holdout-2.tsv (held out, never tuned
 * on, bench/matcher-holdout-build.ts). Shared by bench/matcher-quality.ts and the matcher package's quality test.
 */
import { readFileSync } from 'node:fs';
import { type CompanyRef, quickMatch } from '@pax8-sync/matcher';

/** The labelled set: both company lists and the true pairs (with their category). */
export interface LabelledSet {
  readonly pax8: CompanyRef[];
  readonly psa: CompanyRef[];
  readonly truth: { pax8Id: string; psaId: string; category: string }[];
  /** Near-miss pairs: different companies that must not be paired. */
  readonly nearMisses: { pax8Id: string; psaId: string }[];
}

/** Quick Match's quality at one threshold. */
export interface QualityReport {
  readonly threshold: number;
  readonly suggested: number;
  readonly correct: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Near-miss pairs that were suggested. */
  readonly nearMissesSuggested: number;
  /** Recall per category of true pair. */
  readonly recallByCategory: Record<string, { found: number; total: number }>;
  /** Wrong suggestions, as [Pax8 name, PSA name, score]. */
  readonly falsePositives: [string, string, number][];
  /** True pairs not suggested, as [category, Pax8 name, PSA name]. */
  readonly falseNegatives: [string, string, string][];
}

const NOT_PAIRS = new Set(['near-miss', 'pax8-only', 'psa-only']);

/**
 * The labelled sets: the development set; the independent set, whose names come from outside the project
 * (chance's real company list and faker, bench/matcher-independent-build.ts); and two samples of the project's
 * own held-out generator (bench/matcher-holdout-build.ts), both seen before the matcher's dba change (see the
 * README, "Quality").
 */
export const LABELLED_SETS = {
  development: new URL('./data/matcher-labelled.tsv', import.meta.url),
  independent: new URL('./data/matcher-independent-1.tsv', import.meta.url),
  heldOutSeen: new URL('./data/matcher-holdout.tsv', import.meta.url),
  heldOut: new URL('./data/matcher-holdout-2.tsv', import.meta.url),
} as const;

/** Reads the TSV; each distinct name on a side is one company (near-miss rows refer to the same companies as their partner rows). */
export function loadLabelledSet(file: URL = LABELLED_SETS.development): LabelledSet {
  const pax8 = new Map<string, string>();
  const psa = new Map<string, string>();
  const idOf = (side: Map<string, string>, prefix: string, name: string) => {
    let id = side.get(name);
    if (id === undefined) {
      id = `${prefix}${side.size + 1}`;
      side.set(name, id);
    }
    return id;
  };
  const truth: LabelledSet['truth'] = [];
  const nearMisses: LabelledSet['nearMisses'] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const [kind, pax8Name, psaName] = line.split('\t') as [string, string, string];
    const pax8Id = pax8Name ? idOf(pax8, 'pax8-', pax8Name) : undefined;
    const psaId = psaName ? idOf(psa, 'psa-', psaName) : undefined;
    if (kind === 'near-miss') nearMisses.push({ pax8Id: pax8Id!, psaId: psaId! });
    else if (!NOT_PAIRS.has(kind)) truth.push({ pax8Id: pax8Id!, psaId: psaId!, category: kind });
  }
  const list = (side: Map<string, string>) => [...side].map(([name, id]) => ({ id, name }));
  return { pax8: list(pax8), psa: list(psa), truth, nearMisses };
}

/** Runs Quick Match on the whole set at `threshold` and scores the suggestions. */
export function evaluateQuality(set: LabelledSet, threshold: number): QualityReport {
  const { suggestions } = quickMatch(set.pax8, set.psa, { threshold });
  const key = (pax8Id: string, psaId: string) => `${pax8Id}\u0000${psaId}`;
  const truth = new Map(set.truth.map((pair) => [key(pair.pax8Id, pair.psaId), pair.category]));
  const nearMiss = new Set(set.nearMisses.map((pair) => key(pair.pax8Id, pair.psaId)));
  const suggested = new Set(suggestions.map((s) => key(s.pax8Id, s.psaId)));
  const correct = suggestions.filter((s) => truth.has(key(s.pax8Id, s.psaId))).length;
  const recallByCategory: QualityReport['recallByCategory'] = {};
  const falseNegatives: QualityReport['falseNegatives'] = [];
  const nameOf = (list: CompanyRef[], id: string) => list.find((company) => company.id === id)!.name;
  for (const pair of set.truth) {
    const entry = recallByCategory[pair.category] ?? { found: 0, total: 0 };
    recallByCategory[pair.category] = entry;
    entry.total++;
    if (suggested.has(key(pair.pax8Id, pair.psaId))) entry.found++;
    else falseNegatives.push([pair.category, nameOf(set.pax8, pair.pax8Id), nameOf(set.psa, pair.psaId)]);
  }
  const precision = suggestions.length === 0 ? 1 : correct / suggestions.length;
  const recall = correct / set.truth.length;
  return {
    threshold,
    suggested: suggestions.length,
    correct,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    nearMissesSuggested: suggestions.filter((s) => nearMiss.has(key(s.pax8Id, s.psaId))).length,
    recallByCategory,
    falsePositives: suggestions
      .filter((s) => !truth.has(key(s.pax8Id, s.psaId)))
      .map((s) => [s.pax8Name, s.psaName, s.score]),
    falseNegatives,
  };
}
