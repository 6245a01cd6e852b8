/**
 * One timed run of the Quick Match speed bench, in its own process (bench/matcher-speed.ts starts it pinned to one
 * CPU with `taskset -c 0`). Prints one JSON line: wall and CPU milliseconds of the timed part, peak RSS, and the
 * CPUs this process may run on (1 when pinned).
 * - `quick T N SEED OUT`: quickMatch at threshold T on the N × N synthetic lists of SEED; its whole result goes to
 *   the file OUT, so the parent checks the output of this very call.
 * - `baseline T N SEED ROWS`: string-similarity's compareTwoStrings of ROWS Pax8 names against every PSA name
 *   (normalised beforehand), scaled to N × N: the all-pairs baseline.
 * - `block T N`: N × N identical names (every pair ties), the choosing step's worst case.
 * The parent imports only this file's types.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { normalizeCompanyName, quickMatch } from '@pax8-sync/matcher';
import { companyLists } from './matcher-speed-names';

/** What the child measured. */
export interface ChildReport {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly peakRssMb: number;
  readonly cpus: number;
  readonly pairs?: number;
  readonly suggestions?: number;
  readonly components?: number;
}

/** The timed quickMatch call's result, as the child writes it for the parent to check. */
export interface QuickOutput {
  readonly suggestions: [pax8Id: string, psaId: string, score: number][];
  readonly unmatchedPax8: [id: string, reason: string, bestId: string | null, bestScore: number | null][];
}

function timed<T>(work: () => T): { wallMs: number; cpuMs: number; value: T } {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const value = work();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000, value };
}

function report(measured: { wallMs: number; cpuMs: number }, extra: Partial<ChildReport> = {}): void {
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const out: ChildReport = { wallMs: measured.wallMs, cpuMs: measured.cpuMs, peakRssMb, cpus: availableParallelism(), ...extra };
  console.log(JSON.stringify(out));
}

function quick(threshold: number, size: number, seed: number, file: string): void {
  const { pax8, psa } = companyLists(size, seed);
  const run = timed(() => quickMatch(pax8, psa, { threshold }));
  const result = run.value;
  const output: QuickOutput = {
    suggestions: result.suggestions.map((s) => [s.pax8Id, s.psaId, s.score]),
    unmatchedPax8: result.unmatchedPax8.map((c) => [c.id, c.reason, c.bestCandidate?.id ?? null, c.bestCandidate?.score ?? null]),
  };
  writeFileSync(file, JSON.stringify(output));
  report(run, { pairs: result.stats.candidatePairs, suggestions: result.suggestions.length, components: result.stats.components });
}

function baseline(threshold: number, size: number, seed: number, rows: number): void {
  // string-similarity is the matcher package's dependency, not the root's: load it from there.
  const { compareTwoStrings } = createRequire(new URL('../packages/matcher/package.json', import.meta.url))('string-similarity') as {
    compareTwoStrings(first: string, second: string): number;
  };
  const { pax8, psa } = companyLists(size, seed);
  const psaNames = psa.map((company) => normalizeCompanyName(company.name));
  const run = timed(() => {
    let above = 0;
    for (const company of pax8.slice(0, rows)) {
      const name = normalizeCompanyName(company.name);
      for (const other of psaNames) if (compareTwoStrings(name, other) >= threshold) above++;
    }
    return above;
  });
  const scale = size / rows;
  report({ wallMs: run.wallMs * scale, cpuMs: run.cpuMs * scale });
}

function block(threshold: number, size: number): void {
  const same = (prefix: string, name: string) => Array.from({ length: size }, (_, k) => ({ id: `${prefix}${k}`, name }));
  const pax8 = same('p', 'Acme Inc');
  const psa = same('c', 'ACME LLC');
  const run = timed(() => quickMatch(pax8, psa, { threshold }));
  report(run, { pairs: run.value.stats.candidatePairs, suggestions: run.value.suggestions.length });
}

const [mode, threshold, ...args] = process.argv.slice(2);
if (mode === 'quick') quick(Number(threshold), Number(args[0]), Number(args[1]), args[2]!);
else if (mode === 'baseline') baseline(Number(threshold), Number(args[0]), Number(args[1]), Number(args[2]));
else if (mode === 'block') block(Number(threshold), Number(args[0]));
else throw new Error(`unknown mode ${mode}: quick | baseline | block`);
