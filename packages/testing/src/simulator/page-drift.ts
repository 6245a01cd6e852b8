import type { Pax8PageDriftKind } from './drift-kinds';
import type { Random } from './random';

type Json = Record<string, unknown>;

/** The paging numbers of a served page (Pax8's `page` block). */
export interface PageNumbers {
  /** Page size asked for (capped). */
  size: number;
  /** Records the listing holds. */
  totalElements: number;
  /** Pages the listing holds. */
  totalPages: number;
  /** This page's number, from 0. */
  number: number;
}

/** What page drift needs beyond the page itself. */
export interface PageDriftContext {
  /** The records of another page of the same listing (same filters and size), undrifted. */
  neighbour(page: number): Promise<Json[]>;
  /** Share of records `shortPage` leaves out. */
  hiddenShare: number;
}

/** A drifted page. */
export interface PageDriftResult {
  /** Records served. */
  content: Json[];
  /** Page block served. */
  numbers: PageNumbers;
  /** Kinds that changed something, in the order applied. */
  applied: Pax8PageDriftKind[];
}

function shortened(content: Json[], share: number, rng: Random): Json[] {
  const drop = Math.min(content.length, Math.max(1, Math.round(content.length * share)));
  const keep = content.map((_, k) => k);
  for (let k = 0; k < drop; k++) keep.splice(rng.int(0, keep.length - 1), 1);
  return keep.map((k) => content[k] as Json);
}

function duplicatedInPage(content: Json[], rng: Random): Json[] {
  if (content.length === 1) return [content[0] as Json, { ...(content[0] as Json) }];
  const from = rng.int(0, content.length - 2);
  const at = rng.int(from + 1, content.length - 1);
  const out = [...content];
  out.splice(at, 0, { ...(content[from] as Json) });
  out.pop();
  return out;
}

async function duplicatedAcross(content: Json[], numbers: PageNumbers, ctx: PageDriftContext): Promise<Json[] | undefined> {
  if (numbers.number > 0) {
    const previous = (await ctx.neighbour(numbers.number - 1)).at(-1);
    if (!previous) return undefined;
    const out = [{ ...previous }, ...content];
    if (content.length > 0) out.pop();
    return out;
  }
  const next = (await ctx.neighbour(1))[0];
  if (!next) return undefined;
  return content.length > 0 ? [...content.slice(0, -1), { ...next }] : [{ ...next }];
}

function changedTotals(kind: Pax8PageDriftKind, numbers: PageNumbers, truth: PageNumbers, rng: Random): PageNumbers | undefined {
  const out = { ...numbers };
  if (kind === 'wrongTotalElements') {
    const delta = rng.int(1, Math.max(1, numbers.size));
    out.totalElements = rng.chance(0.5) && numbers.totalElements - delta >= 0 ? numbers.totalElements - delta : numbers.totalElements + delta;
  } else if (kind === 'wrongTotalPages') {
    out.totalPages = rng.chance(0.5) && numbers.totalPages > 0 ? numbers.totalPages - 1 : numbers.totalPages + 1;
  } else if (kind === 'lastPageClaimsMore') {
    if (truth.number < truth.totalPages - 1) return undefined;
    out.totalElements = numbers.totalElements + numbers.size;
    out.totalPages = Math.ceil(out.totalElements / Math.max(1, numbers.size));
  } else return undefined;
  return out;
}

/** Applies page drift kinds, in their fixed order, to one page; kinds that find nothing to change are left out of `applied`. */
export async function driftPage(content: Json[], truth: PageNumbers, kinds: readonly Pax8PageDriftKind[], rng: Random, ctx: PageDriftContext): Promise<PageDriftResult> {
  let served = content;
  let numbers = { ...truth };
  const applied: Pax8PageDriftKind[] = [];
  for (const kind of kinds) {
    let next: Json[] | undefined;
    if (kind === 'emptyPage') next = served.length > 0 ? [] : undefined;
    else if (kind === 'shortPage') next = served.length > 0 ? shortened(served, ctx.hiddenShare, rng) : undefined;
    else if (kind === 'duplicateInPage') next = served.length > 0 ? duplicatedInPage(served, rng) : undefined;
    else if (kind === 'duplicateAcrossPages') next = await duplicatedAcross(served, truth, ctx);
    else {
      const totals = changedTotals(kind, numbers, truth, rng);
      if (totals) {
        numbers = totals;
        applied.push(kind);
      }
      continue;
    }
    if (next) {
      served = next;
      applied.push(kind);
    }
  }
  return { content: served, numbers, applied };
}
