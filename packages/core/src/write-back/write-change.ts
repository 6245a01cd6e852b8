import { Pax8SyncConfigError } from '../errors/config-error';
import type { JsonObject } from '../storage/json';
import type { StoredWriteIntent, WriteIntentKind, WriteIntentTarget } from '../storage/outbox';
import type { WriteChange, WriteContact, WriteOrderLine } from './write-types';

/** An intent's kind, target and payload. @internal */
export interface IntentShape {
  kind: WriteIntentKind;
  target: WriteIntentTarget;
  payload: JsonObject;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const fail = (field: string, message: string): never => {
  throw new Pax8SyncConfigError(field, message);
};
const text = (value: unknown, field: string): string => (typeof value === 'string' && value.trim() !== '' ? value : fail(field, 'must be a non-empty string.'));
const seats = (value: unknown, field: string): number => (typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : fail(field, `must be a whole number of seats of at least 1, got ${String(value)}.`));

const CONTACT_TYPES = ['Admin', 'Billing', 'Technical'] as const;
const ORDERED_BY = ['Pax8 Partner', 'Customer', 'Pax8'] as const;

function contactTypes(value: unknown, at: string): NonNullable<WriteContact['types']> {
  if (!Array.isArray(value)) return fail(at, `must be a list of { type, primary } with type one of ${CONTACT_TYPES.join(', ')}.`);
  return value.map((t: unknown, j) => {
    const entry = (t ?? {}) as { type?: unknown; primary?: unknown };
    if (!CONTACT_TYPES.includes(entry.type as (typeof CONTACT_TYPES)[number])) fail(`${at}[${j}].type`, `must be one of ${CONTACT_TYPES.join(', ')}, got ${String(entry.type)}.`);
    return { type: entry.type as (typeof CONTACT_TYPES)[number], primary: entry.primary === true };
  });
}

function provisioning(value: unknown, at: string): JsonObject[] {
  if (!Array.isArray(value)) return fail(at, 'must be a list of { key, values } (values: a list of strings).');
  return value.map((d: unknown, j) => {
    const entry = (d ?? {}) as { key?: unknown; values?: unknown };
    const key = text(entry.key, `${at}[${j}].key`);
    if (!Array.isArray(entry.values) || entry.values.some((v) => typeof v !== 'string')) fail(`${at}[${j}].values`, 'must be a list of strings.');
    return { key, values: [...(entry.values as string[])] };
  });
}

function contacts(list: unknown): WriteContact[] {
  if (!Array.isArray(list) || list.length === 0) fail('change.contacts', 'must list at least one contact: Pax8 leaves a company without contacts inactive, and an inactive company blocks its re-creation.');
  const out = (list as WriteContact[]).map((c, k) => {
    const at = `change.contacts[${k}]`;
    if (typeof c !== 'object' || c === null) fail(at, 'must be a contact object.');
    const contact: WriteContact = { firstName: text(c.firstName, `${at}.firstName`), lastName: text(c.lastName, `${at}.lastName`), email: text(c.email, `${at}.email`), phone: text(c.phone, `${at}.phone`) };
    if (c.types !== undefined) contact.types = contactTypes(c.types, `${at}.types`);
    return contact;
  });
  if (out.every((c) => c.types === undefined)) {
    out[0]!.types = [
      { type: 'Admin', primary: true },
      { type: 'Billing', primary: true },
      { type: 'Technical', primary: true },
    ];
  }
  return out;
}

function orderLines(list: unknown): JsonObject[] {
  if (!Array.isArray(list) || list.length === 0) fail('change.lineItems', 'must list at least one order line.');
  return (list as WriteOrderLine[]).map((line, k) => {
    const at = `change.lineItems[${k}]`;
    if (typeof line !== 'object' || line === null) fail(at, 'must be an order line object.');
    const out: JsonObject = { lineItemNumber: k + 1, productId: text(line.productId, `${at}.productId`), quantity: seats(line.quantity, `${at}.quantity`), billingTerm: text(line.billingTerm, `${at}.billingTerm`) };
    if (line.commitmentTermId !== undefined) out.commitmentTermId = text(line.commitmentTermId, `${at}.commitmentTermId`);
    if (line.provisioningDetails !== undefined) out.provisioningDetails = provisioning(line.provisioningDetails, `${at}.provisioningDetails`);
    return out;
  });
}

/** Checks a change and turns it into an intent's kind, target and payload. @throws `Pax8SyncConfigError` naming the bad field. @internal */
export function shapeOf(change: WriteChange): IntentShape {
  if (typeof change !== 'object' || change === null) fail('change', 'must be an object with a kind (subscription.quantity, subscription.cancel, company.create, order.create).');
  switch (change.kind) {
    case 'subscription.quantity':
      return { kind: change.kind, target: { entity: 'subscriptions', id: text(change.subscriptionId, 'change.subscriptionId') }, payload: { quantity: seats(change.quantity, 'change.quantity') } };
    case 'subscription.cancel': {
      if (change.cancelDate !== undefined && (typeof change.cancelDate !== 'string' || !DATE.test(change.cancelDate) || Number.isNaN(Date.parse(change.cancelDate)))) {
        fail('change.cancelDate', `must be a date YYYY-MM-DD, got ${String(change.cancelDate)}.`);
      }
      return { kind: change.kind, target: { entity: 'subscriptions', id: text(change.subscriptionId, 'change.subscriptionId') }, payload: change.cancelDate ? { cancelDate: change.cancelDate } : {} };
    }
    case 'company.create': {
      const c = change.company;
      if (typeof c !== 'object' || c === null) fail('change.company', 'must hold name, address, phone and website.');
      const a = c.address;
      if (typeof a !== 'object' || a === null) fail('change.company.address', 'must hold street, city, postalCode and country.');
      const address: JsonObject = { street: text(a.street, 'change.company.address.street'), city: text(a.city, 'change.company.address.city'), postalCode: text(a.postalCode, 'change.company.address.postalCode') };
      if (typeof a.country !== 'string' || !/^[A-Z]{2}$/.test(a.country)) fail('change.company.address.country', `must be an ISO 3166-1 alpha-2 code such as US, got ${String(a.country)}.`);
      address.country = a.country;
      if (a.street2 !== undefined) address.street2 = text(a.street2, 'change.company.address.street2');
      if (a.stateOrProvince !== undefined) address.stateOrProvince = text(a.stateOrProvince, 'change.company.address.stateOrProvince');
      const company: JsonObject = { name: text(c.name, 'change.company.name').trim(), address, phone: text(c.phone, 'change.company.phone'), website: text(c.website, 'change.company.website') };
      if (c.externalId !== undefined) company.externalId = text(c.externalId, 'change.company.externalId');
      return { kind: change.kind, target: { entity: 'companies', id: text(change.psaCompanyId, 'change.psaCompanyId') }, payload: { company, contacts: contacts(change.contacts) as unknown as JsonObject[] } };
    }
    case 'order.create': {
      const payload: JsonObject = { lineItems: orderLines(change.lineItems) };
      if (change.orderedBy !== undefined) {
        if (!ORDERED_BY.includes(change.orderedBy)) fail('change.orderedBy', `must be one of ${ORDERED_BY.join(', ')}, got ${String(change.orderedBy)}.`);
        payload.orderedBy = change.orderedBy;
      }
      return { kind: change.kind, target: { entity: 'companies', id: text(change.companyId, 'change.companyId') }, payload };
    }
    default:
      return fail('change.kind', `must be subscription.quantity, subscription.cancel, company.create or order.create, got ${String((change as { kind?: unknown }).kind)}.`);
  }
}

/** Every payload field of every kind, as {@link shapeOf} writes them. @internal */
export interface IntentPayload {
  quantity: number;
  cancelDate?: string;
  company: Extract<WriteChange, { kind: 'company.create' }>['company'];
  contacts: WriteContact[];
  lineItems: (WriteOrderLine & { lineItemNumber: number })[];
  orderedBy?: Extract<WriteChange, { kind: 'order.create' }>['orderedBy'];
}

/** The intent's payload, typed. @internal */
export const payloadOf = (intent: Pick<StoredWriteIntent, 'payload'>): IntentPayload => intent.payload as unknown as IntentPayload;

/** The change an intent holds (the inverse of {@link shapeOf}). @internal */
export function changeOf(intent: Pick<StoredWriteIntent, 'kind' | 'target' | 'payload'>): WriteChange {
  const p = payloadOf(intent);
  switch (intent.kind) {
    case 'subscription.quantity':
      return { kind: intent.kind, subscriptionId: intent.target.id, quantity: p.quantity };
    case 'subscription.cancel':
      return { kind: intent.kind, subscriptionId: intent.target.id, ...(p.cancelDate ? { cancelDate: p.cancelDate } : {}) };
    case 'company.create':
      return { kind: intent.kind, psaCompanyId: intent.target.id, company: p.company, contacts: p.contacts };
    case 'order.create':
      return { kind: intent.kind, companyId: intent.target.id, lineItems: p.lineItems, ...(p.orderedBy ? { orderedBy: p.orderedBy } : {}) };
  }
}
