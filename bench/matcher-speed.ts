/**
 * Quick Match speed: N × N synthetic companies (default 10,000 × 10,000), against the all-pairs baseline:
 * string-similarity's compareTwoStrings on every pair of normalised names (scoring only, no choosing), timed
 * on a sample of Pax8 rows and scaled to N × N. The two are alternated and repeated (default 3 rounds) in
 * one process, and the figure that matters is their ratio, which a loaded machine disturbs far less than the
 * seconds. Then the exactness check: for a sample of Pax8 rows, the pairs the word index finds are exactly
 * (same pairs, bit-identical scores) those that scoring every pair with createMatchScorer finds. Last, the
 * worst case of the choosing step: a block of identical names on both sides (every pair ties).
 * Run: `pnpm bench:matcher-speed [N] [rounds]`.
 */
import { createRequire } from 'node:module';
import { createMatchScorer, normalizeCompanyName, quickMatch } from '@pax8-sync/matcher';
import { prepareNames } from '../packages/matcher/src/prepared-names';
import { findScoredPairs } from '../packages/matcher/src/scored-pairs';
import { companyLists } from './matcher-speed-names';

// string-similarity is the matcher package's dependency, not the root's: load it from there.
const stringSimilarity = createRequire(new URL('../packages/matcher/package.json', import.meta.url))(
  'string-similarity',
) as { compareTwoStrings(first: string, second: string): number };

const size = Number(process.argv[2] ?? 10_000);
const rounds = Number(process.argv[3] ?? 3);
const baselineRows = Math.min(size, 400);
const checkRows = Math.min(size, 60);
const threshold = 0.4;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const { pax8, psa } = companyLists(size, 42);
const psaNames = psa.map((company) => normalizeCompanyName(company.name));

function timeQuickMatch() {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = quickMatch(pax8, psa, { threshold });
  return { wall: performance.now() - started, cpu: cpuMs(process.cpuUsage(cpu)), result };
}

/** compareTwoStrings on `baselineRows` Pax8 rows × every PSA company, scaled to N × N. */
function timeBaseline() {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let above = 0;
  for (const company of pax8.slice(0, baselineRows)) {
    const name = normalizeCompanyName(company.name);
    for (const other of psaNames) if (stringSimilarity.compareTwoStrings(name, other) >= threshold) above++;
  }
  const scale = size / baselineRows;
  return { wall: (performance.now() - started) * scale, cpu: cpuMs(process.cpuUsage(cpu)) * scale, above };
}

console.log(`Quick Match ${size.toLocaleString()} × ${size.toLocaleString()} (threshold ${threshold}), ${rounds} alternated rounds`);
console.log('round   Quick Match wall / CPU      all-pairs compareTwoStrings wall / CPU (scaled)   ratio wall / CPU');
const ratios: { wall: number; cpu: number }[] = [];
const fastRuns: { wall: number; cpu: number }[] = [];
let last: ReturnType<typeof timeQuickMatch>['result'] | undefined;
for (let round = 1; round <= rounds; round++) {
  const fast = timeQuickMatch();
  const base = timeBaseline();
  last = fast.result;
  fastRuns.push(fast);
  ratios.push({ wall: base.wall / fast.wall, cpu: base.cpu / fast.cpu });
  console.log(
    `${String(round).padStart(5)}   ${(fast.wall / 1000).toFixed(2).padStart(6)} s / ${(fast.cpu / 1000).toFixed(2).padStart(5)} s` +
      `        ${(base.wall / 1000).toFixed(1).padStart(6)} s / ${(base.cpu / 1000).toFixed(1).padStart(6)} s` +
      `                         ${ratios.at(-1)!.wall.toFixed(0).padStart(4)}× / ${ratios.at(-1)!.cpu.toFixed(0)}×`,
  );
}
console.log(
  `median  ${(median(fastRuns.map((r) => r.wall)) / 1000).toFixed(2)} s wall, ${(median(fastRuns.map((r) => r.cpu)) / 1000).toFixed(2)} s CPU; ` +
    `Quick Match is ${median(ratios.map((r) => r.wall)).toFixed(0)}× (wall) / ${median(ratios.map((r) => r.cpu)).toFixed(0)}× (CPU) faster than all-pairs compareTwoStrings alone`,
);
console.log(`  peak RSS         ${mb(process.resourceUsage().maxRSS * 1024)} (process)`);
console.log(`  pairs ≥ ${threshold}      ${last!.stats.candidatePairs.toLocaleString()} in ${last!.stats.components} component(s)`);
console.log(`  suggestions      ${last!.suggestions.length.toLocaleString()}`);

// Exactness: the word index against scoring every pair, on a sample of Pax8 rows (every PSA company).
const sample = pax8.slice(0, checkRows);
const scorer = createMatchScorer(pax8.map((c) => c.name), psa.map((c) => c.name));
const brute = new Map<string, number>();
for (const company of sample) {
  psa.forEach((other) => {
    const { score } = scorer.score(company.name, other.name);
    if (score >= threshold) brute.set(`${company.id}\u0000${other.id}`, score);
  });
}
const allNames = [...pax8, ...psa].map((company) => normalizeCompanyName(company.name));
const fastSample = findScoredPairs(
  prepareNames(allNames, sample.map((company) => normalizeCompanyName(company.name)), psaNames),
  threshold,
  () => false,
);
const exact =
  fastSample.length === brute.size &&
  Array.from(fastSample.left).every((i, e) => brute.get(`${sample[i]!.id}\u0000${psa[fastSample.right[e]!]!.id}`) === fastSample.score[e]);
console.log(
  `\nSame pairs as scoring every pair (createMatchScorer on ${checkRows} × ${size.toLocaleString()}): ` +
    `${exact ? 'yes' : 'NO'} (${brute.size.toLocaleString()} pairs ≥ ${threshold}, scores bit-identical)`,
);

// The choosing step's worst case: a block of identical names on both sides, where every pair ties.
const block = Math.min(size, 2_000);
const same = (prefix: string, name: string) => Array.from({ length: block }, (_, k) => ({ id: `${prefix}${k}`, name }));
const blockStarted = performance.now();
const blockCpu = process.cpuUsage();
const blockResult = quickMatch(same('p', 'Acme Inc'), same('c', 'ACME LLC'), { threshold });
console.log(
  `\nIdentical names ${block.toLocaleString()} × ${block.toLocaleString()} (every pair ties, ` +
    `${blockResult.stats.candidatePairs.toLocaleString()} pairs): ${((performance.now() - blockStarted) / 1000).toFixed(2)} s wall, ` +
    `${(cpuMs(process.cpuUsage(blockCpu)) / 1000).toFixed(2)} s CPU`,
);
if (!exact) process.exitCode = 1;
