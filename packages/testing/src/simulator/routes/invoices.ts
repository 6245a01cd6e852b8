import { enumParam, HttpFailure, notFound, paged, pageRequest, type Route, sortBy, sortParam } from '../http';
import type { Pax8SimInvoice } from '../records';

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
      // Dates and the company come without the items; totals and statuses need them, so they are made
      // only for invoices a filter or sort on them asks about, or the page served.
      const needsTotals = status !== undefined || amounts.some(([, v]) => v !== undefined) || (sort !== undefined && !['invoiceDate', 'dueDate', 'partnerName'].includes(sort.field));
      const filtered = needsTotals || sort !== undefined || [invoiceDate, from, to, dueDate, companyId].some((v) => v !== undefined);
      if (!filtered) return { status: 200, body: paged(world.invoices.positions(), request, (i) => world.invoices.at(i)) };
      let list: { i: number; head: Pax8SimInvoice }[] = [];
      for (const i of world.invoices.positions()) {
        const head = needsTotals || world.invoices.isOverridden(i) ? world.invoices.at(i) : world.invoiceHeader(i);
        if (invoiceDate !== undefined && head.invoiceDate !== invoiceDate) continue;
        if (from !== undefined && head.invoiceDate < from) continue;
        if (to !== undefined && head.invoiceDate > to) continue;
        if (dueDate !== undefined && head.dueDate !== dueDate) continue;
        if (companyId !== undefined && head.companyId !== companyId) continue;
        if (status !== undefined && head.status !== status) continue;
        if (amounts.some(([f, v]) => v !== undefined && head[f] !== v)) continue;
        list.push({ i, head });
      }
      list = sortBy(list, sort, ({ head }, field) => (head as unknown as Record<string, unknown>)[field]);
      return { status: 200, body: paged(list, request, ({ i, head }) => (needsTotals ? head : world.invoices.at(i))) };
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
      return { status: 200, body: paged(world.billing.draftItems(offset, companyId), request, (item) => item) };
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
      return { status: 200, body: paged(world.billing.invoiceItems(index), pageRequest(url), (item) => item) };
    },
  },
];
