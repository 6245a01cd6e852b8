import { describe, expect, it } from 'vitest';
import { createPax8Simulator, type Pax8SimSubscription, type Pax8Simulator } from '../src/index';
import { createSpecValidator, type SpecValidator } from './support/openapi';
import { authorizedFetch } from './support/sim-fetch';

interface Call {
  method: string;
  path: string;
  body?: unknown;
  status: number;
  anonymous?: boolean;
}

type Ids = Record<'clientId' | 'clientSecret' | 'company' | 'inactiveCompany' | 'contact' | 'product' | 'committedProduct' | 'subscription' | 'usageSubscription' | 'usageSummary' | 'order' | 'invoice' | 'webhook' | 'topic' | 'log', string>;

const validCompany = { name: 'Spec Co', address: { street: '1 Main St', city: 'Denver', stateOrProvince: 'Colorado', postalCode: '80202', country: 'US' }, phone: '303-555-0100', website: 'spec.example.com', billOnBehalfOfEnabled: false, selfServiceAllowed: false, orderApprovalRequired: false };
// Every key the simulated catalogue asks for; a line may send keys its product does not need.
const provisioningDetails = [
  { key: 'msCustExists', values: ['Yes, the customer has and can log into their Microsoft account'] },
  { key: 'msTenantId', values: ['4f1c2c6a-0d6b-4c1e-9a47-2b8a4d7c9e10'] },
  { key: 'userEmailAddress', values: ['admin@spec.example.com'] },
];
const validContact = { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@spec.example.com', phone: '303-555-0101', types: [{ type: 'Admin', primary: true }] };

/** Requests exercising every operation: documented successes and documented errors. */
const RECIPES: Record<string, (ids: Ids) => Call[]> = {
  'POST /v1/token': (ids) => [
    { method: 'POST', path: '/v1/token', status: 200, anonymous: true, body: { client_id: ids.clientId, client_secret: ids.clientSecret, audience: 'https://api.pax8.com', grant_type: 'client_credentials' } },
    { method: 'POST', path: '/v1/token', status: 401, anonymous: true, body: { client_id: 'x', client_secret: 'y', audience: 'https://api.pax8.com', grant_type: 'client_credentials' } },
  ],
  'GET /v1/companies': () => [
    { method: 'GET', path: '/v1/companies?size=200', status: 200 },
    { method: 'GET', path: '/v1/companies?status=Active&sort=name,desc&country=US&selfServiceAllowed=true', status: 200 },
  ],
  'POST /v1/companies': () => [
    { method: 'POST', path: '/v1/companies', body: validCompany, status: 200 },
    { method: 'POST', path: '/v1/companies', body: validCompany, status: 422 },
    { method: 'POST', path: '/v1/companies', body: { ...validCompany, name: 'Spec Co With Contacts', contacts: [validContact] }, status: 200 },
    { method: 'POST', path: '/v1/companies', body: { name: '' }, status: 422 },
  ],
  'GET /v1/companies/{companyId}': (ids) => [
    { method: 'GET', path: `/v1/companies/${ids.company}`, status: 200 },
    { method: 'GET', path: '/v1/companies/00000000-0000-4000-8000-000000000000', status: 404 },
  ],
  'PATCH /v1/companies/{companyId}': (ids) => [
    { method: 'PATCH', path: `/v1/companies/${ids.company}`, body: { name: 'Patched Co', address: { city: 'Boulder' } }, status: 200 },
    { method: 'PATCH', path: `/v1/companies/${ids.company}`, body: { address: { country: 'USA' } }, status: 422 },
  ],
  'GET /v1/companies/{companyId}/contacts': (ids) => [
    { method: 'GET', path: `/v1/companies/${ids.company}/contacts`, status: 200 },
    { method: 'GET', path: '/v1/companies/00000000-0000-4000-8000-000000000000/contacts', status: 404 },
  ],
  'POST /v1/companies/{companyId}/contacts': (ids) => [
    { method: 'POST', path: `/v1/companies/${ids.inactiveCompany}/contacts`, body: validContact, status: 200 },
    { method: 'POST', path: `/v1/companies/${ids.company}/contacts`, body: { firstName: 'x' }, status: 422 },
    { method: 'POST', path: '/v1/companies/00000000-0000-4000-8000-000000000000/contacts', body: validContact, status: 404 },
  ],
  'GET /v1/companies/{companyId}/contacts/{contactId}': (ids) => [
    { method: 'GET', path: `/v1/companies/${ids.company}/contacts/${ids.contact}`, status: 200 },
    { method: 'GET', path: `/v1/companies/${ids.company}/contacts/00000000-0000-4000-8000-000000000000`, status: 404 },
  ],
  'PUT /v1/companies/{companyId}/contacts/{contactId}': (ids) => [
    { method: 'PUT', path: `/v1/companies/${ids.company}/contacts/${ids.contact}`, body: { ...validContact, firstName: 'Grace' }, status: 200 },
    { method: 'PUT', path: `/v1/companies/${ids.company}/contacts/${ids.contact}`, body: { ...validContact, email: 'nope' }, status: 422 },
  ],
  'DELETE /v1/companies/{companyId}/contacts/{contactId}': (ids) => [
    { method: 'DELETE', path: `/v1/companies/${ids.company}/contacts/${ids.contact}`, status: 204 },
    { method: 'DELETE', path: `/v1/companies/${ids.company}/contacts/${ids.contact}`, status: 404 },
  ],
  'GET /v1/products': () => [
    { method: 'GET', path: '/v1/products?size=200', status: 200 },
    { method: 'GET', path: '/v1/products?vendorName=Microsoft&search=365&sort=name,asc', status: 200 },
  ],
  'GET /v1/products/{productId}': (ids) => [
    { method: 'GET', path: `/v1/products/${ids.product}`, status: 200 },
    { method: 'GET', path: '/v1/products/00000000-0000-4000-8000-000000000000', status: 404 },
  ],
  'GET /v1/products/{productId}/provision-details': (ids) => [
    { method: 'GET', path: `/v1/products/${ids.product}/provision-details`, status: 200 },
    { method: 'GET', path: '/v1/products/00000000-0000-4000-8000-000000000000/provision-details', status: 404 },
  ],
  'GET /v1/products/{productId}/dependencies': (ids) => [
    { method: 'GET', path: `/v1/products/${ids.committedProduct}/dependencies`, status: 200 },
    { method: 'GET', path: '/v1/products/00000000-0000-4000-8000-000000000000/dependencies', status: 404 },
  ],
  'GET /v1/products/{productId}/pricing': (ids) => [
    { method: 'GET', path: `/v1/products/${ids.committedProduct}/pricing`, status: 200 },
    { method: 'GET', path: `/v1/products/${ids.product}/pricing?companyId=${ids.company}`, status: 200 },
    { method: 'GET', path: '/v1/products/00000000-0000-4000-8000-000000000000/pricing', status: 404 },
  ],
  'GET /v1/orders': (ids) => [
    { method: 'GET', path: '/v1/orders?size=200', status: 200 },
    { method: 'GET', path: `/v1/orders?companyId=${ids.company}`, status: 200 },
  ],
  'POST /v1/orders': (ids) => [
    { method: 'POST', path: '/v1/orders?isMock=true', body: { companyId: ids.company, lineItems: [{ productId: ids.product, lineItemNumber: 1, quantity: 2, billingTerm: 'Monthly', provisioningDetails }] }, status: 200 },
    { method: 'POST', path: '/v1/orders', body: { companyId: ids.company, lineItems: [{ productId: ids.product, lineItemNumber: 1, quantity: 2, billingTerm: 'Monthly', provisioningDetails }] }, status: 200 },
    { method: 'POST', path: '/v1/orders', body: { companyId: ids.company, lineItems: [{ productId: ids.committedProduct, lineItemNumber: 1, quantity: 0, billingTerm: 'Monthly' }] }, status: 422 },
  ],
  'GET /v1/orders/{orderId}': (ids) => [
    { method: 'GET', path: `/v1/orders/${ids.order}`, status: 200 },
    { method: 'GET', path: '/v1/orders/00000000-0000-4000-8000-000000000000', status: 404 },
  ],
  'GET /v1/subscriptions': (ids) => [
    { method: 'GET', path: '/v1/subscriptions?size=200', status: 200 },
    { method: 'GET', path: '/v1/subscriptions?size=200&page=1', status: 200 },
    { method: 'GET', path: `/v1/subscriptions?companyId=${ids.company}&status=Active&billingTerm=Monthly&sort=createdDate,desc`, status: 200 },
    { method: 'GET', path: `/v1/subscriptions?productId=${ids.product}&sort=price,asc`, status: 200 },
  ],
  'GET /v1/subscriptions/{subscriptionId}': (ids) => [
    { method: 'GET', path: `/v1/subscriptions/${ids.subscription}`, status: 200 },
    { method: 'GET', path: '/v1/subscriptions/00000000-0000-4000-8000-000000000000', status: 404 },
  ],
  'PUT /v1/subscriptions/{subscriptionId}': (ids) => [
    { method: 'PUT', path: `/v1/subscriptions/${ids.subscription}`, body: { quantity: 12, price: 20 }, status: 200 },
    { method: 'PUT', path: `/v1/subscriptions/${ids.subscription}`, body: { quantity: -1 }, status: 422 },
    { method: 'PUT', path: '/v1/subscriptions/00000000-0000-4000-8000-000000000000', body: { quantity: 1 }, status: 404 },
  ],
  'GET /v1/subscriptions/{subscriptionId}/history': (ids) => [
    { method: 'GET', path: `/v1/subscriptions/${ids.subscription}/history`, status: 200 },
    { method: 'GET', path: '/v1/subscriptions/00000000-0000-4000-8000-000000000000/history', status: 404 },
  ],
  'DELETE /v1/subscriptions/{subscriptionId}': (ids) => [
    { method: 'DELETE', path: `/v1/subscriptions/${ids.subscription}?cancelDate=2099-10-31T01:30:00.000-05:00`, status: 204 },
    { method: 'DELETE', path: '/v1/subscriptions/00000000-0000-4000-8000-000000000000', status: 404 },
  ],
  'GET /v1/invoices': (ids) => [
    { method: 'GET', path: '/v1/invoices?size=200', status: 200 },
    { method: 'GET', path: `/v1/invoices?status=Paid&sort=total,desc&invoiceDateRangeStart=2020-01-01&companyId=${ids.company}`, status: 200 },
  ],
  'GET /v1/invoices/{invoiceId}': (ids) => [{ method: 'GET', path: `/v1/invoices/${ids.invoice}`, status: 200 }],
  'GET /v1/invoices/{invoiceId}/items': (ids) => [
    { method: 'GET', path: `/v1/invoices/${ids.invoice}/items?size=200`, status: 200 },
    { method: 'GET', path: '/v1/invoices/00000000-0000-4000-8000-000000000000/items', status: 404 },
  ],
  'GET /v1/invoices/draftItems': (ids) => [
    { method: 'GET', path: '/v1/invoices/draftItems?size=200', status: 200 },
    { method: 'GET', path: `/v1/invoices/draftItems?monthOffset=0&companyId=${ids.company}`, status: 200 },
    { method: 'GET', path: '/v1/invoices/draftItems?monthOffset=5', status: 422 },
    { method: 'GET', path: '/v1/invoices/draftItems?companyId=00000000-0000-4000-8000-000000000000', status: 404 },
  ],
  'GET /v1/subscriptions/{subscriptionId}/usage-summaries': (ids) => [
    { method: 'GET', path: `/v1/subscriptions/${ids.usageSubscription}/usage-summaries?sort=currentCharges,desc`, status: 200 },
    { method: 'GET', path: '/v1/subscriptions/00000000-0000-4000-8000-000000000000/usage-summaries', status: 404 },
  ],
  'GET /v1/usage-summaries/{usageSummaryId}': (ids) => [{ method: 'GET', path: `/v1/usage-summaries/${ids.usageSummary}`, status: 200 }],
  'GET /v1/usage-summaries/{usageSummaryId}/usage-lines': (ids) => [
    { method: 'GET', path: `/v1/usage-summaries/${ids.usageSummary}/usage-lines`, status: 200 },
    { method: 'GET', path: '/v1/usage-summaries/00000000-0000-4000-8000-000000000000/usage-lines', status: 404 },
  ],
  'GET /api/v2/webhooks': () => [
    { method: 'GET', path: '/api/v2/webhooks', status: 200 },
    { method: 'GET', path: '/api/v2/webhooks?active=true&topic=SUBSCRIPTION&sort=displayName:asc', status: 200 },
    { method: 'GET', path: '/api/v2/webhooks?active=maybe', status: 400 },
    { method: 'GET', path: '/api/v2/webhooks', status: 401, anonymous: true },
  ],
  'POST /api/v2/webhooks': () => [
    { method: 'POST', path: '/api/v2/webhooks', body: { displayName: 'Spec hook', url: 'https://psa.example.com/h', authorization: 'Basic c2VjcmV0', webhookTopics: [{ topic: 'COMPANY', filters: [] }] }, status: 200 },
    { method: 'POST', path: '/api/v2/webhooks', body: { url: 'https://psa.example.com/h' }, status: 400 },
  ],
  'GET /api/v2/webhooks/topic-definitions': () => [
    { method: 'GET', path: '/api/v2/webhooks/topic-definitions', status: 200 },
    { method: 'GET', path: '/api/v2/webhooks/topic-definitions?topic=SUBSCRIPTION', status: 200 },
  ],
  'GET /api/v2/webhooks/{id}': (ids) => [
    { method: 'GET', path: `/api/v2/webhooks/${ids.webhook}`, status: 200 },
    { method: 'GET', path: '/api/v2/webhooks/00000000-0000-4000-8000-000000000000', status: 404 },
  ],
  'POST /api/v2/webhooks/{id}/configuration': (ids) => [
    { method: 'POST', path: `/api/v2/webhooks/${ids.webhook}/configuration`, body: { displayName: 'Renamed hook', errorThreshold: 5 }, status: 200 },
    { method: 'POST', path: `/api/v2/webhooks/${ids.webhook}/configuration`, body: { errorThreshold: 99 }, status: 400 },
  ],
  'POST /api/v2/webhooks/{id}/status': (ids) => [
    { method: 'POST', path: `/api/v2/webhooks/${ids.webhook}/status`, body: { active: false }, status: 200 },
    { method: 'POST', path: `/api/v2/webhooks/${ids.webhook}/status`, body: {}, status: 400 },
  ],
  'POST /api/v2/webhooks/{id}/topics': (ids) => [
    { method: 'POST', path: `/api/v2/webhooks/${ids.webhook}/topics`, body: { topic: 'INVOICE', filters: [] }, status: 200 },
    { method: 'POST', path: `/api/v2/webhooks/${ids.webhook}/topics`, body: { topic: 'NOPE', filters: [] }, status: 400 },
  ],
  'POST /api/v2/webhooks/{id}/topics/{topicId}/configuration': (ids) => [
    { method: 'POST', path: `/api/v2/webhooks/${ids.webhook}/topics/${ids.topic}/configuration`, body: { filters: [{ action: 'UPDATED', conditions: [{ field: 'status', operator: 'EQUALS', value: ['Active'] }] }] }, status: 200 },
    { method: 'POST', path: `/api/v2/webhooks/${ids.webhook}/topics/${ids.topic}/configuration`, body: { filters: [{ action: 'UPDATED', conditions: [{ field: 'status', operator: 'LIKE', value: ['Active'] }] }] }, status: 400 },
  ],
  'POST /api/v2/webhooks/{id}/topics/{topic}/test': (ids) => [
    { method: 'POST', path: `/api/v2/webhooks/${ids.webhook}/topics/SUBSCRIPTION/test`, status: 200 },
    { method: 'POST', path: `/api/v2/webhooks/${ids.webhook}/topics/NOPE/test`, status: 400 },
  ],
  'GET /api/v2/webhooks/{webhookId}/logs': (ids) => [
    { method: 'GET', path: `/api/v2/webhooks/${ids.webhook}/logs`, status: 200 },
    { method: 'GET', path: `/api/v2/webhooks/${ids.webhook}/logs?status=FAILED&sort=createdAt:desc`, status: 200 },
  ],
  'GET /api/v2/webhooks/{webhookId}/logs/{id}': (ids) => [
    { method: 'GET', path: `/api/v2/webhooks/${ids.webhook}/logs/${ids.log}`, status: 200 },
    { method: 'GET', path: `/api/v2/webhooks/${ids.webhook}/logs/00000000-0000-4000-8000-000000000000`, status: 404 },
  ],
  'POST /api/v2/webhooks/{webhookId}/logs/{logId}/retry': (ids) => [{ method: 'POST', path: `/api/v2/webhooks/${ids.webhook}/logs/${ids.log}/retry`, status: 202 }],
  'DELETE /api/v2/webhooks/{id}/topics/{topicId}': (ids) => [{ method: 'DELETE', path: `/api/v2/webhooks/${ids.webhook}/topics/${ids.topic}`, status: 204 }],
  'PUT /api/v2/webhooks/{id}/topics': (ids) => [
    { method: 'PUT', path: `/api/v2/webhooks/${ids.webhook}/topics`, body: { webhookTopics: [{ topic: 'SUBSCRIPTION', filters: [] }, { topic: 'ORDER', filters: [] }] }, status: 200 },
    { method: 'PUT', path: `/api/v2/webhooks/${ids.webhook}/topics`, body: {}, status: 400 },
  ],
  'DELETE /api/v2/webhooks/{id}': (ids) => [{ method: 'DELETE', path: `/api/v2/webhooks/${ids.webhook}`, status: 204 }],
};

function pickIds(sim: Pax8Simulator): Ids {
  const w = sim.world;
  const companies = w.companies.list();
  const company = companies.find((c) => c.status === 'Active' && w.contacts(c.id).length > 0);
  const inactive = companies.find((c) => c.status === 'Inactive');
  const product = w.products.list().find((p) => !p.requiresCommitment && !p.name.includes('Azure'));
  const committed = w.products.list().find((p) => p.requiresCommitment);
  const usageSubscription = w.subscriptions.list({ filter: (s) => s.productName?.startsWith('Azure Plan') === true })[0];
  const subscription = w.subscriptions.list({ filter: (s) => s.status === 'Active' && !s.commitment && s.billingTerm === 'Monthly' })[0];
  const webhook = w.webhooks.list()[0];
  if (!company || !inactive || !product || !committed || !usageSubscription || !subscription || !webhook) throw new Error('the spec world lacks a record kind the recipes need; change its seed or sizes');
  return {
    clientId: sim.credentials.clientId,
    clientSecret: sim.credentials.clientSecret,
    company: company.id,
    inactiveCompany: inactive.id,
    contact: (w.contacts(company.id)[0] as { id: string }).id,
    product: product.id,
    committedProduct: committed.id,
    subscription: subscription.id,
    usageSubscription: usageSubscription.id,
    usageSummary: '',
    order: w.orders.ids()[0] as string,
    invoice: w.invoices.ids()[0] as string,
    webhook: webhook.id,
    topic: (webhook.webhookTopics[0] as { id: string }).id,
    log: '',
  };
}

/**
 * Seat changes whose lines the recipes then serve: a prorate on the invoice they read (the month
 * before its month), and a credit on the first charged subscription this month (next month's draft items).
 */
function scriptSeatChanges(sim: Pax8Simulator, invoiceId: string): void {
  const w = sim.world;
  const invoice = w.invoices.get(invoiceId) as { invoiceDate: string; companyId?: string };
  const day = (epoch: number, d: number) => new Date(Date.UTC(new Date(epoch).getUTCFullYear(), new Date(epoch).getUTCMonth(), d)).toISOString().slice(0, 10);
  const monthBefore = Date.UTC(Number(invoice.invoiceDate.slice(0, 4)), Number(invoice.invoiceDate.slice(5, 7)) - 2, 1);
  const charged = (s: Pax8SimSubscription, since: number) => s.status === 'Active' && s.billingTerm === 'Monthly' && s.price > 0 && s.quantity > 1 && Date.parse(s.billingStart ?? '') < since && !s.productName?.startsWith('Azure') && !s.productName?.startsWith('Acronis');
  const onInvoice = w.subscriptions.list({ filter: (s) => s.companyId === invoice.companyId && charged(s, monthBefore) })[0] as Pax8SimSubscription;
  sim.billing.change({ kind: 'prorate', subscriptionId: onInvoice.id, quantity: onInvoice.quantity + 2, date: day(monthBefore, 15) });
  const thisMonth = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1);
  const onDraft = w.subscriptions.list({ filter: (s) => s.id !== onInvoice.id && charged(s, thisMonth) })[0] as Pax8SimSubscription;
  sim.billing.change({ kind: 'credit', subscriptionId: onDraft.id, quantity: onDraft.quantity - 1, date: day(thisMonth, 1) });
}

async function runAll(sim: Pax8Simulator, validators: Record<string, SpecValidator>): Promise<{ failures: string[]; served: Set<string> }> {
  const get = await authorizedFetch(sim);
  const ids = pickIds(sim);
  const summaries = (await (await get(`/v1/subscriptions/${ids.usageSubscription}/usage-summaries`)).json()) as { content: { id: string }[] };
  ids.usageSummary = (summaries.content[0] as { id: string }).id;
  const logs = (await (await get(`/api/v2/webhooks/${ids.webhook}/logs`)).json()) as { content: { id: string }[] };
  ids.log = (logs.content[0] as { id: string }).id;
  const failures: string[] = [];
  const served = new Set<string>();
  for (const [key, recipe] of Object.entries(RECIPES)) {
    const validator = key.includes('/api/v2/') ? validators.webhooks : key === 'POST /v1/token' ? validators.auth : validators.partner;
    for (const call of recipe(ids)) {
      const init: RequestInit = { method: call.method, ...(call.body === undefined ? {} : { body: JSON.stringify(call.body), headers: { 'content-type': 'application/json' } }) };
      const response = call.anonymous ? await sim.handle(new Request(`${sim.baseUrl}${call.path}`, init)) : await get(call.path, init);
      const text = await response.text();
      const bodyValue: unknown = text === '' ? undefined : JSON.parse(text);
      if (response.status !== call.status) {
        failures.push(`${call.method} ${call.path}: expected ${call.status}, got ${response.status} ${text.slice(0, 300)}`);
        continue;
      }
      const route = sim.requests.at(-1)?.route;
      if (route !== key) failures.push(`${call.method} ${call.path} was routed to ${route}, not ${key}`);
      served.add(key);
      try {
        for (const error of (validator as SpecValidator).validate(key, response.status, bodyValue)) failures.push(`${key} ${response.status}: ${error}`);
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
  }
  return { failures, served };
}

describe('simulator responses against the Pax8 OpenAPI documents', () => {
  const validators = {
    auth: createSpecValidator('authentication.json', '/v1'),
    partner: createSpecValidator('partner-endpoints.json', '/v1'),
    webhooks: createSpecValidator('webhooks-api.json', '/api/v2'),
  };
  const documented = [...validators.auth.operations, ...validators.partner.operations, ...validators.webhooks.operations].map((o) => o.key).sort();

  it('serves every documented operation, and has a request recipe for each', () => {
    const sim = createPax8Simulator();
    expect(Object.keys(RECIPES).sort()).toEqual(documented);
    expect(documented.filter((key) => !sim.routes.includes(key))).toEqual([]);
  });

  it.each([1, 2, 3])('validates every response of world seed %i (successes and documented errors)', async (seed) => {
    const sim = createPax8Simulator({ seed, companies: 30, subscriptions: 400, webhooks: 2 });
    scriptSeatChanges(sim, sim.world.invoices.ids()[0] as string);
    const { failures, served } = await runAll(sim, validators);
    expect(failures).toEqual([]);
    // The invoice items and draft items served held the prorate and the credit line.
    const get = await authorizedFetch(sim);
    const types = async (path: string) => ((await (await get(path)).json()) as { content: { type: string; quantity: number }[] }).content.filter((i) => i.type === 'prorate').map((i) => Math.sign(i.quantity));
    expect(await types(`/v1/invoices/${sim.world.invoices.ids()[0] as string}/items?size=200`)).toEqual([1]);
    expect(await types('/v1/invoices/draftItems?size=200')).toEqual([-1]);
    expect([...served].sort()).toEqual(documented);
  });

  it('catches drift: a drifted record fails its schema', async () => {
    const sim = createPax8Simulator({ seed: 1, subscriptions: 5, faults: { routes: { 'GET /v1/subscriptions/{subscriptionId}': { drift: 1 } }, driftKinds: ['newEnumValue'] } });
    const get = await authorizedFetch(sim);
    const id = sim.world.subscriptions.ids()[0] as string;
    const drifted = await (await get(`/v1/subscriptions/${id}`)).json();
    expect(validators.partner.validate('GET /v1/subscriptions/{subscriptionId}', 200, drifted).join('\n')).toMatch(/must be equal to one of the allowed values/);
  });

  it('rejects what a broken simulator would serve: a wrong type, a misspelt or extra field, a missing page block', async () => {
    const sim = createPax8Simulator({ seed: 1, subscriptions: 5 });
    const get = await authorizedFetch(sim);
    const id = sim.world.subscriptions.ids()[0] as string;
    const one = (await (await get(`/v1/subscriptions/${id}`)).json()) as Record<string, unknown>;
    const list = (await (await get('/v1/subscriptions')).json()) as { content: unknown[]; page: Record<string, unknown> };
    const key = 'GET /v1/subscriptions/{subscriptionId}';
    expect(validators.partner.validate(key, 200, one)).toEqual([]);
    expect(validators.partner.validate(key, 200, { ...one, quantity: String(one.quantity) }).join('\n')).toMatch(/\/quantity must be number/);
    const { billingTerm, ...rest } = one;
    expect(validators.partner.validate(key, 200, { ...rest, billingterm: billingTerm }).join('\n')).toMatch(/unevaluated properties .*billingterm/);
    expect(validators.partner.validate(key, 200, { ...one, commitment: { ...(one.commitment as object), extra: 1 } }).join('\n')).toMatch(/unevaluated properties .*extra/);
    expect(validators.partner.validate('GET /v1/subscriptions', 200, list)).toEqual([]);
    expect(validators.partner.validate('GET /v1/subscriptions', 200, { content: list.content }).join('\n')).toMatch(/required property 'page'/);
    expect(validators.partner.validate('GET /v1/subscriptions', 200, { ...list, page: { ...list.page, totalPages: '1' } }).join('\n')).toMatch(/\/page\/totalPages must be integer/);
    const hooks = (await (await get('/api/v2/webhooks')).json()) as { content: Record<string, unknown>[] };
    const hook = hooks.content[0] as Record<string, unknown>;
    expect(validators.webhooks.validate('GET /api/v2/webhooks/{id}', 200, hook)).toEqual([]);
    expect(validators.webhooks.validate('GET /api/v2/webhooks/{id}', 200, { ...hook, active: 'true' }).join('\n')).toMatch(/\/active must be boolean/);
    expect(validators.webhooks.validate('GET /api/v2/webhooks/{id}', 200, { ...hook, displayname: 'x' }).join('\n')).toMatch(/unevaluated properties/);
  });

  it("answers an expired token, the enforced rate limit and a server fault with Pax8's error envelope", async () => {
    let now = Date.parse('2026-06-01T00:00:00Z');
    const sim = createPax8Simulator({ seed: 1, subscriptions: 5, tokenLifetimeSeconds: 60, now: () => now, faults: { rateLimit: { requestsPerMinute: 3 }, routes: { 'GET /v1/products': { serverError: 1 } } } });
    const get = await authorizedFetch(sim);
    const answers: Response[] = [await get('/v1/products'), await get('/v1/companies'), await get('/v1/companies')];
    answers.push(await get('/v1/companies'));
    now += 61_000;
    answers.push(await get('/v1/companies'));
    expect(answers.map((r) => r.status)).toEqual([expect.any(Number), 200, 200, 429, 401]);
    expect(answers[0]?.status).toBeGreaterThanOrEqual(500);
    for (const answer of [answers[0], answers[3], answers[4]] as Response[]) {
      const envelope = (await answer.json()) as Record<string, unknown>;
      expect(validators.partner.validateComponent('Error', envelope)).toEqual([]);
      expect(envelope).toMatchObject({ type: expect.any(String), message: expect.any(String), status: answer.status });
    }
  });
});
