import type { MappingListItem, MappingSource, SyncEngine } from '@pax8-sync/core';
import type { PsaCompany } from '../console-deps';
import { type ScoreParts, scoreParts } from './score-parts';
import { partitionPending, type PsaHolder, takenPsaCompanies } from './taken-psa-companies';

/** The Map screen's filters, as the engine's `listMappings` defines them. */
export type MappingFilter = 'all' | 'mapped' | 'unmapped';

/** The filters in the order the screen shows them. */
export const mappingFilters: readonly MappingFilter[] = ['all', 'mapped', 'unmapped'];

/** One row of the Map screen: a Pax8 company and what it is mapped to or suggested for. */
export interface MappingRow {
  /** Pax8 company id. */
  pax8CompanyId: string;
  /** Pax8 company name. */
  pax8CompanyName: string;
  /** `pending` (a Quick Match suggestion), `mapped`, `rejected` or `unmapped`. */
  state: MappingListItem['state'];
  /** The PSA company of the mapping or suggestion, or `null`. */
  psaCompanyId: string | null;
  /** Its name in the PSA, or `null` (also when the PSA no longer has it). */
  psaCompanyName: string | null;
  /** Quick Match similarity (0–1) of a suggestion, `null` for manual mappings and unmapped rows. */
  score: number | null;
  /** `quick-match` or `manual`, `null` when unmapped. */
  source: MappingSource | null;
  /** A pending suggestion whose PSA company another Pax8 company already has: that company (Save All skips the row). */
  takenBy: PsaHolder | null;
  /** The score's parts, for the pending rows of the page shown; else `null`. */
  parts: ScoreParts | null;
}

/** Which page of the rows is shown. */
export interface BoardPage {
  /** 1-based page number. */
  number: number;
  /** How many pages the filter has (at least 1). */
  count: number;
  /** 1-based position of the page's first row (0 when there are no rows). */
  first: number;
  /** Position of the page's last row. */
  last: number;
  /** Rows in the filter. */
  total: number;
}

/** Everything the Map screen shows. */
export interface MappingBoard {
  /** The page's rows of the chosen filter, in review order (see {@link compareRows}). */
  rows: MappingRow[];
  /** Pax8 companies per filter; suggestions pending, and of them blocked (PSA company taken); PSA companies, and of them taken. */
  counts: Record<MappingFilter, number> & { pending: number; blocked: number; psa: number; psaTaken: number };
  /** The page shown. */
  page: BoardPage;
}

/** What {@link loadMappingBoard} shows: the filter and the page. */
export interface BoardQuery {
  /** The filter. */
  filter: MappingFilter;
  /** The 1-based page wanted (clamped to the pages there are). */
  page: number;
  /** Rows per page. */
  pageSize: number;
}

const stateOrder: Record<MappingRow['state'], number> = { pending: 0, unmapped: 1, rejected: 2, mapped: 3 };

/**
 * Orders rows for review: the doubtful suggestions (lowest scores) come first, so a person checks
 * them before pressing Save All; mapped companies, which need nothing, come last.
 */
export function compareRows(a: MappingRow, b: MappingRow): number {
  if (a.state !== b.state) return stateOrder[a.state] - stateOrder[b.state];
  if (a.state === 'pending' && a.score !== b.score) return (a.score ?? 0) - (b.score ?? 0);
  return a.pax8CompanyName.localeCompare(b.pax8CompanyName) || a.pax8CompanyId.localeCompare(b.pax8CompanyId);
}

/** Joins the engine's mapping list with the PSA's company names and the blocked suggestions, in review order. Pure. */
export function toMappingRows(items: readonly MappingListItem[], psaCompanies: readonly PsaCompany[], blocked: ReadonlyMap<string, PsaHolder> = new Map()): MappingRow[] {
  const names = new Map(psaCompanies.map((c) => [c.id, c.name]));
  return items
    .map((item): MappingRow => {
      const psaCompanyId = item.mapping?.psaCompanyId ?? null;
      return {
        pax8CompanyId: item.pax8CompanyId,
        pax8CompanyName: item.pax8CompanyName,
        state: item.state,
        psaCompanyId,
        psaCompanyName: psaCompanyId === null ? null : (names.get(psaCompanyId) ?? null),
        score: item.mapping?.score ?? null,
        source: item.mapping?.source ?? null,
        takenBy: blocked.get(item.pax8CompanyId) ?? null,
        parts: null,
      };
    })
    .sort(compareRows);
}

/** The page `wanted` of `total` rows, clamped to the pages there are. Pure. */
export function pageOf(total: number, wanted: number, pageSize: number): BoardPage {
  const count = Math.max(1, Math.ceil(total / pageSize));
  const number = Math.min(Math.max(1, Math.floor(wanted) || 1), count);
  const first = total === 0 ? 0 : (number - 1) * pageSize + 1;
  return { number, count, first, last: Math.min(total, number * pageSize), total };
}

/** `all`, `mapped` (confirmed) or `unmapped` (everything else), as `listMappings` filters. */
export function inFilter(filter: MappingFilter, item: MappingListItem): boolean {
  return filter === 'all' || (filter === 'mapped' ? item.state === 'mapped' : item.state !== 'mapped');
}

/**
 * Reads the Map screen: one page of the filtered rows in review order (the order is over every
 * row, so a page break never reorders), the counts of every filter, and the score's parts of the
 * page's suggestions. Only the page's rows are returned, whatever the number of companies.
 */
export async function loadMappingBoard(engine: SyncEngine, connectionId: string, psaCompanies: readonly PsaCompany[], query: BoardQuery): Promise<MappingBoard> {
  const all = await engine.listMappings({ connectionId });
  const blocked = partitionPending(all).blocked;
  const rows = toMappingRows(
    all.filter((item) => inFilter(query.filter, item)),
    psaCompanies,
    new Map(blocked.map((b) => [b.item.pax8CompanyId, b.holder])),
  );
  const page = pageOf(rows.length, query.page, query.pageSize);
  const shown = rows.slice(Math.max(0, page.first - 1), page.last);
  const pending = shown.filter((row) => row.state === 'pending' && row.psaCompanyName !== null);
  const parts = scoreParts({ pax8Names: all.map((item) => item.pax8CompanyName), psaNames: psaCompanies.map((c) => c.name) }, pending.map((row) => ({ pax8Name: row.pax8CompanyName, psaName: row.psaCompanyName ?? '' })));
  pending.forEach((row, i) => {
    row.parts = parts[i] ?? null;
  });
  const mapped = all.filter((item) => item.state === 'mapped').length;
  return {
    rows: shown,
    counts: {
      all: all.length,
      mapped,
      unmapped: all.length - mapped,
      pending: all.filter((item) => item.state === 'pending').length,
      blocked: blocked.length,
      psa: psaCompanies.length,
      psaTaken: takenPsaCompanies(all).size,
    },
    page,
  };
}

/** Reads a filter from the query string; anything else is `all`. */
export function parseMappingFilter(value: string | undefined): MappingFilter {
  return value === 'mapped' || value === 'unmapped' ? value : 'all';
}

/** Reads a page number from the query string or a form; anything else is 1. */
export function parsePageNumber(value: string | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : 1;
}
