import { createListing } from '../pagination/create-listing';
import type { Pax8Listing, Pax8PageParams } from '../pagination/types';
import { type Pax8Contact, type Pax8ContactInput, pax8ContactInputModel, pax8ContactModel } from '../schemas/contact';
import { callOne, callVoid } from './call';
import { type ResourceContext, segment } from './context';

/** Params of `contacts.list`: the company is required. */
export interface Pax8ContactListParams extends Pax8PageParams {
  /** The company whose contacts to list. */
  companyId: string;
}

/** Which company a contact belongs to. */
export interface Pax8ContactScope {
  /** The company id. */
  companyId: string;
}

/** `client.contacts`: contacts of a company. */
export interface Pax8ContactsResource extends Pax8Listing<Pax8Contact, Pax8ContactListParams> {
  /** GET /v1/companies/{companyId}/contacts/{id}. */
  get(id: string, scope: Pax8ContactScope): Promise<Pax8Contact>;
  /** POST /v1/companies/{companyId}/contacts. */
  create(body: Pax8ContactInput, scope: Pax8ContactScope): Promise<Pax8Contact>;
  /** PUT /v1/companies/{companyId}/contacts/{id} (replaces the contact). */
  update(id: string, body: Pax8ContactInput, scope: Pax8ContactScope): Promise<Pax8Contact>;
  /** DELETE /v1/companies/{companyId}/contacts/{id}. */
  delete(id: string, scope: Pax8ContactScope): Promise<void>;
}

/** Builds `client.contacts`. @internal */
export function createContactsResource(ctx: ResourceContext): Pax8ContactsResource {
  const base = (scope: Pax8ContactScope | undefined) => `${ctx.partnerUrl}/companies/${segment(scope?.companyId, 'companyId')}/contacts`;
  return {
    ...createListing(ctx, { model: pax8ContactModel, url: (p: Pax8ContactListParams) => base(p) }),
    get: async (id, scope) => callOne(ctx, pax8ContactModel, { method: 'GET', url: `${base(scope)}/${segment(id, 'id')}` }),
    create: async (body, scope) =>
      callOne(ctx, pax8ContactModel, { method: 'POST', url: base(scope), body: ctx.validator.body(pax8ContactInputModel, body) }),
    update: async (id, body, scope) =>
      callOne(ctx, pax8ContactModel, {
        method: 'PUT',
        url: `${base(scope)}/${segment(id, 'id')}`,
        body: ctx.validator.body(pax8ContactInputModel, body),
      }),
    delete: async (id, scope) => callVoid(ctx, { method: 'DELETE', url: `${base(scope)}/${segment(id, 'id')}` }),
  };
}
