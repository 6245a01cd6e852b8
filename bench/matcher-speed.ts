/**
 * Quick Match speed: N × N synthetic companies (default 10,000 × 10,000), wall time and peak memory,
 * against the brute-force all-pairs computation (string-similarity's compareTwoStrings on every pair of
 * normalised names) measured in the same run on a sample of Pax8 rows and scaled to N × N. The sample is
 * also checked: the fast path finds exactly the pairs brute force finds for those rows. Last, the
 * assignment's worst case: a block of identical names on both sides (every pair ties).
 * Run: `pnpm exec tsx bench/matcher-speed.ts [N] [sampleRows]` (sampleRows = N runs the full baseline).
 */
import { createRequire } from 'node:module';
import { normalizeCompanyName, quickMatch } from '@pax8-sync/matcher';
import { findCandidatePairs } from '../packages/matcher/src/candidate-pairs';
import { stripWhitespace } from '../packages/matcher/src/dice';
import { companyLists } from './matcher-speed-names';

// string-similarity is the matcher package's dependency, not the root's: load it from there.
const stringSimilarity = createRequire(new URL('../packages/matcher/package.json', import.meta.url))(
  'string-similarity',
) as { compareTwoStrings(first: string, second: string): number };

const size = Number(process.argv[2] ?? 10_000);
const sampleRows = Math.min(size, Number(process.argv[3] ?? 400));
const threshold = 0.4;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

const { pax8, psa } = companyLists(size, 42);
global.gc?.();
const rssBefore = process.memoryUsage().rss;
const started = performance.now();
const cpuStarted = process.cpuUsage();
const result = quickMatch(pax8, psa, { threshold });
const fastMs = performance.now() - started;
const fastCpuMs = cpuMs(process.cpuUsage(cpuStarted));
const peakRss = process.resourceUsage().maxRSS * 1024;

console.log(`Quick Match ${size.toLocaleString()} × ${size.toLocaleString()} (threshold ${threshold})`);
console.log(`  wall time        ${(fastMs / 1000).toFixed(2)} s (CPU ${(fastCpuMs / 1000).toFixed(2)} s)`);
console.log(`  peak RSS         ${mb(peakRss)} (process; ${mb(rssBefore)} before the call)`);
console.log(`  candidate pairs  ${result.stats.candidatePairs.toLocaleString()} in ${result.stats.components} component(s)`);
console.log(`  suggestions      ${result.suggestions.length.toLocaleString()}`);

// Brute force on a sample of Pax8 rows (every PSA company), scaled to the full N × N.
const sample = pax8.slice(0, sampleRows);
const psaNames = psa.map((company) => normalizeCompanyName(company.name));
const baselineStarted = performance.now();
const baselineCpuStarted = process.cpuUsage();
const brutePairs = new Set<string>();
for (const company of sample) {
  const name = normalizeCompanyName(company.name);
  psaNames.forEach((other, j) => {
    // A name that normalises to nothing matches nothing (Quick Match's rule); the lists here have none.
    if (name !== '' && other !== '' && stringSimilarity.compareTwoStrings(name, other) >= threshold) brutePairs.add(`${company.id}\u0000${psa[j]!.id}`);
  });
}
const baselineSampleMs = performance.now() - baselineStarted;
const baselineCpuMs = cpuMs(process.cpuUsage(baselineCpuStarted)) * (size / sampleRows);
const baselineMs = baselineSampleMs * (size / sampleRows);

// The same pairs, not only as many: the fast path's candidate pairs for the sample rows, compared as a set.
const fastSample = findCandidatePairs(
  sample.map((company) => stripWhitespace(normalizeCompanyName(company.name))),
  psaNames.map(stripWhitespace),
  threshold,
  () => false,
);
const fastPairs = new Set(Array.from(fastSample.left, (i, e) => `${sample[i]!.id}\u0000${psa[fastSample.right[e]!]!.id}`));
const samePairs = fastPairs.size === brutePairs.size && [...brutePairs].every((pair) => fastPairs.has(pair));

console.log(`\nBrute force (compareTwoStrings on all ${(size * size).toLocaleString()} pairs, scoring only)`);
console.log(
  `  measured         ${(baselineSampleMs / 1000).toFixed(2)} s for ${sampleRows.toLocaleString()} × ${size.toLocaleString()} pairs`,
);
console.log(
  `  scaled to N × N  ${(baselineMs / 1000).toFixed(1)} s (CPU ${(baselineCpuMs / 1000).toFixed(1)} s)${sampleRows === size ? ' (full run)' : ''}`,
);
console.log(`  same pairs on the sample: ${samePairs ? 'yes' : 'NO'} (${brutePairs.size.toLocaleString()} pairs ≥ ${threshold})`);
console.log(
  `\nSpeed-up: ${(baselineMs / fastMs).toFixed(1)}× by wall time, ${(baselineCpuMs / fastCpuMs).toFixed(1)}× by CPU time, ` +
    'than brute-force scoring alone (which still lacks the assignment step)',
);

// The assignment's worst case: a block of identical names on both sides, where every pair ties.
const block = Math.min(size, 2_000);
const same = (prefix: string, name: string) => Array.from({ length: block }, (_, k) => ({ id: `${prefix}${k}`, name }));
const blockStarted = performance.now();
const blockResult = quickMatch(same('p', 'Acme Inc'), same('c', 'ACME LLC'), { threshold });
console.log(
  `\nIdentical names ${block.toLocaleString()} × ${block.toLocaleString()} (every pair ties, ` +
    `${blockResult.stats.candidatePairs.toLocaleString()} pairs): ${((performance.now() - blockStarted) / 1000).toFixed(2)} s`,
);
if (!samePairs) process.exitCode = 1;
