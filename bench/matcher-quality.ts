/**
 * Quick Match quality on the labelled sets: the development set (bench/data/matcher-labelled.tsv), the
 * held-out set (bench/data/matcher-holdout-2.tsv, built by another method, never tuned on) and the held-out
 * generator's first sample (matcher-holdout.tsv, evaluated once before the last matcher change). For each:
 * precision, recall and F1 at thresholds 0.3 to 0.9, recall per category, and the mistakes at the default.
 * Run: `pnpm bench:matcher-quality`.
 */
import { DEFAULT_MATCH_THRESHOLD } from '@pax8-sync/matcher';
import { evaluateQuality, LABELLED_SETS, loadLabelledSet } from './matcher-quality-eval';

const pct = (value: number) => `${(value * 100).toFixed(1)}%`.padStart(7);
const summary: string[] = [];
for (const [label, file] of [
  ['Development set (matcher-labelled.tsv)', LABELLED_SETS.development],
  ['Independent set (matcher-independent-1.tsv: chance + faker names)', LABELLED_SETS.independent],
  ['Held-out set (matcher-holdout-2.tsv, unseen)', LABELLED_SETS.heldOut],
  ['Held-out first sample (matcher-holdout.tsv, seen once)', LABELLED_SETS.heldOutSeen],
] as const) {
  const set = loadLabelledSet(file);
  const categories = [...new Set(set.truth.map((pair) => pair.category))].sort();
  console.log(
    `== ${label}: ${set.pax8.length} Pax8 companies, ${set.psa.length} PSA companies, ` +
      `${set.truth.length} true pairs, ${set.nearMisses.length} near-miss pairs.\n`,
  );
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
  summary.push(`  ${label.padEnd(56)} precision ${pct(atDefault.precision)}  recall ${pct(atDefault.recall)}`);
  console.log(`\nRecall by category at ${DEFAULT_MATCH_THRESHOLD}:`);
  for (const category of categories) {
    const { found, total } = atDefault.recallByCategory[category]!;
    console.log(`  ${category.padEnd(26)} ${String(found).padStart(3)} / ${String(total).padEnd(3)} ${pct(found / total)}`);
  }
  console.log(`\nWrong suggestions at ${DEFAULT_MATCH_THRESHOLD} (${atDefault.falsePositives.length}):`);
  for (const [pax8, psa, score] of atDefault.falsePositives) console.log(`  ${score.toFixed(3)}  ${pax8}  ↔  ${psa}`);
  console.log(`\nMissed true pairs at ${DEFAULT_MATCH_THRESHOLD} (${atDefault.falseNegatives.length}):`);
  for (const [category, pax8, psa] of atDefault.falseNegatives) console.log(`  [${category}] ${pax8}  ↔  ${psa}`);
  console.log('');
}
console.log(`At the default threshold ${DEFAULT_MATCH_THRESHOLD}:`);
for (const line of summary) console.log(line);
