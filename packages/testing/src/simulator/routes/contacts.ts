import { asObject, type ErrorDetail, HttpFailure, notFound, paged, pageRequest, type Route } from '../http';
import type { Pax8SimContact } from '../records';
import type { World } from '../world';
import { contactFrom } from './companies';

const TYPES = ['Admin', 'Billing', 'Technical'];

/** Validates a contact body; `prefix` names nested fields (e.g. `contacts[0].`). */
export function validateContact(value: unknown, prefix = ''): ErrorDetail[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [{ type: prefix || 'contact', message: `${prefix || 'contact'} must be an object` }];
  const body = value as Record<string, unknown>;
  const details: ErrorDetail[] = [];
  for (const field of ['firstName', 'lastName', 'email', 'phone']) {
    const v = body[field];
    if (typeof v !== 'string' || v.trim() === '') details.push({ type: `${prefix}${field}`, message: `${prefix}${field} is required and must be a non-empty string` });
  }
  if (typeof body.email === 'string' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(body.email)) details.push({ type: `${prefix}email`, message: `${prefix}email must be an email address` });
  if (body.types !== undefined) {
    if (!Array.isArray(body.types)) details.push({ type: `${prefix}types`, message: `${prefix}types must be an array` });
    else
      body.types.forEach((t: unknown, k) => {
        const type = (t as { type?: unknown } | null)?.type;
        if (typeof type !== 'string' || !TYPES.includes(type)) details.push({ type: `${prefix}types[${k}].type`, message: `${prefix}types[${k}].type must be one of ${TYPES.join(', ')}` });
      });
  }
  return details;
}

function companyIndex(world: World, id: string): number {
  const index = world.companies.indexOf(id);
  if (index === undefined) throw notFound('Company', id);
  return index;
}

function contactAt(list: Pax8SimContact[], id: string): number {
  const k = list.findIndex((c) => c.id === id);
  if (k < 0) throw notFound('Contact', id);
  return k;
}

function activate(world: World, index: number): void {
  const company = world.companies.at(index);
  if (company.status === 'Inactive' && world.contactsAt(index).length > 0) world.api.companies.update(company.id, { status: 'Active' });
}

/** The company contact endpoints. */
export const contactRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/companies/{companyId}/contacts',
    family: 'partner',
    handle: ({ url, params, world }) => ({ status: 200, body: paged(world.contactsAt(companyIndex(world, params.companyId as string)), pageRequest(url), (c) => c) }),
  },
  {
    method: 'POST',
    path: '/v1/companies/{companyId}/contacts',
    family: 'partner',
    handle: async ({ params, json, world }) => {
      const index = companyIndex(world, params.companyId as string);
      const body = asObject(await json(), 'Contact');
      const details = validateContact(body);
      if (details.length > 0) throw new HttpFailure(422, 'Contact is invalid', details);
      const contact = contactFrom(world, body);
      world.contactsAt(index).push(contact);
      activate(world, index);
      return { status: 200, body: contact };
    },
  },
  {
    method: 'GET',
    path: '/v1/companies/{companyId}/contacts/{contactId}',
    family: 'partner',
    handle: ({ params, world }) => {
      const list = world.contactsAt(companyIndex(world, params.companyId as string));
      return { status: 200, body: list[contactAt(list, params.contactId as string)] };
    },
  },
  {
    method: 'PUT',
    path: '/v1/companies/{companyId}/contacts/{contactId}',
    family: 'partner',
    handle: async ({ params, json, world }) => {
      const list = world.contactsAt(companyIndex(world, params.companyId as string));
      const k = contactAt(list, params.contactId as string);
      const body = asObject(await json(), 'Contact');
      const details = validateContact(body);
      if (details.length > 0) throw new HttpFailure(422, 'Contact is invalid', details);
      const current = list[k] as Pax8SimContact;
      const next: Pax8SimContact = { ...contactFrom(world, body), id: current.id };
      if (current.createdDate) next.createdDate = current.createdDate;
      list[k] = next;
      return { status: 200, body: next };
    },
  },
  {
    method: 'DELETE',
    path: '/v1/companies/{companyId}/contacts/{contactId}',
    family: 'partner',
    handle: ({ params, world }) => {
      const list = world.contactsAt(companyIndex(world, params.companyId as string));
      list.splice(contactAt(list, params.contactId as string), 1);
      return { status: 204 };
    },
  },
];
