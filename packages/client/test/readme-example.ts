import { createPax8Client, Pax8MaybeAppliedError } from '@pax8-sync/client';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';

// A stand-in for Pax8 (msw intercepts fetch): a token endpoint and 450 subscriptions, paged as Pax8 pages.
const subscriptions = Array.from({ length: 450 }, (_, n) => ({
  id: `sub-${n}`,
  companyId: `company-${n % 7}`,
  quantity: n % 10,
  status: n === 3 ? 'Suspended' : 'Active', // a status Pax8 added later: passed through, reported
  startDate: '2023-08-11T11:33:12.314-0600',
}));
const pax8 = setupServer(
  http.post('https://api.pax8.com/v1/token', () =>
    HttpResponse.json({ access_token: 'demo-token', expires_in: 86_400, token_type: 'Bearer' }),
  ),
  http.get('https://api.pax8.com/v1/subscriptions', ({ request }) => {
    const url = new URL(request.url);
    const page = Number(url.searchParams.get('page') ?? 0);
    const size = Number(url.searchParams.get('size') ?? 10);
    return HttpResponse.json({
      content: subscriptions.slice(page * size, (page + 1) * size),
      page: { size, totalElements: subscriptions.length, totalPages: Math.ceil(subscriptions.length / size), number: page },
    });
  }),
  http.post('https://api.pax8.com/v1/orders', () => HttpResponse.json({ message: 'upstream failed' }, { status: 502 })),
);
pax8.listen();

const client = createPax8Client({
  clientId: 'my-client-id',
  clientSecret: 'my-client-secret',
  logger: { warn: (context, message) => console.warn(message, context) },
});

// Every subscription of every page (200 a page), in order; a short listing would throw.
let seats = 0;
for await (const subscription of client.subscriptions.iterate()) {
  seats += subscription.quantity ?? 0;
}

// A POST that fails after it may have reached Pax8 is never retried.
let orderOutcome = 'placed';
try {
  await client.orders.create(
    { companyId: 'company-1', lineItems: [{ productId: 'product-1', lineItemNumber: 1, billingTerm: 'Monthly', quantity: 5 }] },
    { mock: true },
  );
} catch (error) {
  if (Pax8MaybeAppliedError.isInstance(error)) orderOutcome = 'may have been applied: check Pax8 before retrying';
  else throw error;
}

pax8.close();
/** What the example found (the test suite checks it). */
export const summary = { seats, orderOutcome };
console.log(summary);
