import { asObject, booleanParam, enumParam, HttpFailure, notFound, paged, pageRequest, type Route, type ErrorDetail, sortBy, sortParam } from '../http';
import { PAX8_COMPANY_STATUSES, type Pax8SimAddress, type Pax8SimCompany, type Pax8SimContact } from '../records';
import type { World } from '../world';
import { validateContact } from './contacts';

const COUNTRY_NAMES: Record<string, string> = { US: 'united states', CA: 'canada', GB: 'united kingdom', AU: 'australia' };
const COMPANY_FLAGS = ['billOnBehalfOfEnabled', 'selfServiceAllowed', 'orderApprovalRequired'] as const;
const ADDRESS_FIELDS = ['street', 'street2', 'city', 'stateOrProvince', 'postalCode', 'country'] as const;

/** Validates the writable company fields; `required` for POST. */
export function validateCompany(body: Record<string, unknown>, required: boolean): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const check = (field: string, ok: boolean, what: string, mandatory = true): void => {
    if (body[field] === undefined) {
      if (required && mandatory) details.push({ type: field, message: `${field} is required` });
    } else if (!ok) details.push({ type: field, message: `${field} must be ${what}` });
  };
  check('name', typeof body.name === 'string' && body.name.trim() !== '', 'a non-empty string');
  check('phone', typeof body.phone === 'string', 'a string');
  check('website', typeof body.website === 'string', 'a string');
  check('externalId', typeof body.externalId === 'string', 'a string', false);
  for (const flag of COMPANY_FLAGS) check(flag, typeof body[flag] === 'boolean', 'true or false');
  const address = body.address;
  if (address === undefined) {
    if (required) details.push({ type: 'address', message: 'address is required' });
  } else if (typeof address !== 'object' || address === null || Array.isArray(address)) {
    details.push({ type: 'address', message: 'address must be an object' });
  } else {
    for (const field of ADDRESS_FIELDS) {
      const value = (address as Record<string, unknown>)[field];
      if (value !== undefined && typeof value !== 'string') details.push({ type: `address.${field}`, message: `address.${field} must be a string` });
    }
    const country = (address as Record<string, unknown>).country;
    if (typeof country === 'string' && !/^[A-Z]{2}$/.test(country)) {
      details.push({ type: 'address.country', message: `address.country must be an ISO 3166-1 alpha-2 code such as US, got '${country}'` });
    }
  }
  return details;
}

// The documents filter by `country=United States` but records carry `US`: accept both.
function matchesAddress(address: Pax8SimAddress, field: keyof Pax8SimAddress, wanted: string): boolean {
  const value = (address[field] ?? '').toLowerCase();
  const target = wanted.toLowerCase();
  return value === target || (field === 'country' && COUNTRY_NAMES[address.country ?? ''] === target);
}

function pickAddress(value: unknown): Pax8SimAddress {
  const source = value as Record<string, unknown>;
  const out: Pax8SimAddress = {};
  for (const field of ADDRESS_FIELDS) if (typeof source[field] === 'string') out[field] = source[field] as string;
  return out;
}

function locate(world: World, id: string): number {
  const index = world.companies.indexOf(id);
  if (index === undefined) throw notFound('Company', id);
  return index;
}

/** The company endpoints. */
export const companyRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/companies',
    family: 'partner',
    handle: ({ url, world }) => {
      const request = pageRequest(url);
      const sort = sortParam(url, ['name', 'city', 'country', 'stateOrProvince', 'postalCode']);
      const filters: [keyof Pax8SimAddress, string | null][] = ['city', 'country', 'stateOrProvince', 'postalCode'].map((f) => [f as keyof Pax8SimAddress, url.searchParams.get(f)]);
      const flags = COMPANY_FLAGS.map((f) => [f, booleanParam(url, f)] as const);
      const status = enumParam(url, 'status', PAX8_COMPANY_STATUSES);
      let list: Pax8SimCompany[] = [];
      for (const i of world.companies.positions()) {
        const c = world.companies.at(i);
        if (status !== undefined && c.status !== status) continue;
        if (filters.some(([f, v]) => v !== null && v !== '' && !matchesAddress(c.address, f, v))) continue;
        if (flags.some(([f, v]) => v !== undefined && c[f] !== v)) continue;
        list.push(c);
      }
      list = sortBy(list, sort, (c, field) => (field === 'name' ? c.name : c.address[field as keyof Pax8SimAddress]));
      return { status: 200, body: paged(list, request, (c) => c) };
    },
  },
  {
    method: 'POST',
    path: '/v1/companies',
    family: 'partner',
    handle: async ({ json, world }) => {
      const body = asObject(await json(), 'Company');
      const details = validateCompany(body, true);
      const contacts = body.contacts === undefined ? [] : Array.isArray(body.contacts) ? body.contacts : null;
      if (contacts === null) details.push({ type: 'contacts', message: 'contacts must be an array' });
      else
        contacts.forEach((c, k) => {
          details.push(...validateContact(c, `contacts[${k}].`));
        });
      if (details.length > 0) throw new HttpFailure(422, 'Company is invalid', details);
      const name = (body.name as string).trim().toLowerCase();
      // A company created without contacts stays Inactive, and Pax8 then refuses to create it again.
      for (const i of world.companies.positions()) {
        const c = world.companies.at(i);
        if (c.status === 'Inactive' && c.name.trim().toLowerCase() === name) throw new HttpFailure(422, 'Company already exists', [{ type: 'name', message: `A company named '${c.name}' already exists` }]);
      }
      const created = world.api.companies.add({
        name: body.name as string,
        address: pickAddress(body.address),
        phone: body.phone as string,
        website: body.website as string,
        billOnBehalfOfEnabled: body.billOnBehalfOfEnabled as boolean,
        selfServiceAllowed: body.selfServiceAllowed as boolean,
        orderApprovalRequired: body.orderApprovalRequired as boolean,
        status: contacts && contacts.length > 0 ? 'Active' : 'Inactive',
        ...(typeof body.externalId === 'string' ? { externalId: body.externalId } : {}),
      });
      const index = locate(world, created.id);
      const store = world.contactsAt(index);
      store.length = 0;
      for (const c of contacts ?? []) store.push(contactFrom(world, c as Record<string, unknown>));
      return { status: 200, body: created };
    },
  },
  {
    method: 'GET',
    path: '/v1/companies/{companyId}',
    family: 'partner',
    handle: ({ params, world }) => ({ status: 200, body: world.companies.at(locate(world, params.companyId as string)) }),
  },
  {
    method: 'PATCH',
    path: '/v1/companies/{companyId}',
    family: 'partner',
    handle: async ({ params, json, world }) => {
      const id = params.companyId as string;
      locate(world, id);
      const body = asObject(await json(), 'Company update');
      const details = validateCompany(body, false);
      if (details.length > 0) throw new HttpFailure(422, 'Company update is invalid', details);
      const patch: Partial<Pax8SimCompany> = {};
      for (const field of ['name', 'phone', 'website', 'externalId', ...COMPANY_FLAGS] as const) {
        if (body[field] !== undefined) (patch as Record<string, unknown>)[field] = body[field];
      }
      if (body.address !== undefined) patch.address = { ...world.companies.at(locate(world, id)).address, ...pickAddress(body.address) };
      return { status: 200, body: world.api.companies.update(id, patch) };
    },
  },
];

/** Builds a stored contact from a validated body. */
export function contactFrom(world: World, body: Record<string, unknown>): Pax8SimContact {
  const contact: Pax8SimContact = {
    id: world.freshId('contact'),
    firstName: body.firstName as string,
    lastName: body.lastName as string,
    email: body.email as string,
    phone: body.phone as string,
    createdDate: new Date(world.options.now()).toISOString().slice(0, 10),
  };
  if (Array.isArray(body.types)) contact.types = (body.types as { type: string; primary?: boolean }[]).map((t) => ({ type: t.type, primary: t.primary === true }));
  return contact;
}
