import type { SuggestMappingsResult } from '@pax8-sync/core';
import type { Print } from './report';

type Unmatched = SuggestMappingsResult['unmatchedPax8'][number];

function why(company: Unmatched, otherSide: string): string {
  return company.reason === 'outmatched' && company.bestCandidate
    ? `its best ${otherSide} candidate, at score ${company.bestCandidate.score.toFixed(2)}, went to another company`
    : `no ${otherSide} company is close enough`;
}

function printSome<T>(print: Print, items: readonly T[], maxRows: number, line: (item: T) => string, more: string): void {
  for (const item of items.slice(0, maxRows)) print(`  ${line(item)}`);
  if (items.length > maxRows) print(`  ... and ${items.length - maxRows} more (${more})`);
}

/**
 * Prints Quick Match's result for the person who confirms it: the suggestions lowest score first
 * (the doubtful ones are what needs an eye before Save All), then the companies left unmatched on
 * each side, by name, with the reason.
 */
export function printQuickMatch(print: Print, result: SuggestMappingsResult, maxRows: number): void {
  const { suggestions, unmatchedPax8, unmatchedPsa } = result;
  print(`Quick Match: ${suggestions.length} suggestions, ${unmatchedPax8.length} Pax8 companies and ${unmatchedPsa.length} PSA companies left unmatched`);
  if (suggestions.length > 0) {
    print('Suggestions, lowest score first (check these before Save All):');
    const ascending = [...suggestions].sort((a, b) => a.score - b.score || a.pax8Name.localeCompare(b.pax8Name));
    printSome(print, ascending, maxRows, (s) => `${s.score.toFixed(2)}  ${s.pax8Name.padEnd(32)} <-> ${s.psaName}`, `scores up to ${ascending.at(-1)?.score.toFixed(2)}; QUICKSTART_ROWS=${ascending.length} shows them all`);
  }
  if (unmatchedPax8.length > 0) {
    print(`Pax8 companies left unmatched (${unmatchedPax8.length}): their subscriptions are not synced until you map them`);
    printSome(print, unmatchedPax8, maxRows, (c) => `${c.name} (${why(c, 'PSA')})`, `QUICKSTART_ROWS=${unmatchedPax8.length} shows them all`);
  }
  if (unmatchedPsa.length > 0) {
    print(`PSA companies left unmatched (${unmatchedPsa.length}): no Pax8 company was suggested for them`);
    printSome(print, unmatchedPsa, maxRows, (c) => `${c.name} (${why(c, 'Pax8')})`, `QUICKSTART_ROWS=${unmatchedPsa.length} shows them all`);
  }
}
