import type { Pax8ListParams, Pax8PageLike } from '../engine/client-port';

/**
 * Yields the pages of one listing in order from `startPage` (with the page number asked for, and
 * whether it is the last one this listing will yield), keeping up to `prefetch` requests in flight.
 * Pages are read up to the largest `totalPages` any page announced. A failed request surfaces when
 * its page is reached, so earlier pages are processed.
 * @internal
 */
export async function* fetchPages(
  list: (params: Pax8ListParams) => Promise<Pax8PageLike>,
  base: Omit<Pax8ListParams, 'page'>,
  startPage: number,
  prefetch: number,
): AsyncGenerator<{ number: number; page: Pax8PageLike; last: boolean }> {
  const first = await list({ ...base, page: startPage });
  let total = Math.max(first.page.totalPages, 0);
  yield { number: startPage, page: first, last: startPage + 1 >= total };
  const inflight = new Map<number, Promise<Pax8PageLike>>();
  let next = startPage + 1;
  const fill = () => {
    while (next < total && inflight.size < prefetch) {
      const request = list({ ...base, page: next });
      // Handled when its page is reached; this only keeps an early failure from being "unhandled".
      request.catch(() => undefined);
      inflight.set(next, request);
      next += 1;
    }
  };
  for (let number = startPage + 1; number < total; number += 1) {
    fill();
    const request = inflight.get(number) ?? list({ ...base, page: number });
    inflight.delete(number);
    const page = await request;
    total = Math.max(total, page.page.totalPages);
    yield { number, page, last: number + 1 >= total };
  }
}
