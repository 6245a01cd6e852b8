import { createListing, queryOf } from '../pagination/create-listing';
import type { Pax8Listing, Pax8PageParams } from '../pagination/types';
import {
  type Pax8Pricing,
  type Pax8Product,
  type Pax8ProductDependencies,
  type Pax8ProductDetail,
  type Pax8ProvisioningDetail,
  pax8PricingModel,
  pax8ProductDependenciesModel,
  pax8ProductDetailModel,
  pax8ProductModel,
  pax8ProvisioningDetailModel,
} from '../schemas/product';
import { callContent, callOne } from './call';
import { type ResourceContext, segment } from './context';

/** Filters of `products.list`. */
export interface Pax8ProductListParams extends Pax8PageParams {
  /** Sort expression, e.g. `name,asc`. */
  sort?: string;
  /** Free-text search. */
  search?: string;
  /** Vendor name, e.g. `Microsoft`. */
  vendorName?: string;
}

/** Options of `products.pricing`. */
export interface Pax8PricingOptions {
  /** Price for this company (its own pricing), instead of the partner's. */
  companyId?: string;
}

/** `client.products`: the Pax8 catalogue. */
export interface Pax8ProductsResource extends Pax8Listing<Pax8Product, Pax8ProductListParams> {
  /** GET /v1/products/{id}. */
  get(id: string): Promise<Pax8ProductDetail>;
  /** GET /v1/products/{id}/pricing (with `?companyId=` when given). */
  pricing(id: string, options?: Pax8PricingOptions): Promise<Pax8Pricing[]>;
  /** GET /v1/products/{id}/dependencies. */
  dependencies(id: string): Promise<Pax8ProductDependencies>;
  /** GET /v1/products/{id}/provision-details. */
  provisionDetails(id: string): Promise<Pax8ProvisioningDetail[]>;
}

/** Builds `client.products`. @internal */
export function createProductsResource(ctx: ResourceContext): Pax8ProductsResource {
  const base = `${ctx.partnerUrl}/products`;
  const one = (id: string) => `${base}/${segment(id, 'id')}`;
  return {
    ...createListing(ctx, {
      model: pax8ProductModel,
      url: () => base,
      query: queryOf<Pax8ProductListParams>('sort', 'search', 'vendorName'),
    }),
    get: async (id) => callOne(ctx, pax8ProductDetailModel, { method: 'GET', url: one(id) }),
    pricing: async (id, options) =>
      callContent(ctx, pax8PricingModel, { method: 'GET', url: `${one(id)}/pricing`, query: { companyId: options?.companyId } }),
    dependencies: async (id) => callOne(ctx, pax8ProductDependenciesModel, { method: 'GET', url: `${one(id)}/dependencies` }),
    provisionDetails: async (id) => callContent(ctx, pax8ProvisioningDetailModel, { method: 'GET', url: `${one(id)}/provision-details` }),
  };
}
