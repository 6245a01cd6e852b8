import { createListing } from '../pagination/create-listing';
import type { Pax8Listing, Pax8PageParams } from '../pagination/types';
import { type Pax8Order, type Pax8OrderCreate, pax8OrderCreateModel, pax8OrderModel } from '../schemas/order';
import { callOne } from './call';
import { type ResourceContext, segment } from './context';

/** Filters of `orders.list`. */
export interface Pax8OrderListParams extends Pax8PageParams {
  /** Orders of this company only. */
  companyId?: string;
}

/** Options of `orders.create`. */
export interface Pax8OrderCreateOptions {
  /** Validate the order without placing it (`?isMock=true`). */
  mock?: boolean;
}

/** `client.orders`: orders placed with Pax8. */
export interface Pax8OrdersResource extends Pax8Listing<Pax8Order, Pax8OrderListParams> {
  /** GET /v1/orders/{id}. */
  get(id: string): Promise<Pax8Order>;
  /**
   * POST /v1/orders (`?isMock=true` with `{ mock: true }`). Never retried once it may have
   * reached Pax8: a 5xx, timeout or network error throws Pax8MaybeAppliedError.
   */
  create(order: Pax8OrderCreate, options?: Pax8OrderCreateOptions): Promise<Pax8Order>;
}

/** Builds `client.orders`. @internal */
export function createOrdersResource(ctx: ResourceContext): Pax8OrdersResource {
  const base = `${ctx.partnerUrl}/orders`;
  return {
    ...createListing(ctx, { model: pax8OrderModel, url: () => base, query: (p: Pax8OrderListParams) => ({ companyId: p.companyId }) }),
    get: async (id) => callOne(ctx, pax8OrderModel, { method: 'GET', url: `${base}/${segment(id, 'id')}` }),
    create: async (order, options) =>
      callOne(ctx, pax8OrderModel, {
        method: 'POST',
        url: base,
        query: { isMock: options?.mock ? true : undefined },
        body: ctx.validator.body(pax8OrderCreateModel, order),
      }),
  };
}
