import { Pax8SyncConfigError } from '../errors/config-error';
import type { StoredConnectionAuth } from '../storage/authorizations';
import type { CompanyDefaults } from '../storage/connections';
import type { Pax8Environment } from '../storage/entity';
import { isStorableString } from '../storage/storable-text';
import type { ConnectionCredentials, ConnectionSettings } from './connection-settings';
import { validateAuthorizationCode } from './validate-auth-settings';
import { normalizeBaseUrl } from './normalize-base-url';

/** Settings after validation: defaults applied, Sandbox rules enforced. @internal */
export interface ValidSettings {
  name: string;
  environment: Pax8Environment;
  baseUrl: string;
  country: string;
  currency: string;
  companyDefaults: CompanyDefaults;
  /** What gets sealed: the partner's API credentials, or the application's. */
  credentials: ConnectionCredentials;
  /** How it authenticates (stored in clear, no secret). */
  auth: StoredConnectionAuth;
}

const text = (value: unknown, field: string, fix: string): string => {
  if (typeof value !== 'string' || value.trim() === '') throw new Pax8SyncConfigError(field, `is required: ${fix}`);
  storable(value, field);
  return value.trim();
};

/** Refuses a string storage cannot hold (U+0000, lone surrogates); never echoes the value (it may be a secret). */
function storable(value: string, field: string): void {
  if (!isStorableString(value)) {
    throw new Pax8SyncConfigError(field, 'must not contain U+0000 (NUL) or a lone surrogate (invalid Unicode): storage cannot hold them. Retype or paste the value again.');
  }
}

/** Validates connection settings; throws `Pax8SyncConfigError` naming the field. Never echoes the secret. @internal */
export function validateSettings(input: ConnectionSettings): ValidSettings {
  if (typeof input !== 'object' || input === null) throw new Pax8SyncConfigError('settings', 'must be an object with name, environment, clientId, clientSecret, country and currency.');
  const name = text(input.name, 'settings.name', 'give the connection a display name.');
  if (input.environment !== 'Production' && input.environment !== 'Sandbox') {
    throw new Pax8SyncConfigError('settings.environment', `must be "Production" or "Sandbox" (got ${JSON.stringify(input.environment)}).`);
  }
  if (typeof input.baseUrl === 'string') storable(input.baseUrl, 'settings.baseUrl');
  const baseUrl = normalizeBaseUrl(input.baseUrl, input.environment, 'settings.baseUrl');
  const { auth, credentials } = validateAuth(input);
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
  return { name, environment: input.environment, baseUrl, country, currency, companyDefaults, credentials, auth };
}

/** The auth kind and the credentials to seal. */
function validateAuth(input: ConnectionSettings): { auth: StoredConnectionAuth; credentials: ConnectionCredentials } {
  const kind = input.auth === undefined ? 'client-credentials' : typeof input.auth === 'object' && input.auth !== null ? input.auth.kind : undefined;
  if (kind === 'authorization-code') return validateAuthorizationCode(input);
  if (kind !== 'client-credentials') {
    throw new Pax8SyncConfigError('settings.auth.kind', `must be "client-credentials" (the partner's own API credentials) or "authorization-code" (the partner consents at Pax8's login), or leave auth out (got ${JSON.stringify(input.auth === null ? null : (input.auth as { kind?: unknown } | undefined)?.kind)}).`);
  }
  const clientId = text(input.clientId, 'settings.clientId', 'copy the client id of your Pax8 API credentials.');
  if (typeof input.clientSecret !== 'string' || input.clientSecret.trim() === '') {
    throw new Pax8SyncConfigError('settings.clientSecret', 'is required: copy the client secret of your Pax8 API credentials.');
  }
  storable(input.clientSecret, 'settings.clientSecret');
  return { auth: { kind: 'client-credentials' }, credentials: { clientId, clientSecret: input.clientSecret } };
}
