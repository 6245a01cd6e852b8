import { addMonths, formatOffset } from '../dates';
import { asObject, booleanParam, type ErrorDetail, HttpFailure, notFound, paged, pageRequest, type Route } from '../http';
import type { Pax8SimLineItem, Pax8SimOrder } from '../records';
import type { World } from '../world';

const ORDERED_BY = ['Pax8 Partner', 'Customer', 'Pax8'];
const COMMITMENT_MONTHS: Record<string, number> = { Monthly: 1, Annual: 12, '2-Year': 24, '3-Year': 36 };

function validateOrder(world: World, body: Record<string, unknown>): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const companyId = body.companyId;
  if (typeof companyId !== 'string') details.push({ type: 'companyId', message: 'companyId is required' });
  else {
    const company = world.companies.get(companyId);
    if (!company) details.push({ type: 'companyId', message: `companyId ${companyId} does not match a company` });
    else if (company.status !== 'Active') details.push({ type: 'companyId', message: `company ${companyId} is ${company.status}; add contacts to activate it before ordering` });
  }
  if (body.orderedBy !== undefined && !ORDERED_BY.includes(body.orderedBy as string)) details.push({ type: 'orderedBy', message: `orderedBy must be one of ${ORDERED_BY.join(', ')}` });
  if (!Array.isArray(body.lineItems) || body.lineItems.length === 0) {
    details.push({ type: 'lineItems', message: 'lineItems must be a non-empty array' });
    return details;
  }
  body.lineItems.forEach((raw: unknown, k) => {
    const at = `lineItems[${k}]`;
    if (typeof raw !== 'object' || raw === null) {
      details.push({ type: at, message: `${at} must be an object` });
      return;
    }
    const line = raw as Record<string, unknown>;
    const product = typeof line.productId === 'string' ? world.products.get(line.productId) : undefined;
    if (!product) details.push({ type: `${at}.productId`, message: `${at}.productId must be the id of a product` });
    if (typeof line.lineItemNumber !== 'number') details.push({ type: `${at}.lineItemNumber`, message: `${at}.lineItemNumber is required` });
    if (typeof line.quantity !== 'number' || !Number.isInteger(line.quantity) || line.quantity < 1) details.push({ type: `${at}.quantity`, message: `${at}.quantity must be a whole number of at least 1` });
    if (!product) return;
    const traits = world.traitsOf(product);
    if (typeof line.billingTerm !== 'string' || !traits.terms.includes(line.billingTerm)) {
      details.push({ type: `${at}.billingTerm`, message: `${at}.billingTerm must be one of ${traits.terms.join(', ')} for ${product.name}` });
    }
    if (product.requiresCommitment) {
      if (typeof line.commitmentTermId !== 'string') details.push({ type: `${at}.commitmentTermId`, message: `${at}.commitmentTermId is required: ${product.name} requires a commitment` });
      else if (!traits.commitments.some((c) => c.id === line.commitmentTermId)) details.push({ type: `${at}.commitmentTermId`, message: `${at}.commitmentTermId is not a commitment term of ${product.name}` });
    }
  });
  return details;
}

/** The order endpoints. */
export const orderRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/orders',
    family: 'partner',
    handle: ({ url, world }) => {
      const request = pageRequest(url);
      const companyId = url.searchParams.get('companyId') || undefined;
      return { status: 200, body: paged(world.ordersOf(companyId), request, (i) => world.orders.at(i)) };
    },
  },
  {
    method: 'GET',
    path: '/v1/orders/{orderId}',
    family: 'partner',
    handle: ({ params, world }) => {
      const order = world.orders.get(params.orderId as string);
      if (!order) throw notFound('Order', params.orderId as string);
      return { status: 200, body: order };
    },
  },
  {
    method: 'POST',
    path: '/v1/orders',
    family: 'partner',
    handle: async ({ url, json, world }) => {
      const isMock = booleanParam(url, 'isMock') === true;
      const body = asObject(await json(), 'Order');
      const details = validateOrder(world, body);
      if (details.length > 0) throw new HttpFailure(422, 'Order is invalid', details);
      const lines = body.lineItems as Record<string, unknown>[];
      const now = world.options.now();
      const order: Pax8SimOrder = {
        id: isMock ? world.freshId('order') : '',
        companyId: body.companyId as string,
        createdDate: new Date(now).toISOString().slice(0, 10),
        orderedBy: (body.orderedBy as Pax8SimOrder['orderedBy']) ?? 'Pax8 Partner',
        isScheduled: lines.some((l) => typeof l.provisionStartDate === 'string' && Date.parse(l.provisionStartDate) > now),
        lineItems: [],
      };
      if (typeof body.orderedByUserEmail === 'string') order.orderedByUserEmail = body.orderedByUserEmail;
      for (const line of lines) {
        const product = world.products.get(line.productId as string);
        const item: Pax8SimLineItem = {
          id: world.freshId('lineItem'),
          productId: line.productId as string,
          billingTerm: line.billingTerm as string,
          quantity: line.quantity as number,
        };
        if (typeof line.commitmentTermId === 'string') item.commitmentTermId = line.commitmentTermId;
        if (typeof line.provisionStartDate === 'string') item.provisionStartDate = line.provisionStartDate;
        if (!isMock) {
          const commitment = product ? world.traitsOf(product).commitments.find((c) => c.id === line.commitmentTermId) : undefined;
          const created = world.api.subscriptions.add({
            companyId: order.companyId,
            productId: item.productId,
            quantity: item.quantity,
            billingTerm: item.billingTerm,
            status: 'Active',
            ...(commitment ? { commitment: { id: commitment.id, term: commitment.term, endDate: formatOffset(addMonths(now, COMMITMENT_MONTHS[commitment.term] ?? 1), -360) } } : {}),
          });
          item.subscriptionId = created.id;
        }
        order.lineItems.push(item);
      }
      if (!isMock) {
        const { index, id } = world.orders.reserve();
        order.id = id;
        world.orders.put(index, order);
      }
      return { status: 200, body: order };
    },
  },
];
