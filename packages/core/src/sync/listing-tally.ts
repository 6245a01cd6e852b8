import type { JsonValue } from '../storage/json';

/** What one listing delivered, page by page, against what its pages announced. @internal */
export interface ListingTally {
  /** Records received (valid and rejected alike). */
  received: number;
  /** Pages received, counted from page 0. */
  pages: number;
  /** totalElements of the latest page. */
  total: number;
  /** totalPages of the latest page. */
  totalPages: number;
  /** The first page short of a full page that was not the last one, in words, or `null`. */
  short: string | null;
}

/** One page's numbers, as the tally needs them. @internal */
export interface PageCount {
  number: number;
  records: number;
  size: number;
  totalElements: number;
  totalPages: number;
  last: boolean;
}

/** The tally after one more page. @internal */
export function addPage(tally: ListingTally | null, page: PageCount): ListingTally {
  const before = tally ?? { received: 0, pages: 0, total: 0, totalPages: 0, short: null };
  const short = before.short ?? (!page.last && page.records < page.size ? `page ${page.number} held ${page.records} of ${page.size} records` : null);
  return { received: before.received + page.records, pages: before.pages + 1, total: page.totalElements, totalPages: page.totalPages, short };
}

/**
 * Why a finished listing is not complete, or `null` when it received every record it said it holds:
 * as many records as its final totalElements, as many pages as its final totalPages (one for an
 * empty listing), and no page short of full but the last. (Unique ids are checked over the whole
 * pull, see the removal step.) @internal
 */
export function incompleteReason(tally: ListingTally, label: string): string | null {
  const problems: string[] = [];
  if (tally.received !== tally.total) problems.push(`totalElements says ${tally.total} but its pages held ${tally.received}`);
  const expectedPages = Math.max(1, tally.totalPages);
  if (tally.pages !== expectedPages) problems.push(`totalPages says ${tally.totalPages} but ${tally.pages} pages came`);
  if (tally.short) problems.push(tally.short);
  return problems.length === 0 ? null : `${label}: ${problems.join('; ')}`;
}

/** Reads a stored tally. @internal */
export function parseTally(value: JsonValue | undefined): ListingTally | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const n = (v: JsonValue | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  return { received: n(value.received), pages: n(value.pages), total: n(value.total), totalPages: n(value.totalPages), short: typeof value.short === 'string' ? value.short : null };
}
