/**
 * Quick Match quality on the labelled set (bench/data/matcher-labelled.tsv): precision, recall and F1
 * at thresholds 0.3 to 0.9, recall per category, and the mistakes at the default threshold.
 * Run: `pnpm exec tsx bench/matcher-quality.ts`.
 */
import { DEFAULT_MATCH_THRESHOLD } from '@pax8-sync/matcher';
import { evaluateQuality, loadLabelledSet } from './matcher-quality-eval';

const set = loadLabelledSet();
const categories = [...new Set(set.truth.map((pair) => pair.category))].sort();
console.log(
  `Labelled set: ${set.pax8.length} Pax8 companies, ${set.psa.length} PSA companies, ` +
    `${set.truth.length} true pairs, ${set.nearMisses.length} near-miss pairs.\n`,
);
const pct = (value: number) => `${(value * 100).toFixed(1)}%`.padStart(7);
console.log('threshold  suggested  correct  precision   recall       F1  near-misses suggested');
for (const threshold of [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9]) {
  const r = evaluateQuality(set, threshold);
  const mark = threshold === DEFAULT_MATCH_THRESHOLD ? ' (default)' : '';
  console.log(
    `${threshold.toFixed(2).padStart(9)}  ${String(r.suggested).padStart(9)}  ${String(r.correct).padStart(7)}  ` +
      `${pct(r.precision).padStart(9)}  ${pct(r.recall)}  ${pct(r.f1)}  ${String(r.nearMissesSuggested).padStart(21)}${mark}`,
  );
}

const atDefault = evaluateQuality(set, DEFAULT_MATCH_THRESHOLD);
console.log(`\nRecall by category at ${DEFAULT_MATCH_THRESHOLD}:`);
for (const category of categories) {
  const { found, total } = atDefault.recallByCategory[category]!;
  console.log(`  ${category.padEnd(18)} ${String(found).padStart(3)} / ${String(total).padEnd(3)} ${pct(found / total)}`);
}
console.log(`\nWrong suggestions at ${DEFAULT_MATCH_THRESHOLD} (${atDefault.falsePositives.length}):`);
for (const [pax8, psa, score] of atDefault.falsePositives) console.log(`  ${score.toFixed(3)}  ${pax8}  ↔  ${psa}`);
console.log(`\nMissed true pairs at ${DEFAULT_MATCH_THRESHOLD} (${atDefault.falseNegatives.length}):`);
for (const [category, pax8, psa] of atDefault.falseNegatives) console.log(`  [${category}] ${pax8}  ↔  ${psa}`);
