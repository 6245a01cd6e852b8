import { Pax8InvalidArgumentError } from '../errors/pax8-invalid-argument-error';
import { createListing, queryOf } from '../pagination/create-listing';
import type { Pax8Listing, Pax8PageParams } from '../pagination/types';
import type { Pax8BillingTerm } from '../schemas/product';
import {
  type Pax8Subscription,
  type Pax8SubscriptionStatus,
  type Pax8SubscriptionUpdate,
  pax8SubscriptionModel,
  pax8SubscriptionUpdateModel,
} from '../schemas/subscription';
import { callContent, callOne, callVoid } from './call';
import { type ResourceContext, segment } from './context';

/** Filters of `subscriptions.list`. */
export interface Pax8SubscriptionListParams extends Pax8PageParams {
  /** Sort expression, e.g. `createdDate,desc`. */
  sort?: string;
  /** Only this status. */
  status?: Pax8SubscriptionStatus;
  /** Only this billing term. */
  billingTerm?: Pax8BillingTerm;
  /** Only this company's subscriptions. */
  companyId?: string;
  /** Only this product's subscriptions. */
  productId?: string;
}

/** Options of `subscriptions.cancel`. */
export interface Pax8CancelOptions {
  /**
   * When the cancellation takes effect: `YYYY-MM-DD`, or an ISO date-time with `Z` or an offset
   * (the OpenAPI document types it `date-time`). Default: Pax8 decides, usually now. A committed
   * subscription is normally cancelled at its `commitment.endDate`.
   */
  cancelDate?: string;
}

const CANCEL_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/** `client.subscriptions`. */
export interface Pax8SubscriptionsResource extends Pax8Listing<Pax8Subscription, Pax8SubscriptionListParams> {
  /** GET /v1/subscriptions/{id}. */
  get(id: string): Promise<Pax8Subscription>;
  /**
   * PUT /v1/subscriptions/{id}: change quantity (absolute, not a delta), price, billing term or
   * start date. Retried on 5xx and timeouts (idempotent); use `client.sendOnce` to send it at most once.
   */
  update(id: string, body: Pax8SubscriptionUpdate): Promise<Pax8Subscription>;
  /**
   * DELETE /v1/subscriptions/{id} (with `?cancelDate=` when given): cancel the subscription.
   * Retried on 5xx and timeouts (idempotent); use `client.sendOnce` to send it at most once.
   */
  cancel(id: string, options?: Pax8CancelOptions): Promise<void>;
  /** GET /v1/subscriptions/{id}/history: earlier versions of the subscription. */
  history(id: string): Promise<Pax8Subscription[]>;
}

/** Builds `client.subscriptions`. @internal */
export function createSubscriptionsResource(ctx: ResourceContext): Pax8SubscriptionsResource {
  const base = `${ctx.partnerUrl}/subscriptions`;
  const one = (id: string) => `${base}/${segment(id, 'id')}`;
  return {
    ...createListing(ctx, {
      model: pax8SubscriptionModel,
      url: () => base,
      query: queryOf<Pax8SubscriptionListParams>('sort', 'status', 'billingTerm', 'companyId', 'productId'),
    }),
    get: async (id) => callOne(ctx, pax8SubscriptionModel, { method: 'GET', url: one(id) }),
    update: async (id, body) =>
      callOne(ctx, pax8SubscriptionModel, { method: 'PUT', url: one(id), body: ctx.validator.body(pax8SubscriptionUpdateModel, body) }),
    cancel: async (id, options) => {
      const cancelDate = options?.cancelDate;
      if (cancelDate !== undefined && (typeof cancelDate !== 'string' || !CANCEL_DATE.test(cancelDate) || Number.isNaN(Date.parse(cancelDate)))) {
        throw new Pax8InvalidArgumentError(`cancelDate must be YYYY-MM-DD or an ISO date-time with Z or an offset, got ${String(cancelDate)}`, {
          field: 'cancelDate',
        });
      }
      return callVoid(ctx, { method: 'DELETE', url: one(id), query: { cancelDate } });
    },
    history: async (id) => callContent(ctx, pax8SubscriptionModel, { method: 'GET', url: `${one(id)}/history` }),
  };
}
