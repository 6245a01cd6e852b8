import { Pax8InvalidArgumentError } from '../errors/pax8-invalid-argument-error';
import { createListing, queryOf } from '../pagination/create-listing';
import type { Pax8Listing, Pax8PageParams } from '../pagination/types';
import { type Pax8UsageLine, type Pax8UsageSummary, pax8UsageLineModel, pax8UsageSummaryModel } from '../schemas/usage';
import { callOne } from './call';
import { dayParam, type ResourceContext, segment } from './context';

/** Params of `usage.summaries.*`: the subscription is required. */
export interface Pax8UsageSummaryListParams extends Pax8PageParams {
  /** The usage-based subscription. */
  subscriptionId: string;
  /** Sort by `resourceGroup`, `currentCharges` or `partnerTotal`. */
  sort?: 'resourceGroup' | 'currentCharges' | 'partnerTotal' | (string & {});
  /** Only this resource group. */
  resourceGroup?: string;
  /** Only this company. */
  companyId?: string;
}

/** Params of `usage.lines.*`. */
export interface Pax8UsageLineListParams extends Pax8PageParams {
  /** The usage summary. */
  usageSummaryId: string;
  /** The day, `YYYY-MM-DD` (required by Pax8). */
  usageDate: string;
  /** Only this product. */
  productId?: string;
}

/** `client.usage`: usage summaries of usage-based subscriptions and their daily lines. */
export interface Pax8UsageResource {
  /** Usage summaries: GET /v1/subscriptions/{subscriptionId}/usage-summaries and GET /v1/usage-summaries/{id}. */
  summaries: Pax8Listing<Pax8UsageSummary, Pax8UsageSummaryListParams> & {
    /** GET /v1/usage-summaries/{id}. */
    get(id: string): Promise<Pax8UsageSummary>;
  };
  /** Usage lines: GET /v1/usage-summaries/{usageSummaryId}/usage-lines. */
  lines: Pax8Listing<Pax8UsageLine, Pax8UsageLineListParams>;
}

/** Builds `client.usage`. @internal */
export function createUsageResource(ctx: ResourceContext): Pax8UsageResource {
  return {
    summaries: {
      ...createListing(ctx, {
        model: pax8UsageSummaryModel,
        url: (p: Pax8UsageSummaryListParams) => `${ctx.partnerUrl}/subscriptions/${segment(p.subscriptionId, 'subscriptionId')}/usage-summaries`,
        query: queryOf('sort', 'resourceGroup', 'companyId'),
      }),
      get: async (id) => callOne(ctx, pax8UsageSummaryModel, { method: 'GET', url: `${ctx.partnerUrl}/usage-summaries/${segment(id, 'id')}` }),
    },
    lines: createListing(ctx, {
      model: pax8UsageLineModel,
      url: (p: Pax8UsageLineListParams) => `${ctx.partnerUrl}/usage-summaries/${segment(p.usageSummaryId, 'usageSummaryId')}/usage-lines`,
      query: (p: Pax8UsageLineListParams) => {
        // Pax8 requires the day: without it the call would fail only at Pax8.
        if (p.usageDate === undefined) throw new Pax8InvalidArgumentError('usageDate is required: the day of the usage lines, YYYY-MM-DD', { field: 'usageDate' });
        return { usageDate: dayParam(p.usageDate, 'usageDate'), productId: p.productId };
      },
    }),
  };
}
