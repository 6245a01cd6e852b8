/**
 * Quick Match speed: N × N synthetic companies (default 10,000 × 10,000) against the all-pairs baseline
 * (string-similarity's compareTwoStrings on every pair of normalised names, scoring only, timed on a sample of
 * rows and scaled to N × N). Every timed run is its own process pinned to one CPU (`taskset -c 0`; the child
 * reports the CPUs it may use), reporting wall and CPU time; the two are alternated and repeated (default 3
 * rounds), and the figure that matters is their ratio in the same run, with the load average beside it (the
 * machine is shared). Then the output of the last timed quickMatch call itself is checked against brute force
 * on a seeded sample of Pax8 rows, each against every PSA company (bench/matcher-speed-check.ts). Last, the
 * choosing step's worst case: a block of identical names on both sides.
 * Run: `pnpm bench:matcher-speed [N] [rounds] [checked rows]`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkAgainstBruteForce } from './matcher-speed-check';
import type { ChildReport, QuickOutput } from './matcher-speed-child';
import { companyLists } from './matcher-speed-names';

const size = Number(process.argv[2] ?? 10_000);
const rounds = Number(process.argv[3] ?? 3);
const checkedRows = Number(process.argv[4] ?? 500);
const seed = 42;
const threshold = 0.4;
const baselineRows = Math.min(size, 400);
const child = fileURLToPath(new URL('./matcher-speed-child.ts', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));
const pinned = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const load = () => loadavg().map((value) => value.toFixed(1)).join(' ');

/** Runs one timed child (pinned when taskset works) and returns what it measured. */
function run(...args: string[]): ChildReport {
  const command = [...(pinned ? ['taskset', '-c', '0'] : []), process.execPath, '--import', 'tsx', child, args[0]!, String(threshold), ...args.slice(1)];
  const result = spawnSync(command[0]!, command.slice(1), { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (result.status !== 0) throw new Error(`${command.join(' ')} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as ChildReport;
}

const dir = mkdtempSync(join(tmpdir(), 'matcher-speed-'));
const outputFile = join(dir, 'quick-match.json');
try {
  console.log(`Quick Match ${size.toLocaleString()} × ${size.toLocaleString()} (threshold ${threshold}), ${rounds} alternated rounds, each run its own process`);
  console.log(pinned ? 'pinned to CPU 0 (taskset -c 0)' : 'NOT pinned: taskset is missing, so these are not one-core figures');
  console.log(`machine: ${availableParallelism()} CPUs, load average (1/5/15 min) ${load()} at the start\n`);
  console.log('round  Quick Match wall / CPU   all-pairs compareTwoStrings wall / CPU (scaled)   CPU ratio  CPUs seen  load (1 min)');
  const fast: ChildReport[] = [];
  const ratios: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    const quick = run('quick', String(size), String(seed), outputFile);
    const base = run('baseline', String(size), String(seed), String(baselineRows));
    fast.push(quick);
    ratios.push(base.cpuMs / quick.cpuMs);
    console.log(
      `${String(round).padStart(5)}  ${seconds(quick.wallMs).padStart(7)} / ${seconds(quick.cpuMs).padStart(7)}` +
        `      ${seconds(base.wallMs).padStart(8)} / ${seconds(base.cpuMs).padStart(8)}` +
        `                        ${`${ratios.at(-1)!.toFixed(0)}×`.padStart(5)}  ${String(quick.cpus).padStart(9)}  ${loadavg()[0]!.toFixed(1).padStart(12)}`,
    );
  }
  const last = fast.at(-1)!;
  console.log(
    `median ${seconds(median(fast.map((r) => r.wallMs)))} wall, ${seconds(median(fast.map((r) => r.cpuMs)))} CPU on one core; ` +
      `Quick Match takes ${median(ratios).toFixed(0)}× less CPU than all-pairs compareTwoStrings alone, in the same run`,
  );
  console.log(`  peak RSS      ${last.peakRssMb} MB (the Quick Match process: lists, result and its JSON)`);
  console.log(`  pairs ≥ ${threshold}   ${last.pairs!.toLocaleString()} in ${last.components!.toLocaleString()} component(s); ${last.suggestions!.toLocaleString()} suggestions`);
  console.log(`  load average  ${load()} at the end of the timed rounds`);

  const { pax8, psa } = companyLists(size, seed);
  const output = JSON.parse(readFileSync(outputFile, 'utf8')) as QuickOutput;
  const check = checkAgainstBruteForce(pax8, psa, output, threshold, checkedRows, 7);
  console.log(
    `\nThe last timed call's own output against brute force: ${check.rows.toLocaleString()} random Pax8 rows (seed 7), each scored ` +
      `by createMatchScorer against all ${psa.length.toLocaleString()} PSA companies (${check.scored.toLocaleString()} pairs, ` +
      `${check.candidatePairs.toLocaleString()} candidates ≥ ${threshold}): ${check.suggestionsChecked} suggestions and ` +
      `${check.unmatchedChecked} unmatched rows are what the strongest-first rule chooses, scores bit-identical: ` +
      `${check.problems.length === 0 ? 'yes' : `NO, ${check.problems.length} problem(s)`}`,
  );
  for (const problem of check.problems.slice(0, 20)) console.log(`  ${problem}`);
  if (check.problems.length > 0) process.exitCode = 1;

  const blockSize = Math.min(size, 2_000);
  const block = run('block', String(blockSize));
  console.log(
    `\nIdentical names ${blockSize.toLocaleString()} × ${blockSize.toLocaleString()} (every pair ties, ${block.pairs!.toLocaleString()} pairs), ` +
      `one core: ${seconds(block.wallMs)} wall, ${seconds(block.cpuMs)} CPU`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
