import { formatDate, formatOffset, parsePax8Date } from '../dates';
import { asObject, enumParam, HttpFailure, notFound, paged, pageRequest, type Route } from '../http';
import { PAX8_BILLING_TERMS, PAX8_SUBSCRIPTION_STATUSES, type Pax8SimSubscription } from '../records';
import { cancellationProblem, validateUpdate } from '../subscription-rules';
import type { World } from '../world';

const SORTS = ['quantity', 'startDate', 'endDate', 'createdDate', 'billingStart', 'price'] as const;
const SORT_VALUES = SORTS.flatMap((f) => [`${f},asc`, `${f},desc`]);

/** Position of a subscription by id (404 otherwise). */
export function subscriptionIndex(world: World, id: string): number {
  const index = world.subscriptions.indexOf(id);
  if (index === undefined) throw notFound('Subscription', id);
  return index;
}

/** The subscription endpoints. */
export const subscriptionRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/subscriptions',
    family: 'partner',
    handle: ({ url, world }) => {
      const request = pageRequest(url);
      const sort = enumParam(url, 'sort', SORT_VALUES);
      const status = enumParam(url, 'status', PAX8_SUBSCRIPTION_STATUSES);
      const billingTerm = enumParam(url, 'billingTerm', PAX8_BILLING_TERMS);
      const companyId = url.searchParams.get('companyId') || undefined;
      const productId = url.searchParams.get('productId') || undefined;
      const [field = '', direction] = sort?.split(',') ?? [];
      const positions = world.querySubscriptions({
        ...(companyId ? { companyId } : {}),
        ...(productId ? { productId } : {}),
        ...(status ? { status } : {}),
        ...(billingTerm ? { billingTerm } : {}),
        ...(sort ? { sort: { field, descending: direction === 'desc' } } : {}),
      });
      return { status: 200, body: paged(positions, request, (i) => world.subscriptions.at(i)) };
    },
  },
  {
    method: 'GET',
    path: '/v1/subscriptions/{subscriptionId}',
    family: 'partner',
    handle: ({ params, world }) => ({ status: 200, body: world.subscriptions.at(subscriptionIndex(world, params.subscriptionId as string)) }),
  },
  {
    method: 'PUT',
    path: '/v1/subscriptions/{subscriptionId}',
    family: 'partner',
    handle: async ({ params, json, world }) => {
      const index = subscriptionIndex(world, params.subscriptionId as string);
      const current = world.subscriptions.at(index);
      const body = asObject(await json(), 'Subscription update');
      if (current.status === 'Cancelled') throw new HttpFailure(422, `Subscription ${current.id} is cancelled and cannot be updated`);
      const details = validateUpdate(world, current, body);
      if (details.length > 0) throw new HttpFailure(422, 'Subscription update is invalid', details);
      const next: Pax8SimSubscription = { ...structuredClone(current), updatedDate: world.stamp() };
      if (body.quantity !== undefined) next.quantity = body.quantity as number;
      if (body.price !== undefined) next.price = body.price as number;
      if (body.billingTerm !== undefined) next.billingTerm = body.billingTerm as string;
      if (body.startDate !== undefined) next.startDate = body.startDate as string;
      world.putSubscription(index, next);
      world.changes.emit('subscriptions', 'UPDATED', next);
      return { status: 200, body: next };
    },
  },
  {
    method: 'DELETE',
    path: '/v1/subscriptions/{subscriptionId}',
    family: 'partner',
    handle: ({ url, params, world }) => {
      const index = subscriptionIndex(world, params.subscriptionId as string);
      const current = world.subscriptions.at(index);
      if (current.status === 'Cancelled') throw new HttpFailure(422, `Subscription ${current.id} is already cancelled`);
      const raw = url.searchParams.get('cancelDate');
      const now = world.options.now();
      const at = raw ? parsePax8Date(raw) : now;
      if (at === undefined) {
        throw new HttpFailure(422, "Invalid value for parameter 'cancelDate'", [{ type: 'cancelDate', message: `cancelDate must be an ISO 8601 date-time such as 2000-10-31T01:30:00.000-05:00, got '${raw}'` }]);
      }
      const refused = cancellationProblem(world, current, at);
      if (refused) throw new HttpFailure(422, `Subscription ${current.id} cannot be cancelled on that date`, [refused]);
      const future = at > now;
      const cancelled: Pax8SimSubscription = {
        ...structuredClone(current),
        status: future ? 'PendingCancel' : 'Cancelled',
        endDate: future ? formatDate(at) : formatOffset(now, -360),
        updatedDate: world.stamp(),
      };
      world.putSubscription(index, cancelled);
      world.changes.emit('subscriptions', 'UPDATED', cancelled);
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    path: '/v1/subscriptions/{subscriptionId}/history',
    family: 'partner',
    handle: ({ params, world }) => ({ status: 200, body: { content: world.history(subscriptionIndex(world, params.subscriptionId as string)) } }),
  },
];
