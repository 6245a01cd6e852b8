import { addMonths, formatOffset } from '../dates';
import { asObject, booleanParam, HttpFailure, notFound, paged, pageRequest, type Route } from '../http';
import { TERM_MONTHS, validateOrder } from '../order-rules';
import type { Pax8SimLineItem, Pax8SimOrder } from '../records';

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
        isScheduled: false,
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
            ...(commitment ? { commitment: { id: commitment.id, term: commitment.term, endDate: formatOffset(addMonths(now, TERM_MONTHS[commitment.term] ?? 1), -360) } } : {}),
          });
          item.subscriptionId = created.id;
        }
        order.lineItems.push(item);
      }
      if (!isMock) {
        const { index, id } = world.orders.reserve();
        order.id = id;
        world.orders.put(index, order);
        world.changes.emit('orders', 'CREATED', order);
      }
      return { status: 200, body: order };
    },
  },
];
