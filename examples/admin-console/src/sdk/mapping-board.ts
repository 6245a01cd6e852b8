import type { MappingListItem, MappingSource, SyncEngine } from '@pax8-sync/core';
import type { PsaCompany } from '../console-deps';

/** The Map screen's filters, as the engine's `listMappings` takes them. */
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
}

/** Everything the Map screen shows. */
export interface MappingBoard {
  /** The rows of the chosen filter: pending suggestions first, lowest score first, then unmapped, rejected and mapped, each by name. */
  rows: MappingRow[];
  /** How many Pax8 companies each filter shows, and how many suggestions are pending. */
  counts: Record<MappingFilter, number> & { pending: number };
  /** The PSA companies for the manual mapping dropdown, by name. */
  psaCompanies: PsaCompany[];
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

/** Joins the engine's mapping list with the PSA's company names. Pure. */
export function toMappingRows(items: readonly MappingListItem[], psaCompanies: readonly PsaCompany[]): MappingRow[] {
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
      };
    })
    .sort(compareRows);
}

/** Reads the Map screen: the filtered rows (the engine's `listMappings` filter) and the counts of every filter. */
export async function loadMappingBoard(engine: SyncEngine, connectionId: string, psaCompanies: readonly PsaCompany[], filter: MappingFilter): Promise<MappingBoard> {
  const all = await engine.listMappings({ connectionId });
  const shown = filter === 'all' ? all : await engine.listMappings({ connectionId, filter });
  const mapped = all.filter((item) => item.state === 'mapped').length;
  return {
    rows: toMappingRows(shown, psaCompanies),
    counts: { all: all.length, mapped, unmapped: all.length - mapped, pending: all.filter((item) => item.state === 'pending').length },
    psaCompanies: [...psaCompanies].sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** Reads a filter from the query string; anything else is `all`. */
export function parseMappingFilter(value: string | undefined): MappingFilter {
  return value === 'mapped' || value === 'unmapped' ? value : 'all';
}
