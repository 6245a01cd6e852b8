import type { z } from 'zod';
import { Pax8CollectLimitError } from '../errors/pax8-collect-limit-error';
import { Pax8IncompleteListingError } from '../errors/pax8-incomplete-listing-error';
import { Pax8InvalidArgumentError } from '../errors/pax8-invalid-argument-error';
import { Pax8ValidationError } from '../errors/pax8-validation-error';
import type { QueryValue } from '../http/http-client';
import type { ResourceContext } from '../resources/context';
import type { Pax8Model } from '../schemas/enum-mode';
import { type Pax8PageInfo, pax8PageEnvelopeSchema } from '../schemas/page';
import { defineModel } from '../schemas/enum-mode';
import type { Pax8Listing, Pax8Page, Pax8PageParams, Pax8ParamsArg } from './types';

/** How a listing maps its params to a request. @internal */
export interface ListingDefinition<S extends z.ZodType, P extends Pax8PageParams> {
  model: Pax8Model<S>;
  /** Absolute URL (path parameters taken from `params`). */
  url: (params: P) => string;
  /** Query parameters other than page and size. */
  query?: (params: P) => Record<string, QueryValue>;
}

const envelopeModel = defineModel('page envelope', () => pax8PageEnvelopeSchema);
/** The page size `pages()`/`iterate()` use unless told otherwise (Pax8's maximum). */
export const PAX8_DEFAULT_PAGE_SIZE = 200;

function checkPaging(params: Pax8PageParams) {
  if (params.page !== undefined && (!Number.isInteger(params.page) || params.page < 0)) {
    throw new Pax8InvalidArgumentError(`page must be an integer from 0, got ${params.page}`, { field: 'page' });
  }
  if (params.size !== undefined && (!Number.isInteger(params.size) || params.size < 1 || params.size > 200)) {
    throw new Pax8InvalidArgumentError(`size must be an integer from 1 to 200, got ${params.size}`, { field: 'size' });
  }
}

/** Builds list/pages/iterate/collect for one listing endpoint. @internal */
export function createListing<S extends z.ZodType, P extends Pax8PageParams>(
  ctx: ResourceContext,
  definition: ListingDefinition<S, P>,
): Pax8Listing<z.infer<S>, P> {
  type T = z.infer<S>;

  const list = async (params: P): Promise<Pax8Page<T>> => {
    checkPaging(params);
    const url = definition.url(params);
    const response = await ctx.http.request({
      method: 'GET',
      url,
      query: { ...definition.query?.(params), page: params.page, size: params.size },
    });
    const envelope = ctx.validator.one(envelopeModel, response.data, response.url);
    const { content, rejected } = ctx.validator.records(definition.model, envelope.content, response.url);
    const count = envelope.content.length;
    if (!envelope.page && (envelope.totalElements === undefined || envelope.totalPages === undefined) && count > 0) {
      // Without totals a full page cannot be told from the last one: refuse rather than stop short.
      throw new Pax8ValidationError(
        `page envelope from ${response.url} has no paging metadata (page.totalElements, page.totalPages): cannot tell whether more pages follow`,
        { schema: 'page envelope', issues: [{ path: 'page', message: 'missing: Pax8 listings carry { size, totalElements, totalPages, number }' }], url: response.url },
      );
    }
    // The webhook topic-definitions endpoint sends the paging fields flat beside `content`.
    const page: Pax8PageInfo = envelope.page
      ? { size: envelope.page.size, totalElements: envelope.page.totalElements, totalPages: envelope.page.totalPages, number: envelope.page.number }
      : {
          size: envelope.size ?? params.size ?? count,
          totalElements: envelope.totalElements ?? count,
          totalPages: envelope.totalPages ?? 1,
          number: envelope.number ?? params.page ?? 0,
        };
    return { content, page, rejected };
  };

  async function* pages(params: P): AsyncGenerator<Pax8Page<T>> {
    const size = params.size ?? PAX8_DEFAULT_PAGE_SIZE;
    const first = params.page ?? 0;
    const listingUrl = definition.url(params);
    let number = first;
    let expected: number | undefined;
    let received = 0;
    const incomplete = (why: string) =>
      new Pax8IncompleteListingError(`The listing ${listingUrl} is incomplete: ${why}. Do not treat missing records as removed; run it again.`, {
        url: listingUrl,
        expected: expected ?? 0,
        received,
      });
    for (;;) {
      const page = await list({ ...params, page: number, size });
      if (page.page.number !== number) {
        // A proxy or Pax8 itself ignoring `page` would repeat page 0 forever: stop before yielding it twice.
        throw incomplete(`asked for page ${number}, Pax8 answered page ${page.page.number}`);
      }
      const got = page.content.length + page.rejected.length;
      if (expected === undefined) expected = page.page.totalElements;
      else if (page.page.totalElements !== expected) {
        throw incomplete(`totalElements moved from ${expected} to ${page.page.totalElements} while paging`);
      }
      received += got;
      const last = number + 1 >= page.page.totalPages;
      if (!last && got < page.page.size) throw incomplete(`page ${number} held ${got} records, expected ${page.page.size}`);
      yield page;
      if (last) break;
      number += 1;
    }
    // Started past page 0: the pages from `first` on hold what totalElements leaves after the skipped ones.
    if (expected !== undefined) expected = Math.max(0, expected - first * size);
    if (received !== expected) {
      throw incomplete(
        first === 0
          ? `totalElements says ${expected} but the pages held ${received}`
          : `totalElements leaves ${expected} records from page ${first} on, but the pages held ${received}`,
      );
    }
  }

  async function* iterate(params: P): AsyncGenerator<T> {
    for await (const page of pages(params)) yield* page.content;
  }

  const collect = async (params: P, options: { max: number }): Promise<T[]> => {
    const max = options?.max;
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1) {
      throw new Pax8InvalidArgumentError(`collect needs { max } as a positive integer (the most records you accept), got ${String(max)}`, {
        field: 'max',
      });
    }
    const items: T[] = [];
    for await (const page of pages(params)) {
      if (page.page.totalElements > max || items.length + page.content.length > max) {
        const total = Math.max(page.page.totalElements, items.length + page.content.length);
        throw new Pax8CollectLimitError(`The listing holds ${total} records, more than max ${max}; raise max or use iterate()`, {
          max,
          totalElements: total,
        });
      }
      items.push(...page.content);
    }
    return items;
  };

  const orEmpty = (args: Pax8ParamsArg<P>): P => (args[0] ?? {}) as P;
  return {
    list: (...args) => list(orEmpty(args)),
    pages: (...args) => pages(orEmpty(args)),
    iterate: (...args) => iterate(orEmpty(args)),
    collect,
  };
}

/** Builds a `query` mapper that passes the named params through as query parameters. @internal */
export function queryOf<P extends Pax8PageParams>(...keys: Exclude<keyof P & string, 'page' | 'size'>[]): (params: P) => Record<string, QueryValue> {
  return (params) => Object.fromEntries(keys.map((key) => [key, params[key] as QueryValue]));
}
