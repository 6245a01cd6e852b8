import type { PsaCompany, PsaDirectory } from '../console-deps';

/** How many PSA companies the manual mapping picker shows at most. */
export const psaSearchLimit = 10;

/** Lower case without accents, so `Ångström` is found by `angstrom`. */
export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

// 0: the name starts with the query's first word; 1: a word of it does; 2: it only contains it.
function rank(name: string, first: string): number {
  if (name.startsWith(first)) return 0;
  return name.split(/[^\p{L}\p{N}]+/u).some((word) => word.startsWith(first)) ? 1 : 2;
}

/**
 * The PSA companies whose name contains every word of `query` (case and accents ignored), names
 * that start with it first, then by name; at most `limit`. A blank query finds nothing (the picker
 * asks for a few letters instead of listing thousands). Pure.
 */
export function searchPsaCompanies(companies: readonly PsaCompany[], query: string, limit = psaSearchLimit): PsaCompany[] {
  const words = foldForSearch(query).split(/\s+/).filter(Boolean);
  const [first] = words;
  if (first === undefined) return [];
  return companies
    .map((company) => ({ company, name: foldForSearch(company.name) }))
    .filter(({ name }) => words.every((word) => name.includes(word)))
    .map((hit) => ({ ...hit, rank: rank(hit.name, first) }))
    .sort((a, b) => a.rank - b.rank || a.company.name.localeCompare(b.company.name) || a.company.id.localeCompare(b.company.id))
    .slice(0, limit)
    .map(({ company }) => company);
}

/** The picker's search: the directory's own `searchCompanies` when it has one, else {@link searchPsaCompanies} over its list. */
export async function findPsaCompanies(directory: PsaDirectory, query: string, limit = psaSearchLimit): Promise<readonly PsaCompany[]> {
  if (query.trim() === '') return [];
  if (directory.searchCompanies) return (await directory.searchCompanies(query, limit)).slice(0, limit);
  return searchPsaCompanies(await directory.listCompanies(), query, limit);
}
