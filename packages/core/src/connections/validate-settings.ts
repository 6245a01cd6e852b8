import { Pax8SyncConfigError } from '../errors/config-error';
import type { CompanyDefaults } from '../storage/connections';
import type { Pax8Environment } from '../storage/entity';
import type { ConnectionSettings } from './connection-settings';

/** Settings after validation: defaults applied, Sandbox rules enforced. @internal */
export interface ValidSettings {
  name: string;
  environment: Pax8Environment;
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  country: string;
  currency: string;
  companyDefaults: CompanyDefaults;
}

const text = (value: unknown, field: string, fix: string): string => {
  if (typeof value !== 'string' || value.trim() === '') throw new Pax8SyncConfigError(field, `is required: ${fix}`);
  return value.trim();
};

/** Validates connection settings; throws `Pax8SyncConfigError` naming the field. Never echoes the secret. @internal */
export function validateSettings(input: ConnectionSettings): ValidSettings {
  if (typeof input !== 'object' || input === null) throw new Pax8SyncConfigError('settings', 'must be an object with name, environment, clientId, clientSecret, country and currency.');
  const name = text(input.name, 'settings.name', 'give the connection a display name.');
  if (input.environment !== 'Production' && input.environment !== 'Sandbox') {
    throw new Pax8SyncConfigError('settings.environment', `must be "Production" or "Sandbox" (got ${JSON.stringify(input.environment)}).`);
  }
  const baseUrlText = input.baseUrl ?? 'https://api.pax8.com';
  let url: URL;
  try {
    url = new URL(baseUrlText);
  } catch {
    throw new Pax8SyncConfigError('settings.baseUrl', `must be an absolute http(s) URL such as https://api.pax8.com (got ${JSON.stringify(baseUrlText)}).`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Pax8SyncConfigError('settings.baseUrl', 'must use https:// (or http:// for a local simulator).');
  const clientId = text(input.clientId, 'settings.clientId', 'copy the client id of your Pax8 API credentials.');
  if (typeof input.clientSecret !== 'string' || input.clientSecret.trim() === '') {
    throw new Pax8SyncConfigError('settings.clientSecret', 'is required: copy the client secret of your Pax8 API credentials.');
  }
  const country = text(input.country, 'settings.country', 'use an ISO 3166-1 alpha-2 code such as "US".').toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) throw new Pax8SyncConfigError('settings.country', `must be a two-letter ISO 3166-1 code such as "US" (got ${JSON.stringify(input.country)}).`);
  const currency = text(input.currency, 'settings.currency', 'use an ISO 4217 code such as "USD".').toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw new Pax8SyncConfigError('settings.currency', `must be a three-letter ISO 4217 code such as "USD" (got ${JSON.stringify(input.currency)}).`);
  const defaults = input.companyDefaults ?? {};
  const flag = (key: keyof CompanyDefaults): boolean => {
    const value = defaults[key];
    if (value === undefined) return false;
    if (typeof value !== 'boolean') throw new Pax8SyncConfigError(`settings.companyDefaults.${key}`, `must be true or false (got ${JSON.stringify(value)}).`);
    return value;
  };
  // A Sandbox connection never creates anything in Pax8, so its company defaults are all forced false
  // (still type-checked, so a typo is reported either way).
  const sandbox = input.environment === 'Sandbox';
  const companyDefaults: CompanyDefaults = {
    selfServiceAllowed: flag('selfServiceAllowed') && !sandbox,
    billOnBehalfOfEnabled: flag('billOnBehalfOfEnabled') && !sandbox,
    orderApprovalRequired: flag('orderApprovalRequired') && !sandbox,
  };
  return { name, environment: input.environment, baseUrl: url.href.replace(/\/+$/, ''), clientId, clientSecret: input.clientSecret, country, currency, companyDefaults };
}
