import type { Pax8PageInfo } from '../schemas/page';
import type { Pax8RejectedRecord } from '../schemas/validator';

/** One page of a listing. */
export interface Pax8Page<T> {
  /** The records that passed their schema, in Pax8's order. */
  content: T[];
  /** Paging metadata as Pax8 sent it (`number` starts at 0). */
  page: Pax8PageInfo;
  /** Lenient mode: records that failed their schema, with the reason (always empty in strict mode). */
  rejected: Pax8RejectedRecord[];
}

/** Page selection, common to every listing. */
export interface Pax8PageParams {
  /** Page number, from 0. `pages()`/`iterate()` start here (default 0). */
  page?: number;
  /** Page size, at most 200. `pages()`/`iterate()` default to 200. */
  size?: number;
}

/** Options of `collect`. */
export interface Pax8CollectOptions {
  /** Most records you accept; a larger listing throws Pax8CollectLimitError instead of truncating. */
  max: number;
}

/** Makes `params` optional when every field of `P` is optional. */
export type Pax8ParamsArg<P> = object extends P ? [params?: P] : [params: P];

/** The four listing methods every paged resource has, alike everywhere. */
export interface Pax8Listing<T, P extends Pax8PageParams> {
  /** Fetches one page (`params.page`, default 0). */
  list(...args: Pax8ParamsArg<P>): Promise<Pax8Page<T>>;
  /** Iterates every page from `params.page` (default 0) at `params.size` (default 200). Throws Pax8IncompleteListingError if the pages disagree with `totalElements`. */
  pages(...args: Pax8ParamsArg<P>): AsyncIterable<Pax8Page<T>>;
  /** Iterates every record of every page (rejected records are skipped: use `pages()` to see them). */
  iterate(...args: Pax8ParamsArg<P>): AsyncIterable<T>;
  /** Collects every record into an array, refusing listings larger than `max`. */
  collect(params: P, options: Pax8CollectOptions): Promise<T[]>;
}
