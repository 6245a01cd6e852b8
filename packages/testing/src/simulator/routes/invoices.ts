import { addMonths } from '../dates';
import { billingItem, invoiceItemCount } from '../generate-more';
import { enumParam, HttpFailure, notFound, paged, pageRequest, type Route, sortBy, sortParam } from '../http';
import type { Pax8SimInvoice, Pax8SimInvoiceItem } from '../records';
import type { World } from '../world';

const STATUSES = ['Unpaid', 'Paid', 'Void', 'Carried', 'Nothing Due', 'Credited'] as const;

function dateParam(url: URL, name: string): string | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) throw new HttpFailure(422, `Invalid value for parameter '${name}'`, [{ type: name, message: `${name} must be yyyy-MM-dd, got '${raw}'` }]);
  return raw;
}

function numberParam(url: URL, name: string): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new HttpFailure(422, `Invalid value for parameter '${name}'`, [{ type: name, message: `${name} must be a number, got '${raw}'` }]);
  return value;
}

/** The billing line for a subscription position. */
export function itemFor(world: World, id: string, subscriptionIndex: number, periodStart: number): Pax8SimInvoiceItem {
  const s = world.subscriptions.at(subscriptionIndex);
  const product = world.products.get(s.productId);
  return billingItem({
    id,
    subscription: s,
    company: world.companies.get(s.companyId),
    product,
    traits: product ? world.traitsOf(product) : undefined,
    periodStart,
  });
}

/** The invoice endpoints. */
export const invoiceRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/invoices',
    family: 'partner',
    handle: ({ url, world }) => {
      const request = pageRequest(url);
      const sort = sortParam(url, ['invoiceDate', 'dueDate', 'status', 'partnerName', 'total', 'balance', 'carriedBalance']);
      const status = enumParam(url, 'status', STATUSES);
      const invoiceDate = dateParam(url, 'invoiceDate');
      const from = dateParam(url, 'invoiceDateRangeStart');
      const to = dateParam(url, 'invoiceDateRangeEnd');
      const dueDate = dateParam(url, 'dueDate');
      const amounts = (['total', 'balance', 'carriedBalance'] as const).map((f) => [f, numberParam(url, f)] as const);
      const companyId = url.searchParams.get('companyId') || undefined;
      let list: Pax8SimInvoice[] = [];
      for (const i of world.invoices.positions()) {
        const inv = world.invoices.at(i);
        if (status !== undefined && inv.status !== status) continue;
        if (invoiceDate !== undefined && inv.invoiceDate !== invoiceDate) continue;
        if (from !== undefined && inv.invoiceDate < from) continue;
        if (to !== undefined && inv.invoiceDate > to) continue;
        if (dueDate !== undefined && inv.dueDate !== dueDate) continue;
        if (companyId !== undefined && inv.companyId !== companyId) continue;
        if (amounts.some(([f, v]) => v !== undefined && inv[f] !== v)) continue;
        list.push(inv);
      }
      list = sortBy(list, sort, (inv, field) => (inv as unknown as Record<string, unknown>)[field]);
      return { status: 200, body: paged(list, request, (inv) => inv) };
    },
  },
  {
    method: 'GET',
    path: '/v1/invoices/draftItems',
    family: 'partner',
    handle: ({ url, world }) => {
      const request = pageRequest(url);
      const raw = url.searchParams.get('monthOffset');
      if (raw !== null && raw !== '0' && raw !== '1') throw new HttpFailure(422, "Invalid value for parameter 'monthOffset'", [{ type: 'monthOffset', message: `monthOffset must be 0 or 1, got '${raw}'` }]);
      const offset = raw === '0' ? 0 : 1;
      const companyId = url.searchParams.get('companyId') || undefined;
      if (companyId !== undefined && world.companies.indexOf(companyId) === undefined) throw notFound('Company', companyId);
      const ref = new Date(world.options.now());
      const periodStart = addMonths(Date.UTC(ref.getUTCFullYear(), ref.getUTCMonth(), 1), offset);
      const positions = world.querySubscriptions(companyId ? { companyId } : {});
      return {
        status: 200,
        body: paged(positions, request, (i) => itemFor(world, world.gen.codecs.draftItem.encode(i * 2 + offset), i, periodStart)),
      };
    },
  },
  {
    method: 'GET',
    path: '/v1/invoices/{invoiceId}',
    family: 'partner',
    handle: ({ params, world }) => {
      const invoice = world.invoices.get(params.invoiceId as string);
      if (!invoice) throw notFound('Invoice', params.invoiceId as string);
      return { status: 200, body: invoice };
    },
  },
  {
    method: 'GET',
    path: '/v1/invoices/{invoiceId}/items',
    family: 'partner',
    handle: ({ url, params, world }) => {
      const index = world.invoices.indexOf(params.invoiceId as string);
      if (index === undefined) throw notFound('Invoice', params.invoiceId as string);
      const invoice = world.invoices.at(index);
      const base = world.options.subscriptions;
      const count = invoiceItemCount(index, base);
      const periodStart = Date.parse(`${invoice.invoiceDate}T00:00:00Z`);
      const ks = Array.from({ length: count }, (_, k) => k);
      return {
        status: 200,
        body: paged(ks, pageRequest(url), (k) => itemFor(world, world.gen.codecs.invoiceItem.encode(index * 65536 + k), (index * 31 + k * 97) % base, periodStart)),
      };
    },
  },
];
