import { normalizeCompanyName } from './normalize-company-name';
import type { CompanyRef } from './quick-match-types';

/** @internal One side of Quick Match, in canonical (id) order. */
export interface Side {
  /** Companies not covered by a confirmed mapping, sorted by id (the canonical order). */
  readonly companies: CompanyRef[];
  /** Each company's normalised name. */
  readonly normalized: string[];
  /** Input position of each company, to report unmatched companies in input order. */
  readonly inputIndex: number[];
}

/**
 * @internal Drops confirmed companies and sorts the rest by id, with their normalised names (`normalized[k]`
 * is company `k`'s, in input order).
 */
export function prepareSide(
  companies: readonly CompanyRef[],
  confirmed: ReadonlySet<string>,
  normalized: readonly string[] = companies.map((company) => normalizeCompanyName(company.name)),
): Side {
  const order = companies
    .map((_, index) => index)
    .filter((index) => !confirmed.has(companies[index]!.id))
    .sort((a, b) => compareIds(companies[a]!.id, companies[b]!.id));
  const sorted = order.map((index) => companies[index]!);
  return { companies: sorted, normalized: order.map((index) => normalized[index]!), inputIndex: order };
}

/** @internal Orders ids by UTF-16 code units, the same on every machine and locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

