/**
 * A fetch in front of the simulator that serves the month's invoices as Pax8 also issues them, for
 * cases the simulator does not script: a company's invoice voided and issued again, a partner
 * invoice without a company holding the items of several companies, and items or draft items as
 * Pax8 may write them. Invoice listings must fit one page (sync with a large `pageSize`).
 */
export interface InvoiceRewrites {
  /** This company's invoice is `Void`, and a copy `<id>-reissue` (same items, new ids) is `Unpaid`. */
  voidAndReissue?: string;
  /** The invoices of these companies become one partner invoice (the first one's id, no company) with every item of them. */
  partnerOf?: readonly string[];
  /** Every invoice's items as Pax8 would send them otherwise (lines changed, added, dropped or re-ordered), paged again by the request's `page` and `size`. */
  items?: (items: Record<string, unknown>[]) => Record<string, unknown>[];
  /** Milliseconds to hold back the answer of an invoice's items page (by page number), with `items` set: read-ahead then gets later pages first. */
  itemsDelay?: (page: number) => number;
  /** The draft items of the month as Pax8 would send them otherwise (each page's lines rewritten one by one). */
  drafts?: (item: Record<string, unknown>) => Record<string, unknown>;
}

type Page = { content: Record<string, unknown>[]; page: { size: number; totalElements: number; totalPages: number; number: number } };

const REISSUE = '-reissue';

const json = (body: unknown, status: number) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The fetch: rewrites `GET /v1/invoices` and `GET /v1/invoices/{id}/items`; the rest goes through. */
export function rewritingFetch(rewrites: InvoiceRewrites): typeof fetch {
  const merged = new Map<string, string[]>(); // partner invoice id -> the invoices whose items it holds
  return async (input, init) => {
    // The same request (headers, query) for another invoice's items.
    const itemsOf = async (url: URL, invoiceId: string): Promise<Page> => {
      const other = new URL(url);
      other.pathname = `/v1/invoices/${invoiceId}/items`;
      return (await (await (input instanceof Request ? fetch(new Request(other, input)) : fetch(other, init))).json()) as Page;
    };
    const url = new URL(input instanceof Request ? input.url : String(input));
    const items = /^\/v1\/invoices\/([^/]+)\/items$/.exec(url.pathname);
    if (url.pathname === '/v1/invoices') {
      const body = (await (await fetch(input, init)).json()) as Page;
      let content = body.content;
      const voided = content.find((i) => i.companyId === rewrites.voidAndReissue);
      if (voided) content = [...content.map((i) => (i === voided ? { ...i, status: 'Void' } : i)), { ...voided, id: `${voided.id}${REISSUE}`, status: 'Unpaid' }];
      const parts = content.filter((i) => rewrites.partnerOf?.includes(String(i.companyId)));
      if (parts.length > 1) {
        const [first] = parts;
        merged.set(String(first!.id), parts.map((p) => String(p.id)));
        const { companyId: _company, externalId: _external, ...partner } = first!;
        content = content.filter((i) => !parts.includes(i) || i === first).map((i) => (i === first ? partner : i));
      }
      return json({ content, page: { ...body.page, totalElements: content.length, totalPages: 1 } }, 200);
    }
    if (url.pathname === '/v1/invoices/draftItems' && rewrites.drafts) {
      const body = (await (await fetch(input, init)).json()) as Page;
      return json({ ...body, content: body.content.map(rewrites.drafts) }, 200);
    }
    if (items?.[1]?.endsWith(REISSUE)) {
      const body = await itemsOf(url, items[1].slice(0, -REISSUE.length));
      return json({ ...body, content: body.content.map((i) => ({ ...i, id: `${String(i.id)}${REISSUE}` })) }, 200);
    }
    const parts = items ? merged.get(items[1]!) : undefined;
    if (parts) {
      const content = (await Promise.all(parts.map((id) => itemsOf(url, id)))).flatMap((p) => p.content);
      return json({ content, page: { size: content.length, totalElements: content.length, totalPages: 1, number: 0 } }, 200);
    }
    if (items && rewrites.items) {
      const whole = new URL(url);
      whole.searchParams.set('page', '0');
      whole.searchParams.set('size', '200');
      const all = rewrites.items((await (await (input instanceof Request ? fetch(new Request(whole, input)) : fetch(whole, init))).json() as Page).content);
      const page = Number(url.searchParams.get('page') ?? 0);
      const size = Number(url.searchParams.get('size') ?? 10);
      const delay = rewrites.itemsDelay?.(page) ?? 0;
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      const content = all.slice(page * size, (page + 1) * size);
      return json({ content, page: { size, totalElements: all.length, totalPages: Math.ceil(all.length / size), number: page } }, 200);
    }
    return fetch(input, init);
  };
}
