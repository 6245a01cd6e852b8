import type { Pax8Client } from '@pax8-sync/client';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { readSnapshot, type SnapshotFile } from '../../../scripts/openapi/snapshot';
import { observe, server, usePax8Server } from './support/pax8-server';
import { makeClient } from './support/test-client';

const state = usePax8Server();

interface Parameter {
  name: string;
  in: string;
  schema?: { type?: string; format?: string; enum?: unknown[] };
}
interface Operation {
  operationId?: string;
  parameters?: Parameter[];
}
interface OpenApi {
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation | Parameter[]>>;
}

/** One document of the repository's facts-only snapshot of Pax8's OpenAPI documents (`openapi/`). */
function load(file: SnapshotFile): OpenApi {
  return readSnapshot(file) as unknown as OpenApi;
}

/**
 * The value the table passes for a parameter, chosen from its name, type, format and enum, so that every
 * value is one the document allows (the client may refuse others): a `yyyy-MM-dd` date for dates, the
 * first allowed value of an integer enum (`monthOffset`: 0).
 */
const DATE = '2026-02-03';
const INT = 3;
const MONTH_OFFSET = 0;
const DATE_PARAMETERS = new Set(['cancelDate', 'startDate', 'endDate']);
const id = (name: string) => `${name}-v`;
const text = (name: string) => `${name}-q`;
function sample(parameter: Parameter): string {
  if (parameter.in === 'path') return id(parameter.name);
  const schema = parameter.schema ?? {};
  if (DATE_PARAMETERS.has(parameter.name) || schema.format === 'yyyy-MM-dd') return DATE;
  const type = schema.type;
  if ((type === 'integer' || type === 'number') && schema.enum !== undefined) return String(schema.enum[0]);
  if (type === 'integer' || type === 'number') return String(INT);
  if (type === 'boolean') return 'true';
  return text(parameter.name);
}

const paging = { page: INT, size: INT };
const contactBody = { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', phone: '555-0100' };
const companyBody = {
  name: 'Acme',
  address: { street: '1 Main St', city: 'Denver', postalCode: '80202', country: 'US' },
  phone: '555-0100',
  website: 'https://acme.example',
  billOnBehalfOfEnabled: false,
  selfServiceAllowed: true,
  orderApprovalRequired: false,
};
const orderBody = { companyId: 'c-1', lineItems: [{ productId: 'p-1', lineItemNumber: 1, billingTerm: 'Monthly', quantity: 1 }] };
const topicBody = { topic: 'SUBSCRIPTION', filters: [{ action: 'UPDATED', conditions: [{ field: 'status', operator: 'IN', value: ['Active'] }] }] };

/** Every operation of both documents → the client call that must produce it (key: operationId, else "METHOD path"). */
const table: Record<string, (client: Pax8Client) => Promise<unknown>> = {
  createCompany: (c) => c.companies.create(companyBody),
  findCompanies: (c) =>
    c.companies.list({
      ...paging,
      sort: text('sort'),
      city: text('city'),
      country: text('country'),
      stateOrProvince: text('stateOrProvince'),
      postalCode: text('postalCode'),
      selfServiceAllowed: true,
      billOnBehalfOfEnabled: true,
      orderApprovalRequired: true,
      status: text('status'),
    }),
  'GET /companies/{companyId}': (c) => c.companies.get(id('companyId')),
  updateCompany: (c) => c.companies.update(id('companyId'), { name: 'Acme 2' }),
  'POST /companies/{companyId}/contacts': (c) => c.contacts.create(contactBody, { companyId: id('companyId') }),
  'GET /companies/{companyId}/contacts': (c) => c.contacts.list({ companyId: id('companyId'), ...paging }),
  'GET /companies/{companyId}/contacts/{contactId}': (c) => c.contacts.get(id('contactId'), { companyId: id('companyId') }),
  'PUT /companies/{companyId}/contacts/{contactId}': (c) => c.contacts.update(id('contactId'), contactBody, { companyId: id('companyId') }),
  'DELETE /companies/{companyId}/contacts/{contactId}': (c) => c.contacts.delete(id('contactId'), { companyId: id('companyId') }),
  findAllProducts: (c) => c.products.list({ ...paging, sort: text('sort'), search: text('search'), vendorName: text('vendorName') }),
  findProductByProductId: (c) => c.products.get(id('productId')),
  findProvisionDetailsByProductId: (c) => c.products.provisionDetails(id('productId')),
  findProductDependenciesByProductId: (c) => c.products.dependencies(id('productId')),
  findPricingByProductId: (c) => c.products.pricing(id('productId'), { companyId: text('companyId') }),
  findOrders: (c) => c.orders.list({ ...paging, companyId: text('companyId') }),
  createOrder: (c) => c.orders.create(orderBody, { mock: true }),
  findOrdersByOrderId: (c) => c.orders.get(id('orderId')),
  findSubscriptions: (c) =>
    c.subscriptions.list({
      ...paging,
      sort: text('sort'),
      status: text('status'),
      billingTerm: text('billingTerm'),
      companyId: text('companyId'),
      productId: text('productId'),
    }),
  findSubscriptionBySubscriptionId: (c) => c.subscriptions.get(id('subscriptionId')),
  updateSubscription: (c) => c.subscriptions.update(id('subscriptionId'), { quantity: 4 }),
  'DELETE /subscriptions/{subscriptionId}': (c) => c.subscriptions.cancel(id('subscriptionId'), { cancelDate: DATE }),
  findSubscriptionHistoryBySubscriptionId: (c) => c.subscriptions.history(id('subscriptionId')),
  findPartnerInvoices: (c) =>
    c.invoices.list({
      ...paging,
      sort: text('sort'),
      status: text('status'),
      invoiceDate: DATE,
      invoiceDateRangeStart: DATE,
      invoiceDateRangeEnd: DATE,
      dueDate: DATE,
      total: INT,
      balance: INT,
      carriedBalance: INT,
      companyId: text('companyId'),
    }),
  getPartnerInvoice: (c) => c.invoices.get(id('invoiceId')),
  findPartnerInvoiceItems: (c) => c.invoices.items.list({ invoiceId: id('invoiceId'), ...paging }),
  findSubscriptionUsageSummaries: (c) =>
    c.usage.summaries.list({
      subscriptionId: id('subscriptionId'),
      ...paging,
      sort: text('sort'),
      resourceGroup: text('resourceGroup'),
      companyId: text('companyId'),
    }),
  findSubscriptionUsageSummary: (c) => c.usage.summaries.get(id('usageSummaryId')),
  findUsageLines: (c) => c.usage.lines.list({ usageSummaryId: id('usageSummaryId'), usageDate: DATE, productId: text('productId') }),
  findPartnerDraftInvoiceItems: (c) => c.invoices.draftItems.list({ ...paging, monthOffset: MONTH_OFFSET, companyId: text('companyId') }),
  Webhooks_query: (c) =>
    c.webhooks.list({
      query: text('query'),
      ...paging,
      active: true,
      topic: text('topic'),
      sort: text('sort'),
      status: text('status'),
      accountId: text('accountId'),
    }),
  Webhooks_create: (c) => c.webhooks.create({ displayName: 'PSA', url: 'https://psa.example/hook', webhookTopics: [topicBody] }),
  getTopicDefinitions: (c) => c.webhooks.topicDefinitions.list({ ...paging, search: text('search'), sort: text('sort'), topic: text('topic') }),
  Webhooks_get: (c) => c.webhooks.get(id('id')),
  Webhooks_delete: (c) => c.webhooks.delete(id('id')),
  updateConfiguration: (c) => c.webhooks.update(id('id'), { displayName: 'PSA 2' }),
  updateStatus: (c) => c.webhooks.updateStatus(id('id'), { active: true }),
  addWebhookTopic: (c) => c.webhooks.topics.add(id('id'), topicBody),
  replaceWebhookTopics: (c) => c.webhooks.topics.replace(id('id'), [topicBody]),
  removeWebhookTopic: (c) => c.webhooks.topics.remove(id('id'), id('topicId')),
  updateWebhookTopicConfiguration: (c) => c.webhooks.topics.updateConfiguration(id('id'), id('topicId'), { filters: topicBody.filters }),
  testWebhookTopic: (c) => c.webhooks.topics.test(id('id'), id('topic')),
  WebhookLogs_query: (c) =>
    c.webhooks.logs.list({
      webhookId: id('webhookId'),
      topicName: text('topicName'),
      ...paging,
      status: text('status'),
      startDate: DATE,
      endDate: DATE,
      sort: text('sort'),
      query: text('query'),
    }),
  WebhookLogs_get: (c) => c.webhooks.logs.get(id('id'), { webhookId: id('webhookId') }),
  retryWebhookDelivery: (c) => c.webhooks.logs.retry(id('logId'), { webhookId: id('webhookId') }),
};

interface SpecOperation {
  key: string;
  method: string;
  url: string;
  query: [string, string][];
}

function operations(document: OpenApi): SpecOperation[] {
  const base = document.servers[0]?.url ?? '';
  const result: SpecOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const [method, operation] of Object.entries(item)) {
      if (method === 'parameters' || Array.isArray(operation)) continue;
      const parameters = [...shared, ...(operation.parameters ?? [])];
      const url = base + path.replace(/\{(\w+)\}/g, (_, name: string) => id(name));
      const query = parameters.filter((p) => p.in === 'query').map((p): [string, string] => [p.name, sample(p)]);
      if (method === 'post' && path === '/orders') query.splice(0, query.length, ['isMock', 'true']);
      result.push({ key: operation.operationId ?? `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), url, query });
    }
  }
  return result;
}

const genericBody = { id: 'x-1', topic: 't', content: [], page: { size: 3, totalElements: 0, totalPages: 0, number: 3 } };

describe('every operation of the Pax8 OpenAPI documents', () => {
  const spec = [...operations(load('partner-endpoints.json')), ...operations(load('webhooks-api.json'))];

  it('has a client method for each operation, and no extra entries', () => {
    expect(spec.length).toBeGreaterThan(40);
    const missing = spec.filter((op) => !(op.key in table)).map((op) => op.key);
    expect(missing, 'operations in the spec without a client call').toEqual([]);
    const extra = Object.keys(table).filter((key) => !spec.some((op) => op.key === key));
    expect(extra, 'table entries not in the spec').toEqual([]);
  });

  it.each(spec.map((op) => [op.key, op]))('%s: exact method, absolute URL and query', async (_key, op) => {
    const call = table[op.key];
    if (!call) throw new Error(`no client method for ${op.key}`);
    server.use(
      http.all('https://api.pax8.com/*', ({ request }) => {
        if (new URL(request.url).pathname === '/v1/token') return undefined;
        const denied = observe(request);
        if (denied) return denied;
        return request.method === 'DELETE' ? new HttpResponse(null, { status: 204 }) : HttpResponse.json(genericBody);
      }),
    );
    const { client } = makeClient();
    await call(client);
    expect(state.requests).toHaveLength(1);
    const sent = new URL(state.requests[0]?.url ?? '');
    expect(state.requests[0]?.method).toBe(op.method);
    expect(`${sent.origin}${sent.pathname}`).toBe(op.url);
    expect([...sent.searchParams.entries()].sort()).toEqual([...op.query].sort());
  });
});
