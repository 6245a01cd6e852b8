import { companyNameVariants } from './normalize-company-name';
import type { CompanyRef } from './quick-match-types';

/** @internal One side of Quick Match, in canonical (id) order. */
export interface Side {
  /** Companies not covered by a confirmed mapping, sorted by id (the canonical order). */
  readonly companies: CompanyRef[];
  /** Each company's normalised name (its first variant). */
  readonly normalized: string[];
  /** Each company's normalised names (see `companyNameVariants`): one, or two for `Legal dba Trade`. */
  readonly variants: string[][];
  /** Input position of each company, to report unmatched companies in input order. */
  readonly inputIndex: number[];
}

/**
 * @internal Drops confirmed companies and sorts the rest by id, with their normalised names (`variants[k]` is
 * company `k`'s, in input order).
 */
export function prepareSide(
  companies: readonly CompanyRef[],
  confirmed: ReadonlySet<string>,
  variants: readonly string[][] = companies.map((company) => companyNameVariants(company.name)),
): Side {
  const order = companies
    .map((_, index) => index)
    .filter((index) => !confirmed.has(companies[index]!.id))
    .sort((a, b) => compareIds(companies[a]!.id, companies[b]!.id));
  const sorted = order.map((index) => companies[index]!);
  const own = order.map((index) => variants[index]!);
  return { companies: sorted, normalized: own.map((names) => names[0]!), variants: own, inputIndex: order };
}

/** @internal Orders ids by UTF-16 code units, the same on every machine and locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
