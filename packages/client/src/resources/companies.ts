import { createListing, queryOf } from '../pagination/create-listing';
import type { Pax8Listing, Pax8PageParams } from '../pagination/types';
import {
  type Pax8Company,
  type Pax8CompanyCreate,
  type Pax8CompanyStatus,
  type Pax8CompanyUpdate,
  pax8CompanyCreateModel,
  pax8CompanyModel,
  pax8CompanyUpdateModel,
} from '../schemas/company';
import { callOne } from './call';
import { type ResourceContext, segment } from './context';

/** Filters of `companies.list` (all optional). */
export interface Pax8CompanyListParams extends Pax8PageParams {
  /** Sort expression, e.g. `name,asc`. */
  sort?: string;
  /** City. */
  city?: string;
  /** ISO country code. */
  country?: string;
  /** State or province. */
  stateOrProvince?: string;
  /** Postal code. */
  postalCode?: string;
  /** Self-service allowed. */
  selfServiceAllowed?: boolean;
  /** Pax8 bills on the partner's behalf. */
  billOnBehalfOfEnabled?: boolean;
  /** Orders need approval. */
  orderApprovalRequired?: boolean;
  /** Company status. */
  status?: Pax8CompanyStatus;
}

/** `client.companies`: the partner's end customers. */
export interface Pax8CompaniesResource extends Pax8Listing<Pax8Company, Pax8CompanyListParams> {
  /** GET /v1/companies/{id}. */
  get(id: string): Promise<Pax8Company>;
  /** POST /v1/companies. Not retried after it may have reached Pax8. */
  create(body: Pax8CompanyCreate): Promise<Pax8Company>;
  /** PATCH /v1/companies/{id}. Not retried after it may have reached Pax8. */
  update(id: string, body: Pax8CompanyUpdate): Promise<Pax8Company>;
}

/** Builds `client.companies`. @internal */
export function createCompaniesResource(ctx: ResourceContext): Pax8CompaniesResource {
  const base = `${ctx.partnerUrl}/companies`;
  return {
    ...createListing(ctx, {
      model: pax8CompanyModel,
      url: () => base,
      query: queryOf<Pax8CompanyListParams>('sort', 'city', 'country', 'stateOrProvince', 'postalCode', 'selfServiceAllowed', 'billOnBehalfOfEnabled', 'orderApprovalRequired', 'status'),
    }),
    get: async (id) => callOne(ctx, pax8CompanyModel, { method: 'GET', url: `${base}/${segment(id, 'id')}` }),
    create: async (body) => callOne(ctx, pax8CompanyModel, { method: 'POST', url: base, body: ctx.validator.body(pax8CompanyCreateModel, body) }),
    update: async (id, body) =>
      callOne(ctx, pax8CompanyModel, {
        method: 'PATCH',
        url: `${base}/${segment(id, 'id')}`,
        body: ctx.validator.body(pax8CompanyUpdateModel, body),
      }),
  };
}
