import { PAX8_OAUTH_DEFAULTS } from '@pax8-sync/client';
import { Pax8SyncConfigError } from '../errors/config-error';
import type { ClientAuthenticationMethod, StoredAuthorizationCodeAuth } from '../storage/authorizations';
import { isStorableString } from '../storage/storable-text';
import type { ConnectionCredentials, ConnectionSettings } from './connection-settings';

const loopback = (hostname: string): boolean => hostname === 'localhost' || /^127(?:\.\d{1,3}){3}$/.test(hostname) || hostname === '[::1]';
const methods: readonly ClientAuthenticationMethod[] = ['client_secret_post', 'client_secret_basic', 'none'];

function endpoint(value: unknown, field: string, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new Pax8SyncConfigError(field, `must be an absolute https:// URL, e.g. ${fallback} (or leave it out for that default).`);
  }
  const url = new URL(value);
  if (url.protocol === 'http:' && !loopback(url.hostname)) {
    throw new Pax8SyncConfigError(field, `must use https://: http:// would send codes and tokens in clear to ${url.hostname}. http:// is accepted only for a simulator on this machine (127.0.0.1, ::1 or localhost).`);
  }
  if (url.username || url.password || url.hash) throw new Pax8SyncConfigError(field, 'must not carry user:password or a #fragment.');
  return url.href;
}

function text(value: unknown, field: string, fix: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new Pax8SyncConfigError(field, `is required: ${fix}`);
  if (!isStorableString(value)) throw new Pax8SyncConfigError(field, 'must not contain U+0000 (NUL) or a lone surrogate (invalid Unicode): storage cannot hold them. Retype or paste the value again.');
  return value.trim();
}

function scopeList(value: unknown, field: string): string[] {
  if (value === undefined) return [PAX8_OAUTH_DEFAULTS.scope];
  if (!Array.isArray(value) || value.length === 0 || !value.every((s) => typeof s === 'string' && /^\S+$/.test(s) && isStorableString(s))) {
    throw new Pax8SyncConfigError(field, `must be a non-empty array of scopes without spaces, e.g. ["${PAX8_OAUTH_DEFAULTS.scope}"] (or leave it out for that default).`);
  }
  return [...new Set(value as string[])];
}

/**
 * Validates the settings of an `authorization-code` connection; returns what is stored in clear
 * (`auth`) and what is sealed (the application's client id and secret). Never echoes the secret.
 * @internal
 */
export function validateAuthorizationCode(input: ConnectionSettings): { auth: StoredAuthorizationCodeAuth; credentials: ConnectionCredentials } {
  const settings = input.auth as Record<string, unknown>;
  for (const key of ['clientId', 'clientSecret'] as const) {
    if (input[key] !== undefined) {
      throw new Pax8SyncConfigError(`settings.${key}`, `must be left out for an authorization-code connection: the application's ${key} goes in settings.auth.${key}, and the partner's own API credentials are never needed.`);
    }
  }
  const clientId = text(settings.clientId, 'settings.auth.clientId', "give your application's OAuth client id, as registered with Pax8.");
  let clientSecret: string | undefined;
  if (settings.clientSecret !== undefined) {
    if (typeof settings.clientSecret !== 'string' || settings.clientSecret.trim() === '') throw new Pax8SyncConfigError('settings.auth.clientSecret', "must be the application's client secret, or left out for a public client.");
    if (!isStorableString(settings.clientSecret)) throw new Pax8SyncConfigError('settings.auth.clientSecret', 'must not contain U+0000 (NUL) or a lone surrogate (invalid Unicode). Retype or paste the value again.');
    clientSecret = settings.clientSecret;
  }
  const method = settings.clientAuthentication ?? (clientSecret === undefined ? 'none' : 'client_secret_post');
  if (!methods.includes(method as ClientAuthenticationMethod)) throw new Pax8SyncConfigError('settings.auth.clientAuthentication', `must be one of ${methods.map((m) => `"${m}"`).join(', ')}, or left out.`);
  if (method !== 'none' && clientSecret === undefined) throw new Pax8SyncConfigError('settings.auth.clientSecret', `is required with clientAuthentication "${String(method)}": give the application's client secret.`);
  const authorizationEndpoint = endpoint(settings.authorizationEndpoint, 'settings.auth.authorizationEndpoint', PAX8_OAUTH_DEFAULTS.authorizationEndpoint);
  const offline = settings.offlineScope;
  if (offline !== undefined && offline !== false && (typeof offline !== 'string' || !/^\S+$/.test(offline))) {
    throw new Pax8SyncConfigError('settings.auth.offlineScope', `must be a scope without spaces (default "${PAX8_OAUTH_DEFAULTS.offlineScope}"), or false for no refresh token.`);
  }
  const audience = settings.audience === undefined ? PAX8_OAUTH_DEFAULTS.audience : text(settings.audience, 'settings.auth.audience', `give the audience (default ${PAX8_OAUTH_DEFAULTS.audience}).`);
  const auth: StoredAuthorizationCodeAuth = {
    kind: 'authorization-code',
    authorizationEndpoint,
    tokenEndpoint: endpoint(settings.tokenEndpoint, 'settings.auth.tokenEndpoint', PAX8_OAUTH_DEFAULTS.tokenEndpoint),
    audience,
    scopes: scopeList(settings.scopes, 'settings.auth.scopes'),
    offlineScope: offline === undefined ? PAX8_OAUTH_DEFAULTS.offlineScope : (offline as string | false),
    clientAuthentication: method as ClientAuthenticationMethod,
  };
  if (settings.issuer !== undefined) auth.issuer = text(settings.issuer, 'settings.auth.issuer', 'give the issuer, or leave it out.');
  return { auth, credentials: clientSecret === undefined ? { clientId } : { clientId, clientSecret } };
}
