import type { CompanyDefaults, ConnectionSettings, ConnectionView, Pax8Environment } from '@pax8-sync/core';

/** The Connect form's fields, as the browser posts them (all text; checkboxes as booleans). */
export interface ConnectionForm {
  /** Display name. */
  name: string;
  /** `Production` or `Sandbox` (anything else is reported by the SDK's validation). */
  environment: string;
  /** Pax8 API endpoint. */
  baseUrl: string;
  /** Pax8 client id; blank on an existing connection means "keep the stored one". */
  clientId: string;
  /** Pax8 client secret; blank on an existing connection means "keep the stored one". Never rendered back. */
  clientSecret: string;
  /** ISO 3166-1 alpha-2 country code. */
  country: string;
  /** ISO 4217 currency code. */
  currency: string;
  /** Defaults for companies created in Pax8 (ignored, and stored false, for Sandbox). */
  companyDefaults: CompanyDefaults;
}

/** The names of the three company-default checkboxes, in the order the form shows them. */
export const companyDefaultKeys: readonly (keyof CompanyDefaults)[] = ['selfServiceAllowed', 'billOnBehalfOfEnabled', 'orderApprovalRequired'];

/** Pax8's production endpoint, the form's default. */
export const defaultEndpoint = 'https://api.pax8.com';

const text = (body: Record<string, unknown>, key: string): string => {
  const value = body[key];
  return typeof value === 'string' ? value : '';
};

/**
 * Reads a posted Connect form. For Sandbox the three company defaults are forced off here as well
 * as by the engine: a browser may send them even when the form disables them.
 */
export function parseConnectionForm(body: Record<string, unknown>): ConnectionForm {
  const environment = text(body, 'environment');
  const sandbox = environment === 'Sandbox';
  const flag = (key: keyof CompanyDefaults): boolean => !sandbox && body[key] === 'on';
  return {
    name: text(body, 'name'),
    environment,
    baseUrl: text(body, 'baseUrl').trim() || defaultEndpoint,
    clientId: text(body, 'clientId'),
    clientSecret: text(body, 'clientSecret'),
    country: text(body, 'country'),
    currency: text(body, 'currency'),
    companyDefaults: { selfServiceAllowed: flag('selfServiceAllowed'), billOnBehalfOfEnabled: flag('billOnBehalfOfEnabled'), orderApprovalRequired: flag('orderApprovalRequired') },
  };
}

/** The form of a new connection: Production, Pax8's endpoint, everything else empty and off. */
export function emptyConnectionForm(): ConnectionForm {
  return {
    name: '',
    environment: 'Production',
    baseUrl: defaultEndpoint,
    clientId: '',
    clientSecret: '',
    country: '',
    currency: '',
    companyDefaults: { selfServiceAllowed: false, billOnBehalfOfEnabled: false, orderApprovalRequired: false },
  };
}

/** The form of a stored connection; the credentials stay blank (the engine never gives them back). */
export function formOfConnection(connection: ConnectionView): ConnectionForm {
  const { name, environment, baseUrl, country, currency, companyDefaults } = connection;
  return { name, environment, baseUrl, clientId: '', clientSecret: '', country, currency, companyDefaults: { ...companyDefaults } };
}

/**
 * The settings to hand the engine. `environment` is passed as typed, even when it is neither
 * Production nor Sandbox, so the SDK's validation names it. Blank credentials become `undefined`
 * (kept as stored by `updateConnection`; reported as missing by `createConnection`).
 */
export function settingsOfForm(form: ConnectionForm): Partial<ConnectionSettings> {
  const orUndefined = (value: string) => (value.trim() === '' ? undefined : value);
  return {
    name: form.name,
    environment: form.environment as Pax8Environment,
    baseUrl: form.baseUrl,
    clientId: orUndefined(form.clientId),
    clientSecret: orUndefined(form.clientSecret),
    country: form.country,
    currency: form.currency,
    companyDefaults: form.companyDefaults,
  };
}
